//! The contacts a session keeps in memory, bounded in bytes (`cache_memory_mb`): the least
//! recently used go first, and a contact bigger than the whole budget is not kept at all (the
//! screen showing it holds it; the disk cache still has it).

use lru::LruCache;

use super::bounds::MEGABYTE;
use super::entry::CachedContact;

/// The memory a session's contacts may take by default.
pub const DEFAULT_MEMORY_BYTES: usize = 4 * 1024 * 1024;

/// Contacts by uid, least recently used evicted first, their estimated sizes summed and bounded.
#[derive(Debug, Clone)]
pub struct ContactLru {
    entries: LruCache<String, CachedContact>,
    bytes: usize,
    max_bytes: usize,
}

impl Default for ContactLru {
    fn default() -> Self {
        ContactLru::new(DEFAULT_MEMORY_BYTES)
    }
}

impl ContactLru {
    /// An empty cache that holds at most `max_bytes` of contacts.
    pub fn new(max_bytes: usize) -> Self {
        ContactLru {
            entries: LruCache::unbounded(),
            bytes: 0,
            max_bytes,
        }
    }

    /// An empty cache of the `cache_memory_mb` setting.
    pub fn with_megabytes(megabytes: u64) -> Self {
        let bytes = megabytes.saturating_mul(MEGABYTE);
        ContactLru::new(usize::try_from(bytes).unwrap_or(usize::MAX))
    }

    /// Keeps `cached` as the most recently used, replacing an older copy and evicting the least
    /// recently used while over budget. False when it is bigger than the whole budget: then it
    /// is not kept, and neither is an older copy of it (it would be out of date).
    pub fn insert(&mut self, cached: CachedContact) -> bool {
        let size = cached.memory_size();
        let uid = cached.contact.uid.clone();
        self.remove(&uid);
        if size > self.max_bytes {
            return false;
        }
        while self.bytes + size > self.max_bytes {
            let Some((_, evicted)) = self.entries.pop_lru() else {
                break;
            };
            self.bytes = self.bytes.saturating_sub(evicted.memory_size());
        }
        self.bytes += size;
        self.entries.put(uid, cached);
        true
    }

    /// True when a copy of `contact` would be kept (it fits in the whole budget).
    pub fn would_keep(&self, contact: &crate::api::Contact) -> bool {
        CachedContact::memory_size_of(contact) <= self.max_bytes
    }

    /// The contact, marked as just used.
    pub fn get(&mut self, uid: &str) -> Option<&CachedContact> {
        self.entries.get(uid)
    }

    /// The contact, leaving the order alone (for drawing, which is not a use).
    pub fn peek(&self, uid: &str) -> Option<&CachedContact> {
        self.entries.peek(uid)
    }

    /// True when the contact is held.
    pub fn contains(&self, uid: &str) -> bool {
        self.entries.contains(uid)
    }

    /// Forgets a contact (deleted on the server); it when it was held.
    pub fn remove(&mut self, uid: &str) -> Option<CachedContact> {
        let removed = self.entries.pop(uid)?;
        self.bytes = self.bytes.saturating_sub(removed.memory_size());
        Some(removed)
    }

    /// How many contacts are held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when none is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The estimated bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The budget.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The contacts, most recently used first.
    pub fn iter(&self) -> impl Iterator<Item = &CachedContact> {
        self.entries.iter().map(|(_, cached)| cached)
    }
}
