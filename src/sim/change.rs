//! A change to one account, as data: what a write request does once it has been validated, and
//! exactly what the `--state` journal records. Live requests and a restart's replay both go
//! through [`AccountBook::apply`](super::book::AccountBook::apply), so the two cannot drift apart.
//!
//! A change says what changed and nothing more — a note added is the note, not the contact it
//! joins — so the journal grows with the changes made, never with the size of the account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::demo::ContactRecord;

/// One change to an account's contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Change {
    /// A new contact (POST /api/contact), added after all others; its tags join the account's.
    #[serde(rename_all = "camelCase")]
    Create { contact: Box<ContactRecord> },
    /// Fields set (an update or one of the stage / quality / owner actions) and tags added (an
    /// update or the tag action); `lastUpdate` moves to `at`. Tags new to the account join it.
    #[serde(rename_all = "camelCase")]
    Update {
        uid: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        set: Vec<(ContactField, Option<String>)>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        add_tags: Vec<String>,
        at: DateTime<Utc>,
    },
    /// A note appended, stamped `stamp` (the minute); `lastUpdate` moves to `at`.
    #[serde(rename_all = "camelCase")]
    AddNote {
        uid: String,
        stamp: DateTime<Utc>,
        text: String,
        at: DateTime<Utc>,
    },
    /// The contact removed.
    #[serde(rename_all = "camelCase")]
    Delete { uid: String },
}

/// The text fields of a stored contact that a change can set (`None` clears one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContactField {
    FirstName,
    LastName,
    Email,
    Phone,
    BusinessName,
    Birthday,
    Address,
    City,
    State,
    Zipcode,
    TimeZone,
    Value,
    StageName,
    QualityName,
    OwnerEmail,
    Snapshot,
}

impl ContactField {
    /// The field's slot in a contact.
    pub fn slot(self, contact: &mut ContactRecord) -> &mut Option<String> {
        match self {
            ContactField::FirstName => &mut contact.first_name,
            ContactField::LastName => &mut contact.last_name,
            ContactField::Email => &mut contact.email,
            ContactField::Phone => &mut contact.phone,
            ContactField::BusinessName => &mut contact.business_name,
            ContactField::Birthday => &mut contact.birthday,
            ContactField::Address => &mut contact.address,
            ContactField::City => &mut contact.city,
            ContactField::State => &mut contact.state,
            ContactField::Zipcode => &mut contact.zipcode,
            ContactField::TimeZone => &mut contact.time_zone,
            ContactField::Value => &mut contact.value,
            ContactField::StageName => &mut contact.stage_name,
            ContactField::QualityName => &mut contact.quality_name,
            ContactField::OwnerEmail => &mut contact.owner_email,
            ContactField::Snapshot => &mut contact.snapshot,
        }
    }

    /// The field's current value in a contact.
    pub fn get(self, contact: &ContactRecord) -> Option<&str> {
        let value = match self {
            ContactField::FirstName => &contact.first_name,
            ContactField::LastName => &contact.last_name,
            ContactField::Email => &contact.email,
            ContactField::Phone => &contact.phone,
            ContactField::BusinessName => &contact.business_name,
            ContactField::Birthday => &contact.birthday,
            ContactField::Address => &contact.address,
            ContactField::City => &contact.city,
            ContactField::State => &contact.state,
            ContactField::Zipcode => &contact.zipcode,
            ContactField::TimeZone => &contact.time_zone,
            ContactField::Value => &contact.value,
            ContactField::StageName => &contact.stage_name,
            ContactField::QualityName => &contact.quality_name,
            ContactField::OwnerEmail => &contact.owner_email,
            ContactField::Snapshot => &contact.snapshot,
        };
        value.as_deref()
    }
}

impl Change {
    /// The uid of the contact the change is about.
    pub fn uid(&self) -> &str {
        match self {
            Change::Create { contact } => &contact.uid,
            Change::Update { uid, .. } | Change::AddNote { uid, .. } | Change::Delete { uid } => {
                uid
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_back_as_written() {
        let at: DateTime<Utc> = "2025-03-04T05:06:07Z".parse().unwrap();
        let changes = [
            Change::Update {
                uid: "ABC12345".into(),
                set: vec![
                    (ContactField::City, Some("Recife".into())),
                    (ContactField::Address, None),
                ],
                add_tags: vec!["VIP".into()],
                at,
            },
            Change::AddNote {
                uid: "ABC12345".into(),
                stamp: at,
                text: "line\nbreak \u{1b}[2J".into(),
                at,
            },
            Change::Delete {
                uid: "ABC12345".into(),
            },
        ];
        for change in changes {
            let line = serde_json::to_string(&change).unwrap();
            assert!(!line.contains('\n'), "one line per change: {line}");
            assert_eq!(serde_json::from_str::<Change>(&line).unwrap(), change);
        }
    }
}
