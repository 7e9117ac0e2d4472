//! Where a worklist's progress lives between sessions: one journal per list in
//! `data_dir()/worklists/` (mode 0600), named after the list's file and a hash of its canonical
//! path. Its first line says which list and which version of the file it belongs to; every other
//! line is one [`ProgressEvent`] as JSON. A change appends one line and syncs it, so nothing
//! unrelated is rewritten; opening replays the journal and compacts it (rewritten atomically from
//! the list's present state). A torn last line — a crash mid-write — is dropped, never an error.
//! A session holds an exclusive lock on the journal's `.lock` file beside it while the list is
//! open: a second session would compact the journal under the first, whose appends would then go
//! to a file no longer there, so it is refused in words instead.
#![deny(clippy::indexing_slicing)]

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::events::ProgressEvent;
use super::model::Worklist;

const FORMAT_VERSION: u32 = 1;

/// The directory of worklist journals: `data_dir()/worklists`.
pub fn store_dir() -> PathBuf {
    crate::paths::data_dir().join("worklists")
}

/// The journal of the list whose file is `list` (its canonical path), in `dir`: the file's name
/// (letters, digits, `-` and `_` only, at most 40) and 16 hex digits of the path's hash.
pub fn journal_path(dir: &Path, list: &Path) -> PathBuf {
    let stem: String = list
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = {
        use std::hash::Hasher;
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(list.as_os_str().as_encoded_bytes());
        hasher.finish()
    };
    dir.join(format!("{stem}-{hash:016x}.jsonl"))
}

/// The journal's first line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    genius_worklist: u32,
    /// The list's canonical path, as text (a path that is not UTF-8 is compared lossily; the
    /// journal's name hashes its exact bytes).
    list: String,
    content_hash: String,
}

/// What opening a list's progress found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResumeReport {
    /// True when there was progress from an earlier session.
    pub resumed: bool,
    /// Events replayed.
    pub replayed: usize,
    /// Events about leads no longer in the file, forgotten.
    pub forgotten: usize,
    /// Lines that could not be read (a torn last line after a crash, or damage), dropped.
    pub dropped_lines: usize,
    /// True when the file's content differs from the last session's: progress was matched to the
    /// leads by what they name.
    pub file_changed: bool,
}

/// Why progress could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read the worklist progress {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot save the worklist progress {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the worklist {list} is open in another genius; close it there first (its progress is {})",
        path.display()
    )]
    InUse { list: String, path: PathBuf },
    #[error(
        "the worklist progress {} belongs to another list ({}); move it away to start this list afresh",
        path.display(), other
    )]
    OtherList { path: PathBuf, other: String },
}

/// An open journal, appending the events of this session.
#[derive(Debug)]
pub struct ProgressStore {
    path: PathBuf,
    file: File,
    /// Held (locked) while the store is open; unlocked when it is dropped.
    _lock: File,
    /// True after an append failed part-way: the next line starts on a fresh line, so the torn
    /// one costs only itself.
    torn: bool,
}

impl ProgressStore {
    /// Opens the progress of `worklist` kept in `dir` (see [`store_dir`]): replays it into the
    /// list, compacts the journal to the list's present state, and keeps it open for appending.
    pub fn open(
        dir: &Path,
        worklist: &mut Worklist,
    ) -> Result<(ProgressStore, ResumeReport), StoreError> {
        let path = journal_path(dir, worklist.source());
        let write_error = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        crate::paths::create_private_dir(dir).map_err(write_error)?;
        let lock = lock_journal(&path, worklist)?;
        let report = replay(&path, worklist)?;
        crate::paths::write_private_file(&path, &compacted(worklist)).map_err(write_error)?;
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(write_error)?;
        let store = ProgressStore {
            path,
            file,
            _lock: lock,
            torn: false,
        };
        Ok((store, report))
    }

    /// Replays the progress of `worklist` kept in `dir` without writing anything (for a summary).
    pub fn load(dir: &Path, worklist: &mut Worklist) -> Result<ResumeReport, StoreError> {
        replay(&journal_path(dir, worklist.source()), worklist)
    }

    /// Appends one event and syncs it to disk before returning.
    pub fn append(&mut self, event: &ProgressEvent) -> Result<(), StoreError> {
        let mut line = Vec::new();
        if self.torn {
            line.push(b'\n');
        }
        serde_json::to_writer(&mut line, event).map_err(|e| StoreError::Write {
            path: self.path.clone(),
            source: std::io::Error::other(e),
        })?;
        line.push(b'\n');
        // One write per line: with O_APPEND a line is never split by another writer's.
        let written = self
            .file
            .write_all(&line)
            .and_then(|()| self.file.sync_data());
        self.torn = written.is_err();
        written.map_err(|source| StoreError::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Takes the exclusive lock of the journal at `path` (its `.lock` file, created 0600).
fn lock_journal(path: &Path, worklist: &Worklist) -> Result<File, StoreError> {
    let lock_path = path.with_extension("lock");
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let lock = options
        .open(&lock_path)
        .map_err(|source| StoreError::Write {
            path: lock_path.clone(),
            source,
        })?;
    // fs4's lock, named in full: std's own `File::try_lock` is newer than the supported Rust.
    match fs4::FileExt::try_lock(&lock) {
        Ok(()) => Ok(lock),
        Err(fs4::TryLockError::WouldBlock) => Err(StoreError::InUse {
            list: worklist.source().display().to_string(),
            path: path.to_path_buf(),
        }),
        Err(fs4::TryLockError::Error(source)) => Err(StoreError::Write {
            path: lock_path,
            source,
        }),
    }
}

/// Reads the journal at `path` (if any) into `worklist`.
fn replay(path: &Path, worklist: &mut Worklist) -> Result<ResumeReport, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ResumeReport::default());
        }
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut report = ResumeReport::default();
    let mut lines = bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty());
    let header = lines
        .next()
        .and_then(|line| serde_json::from_slice::<Header>(line).ok());
    let Some(header) = header.filter(|h| h.genius_worklist == FORMAT_VERSION) else {
        // Not a journal genius can read (damaged at its very start): the list starts afresh, and
        // the compaction that follows replaces it.
        report.dropped_lines = bytes
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        return Ok(report);
    };
    if header.list != worklist.source().to_string_lossy() {
        return Err(StoreError::OtherList {
            path: path.to_path_buf(),
            other: header.list,
        });
    }
    report.resumed = true;
    report.file_changed = header.content_hash != worklist.file().content_hash;
    for line in lines {
        match serde_json::from_slice::<ProgressEvent>(line) {
            Ok(event) if worklist.apply(&event) => report.replayed += 1,
            Ok(_) => report.forgotten += 1,
            Err(_) => report.dropped_lines += 1,
        }
    }
    Ok(report)
}

/// The journal that rebuilds `worklist`'s present progress: header and snapshot.
fn compacted(worklist: &Worklist) -> Vec<u8> {
    let header = Header {
        genius_worklist: FORMAT_VERSION,
        list: worklist.source().to_string_lossy().into_owned(),
        content_hash: worklist.file().content_hash.clone(),
    };
    let mut out = Vec::new();
    // These shapes always serialise (string keys, strings, dates): nothing is dropped here.
    for line in std::iter::once(serde_json::to_vec(&header))
        .chain(worklist.snapshot().iter().map(serde_json::to_vec))
        .flatten()
    {
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    out
}
