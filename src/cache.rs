//! The contact cache: contacts seen are kept per profile in `data_dir()/cache/PROFILE.json` (mode
//! 0600, written atomically) with the time each was fetched, so recents and reopening are instant
//! with the last known data, shown as stale until a refresh returns. A damaged file is treated as
//! empty — a cache is never a reason to fail — and the config's `cache = false` disables it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::Contact;

/// How many contacts one profile's cache keeps; the least recently fetched go first.
pub const MAX_CACHED_CONTACTS: usize = 2000;

const FORMAT_VERSION: u32 = 1;

/// A contact as last fetched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedContact {
    /// When the server sent this version.
    pub fetched_at: DateTime<Utc>,
    /// The contact as the server sent it then.
    pub contact: Contact,
}

impl CachedContact {
    /// How old the data is at `now`.
    pub fn age(&self, now: DateTime<Utc>) -> chrono::Duration {
        now.signed_duration_since(self.fetched_at)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    contacts: BTreeMap<String, CachedContact>,
}

/// Why the cache could not be written or cleared.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot write the contact cache {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One profile's contact cache, or a disabled one that keeps nothing.
#[derive(Debug, Clone)]
pub struct ContactCache {
    path: Option<PathBuf>,
}

/// The cache directory: `data_dir()/cache`.
pub fn cache_dir() -> PathBuf {
    crate::paths::data_dir().join("cache")
}

/// The cache file of a profile. Characters unsafe in a file name are %-escaped, so two profile
/// names never share a file.
pub fn cache_path(profile: &str) -> PathBuf {
    let mut name = String::new();
    for c in profile.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            name.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                name.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    cache_dir().join(format!("{name}.json"))
}

/// Deletes every profile's cache; returns how many contacts were dropped.
pub fn clear_all() -> Result<usize, CacheError> {
    let dir = cache_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            removed += ContactCache::at(path).clear()?;
        }
    }
    Ok(removed)
}

impl ContactCache {
    /// The cache of `profile` in the data directory.
    pub fn for_profile(profile: &str) -> Self {
        ContactCache {
            path: Some(cache_path(profile)),
        }
    }

    /// A cache kept in a given file (tests, unusual setups).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        ContactCache {
            path: Some(path.into()),
        }
    }

    /// A cache that keeps nothing (`cache = false`).
    pub fn disabled() -> Self {
        ContactCache { path: None }
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
        self.path.is_some()
    }

    /// The file, when enabled.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn read(&self) -> CacheFile {
        let Some(path) = &self.path else {
            return CacheFile::default();
        };
        let Ok(bytes) = std::fs::read(path) else {
            return CacheFile::default();
        };
        match serde_json::from_slice::<CacheFile>(&bytes) {
            Ok(file) if file.version == FORMAT_VERSION => file,
            Ok(_) | Err(_) => {
                tracing::warn!(path = %path.display(), "contact cache unreadable; starting afresh");
                CacheFile::default()
            }
        }
    }

    fn write(&self, file: &CacheFile) -> Result<(), CacheError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes = serde_json::to_vec(file).map_err(|e| CacheError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        crate::paths::write_private_file(path, &bytes).map_err(|source| CacheError::Write {
            path: path.clone(),
            source,
        })
    }

    /// The cached version of a contact, if any.
    pub fn get(&self, uid: &str) -> Option<CachedContact> {
        self.read().contacts.remove(uid)
    }

    /// Keeps `contact` as fetched at `fetched_at`, replacing an older version.
    pub fn put(&self, contact: &Contact, fetched_at: DateTime<Utc>) -> Result<(), CacheError> {
        self.put_many(std::slice::from_ref(contact), fetched_at)
    }

    /// Keeps several contacts in one write (a lookup that found several).
    pub fn put_many(
        &self,
        contacts: &[Contact],
        fetched_at: DateTime<Utc>,
    ) -> Result<(), CacheError> {
        if !self.is_enabled() || contacts.is_empty() {
            return Ok(());
        }
        let mut file = self.read();
        file.version = FORMAT_VERSION;
        for contact in contacts.iter().filter(|c| !c.uid.is_empty()) {
            file.contacts.insert(
                contact.uid.clone(),
                CachedContact {
                    fetched_at,
                    contact: contact.clone(),
                },
            );
        }
        if file.contacts.len() > MAX_CACHED_CONTACTS {
            let mut by_age: Vec<(DateTime<Utc>, String)> = file
                .contacts
                .iter()
                .map(|(uid, cached)| (cached.fetched_at, uid.clone()))
                .collect();
            by_age.sort();
            let excess = file.contacts.len() - MAX_CACHED_CONTACTS;
            for (_, uid) in by_age.into_iter().take(excess) {
                file.contacts.remove(&uid);
            }
        }
        self.write(&file)
    }

    /// Forgets one contact (deleted on the server); true when it was cached.
    pub fn remove(&self, uid: &str) -> Result<bool, CacheError> {
        let mut file = self.read();
        let removed = file.contacts.remove(uid).is_some();
        if removed {
            self.write(&file)?;
        }
        Ok(removed)
    }

    /// Every cached contact, most recently fetched first.
    pub fn list(&self) -> Vec<CachedContact> {
        let mut contacts: Vec<CachedContact> = self.read().contacts.into_values().collect();
        contacts.sort_by_key(|c| std::cmp::Reverse(c.fetched_at));
        contacts
    }

    /// Deletes the cache file; returns how many contacts it held.
    pub fn clear(&self) -> Result<usize, CacheError> {
        let Some(path) = &self.path else {
            return Ok(0);
        };
        let count = self.read().contacts.len();
        match std::fs::remove_file(path) {
            Ok(()) => Ok(count),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(source) => Err(CacheError::Write {
                path: path.clone(),
                source,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(uid: &str, email: &str) -> Contact {
        Contact {
            uid: uid.to_string(),
            email: Some(email.to_string()),
            ..Contact::default()
        }
    }

    #[test]
    fn put_get_list_remove_clear() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ContactCache::at(dir.path().join("cache").join("prod.json"));
        let earlier = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .to_utc();
        let later = DateTime::parse_from_rfc3339("2026-01-02T10:00:00Z")
            .unwrap()
            .to_utc();
        cache.put(&contact("AAAA1111", "a@x.com"), earlier).unwrap();
        cache.put(&contact("BBBB2222", "b@x.com"), later).unwrap();
        let got = cache.get("AAAA1111").unwrap();
        assert_eq!(got.fetched_at, earlier);
        assert_eq!(got.contact.email.as_deref(), Some("a@x.com"));
        assert_eq!(got.age(later), chrono::Duration::days(1));
        let uids: Vec<String> = cache.list().into_iter().map(|c| c.contact.uid).collect();
        assert_eq!(uids, ["BBBB2222", "AAAA1111"]);
        cache.put(&contact("AAAA1111", "new@x.com"), later).unwrap();
        assert_eq!(
            cache.get("AAAA1111").unwrap().contact.email.as_deref(),
            Some("new@x.com")
        );
        assert!(cache.remove("AAAA1111").unwrap());
        assert!(cache.get("AAAA1111").is_none());
        assert_eq!(cache.clear().unwrap(), 1);
        assert!(cache.list().is_empty());
    }

    #[test]
    fn a_damaged_file_reads_as_empty_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(&path, b"{ not json").unwrap();
        let cache = ContactCache::at(&path);
        assert!(cache.list().is_empty());
        cache
            .put(&contact("CCCC3333", "c@x.com"), Utc::now())
            .unwrap();
        assert_eq!(cache.list().len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = ContactCache::disabled();
        cache
            .put(&contact("DDDD4444", "d@x.com"), Utc::now())
            .unwrap();
        assert!(cache.get("DDDD4444").is_none());
        assert_eq!(cache.clear().unwrap(), 0);
    }

    #[test]
    fn profile_names_map_to_distinct_safe_files() {
        let a = cache_path("a b");
        let b = cache_path("a_b");
        assert_ne!(a, b);
        assert!(a.file_name().unwrap().to_string_lossy() == "a%20b.json");
        assert!(!cache_path("../etc").to_string_lossy().contains("../"));
    }
}
