//! Put, get, remove, list, search, bounds and eviction, and what opening reads.

use genius::cache::{CacheLimits, ContactCache, PutOutcome};

use super::fixtures::{at, cache, cache_with, contact, huge, roomy};

#[test]
fn put_get_list_remove_clear() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    cache
        .put(&contact("BBBB2222", "Bia", "b@x.com"), at(60))
        .unwrap();
    let got = cache.get("AAAA1111").unwrap();
    assert_eq!(got.fetched_at, at(0));
    assert_eq!(got.contact.email.as_deref(), Some("a@x.com"));
    assert!(!got.notes_cut);
    assert_eq!(got.age(at(60)), chrono::Duration::hours(1));
    let uids: Vec<String> = cache.list().into_iter().map(|c| c.contact.uid).collect();
    assert_eq!(uids, ["BBBB2222", "AAAA1111"]);
    cache
        .put(&contact("AAAA1111", "Ana", "new@x.com"), at(120))
        .unwrap();
    assert_eq!(
        cache.get("AAAA1111").unwrap().contact.email.as_deref(),
        Some("new@x.com")
    );
    assert!(cache.remove("AAAA1111").unwrap());
    assert!(!cache.remove("AAAA1111").unwrap());
    assert!(cache.get("AAAA1111").is_none());
    assert_eq!(cache.summaries().len(), 1);
    assert_eq!(cache.clear().unwrap(), 1);
    assert!(cache.list().is_empty());
    assert!(!cache.path().unwrap().exists());
}

#[test]
fn a_removed_contact_stays_removed_after_reopening() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    cache.remove("AAAA1111").unwrap();
    let reopened = ContactCache::at(cache.path().unwrap());
    assert!(reopened.summaries().is_empty());
    assert!(reopened.search("ana").is_empty());
    assert!(reopened.get("AAAA1111").is_none());
}

#[test]
fn summaries_carry_what_a_list_or_search_shows() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(5))
        .unwrap();
    let summary = cache.summaries().remove(0);
    assert_eq!(summary.uid, "AAAA1111");
    assert_eq!(summary.name, "Ana Prado");
    assert_eq!(summary.email.as_deref(), Some("a@x.com"));
    assert_eq!(summary.business.as_deref(), Some("Acme"));
    assert_eq!(summary.stage.as_deref(), Some("Lead"));
    assert_eq!(summary.owner.as_deref(), Some("Rita"));
    assert_eq!(summary.fetched_at, at(5));
    // Its size is what its record added to the log.
    let log = cache.path().unwrap().join("contacts.log");
    let before = std::fs::metadata(&log).unwrap().len();
    cache
        .put(&contact("BBBB2222", "Ana", "a@x.com"), at(6))
        .unwrap();
    let added = std::fs::metadata(&log).unwrap().len() - before;
    assert_eq!(cache.summaries()[0].size, added);
}

#[test]
fn search_matches_every_word_most_recent_first() {
    let (_dir, cache) = cache();
    cache
        .put(
            &contact("AAAA1111", "Helena", "helena@prado.example"),
            at(0),
        )
        .unwrap();
    cache
        .put(
            &contact("BBBB2222", "Heitor", "heitor@prado.example"),
            at(1),
        )
        .unwrap();
    let uids =
        |query: &str| -> Vec<String> { cache.search(query).into_iter().map(|s| s.uid).collect() };
    assert_eq!(uids("helena"), ["AAAA1111"]);
    assert_eq!(uids("PRADO"), ["BBBB2222", "AAAA1111"]);
    assert_eq!(uids("he acme"), ["BBBB2222", "AAAA1111"]);
    assert!(uids("helena heitor").is_empty());
    assert!(uids("   ").is_empty());
}

#[test]
fn uids_that_are_not_file_names_are_kept_apart() {
    let (_dir, cache) = cache();
    for uid in ["../etc", "a b", "A%20B", "张伟", "CON"] {
        cache.put(&contact(uid, uid, "x@x.com"), at(0)).unwrap();
    }
    for uid in ["../etc", "a b", "A%20B", "张伟", "CON"] {
        assert_eq!(cache.get(uid).unwrap().contact.uid, uid);
    }
    let reopened = ContactCache::at(cache.path().unwrap());
    for uid in ["../etc", "a b", "A%20B", "张伟", "CON"] {
        assert_eq!(reopened.get(uid).unwrap().contact.uid, uid);
    }
    assert!(!cache.path().unwrap().parent().unwrap().join("etc").exists());
}

#[test]
fn a_contact_without_uid_is_not_cached() {
    let (_dir, cache) = cache();
    let outcome = cache.put(&contact("", "Nobody", "n@x.com"), at(0)).unwrap();
    assert_eq!(outcome, PutOutcome::NoUid);
    assert!(cache.summaries().is_empty());
}

#[test]
fn the_least_recently_fetched_go_first_beyond_the_count() {
    let limits = CacheLimits {
        max_contacts: 3,
        ..roomy()
    };
    let (_dir, cache) = cache_with(limits);
    for (minute, uid) in ["EEEE", "AAAA", "DDDD", "BBBB", "CCCC"].iter().enumerate() {
        cache
            .put(&contact(uid, uid, "x@x.com"), at(minute as i64))
            .unwrap();
    }
    let kept: Vec<String> = cache.summaries().into_iter().map(|s| s.uid).collect();
    assert_eq!(kept, ["CCCC", "BBBB", "DDDD"]);
    assert!(cache.get("EEEE").is_none() && cache.get("AAAA").is_none());
    let reopened = ContactCache::at_with(cache.path().unwrap(), limits);
    assert_eq!(reopened.summaries().len(), 3);
    assert!(reopened.get("EEEE").is_none());
    // Fetching an old contact again makes it the newest.
    cache
        .put(&contact("DDDD", "DDDD", "x@x.com"), at(10))
        .unwrap();
    cache
        .put(&contact("FFFF", "FFFF", "x@x.com"), at(11))
        .unwrap();
    let kept: Vec<String> = cache.summaries().into_iter().map(|s| s.uid).collect();
    assert_eq!(kept, ["FFFF", "DDDD", "CCCC"]);
}

#[test]
fn the_least_recently_fetched_go_first_beyond_the_bytes() {
    let (_dir, probe) = cache();
    probe
        .put(&contact("AAAA0000", "Ana", "a@x.com"), at(0))
        .unwrap();
    let one = probe.summaries()[0].size;
    let limits = CacheLimits {
        max_disk_bytes: one * 5 / 2,
        ..roomy()
    };
    let (_dir, cache) = cache_with(limits);
    for minute in 0..4 {
        let uid = format!("AAAA000{minute}");
        cache
            .put(&contact(&uid, "Ana", "a@x.com"), at(minute))
            .unwrap();
    }
    let kept: Vec<String> = cache.summaries().into_iter().map(|s| s.uid).collect();
    assert_eq!(kept, ["AAAA0003", "AAAA0002"]);
    let held: u64 = cache.summaries().iter().map(|s| s.size).sum();
    assert!(held <= limits.max_disk_bytes, "{held}");
}

#[test]
fn a_contact_with_huge_notes_keeps_the_newest_and_says_so() {
    let limits = CacheLimits {
        keep_notes_bytes: 10_000,
        ..CacheLimits::default()
    };
    let (_dir, cache) = cache_with(limits);
    let big = huge("BIGG0001", 200_000);
    let outcome = cache.put(&big, at(0)).unwrap();
    assert_eq!(outcome, PutOutcome::Stored { notes_cut: true });
    let cached = cache.get("BIGG0001").unwrap();
    assert!(cached.notes_cut);
    let kept = cached.contact.notes.unwrap();
    let whole = big.notes.unwrap();
    assert!(kept.len() <= 10_000 && kept.len() > 9_000, "{}", kept.len());
    assert!(whole.ends_with(&kept));
    assert!(kept.starts_with("20"), "starts where a note starts");
    assert!(cache.summaries()[0].notes_cut);
    assert_eq!(cached.contact.email, big.email, "the rest is whole");
}

#[test]
fn a_contact_over_the_hard_bound_is_not_cached_and_its_old_copy_goes() {
    let limits = CacheLimits {
        max_contact_bytes: 4_000,
        ..CacheLimits::default()
    };
    let (_dir, cache) = cache_with(limits);
    cache
        .put(&contact("BIGG0001", "Big", "b@x.com"), at(0))
        .unwrap();
    let oversized = genius::api::Contact {
        snapshot: Some("x".repeat(5_000)),
        ..contact("BIGG0001", "Big", "b@x.com")
    };
    assert_eq!(cache.put(&oversized, at(1)).unwrap(), PutOutcome::TooBig);
    assert!(cache.get("BIGG0001").is_none());
    assert!(cache.summaries().is_empty());
}

#[test]
fn opening_reads_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cache").join("prod");
    let cache = ContactCache::at(&folder);
    assert!(cache.get("AAAA1111").is_none());
    assert!(
        !dir.path().join("cache").exists(),
        "nothing created by opening or a miss"
    );
}

#[test]
fn the_index_is_read_on_first_use_not_on_opening() {
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let reopened = ContactCache::at(cache.path().unwrap());
    assert!(!reopened.index_is_loaded());
    assert_eq!(reopened.get("AAAA1111").unwrap().contact.uid, "AAAA1111");
    assert!(reopened.index_is_loaded());
}

#[test]
fn a_damaged_checkpoint_is_ignored_and_the_log_read_instead() {
    let (_dir, cache) = cache();
    for n in 0..5 {
        let uid = format!("AAAA000{n}");
        cache.put(&contact(&uid, "Ana", "a@x.com"), at(n)).unwrap();
    }
    cache.compact().unwrap();
    let checkpoint = cache.path().unwrap().join("contacts.idx");
    assert!(checkpoint.exists(), "compaction writes the checkpoint");
    cache.remove("AAAA0002").unwrap();
    // A checkpoint plus the record after it.
    let reopened = ContactCache::at(cache.path().unwrap());
    assert_eq!(reopened.summaries().len(), 4);
    assert!(reopened.get("AAAA0002").is_none());
    for damage in [&b"{ not a checkpoint"[..], b"", b"\x00\xff\n[1,2]\n"] {
        std::fs::write(&checkpoint, damage).unwrap();
        let reopened = ContactCache::at(cache.path().unwrap());
        assert_eq!(reopened.summaries().len(), 4, "after {damage:?}");
        assert_eq!(reopened.get("AAAA0004").unwrap().fetched_at, at(4));
    }
}

#[test]
fn a_disabled_cache_keeps_nothing() {
    let cache = ContactCache::disabled();
    cache
        .put(&contact("DDDD4444", "D", "d@x.com"), at(0))
        .unwrap();
    assert!(cache.get("DDDD4444").is_none());
    assert!(cache.summaries().is_empty() && cache.search("d").is_empty());
    assert!(!cache.remove("DDDD4444").unwrap());
    assert_eq!(cache.clear().unwrap(), 0);
    assert_eq!(cache.bytes_written(), 0);
}

#[cfg(unix)]
#[test]
fn files_and_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, cache) = cache();
    cache
        .put(&contact("AAAA1111", "Ana", "a@x.com"), at(0))
        .unwrap();
    let folder = cache.path().unwrap();
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    cache.compact().unwrap();
    assert_eq!(mode(&folder.join("contacts.log")), 0o600);
    assert_eq!(mode(&folder.join("contacts.idx")), 0o600);
    assert_eq!(mode(&folder.join("lock")), 0o600);
    assert_eq!(mode(folder), 0o700);
}

#[test]
fn profile_names_map_to_distinct_safe_folders() {
    let a = genius::cache::cache_path("a b");
    let b = genius::cache::cache_path("a_b");
    assert_ne!(a, b);
    assert_eq!(a.file_name().unwrap().to_string_lossy(), "a%20b");
    assert!(
        !genius::cache::cache_path("../etc")
            .to_string_lossy()
            .contains("../")
    );
}
