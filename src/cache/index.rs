//! The index of a profile's cache: a summary per cached contact, kept on disk as an append-only
//! log of JSON lines (`put` a summary, `remove` a uid) under a header naming the log's
//! generation. A change appends one line; now and then the log is compacted, rewritten as one
//! `put` per live contact under a new generation. Another process sharing the cache appends to the
//! same log, so before deciding anything the index reads the lines added since it last looked,
//! and reads the whole log again when its generation changed (someone compacted it).

use std::collections::HashMap;
use std::io::{BufRead, Read, Seek};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::entry::ContactSummary;

const INDEX_VERSION: u32 = 1;

/// Appended records beyond this many over three times the live ones make the log due for
/// compaction: a rewrite of about `live` lines then follows at least `2 × live + SLACK` records,
/// so compaction costs about half a line per record over time (a put that evicts is two
/// records), and the log stays within about three times what it describes.
const COMPACTION_SLACK: usize = 128;

/// The first line of the log.
#[derive(Debug, Serialize, Deserialize)]
struct LogHeader {
    genius_cache_index: u32,
    generation: u64,
}

/// One change, one line.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogRecord {
    /// The contact is cached with this summary (replacing an older one).
    Put(ContactSummary),
    /// The contact left the cache.
    Remove(String),
}

/// A [`LogRecord`] borrowed for writing, so writing a line copies nothing.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordLine<'a> {
    Put(&'a ContactSummary),
    Remove(&'a str),
}

/// What reading the log found.
#[derive(Debug)]
pub enum LogRead {
    /// There is no log.
    Missing,
    /// A readable log.
    Read(Index),
    /// A log that cannot be trusted (unreadable line, unknown version): rebuild it.
    Damaged,
}

/// What catching up with the log found.
#[derive(Debug, PartialEq, Eq)]
pub enum CatchUp {
    /// Every line of the log is applied.
    Current,
    /// The log was replaced, removed or damaged since: read it again from the start.
    Reload,
}

/// The summaries of the cached contacts, and how far into the log they reflect.
#[derive(Debug, Default)]
pub struct Index {
    entries: HashMap<String, ContactSummary>,
    total_bytes: u64,
    /// The generation of the log this index was read from; `None` when no log is written yet.
    generation: Option<u64>,
    /// Bytes of that log applied so far. A line this handle appends is not counted here: another
    /// process may have appended before it, so the next catch-up reads both, and applying a
    /// record twice changes nothing.
    offset: u64,
    /// Records in that log, as read.
    records: usize,
}

impl Index {
    /// Reads the log at `path` from the start.
    pub fn read(path: &Path) -> LogRead {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return LogRead::Missing,
            Err(_) => return LogRead::Damaged,
        };
        let Some((header_line, rest)) = split_line(&bytes) else {
            // A header cut short by a crash: nothing in the log can be trusted.
            return LogRead::Damaged;
        };
        let Some(generation) = parse_header(header_line) else {
            return LogRead::Damaged;
        };
        let mut index = Index {
            generation: Some(generation),
            offset: byte_count(header_line.len() + 1),
            ..Index::default()
        };
        match index.apply_lines(rest) {
            Some(()) => LogRead::Read(index),
            None => LogRead::Damaged,
        }
    }

    /// Applies what was appended to the log since this index last read it.
    pub fn catch_up(&mut self, path: &Path) -> CatchUp {
        let Some(generation) = self.generation else {
            // Nothing written yet by this handle; another process may have started a log.
            return if path.exists() {
                CatchUp::Reload
            } else {
                CatchUp::Current
            };
        };
        let Ok(file) = std::fs::File::open(path) else {
            return CatchUp::Reload;
        };
        let mut reader = std::io::BufReader::new(file);
        let mut header = Vec::new();
        if reader.read_until(b'\n', &mut header).is_err() {
            return CatchUp::Reload;
        }
        let header = header.strip_suffix(b"\n").unwrap_or(&header);
        if parse_header(header) != Some(generation) {
            return CatchUp::Reload;
        }
        let mut appended = Vec::new();
        let read = reader
            .seek(std::io::SeekFrom::Start(self.offset))
            .and_then(|_| reader.read_to_end(&mut appended));
        if read.is_err() {
            return CatchUp::Reload;
        }
        match self.apply_lines(&appended) {
            Some(()) => CatchUp::Current,
            None => CatchUp::Reload,
        }
    }

    /// Applies every complete line of `bytes` (a line still being written is left for later);
    /// `None` when a complete line is not a record.
    fn apply_lines(&mut self, mut bytes: &[u8]) -> Option<()> {
        while let Some((line, rest)) = split_line(bytes) {
            if !line.iter().all(u8::is_ascii_whitespace) {
                let record: LogRecord = serde_json::from_slice(line).ok()?;
                self.apply(record);
                self.records += 1;
            }
            self.offset += byte_count(line.len() + 1);
            bytes = rest;
        }
        Some(())
    }

    /// Applies one change in memory.
    pub fn apply(&mut self, record: LogRecord) {
        match record {
            LogRecord::Put(summary) => self.insert(summary),
            LogRecord::Remove(uid) => {
                self.remove(&uid);
            }
        }
    }

    /// Keeps `summary`, replacing the contact's older one.
    pub fn insert(&mut self, summary: ContactSummary) {
        self.total_bytes = self.total_bytes.saturating_add(summary.size);
        if let Some(old) = self.entries.insert(summary.uid.clone(), summary) {
            self.total_bytes = self.total_bytes.saturating_sub(old.size);
        }
    }

    /// Forgets a contact; its summary when it was there.
    pub fn remove(&mut self, uid: &str) -> Option<ContactSummary> {
        let removed = self.entries.remove(uid)?;
        self.total_bytes = self.total_bytes.saturating_sub(removed.size);
        Some(removed)
    }

    /// The summary of `uid`.
    pub fn get(&self, uid: &str) -> Option<&ContactSummary> {
        self.entries.get(uid)
    }

    /// How many contacts are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Bytes of all the contacts' files.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Every summary, in no order.
    pub fn summaries(&self) -> impl Iterator<Item = &ContactSummary> {
        self.entries.values()
    }

    /// The least recently fetched contact (the oldest uid first among equals, so eviction does
    /// not depend on hash order).
    pub fn least_recently_fetched(&self) -> Option<&ContactSummary> {
        self.entries
            .values()
            .min_by(|a, b| (a.fetched_at, &a.uid).cmp(&(b.fetched_at, &b.uid)))
    }

    /// True when a log exists for this index to append to.
    pub fn has_log(&self) -> bool {
        self.generation.is_some()
    }

    /// True when the log holds enough superseded lines to be worth rewriting.
    pub fn due_for_compaction(&self) -> bool {
        self.records > 3 * self.entries.len() + COMPACTION_SLACK
    }

    /// The line that appends `record`.
    pub fn line(record: &RecordLine<'_>) -> Vec<u8> {
        // A summary is plain strings, numbers and a timestamp: serialising it cannot fail, and if
        // it ever did, an empty line is skipped on reading.
        let mut line = serde_json::to_vec(record).unwrap_or_default();
        line.push(b'\n');
        line
    }

    /// The whole log for the current summaries under a new generation, and notes that the log
    /// now is that: write it in place of the old one.
    pub fn compacted_log(&mut self) -> Vec<u8> {
        let generation = fastrand::u64(..);
        let header = LogHeader {
            genius_cache_index: INDEX_VERSION,
            generation,
        };
        let mut log = serde_json::to_vec(&header).unwrap_or_default();
        log.push(b'\n');
        let mut summaries: Vec<&ContactSummary> = self.entries.values().collect();
        summaries.sort_by(|a, b| (a.fetched_at, &a.uid).cmp(&(b.fetched_at, &b.uid)));
        for summary in summaries {
            log.extend(Index::line(&RecordLine::Put(summary)));
        }
        self.generation = Some(generation);
        self.offset = byte_count(log.len());
        self.records = self.entries.len();
        log
    }
}

fn parse_header(line: &[u8]) -> Option<u64> {
    let header: LogHeader = serde_json::from_slice(line).ok()?;
    (header.genius_cache_index == INDEX_VERSION).then_some(header.generation)
}

/// The first complete line of `bytes` (without its newline) and what follows it.
fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|&b| b == b'\n')?;
    let (line, rest) = bytes.split_at(end);
    Some((line, rest.get(1..).unwrap_or_default()))
}

fn byte_count(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}
