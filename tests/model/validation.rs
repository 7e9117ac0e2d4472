//! Validation rules: what is accepted, what is refused with which words, how values are sent.

use genius::tui::model::validate::Check;
use genius::tui::model::validate::*;
use proptest::prelude::*;

fn invalid(check: Check) -> String {
    match check {
        Check::Invalid(why) => why,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn empty_fields_are_valid_because_every_field_is_optional() {
    for check in [
        check_email(""),
        check_phone("  "),
        check_birthday(""),
        check_value(""),
        check_time_zone(""),
    ] {
        assert_eq!(check, Check::Valid);
    }
}

#[test]
fn email_syntax() {
    assert_eq!(check_email("john@example.com"), Check::Valid);
    assert_eq!(check_email("  j.o+crm@sub.example.com.br "), Check::Valid);
    assert_eq!(invalid(check_email("john")), "an email needs an @");
    assert_eq!(
        invalid(check_email("john@example")),
        "the domain needs a dot, e.g. example.com"
    );
    assert_eq!(
        invalid(check_email("@example.com")),
        "something is missing before the @"
    );
    assert_eq!(
        invalid(check_email("john@")),
        "the domain after @ is missing"
    );
    assert_eq!(
        invalid(check_email("jo hn@example.com")),
        "no spaces in an email"
    );
    assert_eq!(
        invalid(check_email("a@b@example.com")),
        "only one @ in an email"
    );
    assert_eq!(
        invalid(check_email("john@example..com")),
        "misplaced dot in the domain"
    );
    assert_eq!(
        invalid(check_email("john.@example.com")),
        "misplaced dot before the @"
    );
    assert!(check_email("john@exa_mple.com").blocks_saving());
}

#[test]
fn phone_digits_with_optional_plus_and_advice_for_international_form() {
    assert_eq!(check_phone("+15551234567"), Check::Valid);
    assert_eq!(check_phone("+1 (555) 123-4567"), Check::Valid);
    let local = check_phone("5551234567");
    assert!(!local.blocks_saving());
    assert!(local.message().is_some_and(|m| m.contains("international")));
    assert_eq!(
        invalid(check_phone("555-CALL-NOW")),
        "'C' is not allowed: digits and + only"
    );
    assert_eq!(invalid(check_phone("1+555123456")), "a + only at the start");
    assert_eq!(invalid(check_phone("+123")), "too short for a phone number");
    assert_eq!(
        invalid(check_phone("+1234567890123456")),
        "too long: 15 digits at most"
    );
    assert_eq!(normalize_phone(" +1 (555) 123-4567 "), "+15551234567");
    assert_eq!(normalize_phone("555.123.4567"), "5551234567");
}

#[test]
fn birthday_is_a_real_date_written_yyyy_mm_dd() {
    assert_eq!(check_birthday("1985-04-23"), Check::Valid);
    assert_eq!(check_birthday("2000-02-29"), Check::Valid);
    assert_eq!(invalid(check_birthday("1999-02-29")), "not a real date");
    assert_eq!(invalid(check_birthday("1985-13-01")), "not a real date");
    assert!(invalid(check_birthday("23/04/1985")).contains("YYYY-MM-DD"));
    assert!(invalid(check_birthday("1985-4-23")).contains("YYYY-MM-DD"));
    assert_eq!(invalid(check_birthday("1885-04-23")), "a year from 1900 on");
}

#[test]
fn value_is_money_with_a_dot_for_decimals() {
    for ok in ["5000", "5000.5", "5000.50", "5,000.50", "1,234,567", "0"] {
        assert_eq!(check_value(ok), Check::Valid, "{ok}");
    }
    assert!(invalid(check_value("5.000")).starts_with("ambiguous"));
    assert!(invalid(check_value("5000,50")).contains("dot for decimals"));
    assert!(invalid(check_value("-5")).contains("negative"));
    assert!(invalid(check_value("five")).contains("a number"));
    assert!(invalid(check_value("5000.")).contains("digits after the dot"));
    assert!(invalid(check_value("1.2.3")).contains("one dot"));
    assert_eq!(normalize_value("5,000.50").as_deref(), Some("5000.50"));
}

#[test]
fn time_zone_is_an_iana_name_in_any_case_with_suggestions() {
    assert_eq!(check_time_zone("America/Sao_Paulo"), Check::Valid);
    assert_eq!(check_time_zone("america/sao_paulo"), Check::Valid);
    assert_eq!(
        canonical_time_zone("america/sao_paulo"),
        Some("America/Sao_Paulo")
    );
    assert_eq!(canonical_time_zone("Mars/Olympus"), None);
    let why = invalid(check_time_zone("America/Sao"));
    assert!(why.contains("America/Sao_Paulo"), "{why}");
    let suggestions = time_zone_suggestions("sao", 5);
    assert!(
        suggestions.contains(&"America/Sao_Paulo"),
        "{suggestions:?}"
    );
    let new_york = time_zone_suggestions("America/New", 3);
    assert!(new_york.contains(&"America/New_York"), "{new_york:?}");
    assert!(time_zone_suggestions("", 5).is_empty());
    assert!(time_zone_suggestions("Europe", 4).len() == 4);
}

proptest! {
    #[test]
    fn grouped_amounts_normalise_to_plain_digits(whole in 0u64..10_000_000_000, cents in 0u32..100) {
        let plain = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let typed = format!("{grouped}.{cents:02}");
        prop_assert_eq!(normalize_value(&typed), Some(format!("{plain}.{cents:02}")));
        prop_assert_eq!(check_value(&typed), Check::Valid);
    }

    #[test]
    fn validators_never_panic(text in "\\PC{0,40}") {
        let _ = check_email(&text);
        let _ = check_phone(&text);
        let _ = check_birthday(&text);
        let _ = check_value(&text);
        let _ = check_time_zone(&text);
        let _ = normalize_phone(&text);
    }

    #[test]
    fn normalised_phones_keep_only_plus_and_digits(text in "[+]?[0-9 ().-]{6,20}") {
        let normal = normalize_phone(&text);
        prop_assert!(normal.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || (i == 0 && c == '+')));
    }
}

mod phones_in_a_region {
    use genius::api::Region;
    use genius::tui::model::validate::{Check, check_phone_in, normalize_phone_in};
    use genius::tui::model::vocabulary::Vocabulary;
    use genius::tui::widgets::form::{ContactForm, FieldId};

    fn br() -> Option<Region> {
        Some("BR".parse().unwrap())
    }

    fn us() -> Option<Region> {
        Some("US".parse().unwrap())
    }

    #[test]
    fn national_numbers_are_read_in_the_region_and_sent_in_e164() {
        assert_eq!(check_phone_in("(11) 98771-6038", br()), Check::Valid);
        assert_eq!(
            normalize_phone_in("(11) 98771-6038", br()),
            "+5511987716038"
        );
        assert_eq!(check_phone_in("(415) 555-2671", us()), Check::Valid);
        assert_eq!(normalize_phone_in("(415) 555-2671", us()), "+14155552671");
        assert_eq!(
            normalize_phone_in("+55 11 98771-6038", None),
            "+5511987716038"
        );
    }

    #[test]
    fn an_impossible_number_is_invalid_in_the_form() {
        assert!(
            matches!(check_phone_in("(11) 9877", br()), Check::Invalid(why) if why.contains("not a possible"))
        );
        assert!(matches!(
            check_phone_in("+999 1234567", None),
            Check::Invalid(_)
        ));
        // Without a region, a national number can only be advised about.
        assert!(matches!(
            check_phone_in("11 98771-6038", None),
            Check::Advice(_)
        ));
    }

    #[test]
    fn the_create_form_stores_e164_and_refuses_an_impossible_phone() {
        let mut form = ContactForm::create(&Vocabulary::new()).with_phone_region(br());
        form.set_value(FieldId::FirstName, "Ana");
        form.set_value(FieldId::Phone, "(11) 98771-6038");
        assert_eq!(form.new_contact().phone.as_deref(), Some("+5511987716038"));
        form.set_value(FieldId::Phone, "(11) 9877");
        let check = &form.field(FieldId::Phone).unwrap().check;
        assert!(matches!(check, Check::Invalid(_)), "{check:?}");
    }
}
