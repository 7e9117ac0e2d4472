//! The `--state` files: a snapshot of every account (the account-file format, written whole only
//! when compacting) and an append-only journal of the changes made since, one JSON line per change.
//!
//! Files beside the snapshot `STATE`: `STATE.journal-G`, the journals of generation G; and
//! `STATE.tmp-*`, a snapshot being written (removed at start: a compaction killed half-way). The
//! snapshot records the generation it starts from (`journalGeneration`): it holds every change of
//! the journals before it, so a start loads it and replays the journals of that generation and
//! later, in order, and deletes older ones. A compaction opens the next generation, writes the new
//! snapshot beside the old one and renames it over it, then deletes the journals it holds — a
//! crash at any point leaves a snapshot and the journals that complete it.
//!
//! A write is acknowledged only once its line is on disk: appends happen in the order changes are
//! applied (under the account's lock), and `fsync`s are shared — a writer whose line an `fsync`
//! already covered does not wait for another (group commit). A last line cut short (the process
//! killed mid-write, never acknowledged) is dropped at start.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use super::change::Change;

/// One journal line: a change to the account at `account` (its position in the snapshot).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entry {
    pub account: usize,
    pub change: Change,
}

/// An [`Entry`] as written, borrowing its change.
#[derive(Serialize)]
struct EntryRef<'a> {
    account: usize,
    change: &'a Change,
}

/// Where the files of one `--state STATE` live.
#[derive(Debug, Clone)]
pub struct StatePaths {
    snapshot: PathBuf,
    dir: PathBuf,
    name: String,
}

impl StatePaths {
    /// The files beside `snapshot`.
    pub fn new(snapshot: &Path) -> StatePaths {
        let dir = snapshot
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = snapshot
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "state".to_string());
        StatePaths {
            snapshot: snapshot.to_path_buf(),
            dir,
            name,
        }
    }

    /// The snapshot file itself.
    pub fn snapshot(&self) -> &Path {
        &self.snapshot
    }

    /// The directory holding every file.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The journal of generation `generation`.
    pub fn journal(&self, generation: u64) -> PathBuf {
        self.dir.join(format!("{}.journal-{generation}", self.name))
    }

    fn temp_prefix(&self) -> String {
        format!("{}.tmp-", self.name)
    }

    /// A fresh temp path for a snapshot being written.
    pub fn temp(&self) -> PathBuf {
        let suffix: String = (0..12).map(|_| fastrand::alphanumeric()).collect();
        self.dir.join(format!("{}{suffix}", self.temp_prefix()))
    }

    /// The journals present, by generation, oldest first.
    pub fn journals(&self) -> io::Result<Vec<(u64, PathBuf)>> {
        let prefix = format!("{}.journal-", self.name);
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let generation = name
                .to_str()
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|g| g.parse::<u64>().ok());
            if let Some(generation) = generation {
                found.push((generation, entry.path()));
            }
        }
        found.sort();
        Ok(found)
    }

    /// Removes snapshots left half-written by a killed compaction; returns how many.
    pub fn remove_temp_files(&self) -> io::Result<usize> {
        let prefix = self.temp_prefix();
        let mut removed = 0;
        for entry in std::fs::read_dir(&self.dir)? {
            let entry = entry?;
            if entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix))
            {
                std::fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct JournalRead {
    pub entries: Vec<Entry>,
    /// Bytes of whole, valid lines from the start (where appending may resume).
    pub valid_len: u64,
    /// True when something after the valid lines was dropped (a line cut short).
    pub torn_tail: bool,
}

/// Reads a journal. A damaged last line is dropped (`torn_tail`); a damaged line followed by good
/// ones is an error naming the line, since dropping it would lose acknowledged changes.
pub fn read_journal(path: &Path) -> anyhow::Result<JournalRead> {
    let file = File::open(path)?;
    let mut reader = BufReader::new(file);
    let mut read = JournalRead::default();
    let mut offset = 0u64;
    let mut damaged: Option<(usize, String)> = None;
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let count = reader.read_until(b'\n', &mut line)?;
        if count == 0 {
            break;
        }
        let complete = line.last() == Some(&b'\n');
        let parsed = if complete {
            serde_json::from_slice::<Entry>(&line).map_err(|e| e.to_string())
        } else {
            Err("the line is cut short".to_string())
        };
        match (parsed, &damaged) {
            (Ok(entry), None) => {
                read.entries.push(entry);
                offset += count as u64;
                read.valid_len = offset;
            }
            (Ok(_), Some((at, why))) => anyhow::bail!(
                "{}: line {at} is damaged ({why}) but later lines are not; refusing to drop \
                 acknowledged changes — repair or remove the line",
                path.display()
            ),
            (Err(why), None) => damaged = Some((number, why)),
            (Err(_), Some(_)) => {}
        }
    }
    read.torn_tail = damaged.is_some();
    Ok(read)
}

/// A proof that a change was appended; [`Journal::sync`] makes it durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket(u64);

struct Writer {
    file: Arc<File>,
    generation: u64,
    /// Lines appended since the journal was opened (across generations): the last ticket given.
    appended: u64,
    /// Bytes in the current generation's file.
    bytes: u64,
}

/// The journal being appended to.
pub struct Journal {
    paths: StatePaths,
    writer: Mutex<Writer>,
    /// The highest ticket known to be on disk.
    synced: AtomicU64,
    /// Held while an `fsync` runs, so concurrent writers share one instead of queueing several.
    syncing: Mutex<()>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("snapshot", &self.paths.snapshot)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding it cannot leave a half-written line behind a later one: the file is
    // only appended to with whole lines, so the journal is taken over as it is.
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Opens (creating if needed) a journal file for appending, private to the user, cut to `len`.
fn open_append(path: &Path, len: u64) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    if file.metadata()?.len() != len {
        file.set_len(len)?;
        file.sync_data()?;
    }
    Ok(file)
}

/// Makes a file created or renamed in `dir` survive a crash.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

impl Journal {
    /// Appends to the journal of `generation`, whose first `valid_len` bytes are whole lines
    /// (anything after them is cut off).
    pub fn open(paths: StatePaths, generation: u64, valid_len: u64) -> io::Result<Journal> {
        let path = paths.journal(generation);
        let existed = path.exists();
        let file = open_append(&path, valid_len)?;
        if !existed {
            sync_dir(paths.dir())?;
        }
        Ok(Journal {
            paths,
            writer: Mutex::new(Writer {
                file: Arc::new(file),
                generation,
                appended: 0,
                bytes: valid_len,
            }),
            synced: AtomicU64::new(0),
            syncing: Mutex::new(()),
        })
    }

    /// The files this journal lives among.
    pub fn paths(&self) -> &StatePaths {
        &self.paths
    }

    /// Appends one change (not yet durable); returns its ticket and the size of the current
    /// generation's file.
    pub fn append(&self, account: usize, change: &Change) -> io::Result<(Ticket, u64)> {
        let entry = EntryRef { account, change };
        let mut line = serde_json::to_vec(&entry).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut writer = lock(&self.writer);
        // One write of a whole line: a crash leaves it whole or a cut-short last line, never two
        // lines interleaved. A write that fails half-way (a full disk) is cut back off, so the next
        // line does not start in the middle of this one.
        if let Err(error) = (&*writer.file).write_all(&line) {
            let _ = writer.file.set_len(writer.bytes);
            return Err(error);
        }
        writer.appended += 1;
        writer.bytes += line.len() as u64;
        Ok((Ticket(writer.appended), writer.bytes))
    }

    /// Returns once the change of `ticket` (and every one before it) is on disk.
    pub fn sync(&self, ticket: Ticket) -> io::Result<()> {
        if self.synced.load(Ordering::Acquire) >= ticket.0 {
            return Ok(());
        }
        let _one_at_a_time = lock(&self.syncing);
        if self.synced.load(Ordering::Acquire) >= ticket.0 {
            return Ok(());
        }
        let (file, covered) = {
            let writer = lock(&self.writer);
            (writer.file.clone(), writer.appended)
        };
        file.sync_data()?;
        self.synced.fetch_max(covered, Ordering::AcqRel);
        Ok(())
    }

    /// Closes the current generation (on disk) and starts the next; returns the new generation.
    /// Called with every account locked for reading, so the cut falls between two changes.
    pub fn rotate(&self) -> io::Result<u64> {
        let mut writer = lock(&self.writer);
        writer.file.sync_data()?;
        self.synced.fetch_max(writer.appended, Ordering::AcqRel);
        let next = writer.generation + 1;
        let file = open_append(&self.paths.journal(next), 0)?;
        sync_dir(self.paths.dir())?;
        writer.file = Arc::new(file);
        writer.generation = next;
        writer.bytes = 0;
        Ok(next)
    }
}

#[cfg(test)]
mod tests;
