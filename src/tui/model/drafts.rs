//! Drafts that survive a crash: the text of a note and the fields of an edit or create form, kept
//! in `data_dir()/drafts/` (one JSON file each, mode 0600, written atomically) while they are
//! typed, and offered back on the next start. A draft is keyed by the profile, the contact (its
//! uid, or "new" for the create form) and its kind. Components produce [`DraftContent`]; the app
//! asks the effects layer to write it, so `update` stays pure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::paths;

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
    fn file_name(&self) -> String {
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

/// Why a draft could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("could not write the draft {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not read the draft {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the draft {} is damaged and was left as it is: {message}", .path.display())]
    Damaged { path: PathBuf, message: String },
}

/// The drafts directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStore {
    dir: PathBuf,
}

impl DraftStore {
    /// Drafts in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> DraftStore {
        DraftStore { dir: dir.into() }
    }

    /// Drafts in the data directory (`GENIUS_DATA_DIR` or the platform's), under `drafts/`.
    pub fn in_data_dir() -> DraftStore {
        DraftStore::new(paths::data_dir().join("drafts"))
    }

    /// The directory the drafts live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, key: &DraftKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// Writes a draft (atomically, mode 0600); an empty draft removes the file instead.
    pub fn save(&self, draft: &Draft) -> Result<(), DraftError> {
        if draft.content.is_empty() {
            return self.discard(&draft.key);
        }
        let path = self.path_of(&draft.key);
        let json = serde_json::to_vec_pretty(draft).map_err(|e| DraftError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        paths::write_private_file(&path, &json).map_err(|source| DraftError::Write { path, source })
    }

    /// The draft for `key`, if one is kept.
    pub fn load(&self, key: &DraftKey) -> Result<Option<Draft>, DraftError> {
        let path = self.path_of(key);
        match std::fs::read(&path) {
            Ok(bytes) => decode(&path, &bytes).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(DraftError::Read { path, source }),
        }
    }

    /// Forgets the draft for `key` (after it was saved to the server, or discarded by the person).
    pub fn discard(&self, key: &DraftKey) -> Result<(), DraftError> {
        let path = self.path_of(key);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(DraftError::Write { path, source }),
        }
    }

    /// Every readable draft of `profile`, newest first. Damaged files are skipped (and kept on
    /// disk, so nothing is lost); they are reported in the second list.
    pub fn list(&self, profile: Option<&str>) -> (Vec<Draft>, Vec<DraftError>) {
        let mut drafts = Vec::new();
        let mut problems = Vec::new();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (drafts, problems),
            Err(source) => {
                problems.push(DraftError::Read {
                    path: self.dir.clone(),
                    source,
                });
                return (drafts, problems);
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_draft = path.extension().is_some_and(|e| e == "json")
                && !entry.file_name().to_string_lossy().starts_with('.');
            if !is_draft {
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => match decode(&path, &bytes) {
                    Ok(draft) if draft.key.profile.as_deref() == profile => drafts.push(draft),
                    Ok(_) => {}
                    Err(problem) => problems.push(problem),
                },
                Err(source) => problems.push(DraftError::Read { path, source }),
            }
        }
        drafts.sort_by_key(|draft| std::cmp::Reverse(draft.saved_at));
        (drafts, problems)
    }

    /// The drafts of one contact (note and edit), for offering back when it is opened.
    pub fn for_contact(&self, profile: Option<&str>, uid: &str) -> Vec<Draft> {
        [DraftKey::note(profile, uid), DraftKey::edit(profile, uid)]
            .iter()
            .filter_map(|key| self.load(key).ok().flatten())
            .collect()
    }
}

fn decode(path: &Path, bytes: &[u8]) -> Result<Draft, DraftError> {
    serde_json::from_slice(bytes).map_err(|e| DraftError::Damaged {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}
