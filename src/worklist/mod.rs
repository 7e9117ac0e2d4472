//! A worklist: a list of leads a salesperson works through one after another, below any screen.
//! `file` reads the list (lines or CSV), `model` holds each lead's state and the position and turns
//! every change into a [`ProgressEvent`], `store` keeps those events per list in the data directory
//! so that a list is resumed where it was left, `summary` counts what was done, and `write` writes
//! a list of uids (for `genius import … --worklist OUT`).
//!
//! Progress is filed by what a lead names (its uid, email or phone digits, and which repeat of it
//! it is), not by its line: when the file is edited between two sessions, a lead keeps its state
//! wherever it moved, new leads start to do, and leads removed from the file are forgotten.

pub mod events;
pub mod file;
pub mod model;
pub mod store;
pub mod summary;
pub mod write;

use serde::{Deserialize, Serialize};

use crate::api::Identifier;

pub use events::ProgressEvent;
pub use file::{FileShape, Lead, LeadTarget, WorklistFile, WorklistFileError};
pub use model::{LeadProgress, LeadState, StageMove, WorkAction, Worklist, WorklistError};
pub use store::{ProgressStore, ResumeReport, StoreError};
pub use summary::{LeadSummary, WorklistSummary};
pub use write::{WrittenWorklist, write_uid_worklist};

/// How a lead's progress is filed: what it names, and which repeat of that it is in the file
/// (0 for the first). A line naming nothing is filed by its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LeadKey {
    pub identity: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub occurrence: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl LeadKey {
    /// The key of a lead's first occurrence: `uid:ABC12345`, `email:ana@x.io` (lower case),
    /// `phone:5511987716038` (digits), or `line:TEXT` for a line naming nothing.
    pub fn for_target(target: &LeadTarget, raw: &str) -> LeadKey {
        let identity = match target {
            LeadTarget::Contact(Identifier::Uid(uid)) => format!("uid:{}", uid.to_uppercase()),
            LeadTarget::Contact(Identifier::Email(email)) => {
                format!("email:{}", email.to_lowercase())
            }
            LeadTarget::Contact(Identifier::Phone(phone)) => {
                let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
                format!("phone:{digits}")
            }
            LeadTarget::NotRecognised(_) => format!("line:{raw}"),
        };
        LeadKey {
            identity,
            occurrence: 0,
        }
    }
}
