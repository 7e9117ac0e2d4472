//! Pickers: fuzzy filtering, the current value, free entry, the owner and tags variants.

use crossterm::event::KeyCode;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::widgets::picker::PickerRow;
use genius::tui::widgets::picker::{Picker, PickerOutcome};

use crate::support::*;

fn vocabulary() -> Vocabulary {
    Vocabulary::configured(
        [
            "New Lead",
            "Contacted",
            "Qualified",
            "Proposal",
            "Closed Won",
        ]
        .map(String::from),
        ["High", "Medium", "Low"].map(String::from),
        [
            Owner {
                email: "sales@yourcompany.com".into(),
                name: Some("Jane Smith".into()),
            },
            Owner {
                email: "ana@yourcompany.com".into(),
                name: Some("Ana Lima".into()),
            },
            Owner {
                email: "bob@yourcompany.com".into(),
                name: None,
            },
        ],
        ["Hot Lead", "Website", "VIP Customer", "Q1 2024"].map(String::from),
    )
}

fn type_into(picker: &mut Picker, text: &str) {
    for k in typing(text) {
        assert_eq!(picker.handle_key(k), PickerOutcome::Continue);
    }
}

fn labels(picker: &Picker) -> Vec<String> {
    picker
        .rows()
        .iter()
        .map(|row| match row {
            PickerRow::Item(i) => picker
                .item(*i)
                .map(|item| item.label.clone())
                .unwrap_or_default(),
            PickerRow::Free(text) => format!("+{text}"),
        })
        .collect()
}

#[test]
fn opens_on_the_current_value_and_enter_picks_the_highlighted_row() {
    let mut picker = Picker::stage(&vocabulary(), Some("Qualified"));
    assert_eq!(labels(&picker).len(), 5);
    assert_eq!(picker.selected(), 2);
    assert!(picker.is_current("qualified"));
    picker.handle_key(key(KeyCode::Down));
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("Proposal".into())
    );
}

#[test]
fn typing_filters_fuzzily_best_first_and_offers_free_entry_last() {
    let mut picker = Picker::stage(&vocabulary(), None);
    type_into(&mut picker, "clos");
    assert_eq!(labels(&picker), ["Closed Won", "+clos"]);
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("Closed Won".into())
    );

    let mut picker = Picker::stage(&vocabulary(), None);
    type_into(&mut picker, "Negotiation");
    assert_eq!(labels(&picker), ["+Negotiation"]);
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("Negotiation".into())
    );
}

#[test]
fn an_exact_match_in_any_case_hides_free_entry() {
    let mut picker = Picker::quality(&vocabulary(), None);
    type_into(&mut picker, "high");
    assert_eq!(labels(&picker), ["High"]);
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("High".into())
    );
}

#[test]
fn moving_tab_completion_backspace_and_cancel() {
    let mut picker = Picker::stage(&vocabulary(), None);
    picker.handle_key(key(KeyCode::Up));
    assert_eq!(picker.selected(), 0, "Up at the top stays");
    picker.handle_key(key(KeyCode::PageDown));
    assert_eq!(picker.selected(), 4, "PageDown stops at the last row");
    picker.handle_key(ctrl('p'));
    assert_eq!(picker.selected(), 3);
    type_into(&mut picker, "prop");
    picker.handle_key(key(KeyCode::Tab));
    assert_eq!(picker.query(), "Proposal");
    picker.handle_key(ctrl('w'));
    assert_eq!(picker.query(), "");
    assert_eq!(picker.rows().len(), 5);
    assert_eq!(picker.handle_key(key(KeyCode::Esc)), PickerOutcome::Cancel);
    assert_eq!(
        picker.handle_key(key(KeyCode::F(5))),
        PickerOutcome::Ignored
    );
}

#[test]
fn empty_vocabulary_says_what_to_do_and_enter_on_nothing_asks_for_a_value() {
    let mut picker = Picker::stage(&Vocabulary::new(), None);
    assert!(picker.rows().is_empty());
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Continue
    );
    assert_eq!(picker.error(), Some("type a value, or Esc to close"));
    type_into(&mut picker, "Won");
    assert_eq!(picker.error(), None, "typing clears the refusal");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("Won".into())
    );
}

#[test]
fn owner_picker_matches_names_and_emails_and_free_entry_must_be_an_email() {
    let mut picker = Picker::owner(&vocabulary(), Some("sales@yourcompany.com"));
    let first = picker.item(0).cloned();
    assert_eq!(
        first.map(|i| (i.label, i.detail)),
        Some(("Jane Smith".into(), Some("sales@yourcompany.com".into())))
    );
    type_into(&mut picker, "lima");
    assert_eq!(labels(&picker)[0], "Ana Lima");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("ana@yourcompany.com".into())
    );

    let mut picker = Picker::owner(&vocabulary(), None);
    type_into(&mut picker, "carol");
    assert_eq!(labels(&picker), ["+carol"]);
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Continue
    );
    assert_eq!(picker.error(), Some("an email needs an @"));
    type_into(&mut picker, "@yourcompany.com");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("carol@yourcompany.com".into())
    );
}

#[test]
fn time_zone_picker_canonicalises_free_entry() {
    let mut picker = Picker::time_zone(None);
    type_into(&mut picker, "sao_paulo");
    let first = match picker.rows().first() {
        Some(PickerRow::Item(i)) => picker.item(*i).map(|item| item.value.clone()),
        _ => None,
    };
    assert_eq!(first.as_deref(), Some("America/Sao_Paulo"));
    let mut picker = Picker::time_zone(None);
    picker.handle_paste("europe/lisbon");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("Europe/Lisbon".into())
    );
}

#[test]
fn tags_collect_several_with_enter_and_commas_then_save() {
    let existing = vec!["Hot Lead".to_string()];
    let mut picker = Picker::tags(&vocabulary(), &existing);
    assert!(picker.is_current("hot lead"));
    type_into(&mut picker, "vip");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Continue
    );
    assert_eq!(picker.chosen(), ["VIP Customer"]);
    assert_eq!(picker.query(), "");
    type_into(&mut picker, "Referral,");
    assert_eq!(picker.chosen(), ["VIP Customer", "Referral"]);
    type_into(&mut picker, "website");
    assert_eq!(
        picker.handle_key(ctrl('s')),
        PickerOutcome::PickedMany(vec![
            "VIP Customer".into(),
            "Referral".into(),
            "Website".into()
        ])
    );
}

#[test]
fn tags_enter_on_an_empty_line_saves_backspace_unpicks_and_existing_tags_are_refused() {
    let existing = vec!["Hot Lead".to_string()];
    let mut picker = Picker::tags(&vocabulary(), &existing);
    type_into(&mut picker, "Hot Lead");
    picker.handle_key(key(KeyCode::Enter));
    assert!(picker.chosen().is_empty());
    assert_eq!(picker.error(), Some("the contact already has 'Hot Lead'"));
    assert_eq!(
        picker.handle_key(ctrl('s')),
        PickerOutcome::Continue,
        "nothing to add yet"
    );
    type_into(&mut picker, "A,B,");
    picker.handle_key(key(KeyCode::Backspace));
    assert_eq!(picker.chosen(), ["A"]);
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::PickedMany(vec!["A".into()])
    );
}

#[test]
fn tags_paste_splits_on_commas_and_line_breaks() {
    let mut picker = Picker::tags(&vocabulary(), &[]);
    picker.handle_paste("Trade Show, q1 2024\nPartner, Lead");
    assert_eq!(picker.chosen(), ["Trade Show", "Q1 2024", "Partner"]);
    assert_eq!(picker.query(), "Lead");
    picker.handle_key(ch(','));
    assert_eq!(picker.chosen().len(), 4);
}

#[test]
fn a_full_email_that_is_not_known_is_used_as_typed_before_fuzzy_matches() {
    let mut picker = Picker::owner(&vocabulary(), Some("sales@yourcompany.com"));
    type_into(&mut picker, "carol@yourcompany.com");
    assert_eq!(labels(&picker)[0], "+carol@yourcompany.com");
    assert_eq!(
        picker.handle_key(key(KeyCode::Enter)),
        PickerOutcome::Picked("carol@yourcompany.com".into())
    );
}

mod properties {
    use crate::support::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use genius::tui::widgets::form::ContactForm;
    use genius::tui::widgets::picker::Picker;
    use proptest::prelude::*;

    fn any_key() -> impl Strategy<Value = KeyEvent> {
        let codes = prop_oneof![
            any::<char>().prop_map(KeyCode::Char),
            Just(KeyCode::Enter),
            Just(KeyCode::Tab),
            Just(KeyCode::BackTab),
            Just(KeyCode::Backspace),
            Just(KeyCode::Up),
            Just(KeyCode::Down),
            Just(KeyCode::PageUp),
            Just(KeyCode::PageDown),
            Just(KeyCode::Left),
            Just(KeyCode::Right),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::Delete),
        ];
        let modifiers = prop_oneof![
            Just(KeyModifiers::NONE),
            Just(KeyModifiers::SHIFT),
            Just(KeyModifiers::CONTROL),
            Just(KeyModifiers::ALT),
        ];
        (codes, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
    }

    proptest! {
        #[test]
        fn pickers_survive_any_keys_with_the_selection_in_range(keys in proptest::collection::vec(any_key(), 0..40)) {
            let vocabulary = super::vocabulary();
            for mut picker in [Picker::stage(&vocabulary, Some("Qualified")), Picker::owner(&vocabulary, None), Picker::tags(&vocabulary, &[])] {
                for key in &keys {
                    let _ = picker.handle_key(*key);
                    prop_assert!(picker.rows().is_empty() || picker.selected() < picker.rows().len());
                }
            }
        }

        #[test]
        fn forms_survive_any_keys_and_pastes(keys in proptest::collection::vec(any_key(), 0..60), paste in "\\PC{0,20}") {
            let mut form = ContactForm::create(&super::vocabulary());
            for key in &keys {
                let _ = form.handle_key(*key);
            }
            let _ = form.handle_paste(&paste);
            // Whatever happened, the form can say what it would send or why it cannot.
            let _ = form.new_contact();
            let _ = form.problems();
            let _ = form.draft();
        }
    }
}
