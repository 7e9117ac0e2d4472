//! The index against a plain list scanned the slow way: any sequence of inserts, changes of email
//! or phone, and removals leaves every lookup answering exactly what a scan would.

use chrono::{DateTime, Utc};
use proptest::prelude::*;

use super::*;

fn record(uid: &str, email: Option<&str>, phone: Option<&str>) -> ContactRecord {
    let epoch: DateTime<Utc> = DateTime::UNIX_EPOCH;
    ContactRecord {
        uid: uid.to_string(),
        email: email.map(str::to_string),
        phone: phone.map(str::to_string),
        created: epoch,
        last_update: epoch,
        ..ContactRecord::default()
    }
}

/// The reference: a list, matched the way the API describes it.
#[derive(Default)]
struct Scan(Vec<ContactRecord>);

impl Scan {
    fn by_email(&self, email: &str) -> Vec<String> {
        let wanted = email.trim();
        self.0
            .iter()
            .filter(|_| !wanted.is_empty())
            .filter(|c| {
                c.email
                    .as_deref()
                    .is_some_and(|mine| mine.trim().eq_ignore_ascii_case(wanted))
            })
            .map(|c| c.uid.clone())
            .collect()
    }

    fn by_phone(&self, phone: &str) -> Vec<String> {
        let wanted = phone_digits(phone);
        self.0
            .iter()
            .filter(|_| !wanted.is_empty())
            .filter(|c| {
                c.phone
                    .as_deref()
                    .is_some_and(|mine| phone_digits(mine) == wanted)
            })
            .map(|c| c.uid.clone())
            .collect()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Insert(usize, Option<String>, Option<String>),
    SetEmail(usize, Option<String>),
    SetPhone(usize, Option<String>),
    Remove(usize),
}

fn uid(n: usize) -> String {
    format!("UID{n:05}")
}

/// Few distinct values, in several spellings, so matches and collisions are common.
fn email() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![
            "a@x.io",
            "A@X.IO",
            " a@x.io ",
            "b@x.io",
            "",
            "  ",
            "ção@é.br",
            "ÇÃO@é.br"
        ])
        .prop_map(|s| Some(s.to_string())),
    ]
}

fn phone() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![
            "+55 11 3456-7890",
            "551134567890",
            "(55) 11.3456.7890",
            "+1 555",
            "1555",
            "abc",
            ""
        ])
        .prop_map(|s| Some(s.to_string())),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..12usize, email(), phone()).prop_map(|(n, e, p)| Op::Insert(n, e, p)),
        (0..12usize, email()).prop_map(|(n, e)| Op::SetEmail(n, e)),
        (0..12usize, phone()).prop_map(|(n, p)| Op::SetPhone(n, p)),
        (0..12usize).prop_map(Op::Remove),
    ]
}

fn uids(found: Vec<&Arc<ContactRecord>>) -> Vec<String> {
    found.into_iter().map(|c| c.uid.clone()).collect()
}

proptest! {
    #[test]
    fn lookups_agree_with_a_scan(ops in prop::collection::vec(op(), 0..60)) {
        let mut index = ContactIndex::default();
        let mut scan = Scan::default();
        for op in ops {
            match op {
                Op::Insert(n, email, phone) => {
                    let fresh = !scan.0.iter().any(|c| c.uid == uid(n));
                    let contact = record(&uid(n), email.as_deref(), phone.as_deref());
                    prop_assert_eq!(index.insert(contact.clone()), fresh);
                    if fresh {
                        scan.0.push(contact);
                    }
                }
                Op::SetEmail(n, email) => {
                    let found = index.update(&uid(n), |c| c.email = email.clone());
                    let target = scan.0.iter_mut().find(|c| c.uid == uid(n));
                    prop_assert_eq!(found.is_some(), target.is_some());
                    if let Some(c) = target { c.email = email; }
                }
                Op::SetPhone(n, phone) => {
                    let found = index.update(&uid(n), |c| c.phone = phone.clone());
                    let target = scan.0.iter_mut().find(|c| c.uid == uid(n));
                    prop_assert_eq!(found.is_some(), target.is_some());
                    if let Some(c) = target { c.phone = phone; }
                }
                Op::Remove(n) => {
                    let removed = index.remove(&uid(n).to_lowercase()).map(|c| c.uid.clone());
                    let at = scan.0.iter().position(|c| c.uid == uid(n));
                    prop_assert_eq!(removed, at.map(|i| scan.0.remove(i).uid));
                }
            }
            prop_assert_eq!(index.len(), scan.0.len());
            let order: Vec<String> = index.iter().map(|c| c.uid.clone()).collect();
            let expected: Vec<String> = scan.0.iter().map(|c| c.uid.clone()).collect();
            prop_assert_eq!(order, expected);
            for probe in ["a@x.io", "b@x.io", "ção@é.br", "ÇÃO@é.br", " ", "z@z.z"] {
                prop_assert_eq!(uids(index.by_email(probe)), scan.by_email(probe));
            }
            for probe in ["551134567890", "+1 (555)", "abc", "", "999"] {
                prop_assert_eq!(uids(index.by_phone(probe)), scan.by_phone(probe));
            }
            for n in 0..12 {
                let by_uid = index.by_uid(&uid(n)).map(|c| c.uid.clone());
                let expected = scan.0.iter().find(|c| c.uid == uid(n)).map(|c| c.uid.clone());
                prop_assert_eq!(by_uid, expected);
            }
        }
        // Nothing is left behind for keys no contact has any more.
        let emails: std::collections::HashSet<String> =
            scan.0.iter().filter_map(|c| c.email.as_deref().and_then(email_key)).collect();
        let phones: std::collections::HashSet<String> =
            scan.0.iter().filter_map(|c| c.phone.as_deref().and_then(phone_key)).collect();
        prop_assert_eq!(index.by_email.len(), emails.len());
        prop_assert_eq!(index.by_phone.len(), phones.len());
    }

    #[test]
    fn any_text_can_be_an_email_or_phone_key(text in "\\PC*") {
        let mut index = ContactIndex::default();
        index.insert(record("AAAAAAAA", Some(&text), Some(&text)));
        let by_email = index.by_email(&text).len();
        let by_phone = index.by_phone(&text).len();
        prop_assert_eq!(by_email, usize::from(!text.trim().is_empty()));
        prop_assert_eq!(by_phone, usize::from(text.chars().any(|c| c.is_ascii_digit())));
        prop_assert!(index.remove("aaaaaaaa").is_some());
        prop_assert!(index.by_email.is_empty() && index.by_phone.is_empty());
    }
}
