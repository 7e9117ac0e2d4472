//! The account's vocabulary: configured values first, learned from contacts and changes.

use genius::api::{Contact, ContactChange};
use genius::tui::model::vocabulary::{Owner, Vocabulary};

use crate::support::*;

#[test]
fn configured_order_is_kept_and_learning_appends_without_repeats() {
    let mut vocabulary = Vocabulary::configured(
        ["New Lead".to_string(), "Qualified".to_string()],
        ["Low".to_string()],
        [Owner {
            email: "sales@yourcompany.com".into(),
            name: None,
        }],
        [],
    );
    vocabulary.learn_contact(&john());
    assert_eq!(vocabulary.stages(), ["New Lead", "Qualified"]);
    assert_eq!(vocabulary.qualities(), ["Low", "High"]);
    assert_eq!(vocabulary.tags(), ["Hot Lead", "Website"]);
    // The owner known by email alone learns its name from the contact.
    assert_eq!(vocabulary.owners().len(), 1);
    assert_eq!(
        vocabulary.owner_name("SALES@yourcompany.com"),
        Some("Jane Smith")
    );

    let shouting = Contact {
        uid: "X".into(),
        stage_name: Some("QUALIFIED".into()),
        tags: vec!["website".into(), " ".into()],
        ..Contact::default()
    };
    vocabulary.learn_contact(&shouting);
    assert_eq!(vocabulary.stages(), ["New Lead", "Qualified"]);
    assert_eq!(vocabulary.tags(), ["Hot Lead", "Website"]);
}

#[test]
fn changes_the_server_confirms_are_learned() {
    let mut vocabulary = Vocabulary::new();
    vocabulary.learn_change(&ContactChange {
        contact_uid: "ABC12345".into(),
        owner_email: Some("ana@yourcompany.com".into()),
        owner_name: Some("Ana Lima".into()),
        ..ContactChange::default()
    });
    vocabulary.learn_change(&ContactChange {
        contact_uid: "ABC12345".into(),
        tag_name: Some("VIP Customer".into()),
        stage_name: Some("Proposal".into()),
        quality_name: Some("Medium".into()),
        ..ContactChange::default()
    });
    assert_eq!(
        vocabulary.owner_name("ana@yourcompany.com"),
        Some("Ana Lima")
    );
    assert_eq!(vocabulary.tags(), ["VIP Customer"]);
    assert_eq!(vocabulary.stages(), ["Proposal"]);
    assert_eq!(vocabulary.qualities(), ["Medium"]);
}
