//! The index of a profile's cache, in memory: the summary of every cached contact and where its
//! record lies in the contacts log, and how far into which generation of the log it reflects.
//! It decides when the log is worth compacting (superseded records outweigh live ones) and when
//! its checkpoint is worth rewriting (enough appended since the last one), both amortised so a
//! put costs about its own record over time.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::entry::ContactSummary;
use super::log::HEADER_LEN;

/// The log is compacted only once its superseded bytes exceed the live ones and this: a small
/// cache is not rewritten for every few changes.
const COMPACTION_MIN_DEAD_BYTES: u64 = 64 * 1024;

/// The checkpoint is rewritten once this much was appended since the last one, and at least
/// [`CHECKPOINT_PER_TAIL`] times the last checkpoint's size: so its rewrites cost at most an
/// eighth of what the puts wrote (a day of 2,000 lookups appends about 1.2 MB and rewrites no
/// checkpoint), and loading — in the background, after the first frame — reads at most 2 MiB or
/// eight times its size of records (about 10 ms for 2 MiB of small contacts).
const CHECKPOINT_MIN_TAIL: u64 = 2 * 1024 * 1024;
const CHECKPOINT_PER_TAIL: u64 = 8;

/// Where a log stands, as far as this index has read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogMark {
    pub generation: u64,
    /// Bytes of the log applied (header included): where the next record starts.
    pub end: u64,
}

/// A cached contact: its summary (`size` is its record's bytes) and where the record starts.
#[derive(Debug, Clone)]
pub struct Entry {
    pub summary: ContactSummary,
    pub offset: u64,
}

/// The summaries of the cached contacts, and how far into the log they reflect.
#[derive(Debug, Default)]
pub struct Index {
    /// Boxed: a table keeps room for up to twice its entries, and a summary's ~200 bytes held
    /// in the table itself would make that room cost ~1 MB for 2,000 contacts.
    entries: HashMap<String, Box<Entry>>,
    total_bytes: u64,
    /// The log read; `None` when there is none yet.
    pub log: Option<LogMark>,
    /// Where the last checkpoint of this generation ends, and its own size.
    pub checkpoint: Option<(u64, u64)>,
}

impl Index {
    /// An index of a log just found or written, empty.
    pub fn of_log(mark: LogMark) -> Self {
        Index {
            log: Some(mark),
            ..Index::default()
        }
    }

    /// Keeps `summary` with its record at `offset`, replacing the contact's older one.
    pub fn insert(&mut self, summary: ContactSummary, offset: u64) {
        self.total_bytes = self.total_bytes.saturating_add(summary.size);
        let uid = summary.uid.clone();
        if let Some(old) = self
            .entries
            .insert(uid, Box::new(Entry { summary, offset }))
        {
            self.total_bytes = self.total_bytes.saturating_sub(old.summary.size);
        }
    }

    /// Notes that `uid`, unchanged, was fetched again at `fetched_at`; false when it is not held.
    pub fn touch(&mut self, uid: &str, fetched_at: DateTime<Utc>) -> bool {
        match self.entries.get_mut(uid) {
            Some(entry) => {
                entry.summary.fetched_at = fetched_at;
                true
            }
            None => false,
        }
    }

    /// Forgets a contact; its entry when it was there.
    pub fn remove(&mut self, uid: &str) -> Option<Entry> {
        let removed = self.entries.remove(uid)?;
        self.total_bytes = self.total_bytes.saturating_sub(removed.summary.size);
        Some(*removed)
    }

    /// The entry of `uid`.
    pub fn get(&self, uid: &str) -> Option<&Entry> {
        self.entries.get(uid).map(Box::as_ref)
    }

    /// How many contacts are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Bytes of the live records.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Every entry, in no order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().map(Box::as_ref)
    }

    /// Every summary, in no order.
    pub fn summaries(&self) -> impl Iterator<Item = &ContactSummary> {
        self.entries.values().map(|entry| &entry.summary)
    }

    /// Every entry, oldest fetched first (the order a compacted log keeps them in).
    pub fn oldest_first(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.entries().collect();
        entries.sort_by(|a, b| {
            (a.summary.fetched_at, &a.summary.uid).cmp(&(b.summary.fetched_at, &b.summary.uid))
        });
        entries
    }

    /// The least recently fetched contact (the oldest uid first among equals, so eviction does
    /// not depend on hash order).
    pub fn least_recently_fetched(&self) -> Option<&ContactSummary> {
        self.summaries()
            .min_by(|a, b| (a.fetched_at, &a.uid).cmp(&(b.fetched_at, &b.uid)))
    }

    /// Bytes of the log that no live contact needs: superseded puts, removals, damage.
    pub fn dead_bytes(&self) -> u64 {
        self.log.map_or(0, |mark| {
            mark.end
                .saturating_sub(HEADER_LEN)
                .saturating_sub(self.total_bytes)
        })
    }

    /// True when rewriting the log would at least halve it.
    pub fn due_for_compaction(&self) -> bool {
        let dead = self.dead_bytes();
        dead > self.total_bytes && dead > COMPACTION_MIN_DEAD_BYTES
    }

    /// True when enough was appended since the last checkpoint to write a new one.
    pub fn due_for_checkpoint(&self) -> bool {
        let Some(mark) = self.log else {
            return false;
        };
        let (covers, size) = self.checkpoint.unwrap_or((HEADER_LEN, 0));
        let tail = mark.end.saturating_sub(covers);
        tail >= CHECKPOINT_MIN_TAIL && tail >= CHECKPOINT_PER_TAIL.saturating_mul(size)
    }
}
