//! The drafts directory: one JSON file per draft in `data_dir()/drafts/` (mode 0600, written
//! atomically), read back on the next start. Damaged files are left on disk and reported.

use std::path::{Path, PathBuf};

use crate::paths;
use crate::tui::model::drafts::{Draft, DraftKey};

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
