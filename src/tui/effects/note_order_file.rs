//! The note order file: which profiles read notes oldest first (`O`), as a JSON list of profile
//! names in the data directory, written privately (mode 0600) when the choice changes. Reading
//! never fails the TUI: a missing or unreadable file means newest first everywhere.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The file in `data_dir`.
pub fn note_order_path(data_dir: &Path) -> PathBuf {
    data_dir.join("note-order.json")
}

/// The profiles that read oldest first; none when the file is missing or unreadable.
pub fn load_note_order(path: &Path) -> BTreeSet<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return BTreeSet::new();
    };
    serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        tracing::warn!(path = %path.display(), %error, "ignoring an unreadable note order file");
        BTreeSet::new()
    })
}

/// Writes the list atomically with mode 0600.
pub fn save_note_order(oldest_first: &[String], path: &Path) -> std::io::Result<()> {
    let json = serde_json::to_vec(oldest_first).map_err(std::io::Error::other)?;
    crate::paths::write_private_file(path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_round_trips_privately_and_a_bad_file_is_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = note_order_path(dir.path());
        assert!(load_note_order(&path).is_empty());
        save_note_order(&["work".to_string()], &path).unwrap();
        assert_eq!(load_note_order(&path), BTreeSet::from(["work".to_string()]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&path, b"{not json").unwrap();
        assert!(load_note_order(&path).is_empty());
    }
}
