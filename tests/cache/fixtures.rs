//! Contacts, times and folders the cache tests share.

use chrono::{DateTime, Duration, Utc};
use genius::api::Contact;
use genius::cache::{CacheLimits, ContactCache};

/// A contact with a name, an email and a business.
pub fn contact(uid: &str, first: &str, email: &str) -> Contact {
    Contact {
        uid: uid.to_string(),
        first_name: Some(first.to_string()),
        last_name: Some("Prado".to_string()),
        email: Some(email.to_string()),
        business_name: Some("Acme".to_string()),
        stage_name: Some("Lead".to_string()),
        owner_name: Some("Rita".to_string()),
        ..Contact::default()
    }
}

/// `count` notes of about 130 bytes each, oldest first, as the API joins them.
pub fn notes(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "2025-{:02}-{:02} {:02}:{:02} Call {} — discussed the proposal at length with the buyer and agreed on next steps.",
                1 + (i / 672) % 12,
                1 + (i / 24) % 28,
                i % 24,
                i % 60,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A contact whose notes take at least `bytes` bytes (and about that).
pub fn huge(uid: &str, bytes: usize) -> Contact {
    let mut count = bytes / 130 + 1;
    let mut text = notes(count);
    while text.len() < bytes {
        count += count / 20 + 1;
        text = notes(count);
    }
    Contact {
        notes: Some(text),
        ..contact(uid, "Huge", "huge@example.com")
    }
}

/// A fixed moment, plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

/// A temporary data folder and a cache in it with `limits`.
pub fn cache_with(limits: CacheLimits) -> (tempfile::TempDir, ContactCache) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cache = ContactCache::at_with(dir.path().join("cache").join("prod"), limits);
    (dir, cache)
}

/// A temporary data folder and a cache in it with the default limits.
pub fn cache() -> (tempfile::TempDir, ContactCache) {
    cache_with(CacheLimits::default())
}

/// Limits that keep everything (for tests about something else).
pub fn roomy() -> CacheLimits {
    CacheLimits {
        max_contacts: 100_000,
        max_disk_bytes: u64::MAX,
        keep_notes_bytes: usize::MAX,
        max_contact_bytes: u64::MAX,
    }
}
