//! Property tests: the store against a model map, the notes cut against the notes parser, the
//! index search against `genius query`'s matching of whole contacts, the LRU's byte bound.

use std::collections::HashMap;

use genius::api::Contact;
use genius::api::notes::NoteTimeline;
use genius::cache::{
    CacheLimits, CachedContact, ContactCache, ContactLru, ContactSummary, QueryWords,
    newest_notes_within,
};
use proptest::prelude::*;

use super::fixtures::at;

#[derive(Debug, Clone)]
enum Op {
    Put {
        uid: usize,
        name: String,
    },
    Remove {
        uid: usize,
    },
    Get {
        uid: usize,
    },
    /// The contact held fetched again, unchanged (a touch record, not the contact again).
    Refetch {
        uid: usize,
    },
    /// Another handle on the folder, as the next start or another process.
    Reopen,
    /// The next start after the index's checkpoint was lost: the log read from its start.
    ReopenWithoutCheckpoint,
    /// The log rewritten with only the live contacts.
    Compact,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..8usize, "\\PC{0,12}").prop_map(|(uid, name)| Op::Put { uid, name }),
        2 => (0..8usize).prop_map(|uid| Op::Remove { uid }),
        2 => (0..8usize).prop_map(|uid| Op::Get { uid }),
        2 => (0..8usize).prop_map(|uid| Op::Refetch { uid }),
        1 => Just(Op::Reopen),
        1 => Just(Op::ReopenWithoutCheckpoint),
        1 => Just(Op::Compact),
    ]
}

const UIDS: [&str; 8] = [
    "AAAA0000", "b b", "ÇÇ", "../up", "DDDD", "e%41", "FFFF", "张伟",
];
const MAX_CONTACTS: usize = 5;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the sequence, the store holds what a map holds that keeps the five most
    /// recently fetched contacts.
    #[test]
    fn the_store_behaves_like_a_bounded_map(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().expect("a folder");
        let folder = dir.path().join("p");
        let limits = CacheLimits { max_contacts: MAX_CONTACTS, ..CacheLimits::default() };
        let mut cache = ContactCache::at_with(&folder, limits);
        let mut model: HashMap<&str, (i64, Contact)> = HashMap::new();
        for (tick, op) in ops.into_iter().enumerate() {
            let tick = tick as i64;
            match op {
                Op::Put { uid, name } => {
                    let contact = Contact {
                        uid: UIDS[uid].to_string(),
                        first_name: Some(name),
                        ..Contact::default()
                    };
                    cache.put(&contact, at(tick)).expect("a put");
                    model.insert(UIDS[uid], (tick, contact));
                    while model.len() > MAX_CONTACTS {
                        let oldest = model
                            .iter()
                            .min_by_key(|(uid, (tick, _))| (*tick, **uid))
                            .map(|(uid, _)| *uid)
                            .expect("not empty");
                        model.remove(oldest);
                    }
                }
                Op::Remove { uid } => {
                    let was = cache.remove(UIDS[uid]).expect("a remove");
                    prop_assert_eq!(was, model.remove(UIDS[uid]).is_some());
                }
                Op::Get { uid } => {
                    let got = cache.get(UIDS[uid]).map(|c| (c.fetched_at, c.contact));
                    let want = model.get(UIDS[uid]).map(|(t, c)| (at(*t), c.clone()));
                    prop_assert_eq!(got, want);
                }
                Op::Refetch { uid } => {
                    if let Some((fetched, contact)) = model.get_mut(UIDS[uid]) {
                        cache.put(contact, at(tick)).expect("a put");
                        *fetched = tick;
                    }
                }
                Op::Reopen => cache = ContactCache::at_with(&folder, limits),
                Op::ReopenWithoutCheckpoint => {
                    let _ = std::fs::remove_file(folder.join("contacts.idx"));
                    cache = ContactCache::at_with(&folder, limits);
                }
                Op::Compact => cache.compact().expect("a compaction"),
            }
        }
        let mut held: Vec<String> = cache.summaries().into_iter().map(|s| s.uid).collect();
        held.sort();
        let mut want: Vec<String> = model.keys().map(|uid| uid.to_string()).collect();
        want.sort();
        prop_assert_eq!(held, want);
        for uid in UIDS {
            prop_assert_eq!(
                cache.get(uid).map(|c| c.contact),
                model.get(uid).map(|(_, c)| c.clone())
            );
        }
        // The next start reads exactly the live contacts back.
        let reopened = ContactCache::at_with(&folder, limits);
        for uid in UIDS {
            prop_assert_eq!(
                reopened.get(uid).map(|c| (c.fetched_at, c.contact)),
                model.get(uid).map(|(t, c)| (at(*t), c.clone()))
            );
        }
    }

    /// The cut keeps a verbatim suffix within the bound that parses into exactly the newest
    /// entries of the whole history.
    #[test]
    fn the_notes_cut_keeps_the_newest_whole_entries(
        parts in prop::collection::vec(note_part(), 0..30),
        bound in 0usize..400,
    ) {
        let notes: String = parts.concat();
        match newest_notes_within(&notes, bound) {
            Some(kept) => {
                prop_assert!(kept.len() <= bound);
                prop_assert!(notes.ends_with(kept));
                let whole = NoteTimeline::parse(&notes).entries;
                let newest = NoteTimeline::parse(kept).entries;
                prop_assert!(newest.len() <= whole.len());
                let tail = &whole[whole.len() - newest.len()..];
                let tail_sources: Vec<&str> = tail.iter().map(|e| e.source.as_str()).collect();
                let newest_sources: Vec<&str> = newest.iter().map(|e| e.source.as_str()).collect();
                prop_assert_eq!(newest_sources, tail_sources);
            }
            None => prop_assert!(notes.len() > bound),
        }
    }

    /// A search of the index finds exactly the contacts `genius query` matches.
    #[test]
    fn the_index_search_matches_like_genius_query(
        people in prop::collection::vec(person(), 1..6),
        query in "[a-zA-Zé@. 0-9]{0,8}",
    ) {
        let contacts: Vec<Contact> = people
            .into_iter()
            .enumerate()
            .map(|(n, mut contact)| { contact.uid = format!("UID{n:05}"); contact })
            .collect();
        let words = QueryWords::new(&query);
        let by_summary: Vec<String> = contacts
            .iter()
            .filter(|c| ContactSummary::of(&CachedContact::new((*c).clone(), at(0)), 0).matches(&words))
            .map(|c| c.uid.clone())
            .collect();
        let by_query: Vec<String> = genius::scripting::query::matching(&contacts, &query)
            .into_iter()
            .map(|c| c.uid)
            .collect();
        prop_assert_eq!(by_summary, by_query);
    }

    /// The LRU never holds more than its budget, and its count is the sum of what it holds.
    #[test]
    fn the_lru_stays_within_its_budget(
        inserts in prop::collection::vec((0..6usize, 0usize..3000), 1..40),
        budget in 0usize..8000,
    ) {
        let mut lru = ContactLru::new(budget);
        for (uid, notes) in inserts {
            let contact = Contact {
                uid: format!("U{uid}"),
                notes: Some("n".repeat(notes)),
                ..Contact::default()
            };
            lru.insert(CachedContact::new(contact, at(0)));
            let held: usize = lru.iter().map(CachedContact::memory_size).sum();
            prop_assert_eq!(lru.bytes(), held);
            prop_assert!(held <= budget);
        }
    }
}

/// Pieces of a notes string: timestamps, text, and every spelling of line endings.
fn note_part() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2025-01-02 10:00 ".to_string()),
        Just("2025-13-40 99:99 ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n\r\n".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        "\\PC{0,20}",
    ]
}

fn person() -> impl Strategy<Value = Contact> {
    let text = || proptest::option::of("[a-zA-Zé@. 0-9]{0,10}");
    (text(), text(), text(), text(), text()).prop_map(|(first, last, email, phone, business)| {
        Contact {
            first_name: first,
            last_name: last,
            email,
            phone,
            business_name: business,
            ..Contact::default()
        }
    })
}
