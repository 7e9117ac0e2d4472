//! One profile's cache: what puts, gets, removes and searches do. A put appends one record to the
//! contacts log — the contact, or only the new fetch time when the contact is unchanged — (and a
//! removal record per contact it evicts); a get reads one record where the
//! index says it is. The index is read on first use, not before, kept in memory for every handle
//! on the store, and brought up to date with what other processes appended before each use.

use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};

use super::CacheError;
use super::bounds::{CacheLimits, with_newest_notes};
use super::entry::{CachedContact, ContactSummary, QueryWords};
use super::files::{StoreLayout, StoreWriter, remove_if_present};
use super::index::Index;
use super::log;
use super::stored::{Change, parse_payload, put_payload, remove_payload, touch_payload};
use super::upkeep::Appender;
use crate::api::Contact;

/// What became of one contact handed to the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// Cached; `notes_cut` when only its newest notes were kept.
    Stored { notes_cut: bool },
    /// Over the hard bound even without its older notes: not cached (an older copy is removed).
    TooBig,
    /// A contact without a uid cannot be found again: not cached.
    NoUid,
    /// The cache is off (`cache = false`): nothing is kept.
    Off,
}

/// The shared state of one profile's cache.
#[derive(Debug)]
pub struct Store {
    pub(super) layout: StoreLayout,
    pub(super) limits: CacheLimits,
    pub(super) writer: StoreWriter,
    /// The index, once something needed it; `None` until then (and after a clear).
    index: Mutex<Option<Index>>,
}

impl Store {
    pub fn new(layout: StoreLayout, limits: CacheLimits) -> Self {
        Store {
            layout,
            limits,
            writer: StoreWriter::default(),
            index: Mutex::new(None),
        }
    }

    /// The index slot. A panic while it was held may have left the index half-changed, so it
    /// is dropped and read again from disk.
    fn lock(&self) -> MutexGuard<'_, Option<Index>> {
        match self.index.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                self.index.clear_poison();
                let mut guard = poisoned.into_inner();
                *guard = None;
                guard
            }
        }
    }

    /// The index as the log stands now: read on first use (converting an older layout once),
    /// then brought up to date with what other processes appended.
    fn current<'a>(&self, slot: &'a mut Option<Index>) -> &'a mut Index {
        if let Some(index) = slot.as_mut()
            && !self.catch_up(index)
        {
            *slot = None;
        }
        slot.get_or_insert_with(|| {
            let mut index = self.load_index();
            if self.layout.has_old_layout() {
                self.convert_old_layouts(&mut index);
            }
            index
        })
    }

    /// The cached copy of `uid`: the index (read once), then one record. A record that is
    /// missing, damaged or not that contact's is absent.
    pub fn get(&self, uid: &str) -> Option<CachedContact> {
        let mut slot = self.lock();
        for _ in 0..2 {
            let index = self.current(&mut slot);
            // The index knows the latest fetch; the record may be older than a touch.
            let (offset, size, latest_fetch) = index
                .get(uid)
                .map(|e| (e.offset, e.summary.size, e.summary.fetched_at))?;
            let mark = index.log?;
            let mut file = std::fs::File::open(self.layout.log_path()).ok()?;
            if log::read_generation(&mut file).ok()? != Some(mark.generation) {
                // Compacted by another process since the index was read: read it again.
                *slot = None;
                continue;
            }
            let record = log::read_raw_record(&mut file, offset, size)?;
            return match parse_payload(record.get(8..)?) {
                Some(Change::Put {
                    notes_cut, contact, ..
                }) if contact.uid == uid => Some(CachedContact {
                    fetched_at: latest_fetch,
                    contact: *contact,
                    notes_cut,
                }),
                _ => None,
            };
        }
        None
    }

    /// Caches `contacts` as fetched at `fetched_at`, then keeps to the bounds.
    pub fn put_many(
        &self,
        contacts: &[Contact],
        fetched_at: DateTime<Utc>,
    ) -> Result<Vec<PutOutcome>, CacheError> {
        self.put_all(contacts.iter().map(|contact| (contact, false)), fetched_at)
    }

    /// Caches contacts, each with whether its notes were cut already, then keeps to the bounds.
    pub fn put_all<'c>(
        &self,
        contacts: impl Iterator<Item = (&'c Contact, bool)>,
        fetched_at: DateTime<Utc>,
    ) -> Result<Vec<PutOutcome>, CacheError> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        self.with_log(index, |store, index, log| {
            contacts
                .map(|(contact, cut)| store.put_one(index, log, contact, fetched_at, cut))
                .collect()
        })
    }

    /// Appends one contact's record (or forgets it when it is too big).
    pub(super) fn put_one(
        &self,
        index: &mut Index,
        log: &mut Appender,
        contact: &Contact,
        fetched_at: DateTime<Utc>,
        already_cut: bool,
    ) -> Result<PutOutcome, CacheError> {
        if contact.uid.is_empty() {
            return Ok(PutOutcome::NoUid);
        }
        let (bounded, cut_now) = with_newest_notes(contact, self.limits.keep_notes_bytes);
        let notes_cut = already_cut || cut_now;
        let path = self.layout.log_path();
        if self.holds_unchanged(index, &bounded, notes_cut) {
            let record = touch_payload(&contact.uid, fetched_at)
                .ok()
                .and_then(|payload| log::frame(&payload))
                .ok_or_else(|| write_error(&path, std::io::ErrorKind::InvalidData.into()))?;
            log.append(self, index, &record)?;
            index.touch(&contact.uid, fetched_at);
            return Ok(PutOutcome::Stored { notes_cut });
        }
        let record = put_payload(&bounded, fetched_at, notes_cut)
            .ok()
            .and_then(|payload| log::frame(&payload))
            .ok_or_else(|| write_error(&path, std::io::ErrorKind::InvalidData.into()))?;
        let size = u64::try_from(record.len()).unwrap_or(u64::MAX);
        if size > self.limits.largest_contact() {
            self.forget(index, log, &contact.uid)?;
            return Ok(PutOutcome::TooBig);
        }
        let offset = log.append(self, index, &record)?;
        let summary = ContactSummary::new(&bounded, fetched_at, notes_cut, size);
        index.insert(summary, offset);
        Ok(PutOutcome::Stored { notes_cut })
    }

    /// True when the log's record of `contact` holds exactly it (and the same cut): then a new
    /// fetch time is all there is to write. Reads the one record where the index says it is.
    fn holds_unchanged(&self, index: &Index, contact: &Contact, notes_cut: bool) -> bool {
        let Some(entry) = index.get(&contact.uid) else {
            return false;
        };
        let Ok(mut file) = std::fs::File::open(self.layout.log_path()) else {
            return false;
        };
        let Some(record) = log::read_raw_record(&mut file, entry.offset, entry.summary.size) else {
            return false;
        };
        matches!(
            record.get(8..).and_then(parse_payload),
            Some(Change::Put { notes_cut: cut, contact: held, .. })
                if cut == notes_cut && *held == *contact
        )
    }

    /// Forgets one contact; true when it was cached.
    pub fn remove(&self, uid: &str) -> Result<bool, CacheError> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        if index.get(uid).is_none() {
            return Ok(false);
        }
        self.with_log(index, |store, index, log| store.forget(index, log, uid))
    }

    /// Appends a removal record for `uid` when it is cached.
    pub(super) fn forget(
        &self,
        index: &mut Index,
        log: &mut Appender,
        uid: &str,
    ) -> Result<bool, CacheError> {
        if index.get(uid).is_none() {
            return Ok(false);
        }
        let path = self.layout.log_path();
        let record = remove_payload(uid)
            .ok()
            .and_then(|payload| log::frame(&payload))
            .ok_or_else(|| write_error(&path, std::io::ErrorKind::InvalidData.into()))?;
        log.append(self, index, &record)?;
        index.remove(uid);
        Ok(true)
    }

    /// Evicts the least recently fetched contacts while over the count or the bytes bound.
    pub(super) fn evict_over_bounds(
        &self,
        index: &mut Index,
        log: &mut Appender,
    ) -> Result<(), CacheError> {
        while index.len() > self.limits.max_contacts
            || index.total_bytes() > self.limits.max_disk_bytes
        {
            let Some(oldest) = index.least_recently_fetched() else {
                break;
            };
            let uid = oldest.uid.clone();
            self.forget(index, log, &uid)?;
        }
        Ok(())
    }

    /// Rewrites the log with only its live records now, whatever its state.
    pub fn compact_now(&self) -> Result<(), CacheError> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        if index.log.is_none() {
            return Ok(());
        }
        self.with_log_then(index, |_, _, _| Ok(()), true)
    }

    /// How many contacts the index holds (reading it if need be).
    pub fn len(&self) -> usize {
        let mut slot = self.lock();
        self.current(&mut slot).len()
    }

    /// `each` of every summary, in no particular order (reading the index if need be): for a
    /// caller that builds its own structure from them without copying every summary first.
    pub fn map_summaries<T>(&self, each: impl FnMut(&ContactSummary) -> T) -> Vec<T> {
        let mut slot = self.lock();
        self.current(&mut slot).summaries().map(each).collect()
    }

    /// True once the index was read (and not dropped since).
    pub fn index_is_loaded(&self) -> bool {
        self.lock().is_some()
    }

    /// Every summary, most recently fetched first.
    pub fn summaries(&self) -> Vec<ContactSummary> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        let mut summaries: Vec<ContactSummary> = index.summaries().cloned().collect();
        sort_most_recent_first(&mut summaries);
        summaries
    }

    /// The summaries matching every word of `query`, most recently fetched first.
    pub fn search(&self, query: &str) -> Vec<ContactSummary> {
        let words = QueryWords::new(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        let mut found: Vec<ContactSummary> = index
            .summaries()
            .filter(|summary| summary.matches(&words))
            .cloned()
            .collect();
        sort_most_recent_first(&mut found);
        found
    }

    /// Deletes the cache's folder and any old single file; how many contacts they held.
    pub fn clear(&self) -> Result<usize, CacheError> {
        let mut slot = self.lock();
        *slot = None;
        let count = self.load_index().len() + self.count_old_layouts();
        let dir = self.layout.dir();
        match std::fs::remove_dir_all(dir) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(write_error(dir, error)),
        }
        let legacy = self.layout.legacy_path();
        remove_if_present(&legacy).map_err(|e| write_error(&legacy, e))?;
        Ok(count)
    }
}

fn sort_most_recent_first(summaries: &mut [ContactSummary]) {
    summaries.sort_by(|a, b| {
        b.fetched_at
            .cmp(&a.fetched_at)
            .then_with(|| a.uid.cmp(&b.uid))
    });
}

pub(super) fn write_error(path: &std::path::Path, source: std::io::Error) -> CacheError {
    CacheError::Write {
        path: path.to_path_buf(),
        source,
    }
}
