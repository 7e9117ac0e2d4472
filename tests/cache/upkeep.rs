//! Damage, a lost index, two processes on one folder, compaction, and the old single file.

use std::path::Path;

use genius::cache::{CacheLimits, ContactCache};

use super::fixtures::{at, cache, contact, huge, roomy};

fn uids(cache: &ContactCache) -> Vec<String> {
    cache.summaries().into_iter().map(|s| s.uid).collect()
}

fn contact_file(cache: &ContactCache, uid: &str) -> std::path::PathBuf {
    cache
        .path()
        .unwrap()
        .join("contacts")
        .join(format!("{uid}.json"))
}

#[test]
fn a_damaged_contact_file_is_absent_and_replaced_by_the_next_put() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    cache
        .put(&contact("BBBB2222", "Bia", "b@x.com"), at(1))
        .unwrap();
    std::fs::write(contact_file(&cache, "AAAA1111"), b"{ not json").unwrap();
    assert!(cache.get("AAAA1111").is_none());
    let listed: Vec<String> = cache.list().into_iter().map(|c| c.contact.uid).collect();
    assert_eq!(listed, ["BBBB2222"]);
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(2))
        .unwrap();
    assert_eq!(cache.get("AAAA1111").unwrap().fetched_at, at(2));
}

#[test]
fn a_file_holding_another_contact_is_absent() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    std::fs::copy(
        contact_file(&cache, "AAAA1111"),
        contact_file(&cache, "BBBB2222"),
    )
    .unwrap();
    assert!(cache.get("BBBB2222").is_none());
}

#[test]
fn a_lost_or_damaged_index_is_rebuilt_from_the_files() {
    let (_dir, cache) = cache();
    for (minute, uid) in ["AAAA1111", "BBBB2222", "CCCC3333"].iter().enumerate() {
        cache
            .put(&contact(uid, uid, "x@x.com"), at(minute as i64))
            .unwrap();
    }
    std::fs::write(contact_file(&cache, "CCCC3333"), b"garbage").unwrap();
    let index = cache.path().unwrap().join("index.log");
    for damage in [
        None,
        Some(&b"{\"genius_cache_index\":1,\"generation\":1}\n{ torn\n"[..]),
        Some(b"\x00\xff\n"),
    ] {
        match damage {
            None => std::fs::remove_file(&index).unwrap(),
            Some(bytes) => std::fs::write(&index, bytes).unwrap(),
        }
        let reopened = ContactCache::at(cache.path().unwrap());
        assert_eq!(
            uids(&reopened),
            ["BBBB2222", "AAAA1111"],
            "after {damage:?}"
        );
        assert!(
            !contact_file(&cache, "CCCC3333").exists(),
            "the damaged file is removed"
        );
        // The rebuilt log reads back as it is.
        assert_eq!(
            uids(&ContactCache::at(cache.path().unwrap())),
            ["BBBB2222", "AAAA1111"]
        );
    }
}

#[test]
fn a_line_still_being_written_is_left_for_later_not_taken_for_damage() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let index = cache.path().unwrap().join("index.log");
    let mut log = std::fs::read(&index).unwrap();
    log.extend_from_slice(b"{\"remove\":\"AAAA");
    std::fs::write(&index, &log).unwrap();
    let reopened = ContactCache::at(cache.path().unwrap());
    assert_eq!(uids(&reopened), ["AAAA1111"]);
    log.extend_from_slice(b"1111\"}\n");
    std::fs::write(&index, &log).unwrap();
    assert!(uids(&reopened).is_empty(), "the finished line is applied");
}

#[test]
fn two_handles_on_one_folder_see_each_others_changes() {
    let (_dir, first) = cache();
    first
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    // Another process: its own handle, its own index in memory.
    let second = ContactCache::at(first.path().unwrap());
    assert_eq!(uids(&second), ["AAAA1111"]);
    second
        .put(&contact("BBBB2222", "Bia", "b@x.com"), at(1))
        .unwrap();
    first.remove("AAAA1111").unwrap();
    assert_eq!(uids(&first), ["BBBB2222"]);
    assert_eq!(uids(&second), ["BBBB2222"]);
    // Enough changes for the second to compact the log under a new generation: the first reads
    // the new log whole instead of applying it from its old offset.
    for round in 0..300 {
        let uid = format!("CCCC{:04}", round % 7);
        second
            .put(&contact(&uid, "C", "c@x.com"), at(2 + round))
            .unwrap();
    }
    let log_lines = std::fs::read_to_string(first.path().unwrap().join("index.log"))
        .unwrap()
        .lines()
        .count();
    assert!(log_lines < 300, "compacted: {log_lines} lines");
    assert_eq!(uids(&first), uids(&second));
    assert_eq!(uids(&first).len(), 8);
}

#[test]
fn compaction_adopts_files_the_index_lost_and_drops_entries_whose_file_is_gone() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    cache
        .put(&contact("BBBB2222", "Bia", "b@x.com"), at(1))
        .unwrap();
    // Another process's contact whose index line was lost, and a file removed behind our back.
    let stray = ContactCache::at_with(
        cache.path().unwrap().parent().unwrap().join("elsewhere"),
        roomy(),
    );
    stray
        .put(&contact("ZZZZ9999", "Zé", "z@x.com"), at(5))
        .unwrap();
    std::fs::copy(
        contact_file(&stray, "ZZZZ9999"),
        contact_file(&cache, "ZZZZ9999"),
    )
    .unwrap();
    std::fs::remove_file(contact_file(&cache, "BBBB2222")).unwrap();
    for round in 0..200 {
        cache
            .put(&contact("AAAA1111", "Ana", "a@x.com"), at(10 + round))
            .unwrap();
    }
    assert_eq!(uids(&cache), ["AAAA1111", "ZZZZ9999"]);
}

#[test]
fn temporary_files_abandoned_by_a_crash_are_removed_when_compacting() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let contacts = cache.path().unwrap().join("contacts");
    let abandoned = contacts.join(".tmp-abandoned");
    let fresh = contacts.join(".tmp-in-flight");
    std::fs::write(&abandoned, b"half").unwrap();
    std::fs::write(&fresh, b"half").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&abandoned)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    for round in 0..200 {
        cache
            .put(&contact("AAAA1111", "Ana", "a@x.com"), at(round))
            .unwrap();
    }
    assert!(!abandoned.exists());
    assert!(fresh.exists(), "another process may still be writing it");
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
    // A get is enough: the first miss converts the old file.
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
