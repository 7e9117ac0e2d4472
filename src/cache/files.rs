//! Where one profile's cache lives on disk and the one writer every byte of it goes through.
//! `DIR/contacts/UID.json` holds one contact each, `DIR/index.log` the searchable summaries, and
//! `DIR.json` is the single file older versions kept (converted once, then removed). The writer
//! counts what it writes, so tests and benchmarks can hold the cache to "writes what changed".

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file-name form of outside text (a profile name, a uid): ASCII letters, digits, `-` and `_`
/// stay, every other byte becomes `%XX`, so two names never share a file and none escapes its
/// folder.
pub fn escape_file_name(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            name.push(char::from(byte));
        } else {
            name.push_str(&format!("%{byte:02X}"));
        }
    }
    name
}

/// The paths of one profile's cache.
#[derive(Debug, Clone)]
pub struct StoreLayout {
    dir: PathBuf,
}

impl StoreLayout {
    pub fn new(dir: PathBuf) -> Self {
        StoreLayout { dir }
    }

    /// The cache's own folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder of the per-contact files.
    pub fn contacts_dir(&self) -> PathBuf {
        self.dir.join("contacts")
    }

    /// The file of the contact `uid`.
    pub fn contact_path(&self, uid: &str) -> PathBuf {
        self.contacts_dir()
            .join(format!("{}.json", escape_file_name(uid)))
    }

    /// The index of summaries.
    pub fn index_path(&self) -> PathBuf {
        self.dir.join("index.log")
    }

    /// The single file older versions kept for this profile: the folder's name plus `.json`.
    pub fn legacy_path(&self) -> PathBuf {
        let mut name = self.dir.as_os_str().to_owned();
        name.push(".json");
        PathBuf::from(name)
    }
}

/// Every write of the cache goes through here: files replaced whole (a temporary file renamed
/// over the old one, mode 0600) and lines appended to the index. It counts the bytes.
#[derive(Debug, Default)]
pub struct StoreWriter {
    written: AtomicU64,
}

/// The prefix of temporary files; a crash can leave one behind, and compaction removes it.
pub const TEMPORARY_PREFIX: &str = ".tmp-";

impl StoreWriter {
    /// Bytes written so far, through every handle on this store.
    pub fn bytes_written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// Replaces `path` with `contents` at once: a reader sees the old file or the new one, never
    /// a mix. No fsync: a cache file lost to a power cut reads as damaged, which is as absent, and
    /// syncing on every lookup is the cost this store exists to avoid.
    pub fn replace(&self, path: &Path, contents: &[u8]) -> std::io::Result<()> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::paths::create_private_dir(parent)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o600));
        }
        let mut temporary = builder.tempfile_in(parent)?;
        temporary.write_all(contents)?;
        temporary.persist(path).map_err(|e| e.error)?;
        self.count(contents.len());
        Ok(())
    }

    /// Appends `line` (which ends in a newline) to `path` in one write, creating it 0600 when
    /// absent. Appends from two processes land whole, one after the other.
    pub fn append(&self, path: &Path, line: &[u8]) -> std::io::Result<()> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::create_private_dir(parent)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path)?;
        file.write_all(line)?;
        self.count(line.len());
        Ok(())
    }

    fn count(&self, bytes: usize) {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.written.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Removes a file; false when it was not there.
pub fn remove_if_present(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_byte_by_byte() {
        assert_eq!(escape_file_name("a b"), "a%20b");
        assert_eq!(escape_file_name("../x"), "%2E%2E%2Fx");
        assert_eq!(escape_file_name("é"), "%C3%A9");
        assert_eq!(escape_file_name("AB-c_9"), "AB-c_9");
    }

    #[test]
    fn the_legacy_file_sits_beside_the_folder() {
        let layout = StoreLayout::new(PathBuf::from("/d/cache/prod"));
        assert_eq!(layout.legacy_path(), PathBuf::from("/d/cache/prod.json"));
        assert_eq!(
            layout.contact_path("AB/1"),
            PathBuf::from("/d/cache/prod/contacts/AB%2F1.json")
        );
    }
}
