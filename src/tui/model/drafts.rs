//! Drafts that survive a crash, as data: the text of a note and the fields of an edit or create
//! form, keyed by the profile, the contact (its uid, or "new" for the create form) and its kind,
//! and the app's mirror of the drafts kept on disk ([`KeptDrafts`]). Components produce
//! [`DraftContent`]; the effects runner writes it (`effects::drafts_store`), so `update` stays pure.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a draft is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DraftKind {
    /// A note being written.
    Note,
    /// The edit form of a contact.
    Edit,
    /// The create form.
    Create,
}

impl DraftKind {
    fn as_str(self) -> &'static str {
        match self {
            DraftKind::Note => "note",
            DraftKind::Edit => "edit",
            DraftKind::Create => "create",
        }
    }
}

/// Which contact a draft belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DraftSubject {
    /// An existing contact, by uid.
    Contact(String),
    /// A contact not created yet.
    New,
}

/// The identity of a draft: one per (profile, contact, kind).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DraftKey {
    /// The account profile, when one is in use.
    pub profile: Option<String>,
    pub subject: DraftSubject,
    pub kind: DraftKind,
}

impl DraftKey {
    /// The note draft of a contact.
    pub fn note(profile: Option<&str>, uid: &str) -> DraftKey {
        DraftKey::of(
            profile,
            DraftSubject::Contact(uid.to_string()),
            DraftKind::Note,
        )
    }

    /// The edit-form draft of a contact.
    pub fn edit(profile: Option<&str>, uid: &str) -> DraftKey {
        DraftKey::of(
            profile,
            DraftSubject::Contact(uid.to_string()),
            DraftKind::Edit,
        )
    }

    /// The create-form draft.
    pub fn create(profile: Option<&str>) -> DraftKey {
        DraftKey::of(profile, DraftSubject::New, DraftKind::Create)
    }

    fn of(profile: Option<&str>, subject: DraftSubject, kind: DraftKind) -> DraftKey {
        DraftKey {
            profile: profile.map(str::to_string),
            subject,
            kind,
        }
    }

    /// The uid of the contact, when the draft is of an existing one.
    pub fn uid(&self) -> Option<&str> {
        match &self.subject {
            DraftSubject::Contact(uid) => Some(uid),
            DraftSubject::New => None,
        }
    }

    /// The file name: every part escaped so no profile or uid can leave the drafts directory.
    pub fn file_name(&self) -> String {
        let profile = self.profile.as_deref().map_or("_".to_string(), escape);
        let subject = match &self.subject {
            DraftSubject::Contact(uid) => format!("c-{}", escape(uid)),
            DraftSubject::New => "new".to_string(),
        };
        format!("{profile}~{subject}~{}.json", self.kind.as_str())
    }
}

fn escape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'@' | b'+') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum DraftContent {
    /// The text of a note.
    Note { text: String },
    /// Form fields by API name (`firstName`, `email`…): only those the person changed.
    Form { fields: BTreeMap<String, String> },
}

impl DraftContent {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        match self {
            DraftContent::Note { text } => text.trim().is_empty(),
            DraftContent::Form { fields } => fields.is_empty(),
        }
    }
}

/// A kept draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub key: DraftKey,
    pub content: DraftContent,
    /// The contact's name when the draft was written, to say whose draft it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// When it was last written (the app's clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<DateTime<Utc>>,
    /// The note was sent but its answer never came (genius quit, or stopped waiting): the server
    /// may have saved it. Reopened, it says "check the notes first", and sending it again asks.
    /// Absent from drafts written before this existed, which read as `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub may_have_been_saved: bool,
}

/// The drafts on disk, mirrored in the app (newest first) so `update` can offer and restore them
/// without IO, and the profile they are kept under. The effects runner writes every change through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptDrafts {
    /// The profile drafts are kept under (the demo keeps its own).
    pub profile: Option<String>,
    /// Newest first.
    pub list: Vec<Draft>,
}

impl KeptDrafts {
    /// The kept draft for `key`, if any.
    pub fn get(&self, key: &DraftKey) -> Option<&Draft> {
        self.list.iter().find(|draft| &draft.key == key)
    }

    /// Keeps `draft` (replacing the one of its key); an empty draft is forgotten instead. Returns
    /// whether it is kept.
    pub fn keep(&mut self, draft: Draft) -> bool {
        self.list.retain(|kept| kept.key != draft.key);
        if draft.content.is_empty() {
            return false;
        }
        self.list.insert(0, draft);
        true
    }

    /// Forgets the draft of `key`.
    pub fn forget(&mut self, key: &DraftKey) {
        self.list.retain(|kept| &kept.key != key);
    }

    /// The draft keys of a contact (its note and its edit), for forgetting it when it is deleted.
    pub fn of_contact(&self, uid: &str) -> Vec<DraftKey> {
        self.list
            .iter()
            .filter(|draft| draft.key.uid() == Some(uid) && draft.key.kind != DraftKind::Create)
            .map(|draft| draft.key.clone())
            .collect()
    }
}
