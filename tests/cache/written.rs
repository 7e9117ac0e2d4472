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
    // Each put appends its contact's record, under short field names instead of the API's: about
    // what was fetched, and nothing like one more copy of the huge contact.
    assert!(
        written <= fetched + fetched / 10,
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
    // Its record and the eviction of the oldest contact (a record naming it).
    assert!(written <= json_size(&small) + 60, "{written}");
    assert_eq!(reopened.summaries().len(), 2000);
}

/// A contact whose JSON is about `bytes` long.
fn about(uid: &str, bytes: usize) -> genius::api::Contact {
    let mut small = contact(uid, "Ana", "ana@example.com");
    let bare = json_size(&small) as usize;
    small.notes = Some("n".repeat(bytes.saturating_sub(bare + 10)));
    small
}

#[test]
fn a_put_of_500_bytes_writes_about_500_bytes_into_the_one_log() {
    let (_dir, cache) = cache_with(roomy());
    cache.put(&about("FRST0001", 500), at(0)).unwrap();
    let folder = cache.path().unwrap();
    let files_before = std::fs::read_dir(folder).unwrap().count();
    let log = folder.join("contacts.log");
    for n in 1..=20 {
        let contact = about(&format!("NEXT{n:04}"), 500);
        let size = json_size(&contact);
        assert!((490..=510).contains(&size), "{size}");
        let (written, length) = (
            cache.bytes_written(),
            std::fs::metadata(&log).unwrap().len(),
        );
        cache.put(&contact, at(n)).unwrap();
        let put = cache.bytes_written() - written;
        let grown = std::fs::metadata(&log).unwrap().len() - length;
        assert!(
            (size - 100..=size + 50).contains(&put),
            "{put} bytes written for {size}"
        );
        assert_eq!(grown, put, "everything written went to the log");
    }
    assert_eq!(
        std::fs::read_dir(folder).unwrap().count(),
        files_before,
        "no file per contact"
    );
}

#[test]
fn remove_writes_a_record_naming_the_contact() {
    let (_dir, cache) = cache_with(roomy());
    cache.put(&huge("BIGG0001", 1_000_000), at(0)).unwrap();
    cache
        .put(&contact("SMAL0001", "Ana", "a@x.com"), at(1))
        .unwrap();
    let before = cache.bytes_written();
    cache.remove("SMAL0001").unwrap();
    assert!(cache.bytes_written() - before < 40);
    // Removing the huge one leaves a megabyte of dead records: the log is compacted to the
    // nothing that is left (a header and an empty checkpoint), not copied.
    let before = cache.bytes_written();
    cache.remove("BIGG0001").unwrap();
    assert!(cache.bytes_written() - before < 200);
    let log = cache.path().unwrap().join("contacts.log");
    assert_eq!(std::fs::metadata(log).unwrap().len(), 16);
}

#[test]
fn a_contact_fetched_again_unchanged_writes_its_new_time_not_the_contact() {
    let (_dir, cache) = cache_with(roomy());
    let ana = about("ANAA0001", 2_000);
    cache.put(&ana, at(0)).unwrap();
    let before = cache.bytes_written();
    cache.put(&ana, at(5)).unwrap();
    let touched = cache.bytes_written() - before;
    assert!(touched < 60, "{touched} bytes for an unchanged contact");
    assert_eq!(cache.get("ANAA0001").map(|c| c.fetched_at), Some(at(5)));
    // Changed, it is written whole again.
    let mut changed = ana.clone();
    changed.stage_name = Some("Won".into());
    let before = cache.bytes_written();
    cache.put(&changed, at(6)).unwrap();
    assert!(cache.bytes_written() - before > json_size(&ana) / 2);
    cache.put(&changed, at(9)).unwrap();
    // The next start knows the latest time: from the checkpoint, from the log alone, and after
    // a compaction that leaves the touch records behind.
    let folder = cache.path().unwrap().to_path_buf();
    let latest = |cache: &ContactCache| cache.get("ANAA0001").map(|c| (c.fetched_at, c.contact));
    assert_eq!(
        latest(&ContactCache::at(&folder)),
        Some((at(9), changed.clone()))
    );
    cache.compact().unwrap();
    let _ = std::fs::remove_file(folder.join("contacts.idx"));
    assert_eq!(latest(&ContactCache::at(&folder)), Some((at(9), changed)));
}
