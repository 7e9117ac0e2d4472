//! Phone numbers through libphonenumber: Brazilian and US national formats with a default region,
//! international numbers whatever the region, the spaces and dashes people paste, impossible
//! numbers refused in plain words, and lookups sent in E.164 — with properties over hostile text.

use genius::api::phone::Impossibility;
use genius::api::{Identifier, PhoneError, PhoneNumber, Region};
use proptest::prelude::*;

use crate::hostile::{config, hostile_value};

fn region(code: &str) -> Option<Region> {
    Some(code.parse().expect("a known region"))
}

fn e164(text: &str, default_region: Option<Region>) -> String {
    match PhoneNumber::parse(text, default_region) {
        Ok(number) => number.e164(),
        Err(error) => panic!("{text:?} did not parse: {error}"),
    }
}

#[test]
fn brazilian_national_formats_become_e164_with_region_br() {
    for typed in [
        "(11) 98771-6038",
        "11 98771-6038",
        "11987716038",
        "011 98771-6038",
        "(11)\u{A0}98771\u{2011}6038",
        "11.98771.6038",
        "tel:(11) 98771-6038",
        "  (11) 98771 6038  ",
    ] {
        assert_eq!(e164(typed, region("BR")), "+5511987716038", "{typed:?}");
    }
    let number = PhoneNumber::parse("(11) 98771-6038", region("br")).expect("parses");
    assert_eq!(number.national(), "(11) 98771-6038");
    assert_eq!(number.international(), "+55 11 98771-6038");
    assert!(number.is_valid());
    assert_eq!(number.region(), region("BR"));
    assert_eq!(number.calling_code(), 55);
    let landline = PhoneNumber::parse("(21) 3456-7890", region("BR")).expect("parses");
    assert_eq!(landline.e164(), "+552134567890");
    assert_eq!(landline.national(), "(21) 3456-7890");
}

#[test]
fn us_national_formats_become_e164_with_region_us() {
    for typed in [
        "(555) 123-4567",
        "555-123-4567",
        "555.123.4567",
        "1 555 123 4567",
    ] {
        assert_eq!(e164(typed, region("US")), "+15551234567", "{typed:?}");
    }
    let number = PhoneNumber::parse("(212) 555-0123", region("US")).expect("parses");
    assert_eq!(number.national(), "(212) 555-0123");
    assert_eq!(number.international(), "+1 212-555-0123");
    // 555 numbers are reserved for fiction: possible (the length is right), not valid.
    let fictional = PhoneNumber::parse("(555) 123-4567", region("US")).expect("possible");
    assert!(!fictional.is_valid());
}

#[test]
fn an_international_number_ignores_the_default_region() {
    for default_region in [None, region("US"), region("BR"), region("DE")] {
        assert_eq!(e164("+55 11 98771-6038", default_region), "+5511987716038");
        assert_eq!(e164("+44 20 7946 0958", default_region), "+442079460958");
        assert_eq!(e164("+1 (555) 123-4567", default_region), "+15551234567");
    }
    // Dialled with the default region's international prefix instead of +.
    assert_eq!(e164("00 55 11 98771 6038", region("DE")), "+5511987716038");
    assert_eq!(e164("011 55 11 98771 6038", region("US")), "+5511987716038");
    // Italian numbers keep their leading 0 after the country code.
    assert_eq!(e164("+39 06 1234 5678", region("DE")), "+390612345678");
}

#[test]
fn pasted_spaces_dashes_and_digits_of_every_kind_are_accepted() {
    for typed in [
        "+55\u{A0}11\u{A0}98771-6038",
        "+55\u{2009}11\u{2009}98771\u{2013}6038",
        "+55\u{202F}11\u{2007}98771\u{2212}6038",
        "tel:+55-11-98771-6038",
        "TEL:+55 11 98771 6038",
        "\u{FF0B}\u{FF15}\u{FF15} \u{FF11}\u{FF11} 98771-6038",
    ] {
        assert_eq!(e164(typed, None), "+5511987716038", "{typed:?}");
    }
}

#[test]
fn impossible_numbers_are_refused_in_plain_words() {
    let refused =
        |text: &str, default_region: Option<Region>| match PhoneNumber::parse(text, default_region)
        {
            Ok(number) => panic!("{text:?} parsed as {}", number.e164()),
            Err(error) => error,
        };
    let short = refused("123", region("BR"));
    assert_eq!(
        short,
        PhoneError::Impossible {
            place: "BR".into(),
            why: Impossibility::TooShort
        }
    );
    assert_eq!(
        short.to_string(),
        "not a possible phone number for BR: too short"
    );
    assert_eq!(
        refused("+55 11 98771-60389999", None).to_string(),
        "not a possible phone number for BR: too long"
    );
    assert_eq!(
        refused("+1 555 0100", None).to_string(),
        "not a possible phone number for US: too short"
    );
    assert_eq!(
        refused("98771-6038", region("BR")).to_string(),
        "not a possible phone number for BR: the area code is missing"
    );
    assert_eq!(refused("(11) 98771-6038", None), PhoneError::NoRegion);
    assert!(
        refused("(11) 98771-6038", None)
            .to_string()
            .contains("default_phone_region")
    );
    assert_eq!(
        refused("+999 1234567", None),
        PhoneError::UnknownCountryCode
    );
    assert_eq!(refused("", region("BR")), PhoneError::Empty);
    assert_eq!(refused("   ", region("BR")), PhoneError::Empty);
    assert_eq!(refused("abc", region("BR")), PhoneError::NotANumber);
}

#[test]
fn regions_are_the_two_letters_of_the_config() {
    assert_eq!(
        "br".parse::<Region>().map(|r| r.to_string()),
        Ok("BR".into())
    );
    assert_eq!(
        "US".parse::<Region>().ok().and_then(|r| r.calling_code()),
        Some(1)
    );
    for bad in ["", "B", "BRA", "ZZ", "1A", "é"] {
        let error = bad.parse::<Region>().expect_err(bad);
        assert!(
            error.to_string().contains("two-letter country code"),
            "{error}"
        );
    }
}

#[test]
fn lookups_send_a_parsed_phone_in_e164_and_anything_else_as_before() {
    let br = region("BR");
    assert_eq!(
        Identifier::parse_with_region("(11) 98771-6038", br),
        Ok(Identifier::Phone("+5511987716038".into()))
    );
    assert_eq!(
        Identifier::parse_with_region("+55 11 98771-6038", None),
        Ok(Identifier::Phone("+5511987716038".into()))
    );
    // Without a region a national number cannot be placed: sent as typed, the server compares
    // digits and may still find it.
    assert_eq!(
        Identifier::parse_with_region("(11) 98771-6038", None),
        Ok(Identifier::Phone("(11) 98771-6038".into()))
    );
    assert_eq!(
        Identifier::parse_with_region("98771-6038", br),
        Ok(Identifier::Phone("98771-6038".into()))
    );
    // Uids and emails are not phones, whatever the region.
    assert_eq!(
        Identifier::parse_with_region("abc12345", br),
        Ok(Identifier::Uid("ABC12345".into()))
    );
    assert_eq!(
        Identifier::parse_with_region(" mailto:ana@x.io", br),
        Ok(Identifier::Email("ana@x.io".into()))
    );
    assert!(Identifier::parse_with_region("Conceição", br).is_err());
    // The no-region form keeps the typed text.
    assert_eq!(
        Identifier::parse("+55 11 98771-6038"),
        Ok(Identifier::Phone("+55 11 98771-6038".into()))
    );
}

fn any_region() -> impl Strategy<Value = Option<Region>> {
    proptest::option::of(
        proptest::sample::select(vec![
            "BR", "US", "DE", "GB", "IT", "PT", "IN", "JP", "AR", "MX",
        ])
        .prop_map(|code| code.parse::<Region>().expect("a known region")),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_a_number_or_a_reason(text in hostile_value(), default_region in any_region()) {
        match PhoneNumber::parse(&text, default_region) {
            Ok(number) => {
                let e164 = number.e164();
                prop_assert!(e164.starts_with('+'), "{:?}", e164);
                prop_assert!(e164.chars().skip(1).all(|c| c.is_ascii_digit()), "{:?}", e164);
                prop_assert!(!number.national().is_empty());
                prop_assert!(!number.international().is_empty());
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
        let _ = Identifier::parse_with_region(&text, default_region);
    }

    #[test]
    fn e164_round_trips_through_parse(
        digits in "[1-9][0-9]{6,13}",
        default_region in any_region(),
        other_region in any_region(),
    ) {
        if let Ok(number) = PhoneNumber::parse(&format!("+{digits}"), default_region) {
            let again = PhoneNumber::parse(&number.e164(), other_region);
            prop_assert_eq!(again.as_ref().map(PhoneNumber::e164), Ok(number.e164()));
            let international = PhoneNumber::parse(&number.international(), other_region);
            prop_assert_eq!(international.map(|n| n.e164()), Ok(number.e164()));
        }
    }

    #[test]
    fn a_national_number_reads_back_in_its_own_region(
        digits in "[1-9][0-9]{7,10}",
        home in any_region(),
    ) {
        let Some(home) = home else { return Ok(()) };
        if let Ok(number) = PhoneNumber::parse(&digits, Some(home))
            && number.is_valid()
            && number.region() == Some(home)
        {
            let national = PhoneNumber::parse(&number.national(), Some(home));
            prop_assert_eq!(national.map(|n| n.e164()), Ok(number.e164()));
        }
    }
}
