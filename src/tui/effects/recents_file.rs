//! The recent-contacts file: read at start and when a profile is switched to, written (mode 0600,
//! atomically, compact) when it changes, by the disk writer. Reading never fails the TUI: a missing,
//! unreadable or malformed file is an empty list. Entries are kept as they were written — a name
//! with a control character in it is made safe where it is drawn, like everything else.

use std::path::Path;

use crate::tui::model::recents::{MAX_RECENTS, RecentList};

/// Reads the list at `path`; a missing, unreadable or malformed file gives an empty list.
pub fn load_recents(path: &Path) -> RecentList {
    let Ok(bytes) = std::fs::read(path) else {
        return RecentList::default();
    };
    match serde_json::from_slice::<RecentList>(&bytes) {
        Ok(mut list) => {
            list.entries.truncate(MAX_RECENTS);
            list
        }
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "ignoring an unreadable recents file");
            RecentList::default()
        }
    }
}

/// Writes the list atomically with mode 0600.
pub fn save_recents(list: &RecentList, path: &Path) -> std::io::Result<()> {
    let json = serde_json::to_vec(list).map_err(std::io::Error::other)?;
    crate::paths::write_private_file(path, &json)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use crate::tui::model::recents::{RecentContact, recents_path};

    fn entry(uid: &str, name: &str) -> RecentContact {
        RecentContact {
            uid: uid.into(),
            name: name.into(),
            business: Some("Acme Corp".into()),
            email: Some(format!("{}@example.com", name.to_lowercase())),
            phone: None,
            stage: None,
            owner: None,
            viewed_at: chrono::DateTime::<chrono::Utc>::default(),
        }
    }

    #[test]
    fn file_round_trips_privately_verbatim_and_bad_files_are_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = recents_path(dir.path(), Some("work/prod"));
        assert!(path.ends_with("recents-work_prod.json"));
        let mut list = RecentList::default();
        list.record(entry("AAAA1111", "Ana\u{1b}[2J"));
        save_recents(&list, &path).unwrap();
        let loaded = load_recents(&path);
        // Kept as written: the start screen draws it safe (tests/screens: hostile recents).
        assert_eq!(loaded.entries[0].name, "Ana\u{1b}[2J");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"{not json").unwrap();
        assert!(load_recents(&path).entries.is_empty());
        assert_eq!(
            recents_path(dir.path(), None),
            dir.path().join("recents.json")
        );
    }
}
