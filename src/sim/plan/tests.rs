//! The rules of each write, planned against a small account and applied.

use chrono::{DateTime, Utc};

use super::*;
use crate::sim::book::tests::account;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn contact(book: &AccountBook, uid: &str) -> ContactRecord {
    ContactRecord::clone(book.contacts.by_uid(uid).unwrap())
}

#[test]
fn an_update_that_changes_nothing_is_no_change() {
    let mut book = account();
    let solo = contact(&book, "AAAA0003");
    let same = ContactFields {
        email: Some("solo@example.com".into()),
        first_name: Some("A".into()),
        ..ContactFields::default()
    };
    assert_eq!(
        update(&book, &solo, &same, at("2025-01-01T00:00:00Z")),
        Ok(None)
    );
    let stage = ContactFields {
        stage_name: Some("won".into()),
        city: Some("Recife".into()),
        ..ContactFields::default()
    };
    let change = update(&book, &solo, &stage, at("2025-01-01T00:00:00Z"))
        .unwrap()
        .unwrap();
    book.apply(&change).unwrap();
    let after = contact(&book, "AAAA0003");
    assert_eq!(
        after.stage_name.as_deref(),
        Some("Won"),
        "the account's spelling"
    );
    assert_eq!(after.city.as_deref(), Some("Recife"));
    assert_eq!(after.last_update, at("2025-01-01T00:00:00Z"));
}

#[test]
fn a_later_assignment_of_a_field_wins_and_blank_clears() {
    let book = account();
    let solo = contact(&book, "AAAA0003");
    let fields = ContactFields {
        name: Some("Ana Clara Souza".into()),
        first_name: Some("Bia".into()),
        phone: Some("  ".into()),
        ..ContactFields::default()
    };
    let Some(Change::Update { set, .. }) =
        update(&book, &solo, &fields, at("2025-01-01T00:00:00Z")).unwrap()
    else {
        panic!("an update");
    };
    assert_eq!(
        set,
        [
            (ContactField::LastName, Some("Clara Souza".into())),
            (ContactField::FirstName, Some("Bia".into())),
            (ContactField::Phone, None),
        ]
    );
}

#[test]
fn a_rejected_update_plans_nothing() {
    let book = account();
    let first = contact(&book, "AAAA0001");
    let fields = ContactFields {
        city: Some("Recife".into()),
        owner_email: Some("nobody@example.com".into()),
        ..ContactFields::default()
    };
    let error = update(&book, &first, &fields, at("2025-01-01T00:00:00Z")).unwrap_err();
    assert_eq!(
        error.message,
        "ownerEmail 'nobody@example.com' is not a member of the team"
    );
    let orphan = ContactFields {
        email: Some(String::new()),
        phone: Some(String::new()),
        ..ContactFields::default()
    };
    let error = update(&book, &first, &orphan, at("2025-01-01T00:00:00Z")).unwrap_err();
    assert_eq!(error.message, "email or phone is required");
}

#[test]
fn create_needs_a_name_and_a_way_to_reach() {
    let book = account();
    let now = at("2025-03-04T05:06:59Z");
    let nameless = ContactFields {
        email: Some("x@y.z".into()),
        name: Some(" ".into()),
        ..ContactFields::default()
    };
    let error = create(&book, &nameless, None, "NEW00001".into(), now).unwrap_err();
    assert_eq!(
        error.message,
        "either name or firstName/lastName is required"
    );
    let unreachable = ContactFields {
        last_name: Some("Souza".into()),
        email: Some(" ".into()),
        ..ContactFields::default()
    };
    let error = create(&book, &unreachable, None, "NEW00001".into(), now).unwrap_err();
    assert_eq!(error.message, "email or phone is required");
    let fine = ContactFields {
        name: Some("Ana Souza".into()),
        phone: Some("+55 11 90000-0000".into()),
        tags: vec!["VIP".into(), " ".into(), "VIP".into(), "Nova".into()],
        ..ContactFields::default()
    };
    let Change::Create { contact } =
        create(&book, &fine, Some("olá"), "NEW00001".into(), now).unwrap()
    else {
        panic!("a create");
    };
    assert_eq!(contact.first_name.as_deref(), Some("Ana"));
    assert_eq!(contact.tags, ["VIP", "Nova"]);
    assert_eq!(
        contact.notes,
        [(at("2025-03-04T05:06:00Z"), "olá".to_string())]
    );
    assert_eq!((contact.created, contact.last_update), (now, now));
}

#[test]
fn notes_are_stamped_with_the_minute_and_tags_join_the_account() {
    let mut book = account();
    let first = contact(&book, "AAAA0001");
    let note = add_note(&first, "hello", at("2025-03-04T05:06:59Z"));
    book.apply(&note).unwrap();
    assert_eq!(
        contact(&book, "AAAA0001").notes,
        [(at("2025-03-04T05:06:00Z"), "hello".to_string())]
    );
    let first = contact(&book, "AAAA0001");
    let tag = add_tag(&first, "VIP", at("2025-03-04T05:07:00Z")).unwrap();
    book.apply(&tag).unwrap();
    let first = contact(&book, "AAAA0001");
    assert_eq!(add_tag(&first, "VIP", at("2025-03-04T05:08:00Z")), None);
    assert_eq!(book.tags(), ["VIP"]);
    assert_eq!(first.last_update, at("2025-03-04T05:07:00Z"));
    let won = set_field(&first, Field::Stage, "Won", at("2025-03-05T00:00:00Z")).unwrap();
    book.apply(&won).unwrap();
    let first = contact(&book, "AAAA0001");
    assert_eq!(first.stage_name.as_deref(), Some("Won"));
    assert_eq!(
        set_field(&first, Field::Stage, "Won", at("2025-03-06T00:00:00Z")),
        None
    );
}
