//! One profile's cache on disk: a file per contact plus the index of summaries. A put writes the
//! contact's file and appends one index line, then evicts the least recently fetched contacts
//! while over the bounds; a get reads one file and never the index. The index is read on the
//! first put, remove or search, not before, and kept in memory for every handle on the store.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::CacheError;
use super::bounds::{CacheLimits, with_newest_notes};
use super::entry::{CachedContact, ContactSummary, QueryWords};
use super::files::{StoreLayout, StoreWriter, remove_if_present};
use super::index::{CatchUp, Index, RecordLine};
use crate::api::Contact;

const CONTACT_FILE_VERSION: u32 = 1;

/// A contact's file, as written.
#[derive(Serialize)]
struct ContactFileOut<'a> {
    version: u32,
    fetched_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    notes_cut: bool,
    contact: &'a Contact,
}

/// A contact's file, as read.
#[derive(Deserialize)]
struct ContactFileIn {
    version: u32,
    fetched_at: DateTime<Utc>,
    #[serde(default)]
    notes_cut: bool,
    contact: Contact,
}

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

    /// The index as the log stands now: read on first use (converting an old single-file cache
    /// once), then brought up to date with what other processes appended.
    fn current<'a>(&self, slot: &'a mut Option<Index>) -> &'a mut Index {
        if let Some(index) = slot.as_mut()
            && index.catch_up(&self.layout.index_path()) == CatchUp::Reload
        {
            *slot = None;
        }
        slot.get_or_insert_with(|| {
            let mut index = self.load_index();
            if self.layout.legacy_path().exists() {
                self.convert_legacy(&mut index);
            }
            index
        })
    }

    /// The cached copy of `uid`: one file read. A missing, damaged or foreign file is absent.
    pub fn get(&self, uid: &str) -> Option<CachedContact> {
        let path = self.layout.contact_path(uid);
        match read_contact_file(&path) {
            Some(cached) if cached.contact.uid == uid => Some(cached),
            Some(_) => None,
            None if self.layout.legacy_path().exists() => {
                // An old single-file cache not yet converted: convert it now, once.
                let mut slot = self.lock();
                self.current(&mut slot);
                drop(slot);
                read_contact_file(&path).filter(|cached| cached.contact.uid == uid)
            }
            None => None,
        }
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
        let mut outcomes = Vec::new();
        for (contact, already_cut) in contacts {
            outcomes.push(self.put_one(index, contact, fetched_at, already_cut)?);
        }
        self.evict_over_bounds(index)?;
        if index.due_for_compaction() {
            self.compact(index)?;
        }
        Ok(outcomes)
    }

    pub(super) fn put_one(
        &self,
        index: &mut Index,
        contact: &Contact,
        fetched_at: DateTime<Utc>,
        already_cut: bool,
    ) -> Result<PutOutcome, CacheError> {
        if contact.uid.is_empty() {
            return Ok(PutOutcome::NoUid);
        }
        let (bounded, cut_now) = with_newest_notes(contact, self.limits.keep_notes_bytes);
        let notes_cut = already_cut || cut_now;
        let path = self.layout.contact_path(&contact.uid);
        let file = ContactFileOut {
            version: CONTACT_FILE_VERSION,
            fetched_at,
            notes_cut,
            contact: &bounded,
        };
        let bytes = serde_json::to_vec(&file).map_err(|e| write_error(&path, e.into()))?;
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > self.limits.largest_contact() {
            self.forget(index, &contact.uid)?;
            return Ok(PutOutcome::TooBig);
        }
        self.writer
            .replace(&path, &bytes)
            .map_err(|e| write_error(&path, e))?;
        let summary = ContactSummary::new(&bounded, fetched_at, notes_cut, size);
        self.record(index, RecordLine::Put(&summary))?;
        index.insert(summary);
        Ok(PutOutcome::Stored { notes_cut })
    }

    /// Removes a contact's file and index entry; true when either was there.
    pub fn remove(&self, uid: &str) -> Result<bool, CacheError> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        self.forget(index, uid)
    }

    fn forget(&self, index: &mut Index, uid: &str) -> Result<bool, CacheError> {
        let path = self.layout.contact_path(uid);
        let had_file = remove_if_present(&path).map_err(|e| write_error(&path, e))?;
        let had_entry = index.get(uid).is_some();
        if had_entry {
            self.record(index, RecordLine::Remove(uid))?;
            index.remove(uid);
        }
        Ok(had_file || had_entry)
    }

    /// Evicts the least recently fetched contacts while over the count or the bytes bound.
    pub(super) fn evict_over_bounds(&self, index: &mut Index) -> Result<(), CacheError> {
        while index.len() > self.limits.max_contacts
            || index.total_bytes() > self.limits.max_disk_bytes
        {
            let Some(oldest) = index.least_recently_fetched() else {
                break;
            };
            let uid = oldest.uid.clone();
            self.forget(index, &uid)?;
        }
        Ok(())
    }

    /// Writes one change to the index log (the whole log when there is none yet).
    fn record(&self, index: &mut Index, line: RecordLine<'_>) -> Result<(), CacheError> {
        let path = self.layout.index_path();
        if index.has_log() {
            self.writer
                .append(&path, &Index::line(&line))
                .map_err(|e| write_error(&path, e))
        } else {
            // The change is applied by the caller right after; the fresh log gets it as the
            // next line, so it is written as an append to the new log.
            self.write_whole_log(index)?;
            self.record(index, line)
        }
    }

    /// Makes the index agree with the contacts' files, then rewrites the log without the lines
    /// that later ones superseded.
    pub(super) fn compact(&self, index: &mut Index) -> Result<(), CacheError> {
        self.reconcile(index);
        self.write_whole_log(index)
    }

    pub(super) fn write_whole_log(&self, index: &mut Index) -> Result<(), CacheError> {
        let path = self.layout.index_path();
        let log = index.compacted_log();
        self.writer
            .replace(&path, &log)
            .map_err(|e| write_error(&path, e))
    }

    /// How many contacts the index holds (reading it if need be).
    pub fn len(&self) -> usize {
        let mut slot = self.lock();
        self.current(&mut slot).len()
    }

    /// Every uid, in no particular order.
    pub fn uids(&self) -> Vec<String> {
        let mut slot = self.lock();
        let index = self.current(&mut slot);
        index
            .summaries()
            .map(|summary| summary.uid.clone())
            .collect()
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
        let mut count = count_contact_files(&self.layout.contacts_dir());
        let legacy = self.layout.legacy_path();
        count += super::legacy::read(&legacy).map_or(0, |contacts| contacts.len());
        let dir = self.layout.dir();
        match std::fs::remove_dir_all(dir) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(write_error(dir, error)),
        }
        remove_if_present(&legacy).map_err(|e| write_error(&legacy, e))?;
        Ok(count)
    }
}

/// Reads a contact's file; `None` when it is missing, damaged or of an unknown version.
pub(super) fn read_contact_file(path: &Path) -> Option<CachedContact> {
    let bytes = std::fs::read(path).ok()?;
    match serde_json::from_slice::<ContactFileIn>(&bytes) {
        Ok(file) if file.version == CONTACT_FILE_VERSION => Some(CachedContact {
            fetched_at: file.fetched_at,
            contact: file.contact,
            notes_cut: file.notes_cut,
        }),
        Ok(_) | Err(_) => {
            tracing::warn!(path = %path.display(), "a cached contact is unreadable; ignoring it");
            None
        }
    }
}

fn count_contact_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|entry| super::upkeep::is_contact_file_name(&entry.file_name()))
            .count()
    })
}

fn sort_most_recent_first(summaries: &mut [ContactSummary]) {
    summaries.sort_by(|a, b| {
        b.fetched_at
            .cmp(&a.fetched_at)
            .then_with(|| a.uid.cmp(&b.uid))
    });
}

pub(super) fn write_error(path: &Path, source: std::io::Error) -> CacheError {
    CacheError::Write {
        path: path.to_path_buf(),
        source,
    }
}
