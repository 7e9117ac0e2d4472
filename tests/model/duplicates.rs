//! The duplicate check before creating: which lookups, merging their answers, and the warning.

use crossterm::event::KeyCode;
use genius::api::{Contact, Identifier, NewContact};
use genius::tui::model::duplicates::{duplicate_lookups, merge_matches};
use genius::tui::screens::create::duplicates::{DuplicateOutcome, DuplicateWarning};

use crate::support::*;

fn new_john() -> NewContact {
    NewContact {
        first_name: Some("John".into()),
        email: Some("JOHN@example.com".into()),
        phone: Some("+15559876543".into()),
        ..NewContact::default()
    }
}

#[test]
fn the_email_and_the_phone_are_looked_up() {
    assert_eq!(
        duplicate_lookups(&new_john()),
        [
            Identifier::Email("JOHN@example.com".into()),
            Identifier::Phone("+15559876543".into())
        ]
    );
    let phone_only = NewContact {
        phone: Some("+15559876543".into()),
        email: Some("  ".into()),
        ..NewContact::default()
    };
    assert_eq!(duplicate_lookups(&phone_only).len(), 1);
}

#[test]
fn a_contact_found_by_email_and_by_phone_is_listed_once() {
    let mut matches = vec![john()];
    let mut smith = john();
    smith.uid = "XYZ67890".into();
    merge_matches(&mut matches, vec![john(), smith]);
    let uids: Vec<&str> = matches.iter().map(|c| c.uid.as_str()).collect();
    assert_eq!(uids, ["ABC12345", "XYZ67890"]);
}

#[test]
fn the_warning_says_what_is_shared_and_offers_open_or_create() {
    let mut same_phone = Contact {
        uid: "QWE45678".into(),
        phone: Some("+1 (555) 987-6543".into()),
        ..Contact::default()
    };
    let mut warning = DuplicateWarning::new(new_john(), vec![john(), same_phone.clone()]);
    assert_eq!(warning.shared(&john()), "same email");
    assert_eq!(warning.shared(&same_phone), "same phone");
    same_phone.email = Some("john@EXAMPLE.com".into());
    assert_eq!(warning.shared(&same_phone), "same email and phone");

    warning.handle_key(key(KeyCode::Down));
    warning.handle_key(ch('j'));
    assert_eq!(warning.selected(), 1, "stops at the last match");
    match warning.handle_key(key(KeyCode::Enter)) {
        DuplicateOutcome::Open(contact) => assert_eq!(contact.uid, "QWE45678"),
        other => panic!("expected Open, got {other:?}"),
    }
    assert_eq!(
        warning.handle_key(ch('c')),
        DuplicateOutcome::CreateAnyway(Box::new(new_john()))
    );
    assert_eq!(warning.handle_key(ch('y')), DuplicateOutcome::Continue);
    assert_eq!(
        warning.handle_key(key(KeyCode::Esc)),
        DuplicateOutcome::BackToForm
    );
}
