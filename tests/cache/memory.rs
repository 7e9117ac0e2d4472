//! The in-memory contacts, bounded in bytes, least recently used first out.

use genius::cache::{CachedContact, ContactLru};

use super::fixtures::{at, contact, huge};

fn cached(uid: &str) -> CachedContact {
    CachedContact::new(contact(uid, "Ana", "a@x.com"), at(0))
}

#[test]
fn the_least_recently_used_go_first_when_over_budget() {
    let one = cached("AAAA0001").memory_size();
    let mut lru = ContactLru::new(one * 3);
    for uid in ["AAAA0001", "AAAA0002", "AAAA0003"] {
        assert!(lru.insert(cached(uid)));
    }
    assert_eq!(lru.len(), 3);
    // Using the first makes the second the least recently used.
    assert!(lru.get("AAAA0001").is_some());
    assert!(lru.insert(cached("AAAA0004")));
    assert!(!lru.contains("AAAA0002"));
    assert!(lru.contains("AAAA0001") && lru.contains("AAAA0003") && lru.contains("AAAA0004"));
    assert_eq!(lru.bytes(), one * 3);
    let order: Vec<&str> = lru.iter().map(|c| c.contact.uid.as_str()).collect();
    assert_eq!(order, ["AAAA0004", "AAAA0001", "AAAA0003"]);
}

#[test]
fn peeking_does_not_count_as_use() {
    let one = cached("AAAA0001").memory_size();
    let mut lru = ContactLru::new(one * 2);
    lru.insert(cached("AAAA0001"));
    lru.insert(cached("AAAA0002"));
    assert!(lru.peek("AAAA0001").is_some());
    lru.insert(cached("AAAA0003"));
    assert!(!lru.contains("AAAA0001"));
}

#[test]
fn a_contact_bigger_than_the_budget_is_not_kept_nor_its_old_copy() {
    let mut lru = ContactLru::new(64 * 1024);
    lru.insert(CachedContact::new(
        contact("BIGG0001", "Big", "b@x.com"),
        at(0),
    ));
    lru.insert(cached("AAAA0001"));
    assert!(!lru.insert(CachedContact::new(huge("BIGG0001", 100_000), at(1))));
    assert!(!lru.contains("BIGG0001"));
    assert!(lru.contains("AAAA0001"), "the others stay");
    assert_eq!(lru.bytes(), cached("AAAA0001").memory_size());
}

#[test]
fn replacing_and_removing_keep_the_byte_count_true() {
    let mut lru = ContactLru::with_megabytes(1);
    assert_eq!(lru.max_bytes(), 1024 * 1024);
    lru.insert(cached("AAAA0001"));
    let bigger = CachedContact::new(huge("AAAA0001", 10_000), at(1));
    let bigger_size = bigger.memory_size();
    lru.insert(bigger);
    assert_eq!(lru.len(), 1);
    assert_eq!(lru.bytes(), bigger_size);
    assert_eq!(lru.remove("AAAA0001").map(|c| c.fetched_at), Some(at(1)));
    assert_eq!(lru.bytes(), 0);
    assert!(lru.is_empty());
}

#[test]
fn the_size_estimate_grows_with_the_text() {
    let small = cached("AAAA0001").memory_size();
    let big = CachedContact::new(huge("AAAA0001", 100_000), at(0)).memory_size();
    assert!(big > small + 100_000, "{small} {big}");
}
