//! Where one profile's cache lives on disk and the one writer every byte of it goes through.
//! `DIR/contacts.log` is the append-only log of contacts, `DIR/contacts.idx` a checkpoint of its
//! index, `DIR/lock` what writers take turns on. Two older layouts are converted once, then
//! removed: a file per contact (`DIR/contacts/UID.json` with `DIR/index.log`) and, before it,
//! one file for every contact (`DIR.json`). The writer counts what it writes, so tests and
//! benchmarks can hold the cache to "writes what changed".

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

    /// The append-only log of contacts.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("contacts.log")
    }

    /// The checkpoint of the index: every summary and where its record is, up to some offset.
    pub fn checkpoint_path(&self) -> PathBuf {
        self.dir.join("contacts.idx")
    }

    /// The file writers lock while they append or compact.
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join("lock")
    }

    /// The folder of the previous layout's per-contact files.
    pub fn old_contacts_dir(&self) -> PathBuf {
        self.dir.join("contacts")
    }

    /// The previous layout's index of summaries.
    pub fn old_index_path(&self) -> PathBuf {
        self.dir.join("index.log")
    }

    /// True when a cache of an older layout is there to convert.
    pub fn has_old_layout(&self) -> bool {
        self.old_contacts_dir().exists()
            || self.old_index_path().exists()
            || self.legacy_path().exists()
    }

    /// The single file older versions kept for this profile: the folder's name plus `.json`.
    pub fn legacy_path(&self) -> PathBuf {
        let mut name = self.dir.as_os_str().to_owned();
        name.push(".json");
        PathBuf::from(name)
    }
}

/// Every write of the cache goes through here: files replaced whole (a temporary file renamed
/// over the old one, mode 0600) and records appended to the log. It counts the bytes.
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
        self.replace_with(path, |file| file.write_all(contents))
            .map(drop)
    }

    /// Replaces `path` at once with what `write` writes (buffered): for a file too big to build
    /// in memory first, such as a compacted log. Returns the bytes written.
    pub fn replace_with(
        &self,
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<u64> {
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
        let temporary = builder.tempfile_in(parent)?;
        let mut counted = CountingWriter {
            inner: std::io::BufWriter::new(temporary),
            written: 0,
        };
        write(&mut counted)?;
        let written = counted.written;
        let temporary = counted.inner.into_inner().map_err(|e| e.into_error())?;
        temporary.persist(path).map_err(|e| e.error)?;
        self.count(written);
        Ok(u64::try_from(written).unwrap_or(u64::MAX))
    }

    /// Appends `record` to an open log in one write (the caller holds the writers' lock).
    pub fn append(&self, log: &mut std::fs::File, record: &[u8]) -> std::io::Result<()> {
        log.write_all(record)?;
        self.count(record.len());
        Ok(())
    }

    fn count(&self, bytes: usize) {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.written.fetch_add(bytes, Ordering::Relaxed);
    }
}

/// Counts what passes through it, so a streamed file is counted like any other.
struct CountingWriter<W> {
    inner: W,
    written: usize,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.written += written;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Opens `path` for appending (creating it 0600 when absent).
pub fn open_for_append(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).read(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The writers' lock on one cache folder, held until dropped. Readers never take it: they
/// trust checksums and generations instead, so `genius query` never waits on the TUI.
pub struct WriteLock {
    _file: Option<std::fs::File>,
}

impl WriteLock {
    /// Waits for the lock on `path` (creating the folder and the file). A file system that
    /// cannot lock is not a reason to fail: the cache then goes on unlocked, as a cache may.
    pub fn take(path: &Path) -> WriteLock {
        let locked = path
            .parent()
            .map_or(Ok(()), crate::paths::create_private_dir)
            .and_then(|()| open_for_append(path))
            .and_then(|file| fs4::FileExt::lock(&file).map(|()| file));
        match locked {
            Ok(file) => WriteLock { _file: Some(file) },
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "the contact cache cannot be locked; writing without the lock");
                WriteLock { _file: None }
            }
        }
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
    }
}
