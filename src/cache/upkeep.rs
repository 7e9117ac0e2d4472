//! Keeping the index true to the contacts log and the log in shape: reading the index (the
//! checkpoint, then the records after it), catching up with what other processes appended,
//! every write made under the writers' lock with a torn tail cut off first, compaction when
//! superseded records outweigh live ones, and the checkpoint rewritten now and then. A cache is
//! never a reason to fail: what cannot be read is absent, and what cannot be written after the
//! change itself was is only logged.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use super::CacheError;
use super::checkpoint;
use super::entry::ContactSummary;
use super::files::{TEMPORARY_PREFIX, WriteLock, open_for_append, remove_if_present};
use super::index::{Index, LogMark};
use super::log::{self, HEADER_LEN, Records, Tail};
use super::store::{Store, write_error};
use super::stored::{Change, parse_payload, parse_summary_payload, put_payload};

/// A temporary file older than this was left by a crash (a write takes milliseconds).
const ABANDONED_AFTER: Duration = Duration::from_secs(600);

/// The open log a write session appends to.
pub struct Appender {
    file: std::fs::File,
}

impl Appender {
    /// Appends one framed record; where it starts.
    pub fn append(
        &mut self,
        store: &Store,
        index: &mut Index,
        record: &[u8],
    ) -> Result<u64, CacheError> {
        let path = store.layout.log_path();
        let Some(mark) = index.log.as_mut() else {
            return Err(write_error(&path, std::io::ErrorKind::NotFound.into()));
        };
        let offset = mark.end;
        store
            .writer
            .append(&mut self.file, record)
            .map_err(|e| write_error(&path, e))?;
        mark.end += u64::try_from(record.len()).unwrap_or(u64::MAX);
        Ok(offset)
    }
}

impl Store {
    /// The index from the checkpoint (when it describes this log) and the records after it.
    pub(super) fn load_index(&self) -> Index {
        let path = self.layout.log_path();
        let saved = checkpoint::read(&self.layout.checkpoint_path());
        let start = saved.as_ref().map_or(HEADER_LEN, |saved| saved.covers);
        let mut tail = log::read_from(&path, start);
        let usable = |generation: u64, length: u64| {
            saved
                .as_ref()
                .filter(|saved| saved.generation == generation && saved.covers <= length)
        };
        if let Ok(Tail::Read {
            generation, length, ..
        }) = &tail
            && start != HEADER_LEN
            && usable(*generation, *length).is_none()
        {
            // The checkpoint is of another log: read this one from its first record.
            tail = log::read_from(&path, HEADER_LEN);
        }
        let Ok(Tail::Read {
            generation,
            length,
            mut records,
        }) = tail
        else {
            return Index::default();
        };
        let mut index = Index::of_log(LogMark {
            generation,
            end: HEADER_LEN,
        });
        // The checkpoint's summaries move into the index (never two copies of 2,000 at once).
        let fits = usable(generation, length).is_some();
        if let Some(saved) = saved.filter(|_| fits) {
            index.log = Some(LogMark {
                generation,
                end: saved.covers,
            });
            index.checkpoint = Some((saved.covers, saved.bytes));
            for (offset, summary) in saved.entries {
                index.insert(summary, offset);
            }
        }
        match apply_records(&mut index, &mut records) {
            Ok(()) => index,
            // Unreadable, as the log would be were it not opened.
            Err(_) => Index::default(),
        }
    }

    /// Applies what was appended since the index last looked; false when the log was replaced,
    /// removed or cut since, or could not be read, and the index (perhaps half caught up) must
    /// be read again.
    pub(super) fn catch_up(&self, index: &mut Index) -> bool {
        let path = self.layout.log_path();
        let Some(mark) = index.log else {
            // No log when the index was read: fine while there still is none.
            return !path.exists();
        };
        match log::read_from(&path, mark.end) {
            Ok(Tail::Read {
                generation,
                length,
                mut records,
            }) if generation == mark.generation && length >= mark.end => {
                apply_records(index, &mut records).is_ok()
            }
            _ => false,
        }
    }

    /// Runs `change` under the writers' lock with the log open for appending (created when
    /// missing, a torn or unreadable tail cut off), then evicts over the bounds, and compacts or
    /// checkpoints when due.
    pub(super) fn with_log<R>(
        &self,
        index: &mut Index,
        change: impl FnOnce(&Store, &mut Index, &mut Appender) -> Result<R, CacheError>,
    ) -> Result<R, CacheError> {
        self.with_log_then(index, change, false)
    }

    /// [`Store::with_log`], compacting afterwards whether due or not when `compact` says so.
    pub(super) fn with_log_then<R>(
        &self,
        index: &mut Index,
        change: impl FnOnce(&Store, &mut Index, &mut Appender) -> Result<R, CacheError>,
        compact: bool,
    ) -> Result<R, CacheError> {
        let _lock = WriteLock::take(&self.layout.lock_path());
        if !self.catch_up(index) {
            *index = self.load_index();
        }
        let mut appender = self.open_for_writing(index)?;
        let result = change(self, index, &mut appender)?;
        self.evict_over_bounds(index, &mut appender)?;
        drop(appender);
        if compact || index.due_for_compaction() {
            if let Err(error) = self.compact(index) {
                tracing::warn!(%error, "the contact cache could not be compacted");
            }
        } else if index.due_for_checkpoint()
            && let Err(error) = self.write_checkpoint(index)
        {
            tracing::warn!(%error, "the contact cache's index could not be saved");
        }
        Ok(result)
    }

    /// The log, open for appending at the end of what the index read.
    fn open_for_writing(&self, index: &mut Index) -> Result<Appender, CacheError> {
        let path = self.layout.log_path();
        let fail = |e| write_error(&path, e);
        if index.log.is_none() {
            // No log, or one this version cannot read: start a new one (its index is empty).
            let generation = fastrand::u64(..);
            self.writer
                .replace(&path, &log::header(generation))
                .map_err(fail)?;
            *index = Index::of_log(LogMark {
                generation,
                end: HEADER_LEN,
            });
        }
        let file = open_for_append(&path).map_err(fail)?;
        let end = index.log.map_or(HEADER_LEN, |mark| mark.end);
        if file.metadata().map_err(fail)?.len() > end {
            // A record cut short by a crash, or damage that hides where records start: what
            // follows it could never be read, so it goes before anything is appended.
            tracing::warn!(path = %path.display(), "the contact cache's log ends in a damaged record; cutting it off");
            file.set_len(end).map_err(fail)?;
        }
        Ok(Appender { file })
    }

    /// Rewrites the log with only the live records (oldest fetched first) under a new
    /// generation, then its checkpoint. A live record found damaged is dropped.
    pub(super) fn compact(&self, index: &mut Index) -> Result<(), CacheError> {
        let path = self.layout.log_path();
        let fail = |e| write_error(&path, e);
        let Some(old) = index.log else {
            return Ok(());
        };
        let mut source = std::fs::File::open(&path).map_err(fail)?;
        let generation = loop {
            let generation = fastrand::u64(..);
            if generation != old.generation {
                break generation;
            }
        };
        let mut moved: Vec<(String, u64, u64)> = Vec::new();
        let mut lost: Vec<String> = Vec::new();
        let mut end = HEADER_LEN;
        self.writer
            .replace_with(&path, |out| {
                out.write_all(&log::header(generation))?;
                for entry in index.oldest_first() {
                    let uid = entry.summary.uid.clone();
                    let record =
                        log::read_raw_record(&mut source, entry.offset, entry.summary.size)
                            .and_then(|record| with_latest_fetch(record, entry.summary.fetched_at));
                    match record {
                        Some(record) => {
                            out.write_all(&record)?;
                            let size = u64::try_from(record.len()).unwrap_or(u64::MAX);
                            moved.push((uid, end, size));
                            end += size;
                        }
                        None => lost.push(uid),
                    }
                }
                Ok(())
            })
            .map_err(fail)?;
        for uid in lost {
            index.remove(&uid);
        }
        for (uid, offset, size) in moved {
            if let Some(entry) = index.get(&uid) {
                let summary = ContactSummary {
                    size,
                    ..entry.summary.clone()
                };
                index.insert(summary, offset);
            }
        }
        index.log = Some(LogMark { generation, end });
        index.checkpoint = None;
        self.remove_abandoned_temporaries();
        self.write_checkpoint(index)
    }

    /// Saves the index as it stands, so the next read starts from here.
    pub(super) fn write_checkpoint(&self, index: &mut Index) -> Result<(), CacheError> {
        let Some(mark) = index.log else {
            return Ok(());
        };
        let path = self.layout.checkpoint_path();
        let entries = index.entries().map(|entry| (entry.offset, &entry.summary));
        let size = self
            .writer
            .replace_with(&path, |out| {
                checkpoint::write(out, mark.generation, mark.end, entries)
            })
            .map_err(|e| write_error(&path, e))?;
        index.checkpoint = Some((mark.end, size));
        Ok(())
    }

    /// Removes temporary files a crash left in the cache's folder.
    fn remove_abandoned_temporaries(&self) {
        let Ok(listing) = std::fs::read_dir(self.layout.dir()) else {
            return;
        };
        for entry in listing.flatten() {
            let temporary = entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(TEMPORARY_PREFIX));
            let abandoned = temporary
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| SystemTime::now().duration_since(modified).ok())
                    .is_some_and(|age| age > ABANDONED_AFTER);
            if abandoned {
                let _ = remove_if_present(&entry.path());
            }
        }
    }
}

/// A put record as the compacted log keeps it: as it is, or written again with the fetch time of
/// the touches that followed it (which the compaction leaves behind). `None` when it is damaged.
fn with_latest_fetch(record: Vec<u8>, latest: DateTime<Utc>) -> Option<Vec<u8>> {
    match parse_payload(record.get(8..)?)? {
        Change::Put {
            fetched_at,
            notes_cut,
            contact,
        } => {
            if fetched_at == latest {
                Some(record)
            } else {
                put_payload(&contact, latest, notes_cut)
                    .ok()
                    .and_then(|payload| log::frame(&payload))
            }
        }
        Change::Touch { .. } | Change::Remove(_) => None,
    }
}

/// Applies the records read from where the index's log mark ends, and moves the mark past the
/// last whole one. A put is read as its summary alone: its notes are never held.
fn apply_records(index: &mut Index, records: &mut Records<std::fs::File>) -> std::io::Result<()> {
    let Some(mark) = index.log else {
        return Ok(());
    };
    while let Some(record) = records.next_record()? {
        match record.payload.and_then(parse_summary_payload) {
            Some(Change::Put {
                fetched_at,
                notes_cut,
                contact,
            }) if !contact.uid.is_empty() => {
                let summary = ContactSummary::new(&contact, fetched_at, notes_cut, record.size);
                index.insert(summary, record.offset);
            }
            Some(Change::Remove(uid)) => {
                index.remove(&uid);
            }
            Some(Change::Touch { uid, fetched_at }) => {
                index.touch(&uid, fetched_at);
            }
            // Damaged: absent, and its bytes are dead.
            _ => {}
        }
    }
    index.log = Some(LogMark {
        generation: mark.generation,
        end: records.end(),
    });
    Ok(())
}
