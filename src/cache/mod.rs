//! The contact cache: the contacts a profile has seen, kept so recents, reopening and `genius
//! query` are instant with the last known data (shown as stale until a refresh returns). On disk
//! each profile has a folder, `data_dir()/cache/PROFILE/`, holding one append-only log of
//! contacts (mode 0600): a put appends the contact's record, a removal a record naming it, so a
//! change writes about what changed and never creates a file. Records are length-prefixed and
//! checksummed; a torn or damaged one is absent — a cache is never a reason to fail. The index
//! of searchable summaries (and where each record lies) is a checkpoint plus the records after
//! it; the log is compacted (rewritten whole under a new generation) once superseded records
//! outweigh live ones. Opening reads nothing; the index is read when first needed and a get
//! then reads one record. It is bounded on disk (contacts and bytes, least recently fetched
//! evicted; huge notes cut to the newest) and, through [`ContactLru`], in memory. The layouts of
//! older versions are converted once; the config's `cache = false` disables it.

mod bounds;
mod checkpoint;
mod entry;
mod files;
mod index;
mod legacy;
mod log;
mod memory;
mod store;
mod stored;
mod upkeep;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::api::Contact;

pub use bounds::{
    CacheLimits, DEFAULT_DISK_BYTES, DEFAULT_KEEP_NOTES_BYTES, DEFAULT_MAX_CONTACT_BYTES,
    MAX_CACHED_CONTACTS, MEGABYTE, newest_notes_within,
};
pub use entry::{CachedContact, ContactSummary, QueryWords};
pub use files::escape_file_name;
pub use memory::{ContactLru, DEFAULT_MEMORY_BYTES};
pub use store::PutOutcome;

/// Why the cache could not be written or cleared.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot write the contact cache {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One profile's contact cache, or a disabled one that keeps nothing. Clones share one store,
/// so the index read by one is there for all.
#[derive(Debug, Clone)]
pub struct ContactCache {
    store: Option<Arc<store::Store>>,
}

/// The cache directory: `data_dir()/cache`.
pub fn cache_dir() -> PathBuf {
    crate::paths::data_dir().join("cache")
}

/// The cache folder of a profile. Characters unsafe in a file name are %-escaped, so two profile
/// names never share a folder.
pub fn cache_path(profile: &str) -> PathBuf {
    cache_dir().join(escape_file_name(profile))
}

/// Deletes every profile's cache (and any old single-file one); returns how many contacts were
/// dropped.
pub fn clear_all() -> Result<usize, CacheError> {
    let Ok(entries) = std::fs::read_dir(cache_dir()) else {
        return Ok(0);
    };
    let mut stores: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter_map(|path| {
            if path.is_dir() {
                Some(path)
            } else if path.extension().is_some_and(|ext| ext == "json") {
                // An old single file: its store is the folder of the same name.
                Some(path.with_extension(""))
            } else {
                None
            }
        })
        .collect();
    stores.sort();
    stores.dedup();
    let mut removed = 0;
    for store in stores {
        removed += ContactCache::at(store).clear()?;
    }
    Ok(removed)
}

impl ContactCache {
    /// The cache of `profile` in the data directory, with the default bounds.
    pub fn for_profile(profile: &str) -> Self {
        ContactCache::at(cache_path(profile))
    }

    /// The cache of `profile` in the data directory, with `limits`.
    pub fn for_profile_with(profile: &str, limits: CacheLimits) -> Self {
        ContactCache::at_with(cache_path(profile), limits)
    }

    /// A cache kept in a given folder (tests, unusual setups). Reads nothing.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        ContactCache::at_with(dir, CacheLimits::default())
    }

    /// A cache kept in a given folder, with `limits`. Reads nothing.
    pub fn at_with(dir: impl Into<PathBuf>, limits: CacheLimits) -> Self {
        let layout = files::StoreLayout::new(dir.into());
        ContactCache {
            store: Some(Arc::new(store::Store::new(layout, limits))),
        }
    }

    /// A cache that keeps nothing (`cache = false`).
    pub fn disabled() -> Self {
        ContactCache { store: None }
    }

    /// The cache of profile `account`, or a disabled one when the config switches caching off.
    pub fn for_account(account: &str, enabled: bool) -> Self {
        if enabled {
            ContactCache::for_profile(account)
        } else {
            ContactCache::disabled()
        }
    }

    /// False for a disabled cache.
    pub fn is_enabled(&self) -> bool {
        self.store.is_some()
    }

    /// The cache's folder, when enabled.
    pub fn path(&self) -> Option<&Path> {
        self.store.as_deref().map(|store| store.layout.dir())
    }

    /// The bounds, when enabled.
    pub fn limits(&self) -> Option<CacheLimits> {
        self.store.as_deref().map(|store| store.limits)
    }

    /// The cached version of a contact, if any: reads the index on first use, then that
    /// contact's record and nothing else.
    pub fn get(&self, uid: &str) -> Option<CachedContact> {
        self.store.as_deref()?.get(uid)
    }

    /// Keeps `contact` as fetched at `fetched_at`, replacing an older version; says whether it
    /// was kept whole, with its notes cut, or not at all.
    pub fn put(
        &self,
        contact: &Contact,
        fetched_at: DateTime<Utc>,
    ) -> Result<PutOutcome, CacheError> {
        let Some(store) = self.store.as_deref() else {
            return Ok(PutOutcome::Off);
        };
        let outcomes = store.put_many(std::slice::from_ref(contact), fetched_at)?;
        Ok(outcomes.into_iter().next().unwrap_or(PutOutcome::NoUid))
    }

    /// Keeps several contacts (a lookup that found several). Appends a record each; runs on the
    /// caller's thread, so the TUI calls it from its disk writer.
    pub fn put_many(
        &self,
        contacts: &[Contact],
        fetched_at: DateTime<Utc>,
    ) -> Result<(), CacheError> {
        match self.store.as_deref() {
            Some(store) if !contacts.is_empty() => store.put_many(contacts, fetched_at).map(drop),
            _ => Ok(()),
        }
    }

    /// Keeps a contact whose notes its fetcher already cut to the newest (with
    /// [`newest_notes_within`] and this cache's `keep_notes_bytes`), so a huge contact is never
    /// copied whole on its way here; it is marked "notes cut" like one the cache cut itself.
    pub fn put_cut(&self, contact: &Contact, fetched_at: DateTime<Utc>) -> Result<(), CacheError> {
        match self.store.as_deref() {
            Some(store) => store
                .put_all(std::iter::once((contact, true)), fetched_at)
                .map(drop),
            None => Ok(()),
        }
    }

    /// Forgets one contact (deleted on the server, or answered 404); true when it was cached.
    pub fn remove(&self, uid: &str) -> Result<bool, CacheError> {
        match self.store.as_deref() {
            Some(store) => store.remove(uid),
            None => Ok(false),
        }
    }

    /// Reads the index now (the TUI's background task after its first frame, so the first
    /// search does not wait for it); how many contacts it holds.
    pub fn load_index(&self) -> usize {
        self.store.as_deref().map_or(0, store::Store::len)
    }

    /// The uids of every cached contact (reading the index if need be): what the TUI asks for
    /// once its first frame is drawn, to know which contacts it can open from disk.
    pub fn uids(&self) -> Vec<String> {
        self.map_summaries(|summary| summary.uid.clone())
    }

    /// `each` of every cached contact's summary, in no particular order (reading the index if
    /// need be): what the TUI's name search is built from, without a copy of every summary.
    pub fn map_summaries<T>(&self, each: impl FnMut(&ContactSummary) -> T) -> Vec<T> {
        self.store
            .as_deref()
            .map(|store| store.map_summaries(each))
            .unwrap_or_default()
    }

    /// True once the index has been read into memory (for checking that start-up reads lazily).
    pub fn index_is_loaded(&self) -> bool {
        self.store
            .as_deref()
            .is_some_and(store::Store::index_is_loaded)
    }

    /// The summaries of every cached contact, most recently fetched first. Reads the index on
    /// first use (the TUI does it after its first frame), never the contacts' records.
    pub fn summaries(&self) -> Vec<ContactSummary> {
        self.store
            .as_deref()
            .map(store::Store::summaries)
            .unwrap_or_default()
    }

    /// The summaries of the cached contacts whose name, email, phone or business hold every
    /// word of `query` (ignoring case), most recently fetched first. Reads only the index.
    pub fn search(&self, query: &str) -> Vec<ContactSummary> {
        self.store
            .as_deref()
            .map(|store| store.search(query))
            .unwrap_or_default()
    }

    /// Every cached contact, most recently fetched first. Reads every record: for a caller that
    /// needs them all; a search or a recents list wants [`ContactCache::summaries`].
    pub fn list(&self) -> Vec<CachedContact> {
        let Some(store) = self.store.as_deref() else {
            return Vec::new();
        };
        store
            .summaries()
            .iter()
            .filter_map(|summary| store.get(&summary.uid))
            .collect()
    }

    /// Rewrites the log with only the live contacts now (it is also done by itself once
    /// superseded records outweigh live ones).
    pub fn compact(&self) -> Result<(), CacheError> {
        match self.store.as_deref() {
            Some(store) => store.compact_now(),
            None => Ok(()),
        }
    }

    /// Deletes the cache; returns how many contacts it held.
    pub fn clear(&self) -> Result<usize, CacheError> {
        match self.store.as_deref() {
            Some(store) => store.clear(),
            None => Ok(0),
        }
    }

    /// Bytes written to disk through this cache (every clone of it) since it was opened.
    pub fn bytes_written(&self) -> u64 {
        self.store
            .as_deref()
            .map_or(0, |store| store.writer.bytes_written())
    }
}
