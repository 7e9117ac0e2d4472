//! The cache writes what changed: counted through the store's own writer, never timed.

use genius::cache::ContactCache;

use super::fixtures::{at, cache_with, contact, huge, roomy};

/// The bytes of a contact as the API sends it.
fn json_size(contact: &genius::api::Contact) -> u64 {
    serde_json::to_vec(contact).map_or(0, |bytes| bytes.len() as u64)
}

#[test]
fn small_puts_after_a_huge_one_write_about_the_small_contacts() {
    // Limits that keep the 7.8 MB contact whole, so nothing but the design keeps it from being
    // written again.
    let (_dir, cache) = cache_with(roomy());
    let big = huge("BIGG0001", 7_800_000);
    cache.put(&big, at(0)).unwrap();
    let after_huge = cache.bytes_written();
    assert!(after_huge >= json_size(&big));
    let mut fetched = 0;
    for n in 0..500 {
        let small = contact(&format!("SMAL{n:04}"), "Ana", &format!("ana{n}@x.com"));
        fetched += json_size(&small);
        cache.put(&small, at(1 + n)).unwrap();
    }
    let written = cache.bytes_written() - after_huge;
    // Each put writes its contact's file plus one index line, and compaction now and then
    // rewrites about one line per contact: a small multiple of what was fetched, and nothing
    // like one more copy of the huge contact.
    assert!(
        written <= 3 * fetched,
        "{written} bytes written for {fetched} fetched"
    );
    assert!(written < json_size(&big) / 10);
}

#[test]
fn one_small_put_into_a_full_cache_writes_about_that_contact() {
    let (_dir, cache) = cache_with(genius::cache::CacheLimits::default());
    let contacts: Vec<genius::api::Contact> = (0..2000)
        .map(|n| contact(&format!("FULL{n:04}"), "Ana", &format!("ana{n}@x.com")))
        .collect();
    cache.put_many(&contacts, at(0)).unwrap();
    // A fresh handle, as at the next start: its first put also reads the index.
    let reopened = ContactCache::at(cache.path().unwrap());
    let small = contact("NEWW0001", "Bia", "bia@x.com");
    reopened.put(&small, at(1)).unwrap();
    let written = reopened.bytes_written();
    // Its file, its index line, and the eviction of the oldest contact (one index line).
    assert!(written <= 4 * json_size(&small), "{written}");
    assert_eq!(reopened.summaries().len(), 2000);
}

#[test]
fn remove_writes_one_line() {
    let (_dir, cache) = cache_with(roomy());
    cache.put(&huge("BIGG0001", 1_000_000), at(0)).unwrap();
    let before = cache.bytes_written();
    cache.remove("BIGG0001").unwrap();
    assert!(cache.bytes_written() - before < 100);
}
