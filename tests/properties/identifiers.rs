//! What a person types or pastes to name a contact, and the form fields they fill: identifier
//! parsing and cleaning, phone normalisation, the form's validators.

use genius::api::Identifier;
use genius::api::model::clean_pasted_identifier;
use genius::tui::model::validate::{
    check_birthday, check_email, check_phone, check_time_zone, check_value, normalize_phone,
    normalize_value, time_zone_suggestions,
};
use genius::tui::widgets::text_input::clean_paste;
use proptest::prelude::*;

use crate::hostile::{config, hostile_text, hostile_value, is_terminal_unsafe};

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_typed_text_is_an_identifier_or_a_reason(text in hostile_value()) {
        match Identifier::parse(&text) {
            Ok(Identifier::Uid(uid)) => {
                prop_assert_eq!(uid.len(), 8);
                prop_assert!(uid.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
            }
            Ok(Identifier::Email(email)) => prop_assert!(email.contains('@')),
            Ok(Identifier::Phone(phone)) => {
                prop_assert!(phone.chars().any(|c| c.is_ascii_digit()));
                // No-break and other Unicode spaces are sent as plain spaces.
                prop_assert!(phone.chars().all(|c| c == ' ' || !c.is_whitespace()), "{:?}", phone);
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn a_phone_with_any_spaces_between_its_digits_is_a_phone(
        groups in proptest::collection::vec("[0-9]{2,5}", 2..5),
        spaces in proptest::collection::vec(
            proptest::sample::select(vec![" ", "\u{A0}", "\u{202F}", "\u{2007}", "-", "."]), 4),
    ) {
        let mut phone = "+".to_string();
        for (index, group) in groups.iter().enumerate() {
            if index > 0 {
                phone.push_str(spaces[index % spaces.len()]);
            }
            phone.push_str(group);
        }
        let parsed = Identifier::parse(&phone);
        prop_assert!(matches!(parsed, Ok(Identifier::Phone(_))), "{:?} -> {:?}", phone, parsed);
        let digits: String = groups.concat();
        prop_assert_eq!(normalize_phone(&phone), format!("+{digits}"));
    }

    #[test]
    fn a_cleaned_paste_is_trimmed_and_taken_from_the_text(text in hostile_value()) {
        let cleaned = clean_pasted_identifier(&text);
        prop_assert_eq!(cleaned.trim(), cleaned.as_str());
        prop_assert!(text.contains(cleaned.as_str()));
        let pasted = clean_paste(&text);
        prop_assert!(!pasted.chars().any(is_terminal_unsafe), "{:?}", pasted);
    }

    #[test]
    fn accented_and_cjk_names_are_refused_without_a_fuss(
        name in "(José|Conceição|张伟|Ñandú|Zoë|Αλέξανδρος|محمد)( [a-zçãéíóú]{1,8}){0,2}"
    ) {
        prop_assert!(Identifier::parse(&name).is_err());
        prop_assert_eq!(clean_pasted_identifier(&format!("  {name} ")), name);
    }

    #[test]
    fn every_validator_answers(text in hostile_text()) {
        for check in [
            check_email(&text),
            check_phone(&text),
            check_birthday(&text),
            check_value(&text),
            check_time_zone(&text),
        ] {
            if let Some(message) = check.message() {
                prop_assert!(!message.is_empty());
            }
        }
        let phone = normalize_phone(&text);
        let digits = phone.strip_prefix('+').unwrap_or(&phone);
        prop_assert!(digits.chars().all(|c| c.is_ascii_digit()), "{:?}", phone);
        if let Some(value) = normalize_value(&text) {
            prop_assert!(value.chars().all(|c| c.is_ascii_digit() || c == '.'), "{:?}", value);
        }
        prop_assert!(time_zone_suggestions(&text, 5).len() <= 5);
    }
}
