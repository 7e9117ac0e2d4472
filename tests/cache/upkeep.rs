//! Damage, two processes on one folder, compaction, and the layouts of older versions.

use std::path::{Path, PathBuf};

use genius::cache::{CacheLimits, ContactCache};

use super::fixtures::{at, cache, contact, huge};

fn uids(cache: &ContactCache) -> Vec<String> {
    cache.summaries().into_iter().map(|s| s.uid).collect()
}

fn log_of(cache: &ContactCache) -> PathBuf {
    cache.path().unwrap().join("contacts.log")
}

fn reopen(cache: &ContactCache) -> ContactCache {
    ContactCache::at(cache.path().unwrap())
}

/// Three contacts, and the log's length after each put.
fn three(cache: &ContactCache) -> Vec<u64> {
    ["AAAA1111", "BBBB2222", "CCCC3333"]
        .iter()
        .enumerate()
        .map(|(minute, uid)| {
            cache
                .put(&contact(uid, uid, "x@x.com"), at(minute as i64))
                .unwrap();
            std::fs::metadata(log_of(cache)).unwrap().len()
        })
        .collect()
}

#[test]
fn a_torn_tail_record_is_absent_and_the_rest_read() {
    let (_dir, cache) = cache();
    let ends = three(&cache);
    let log = log_of(&cache);
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.truncate(ends[2] as usize - 5);
    std::fs::write(&log, &bytes).unwrap();
    let reopened = reopen(&cache);
    assert_eq!(uids(&reopened), ["BBBB2222", "AAAA1111"]);
    assert!(reopened.get("CCCC3333").is_none());
    // The next put cuts the torn record off first, so what it appends can be read.
    reopened
        .put(&contact("DDDD4444", "D", "d@x.com"), at(9))
        .unwrap();
    let again = reopen(&cache);
    assert_eq!(uids(&again), ["DDDD4444", "BBBB2222", "AAAA1111"]);
    assert_eq!(again.get("DDDD4444").unwrap().fetched_at, at(9));
}

#[test]
fn a_corrupted_record_is_absent_and_the_records_after_it_read() {
    let (_dir, cache) = cache();
    let ends = three(&cache);
    let log = log_of(&cache);
    let mut bytes = std::fs::read(&log).unwrap();
    // A byte in the middle of the second record's payload.
    let middle = (ends[0] + ends[1]) as usize / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&log, &bytes).unwrap();
    let reopened = reopen(&cache);
    assert_eq!(uids(&reopened), ["CCCC3333", "AAAA1111"]);
    assert!(reopened.get("BBBB2222").is_none());
    assert_eq!(reopened.get("CCCC3333").unwrap().contact.uid, "CCCC3333");
    // Damage under a record the index holds (a handle that read it before) is absent too.
    bytes[middle] ^= 0x01;
    std::fs::write(&log, &bytes).unwrap();
    let before = reopen(&cache);
    assert_eq!(before.summaries().len(), 3);
    let last = ends[2] as usize - 3;
    bytes[last] ^= 0x01;
    std::fs::write(&log, &bytes).unwrap();
    assert!(before.get("CCCC3333").is_none());
}

#[test]
fn a_log_that_is_not_one_is_an_empty_cache_and_replaced_by_the_next_put() {
    let (_dir, cache) = cache();
    three(&cache);
    std::fs::write(log_of(&cache), b"not a log at all").unwrap();
    let reopened = reopen(&cache);
    assert!(uids(&reopened).is_empty());
    reopened
        .put(&contact("DDDD4444", "D", "d@x.com"), at(9))
        .unwrap();
    assert_eq!(uids(&reopen(&cache)), ["DDDD4444"]);
}

#[test]
fn two_handles_on_one_folder_see_each_others_changes() {
    let (_dir, first) = cache();
    first
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    // Another process: its own handle, its own index in memory.
    let second = reopen(&first);
    assert_eq!(uids(&second), ["AAAA1111"]);
    second
        .put(&contact("BBBB2222", "Bia", "b@x.com"), at(1))
        .unwrap();
    first.remove("AAAA1111").unwrap();
    assert_eq!(uids(&first), ["BBBB2222"]);
    assert_eq!(uids(&second), ["BBBB2222"]);
    assert_eq!(second.get("BBBB2222").unwrap().fetched_at, at(1));
    // The second compacts: the first reads the new log whole instead of from its old offset,
    // and a get through its old positions reads the index again.
    for round in 0..50 {
        let uid = format!("CCCC{:04}", round % 7);
        second
            .put(&contact(&uid, "C", "c@x.com"), at(2 + round))
            .unwrap();
    }
    let before = std::fs::metadata(log_of(&first)).unwrap().len();
    second.compact().unwrap();
    assert!(std::fs::metadata(log_of(&first)).unwrap().len() < before);
    assert_eq!(first.get("BBBB2222").unwrap().fetched_at, at(1));
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(uids(&first).len(), 8);
    first
        .put(&contact("DDDD4444", "D", "d@x.com"), at(100))
        .unwrap();
    assert_eq!(second.get("DDDD4444").unwrap().fetched_at, at(100));
}

#[test]
fn compaction_keeps_the_live_contacts_and_shrinks_the_log() {
    let (_dir, cache) = cache();
    for round in 0..2000 {
        let uid = format!("AAAA{:04}", round % 10);
        cache
            .put(&contact(&uid, "Ana", &format!("a{round}@x.com")), at(round))
            .unwrap();
    }
    cache.remove("AAAA0003").unwrap();
    let log = log_of(&cache);
    // Compaction came by itself: 2,000 puts of 10 contacts (about 300 kB of records) never left
    // more than its minimum of superseded records in the log.
    let live: u64 = cache.summaries().iter().map(|s| s.size).sum();
    let length = std::fs::metadata(&log).unwrap().len();
    assert!(length < 2 * live + 70_000, "{length} bytes for {live} live");
    let want: Vec<(String, Option<String>)> = cache
        .summaries()
        .into_iter()
        .map(|s| (s.uid, s.email))
        .collect();
    cache.compact().unwrap();
    assert!(std::fs::metadata(&log).unwrap().len() <= live + 16);
    let reopened = reopen(&cache);
    let got: Vec<(String, Option<String>)> = reopened
        .summaries()
        .into_iter()
        .map(|s| (s.uid, s.email))
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 9);
    for (uid, email) in want {
        assert_eq!(reopened.get(&uid).unwrap().contact.email, email);
    }
}

#[test]
fn temporary_files_abandoned_by_a_crash_are_removed_when_compacting() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let folder = cache.path().unwrap();
    let abandoned = folder.join(".tmp-abandoned");
    let fresh = folder.join(".tmp-in-flight");
    std::fs::write(&abandoned, b"half").unwrap();
    std::fs::write(&fresh, b"half").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&abandoned)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    cache.compact().unwrap();
    assert!(!abandoned.exists());
    assert!(fresh.exists(), "another process may still be writing it");
    assert_eq!(uids(&reopen(&cache)), ["AAAA1111"]);
}

/// Writes an old single-file cache, as versions before the per-contact store kept it.
fn write_legacy(path: &Path, contacts: &[(genius::api::Contact, i64)]) {
    let mut map = serde_json::Map::new();
    for (contact, minute) in contacts {
        map.insert(
            contact.uid.clone(),
            serde_json::json!({ "fetched_at": at(*minute), "contact": contact }),
        );
    }
    let file = serde_json::json!({ "version": 1, "contacts": map });
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_vec(&file).unwrap()).unwrap();
}

/// Writes the last release's layout: a file per contact and the index log beside them.
fn write_per_contact(folder: &Path, contacts: &[(genius::api::Contact, i64, bool)]) {
    let files = folder.join("contacts");
    std::fs::create_dir_all(&files).unwrap();
    for (contact, minute, notes_cut) in contacts {
        let file = serde_json::json!({
            "version": 1, "fetched_at": at(*minute), "notes_cut": notes_cut, "contact": contact,
        });
        let name = genius::cache::escape_file_name(&contact.uid);
        std::fs::write(
            files.join(format!("{name}.json")),
            serde_json::to_vec(&file).unwrap(),
        )
        .unwrap();
    }
    std::fs::write(files.join("DAMAGED0.json"), b"{ torn").unwrap();
    std::fs::write(
        folder.join("index.log"),
        b"{\"genius_cache_index\":1,\"generation\":1}\n",
    )
    .unwrap();
}

#[test]
fn the_last_releases_file_per_contact_is_converted_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cache").join("prod");
    write_per_contact(
        &folder,
        &[
            (contact("AAAA1111", "Ana", "a@x.com"), 0, false),
            (contact("a b/c", "Bia", "b@x.com"), 1, false),
            (huge("BIGG0001", 2_000), 2, true),
        ],
    );
    let cache = ContactCache::at(&folder);
    assert_eq!(cache.get("a b/c").unwrap().fetched_at, at(1));
    assert!(!folder.join("contacts").exists() && !folder.join("index.log").exists());
    let reopened = ContactCache::at(&folder);
    assert_eq!(uids(&reopened), ["BIGG0001", "a b/c", "AAAA1111"]);
    let big = reopened.get("BIGG0001").unwrap();
    assert!(big.notes_cut, "the flag survives the conversion");
    assert_eq!(big.contact, huge("BIGG0001", 2_000));
}

#[test]
fn the_old_single_file_is_converted_once_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = dir.path().join("cache").join("prod.json");
    write_legacy(
        &legacy,
        &[
            (contact("AAAA1111", "Ana", "a@x.com"), 0),
            (contact("BBBB2222", "Bia", "b@x.com"), 1),
            (huge("BIGG0001", 400_000), 2),
        ],
    );
    let cache = ContactCache::at(dir.path().join("cache").join("prod"));
    // A get is enough: reading the index converts the old file.
    assert_eq!(cache.get("AAAA1111").unwrap().fetched_at, at(0));
    assert!(!legacy.exists());
    assert_eq!(uids(&cache), ["BIGG0001", "BBBB2222", "AAAA1111"]);
    assert!(
        cache.get("BIGG0001").unwrap().notes_cut,
        "converted within the bounds"
    );
}

#[test]
fn conversion_keeps_a_newer_copy_and_a_damaged_old_file_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cache").join("prod");
    let cache = ContactCache::at(&folder);
    cache
        .put(&contact("AAAA1111", "Ana", "new@x.com"), at(10))
        .unwrap();
    let legacy = dir.path().join("cache").join("prod.json");
    write_legacy(&legacy, &[(contact("AAAA1111", "Ana", "old@x.com"), 0)]);
    let reopened = ContactCache::at(&folder);
    assert_eq!(reopened.summaries()[0].email.as_deref(), Some("new@x.com"));
    assert!(!legacy.exists());
    std::fs::write(&legacy, b"{ damaged").unwrap();
    let again = ContactCache::at(&folder);
    assert_eq!(uids(&again), ["AAAA1111"]);
    assert!(!legacy.exists());
}

#[test]
fn clear_counts_and_removes_the_store_and_an_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cache").join("prod");
    let cache = ContactCache::at_with(&folder, CacheLimits::default());
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let legacy = dir.path().join("cache").join("prod.json");
    write_legacy(&legacy, &[(contact("BBBB2222", "Bia", "b@x.com"), 0)]);
    assert_eq!(cache.clear().unwrap(), 2);
    assert!(!folder.exists() && !legacy.exists());
    assert!(cache.get("AAAA1111").is_none());
    // The handle is usable after a clear.
    cache
        .put(&contact("CCCC3333", "C", "c@x.com"), at(1))
        .unwrap();
    assert_eq!(uids(&cache), ["CCCC3333"]);
}
