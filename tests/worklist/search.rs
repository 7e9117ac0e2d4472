//! Finding a contact seen before: fuzzy, accent- and case-insensitive, by name, business, email,
//! phone digits or uid; best first, ties to the most recently seen; never a panic on hostile text.

use chrono::{DateTime, Duration, Utc};
use genius::api::Contact;
use genius::contact_search::{ContactIndex, MatchedField, SearchEntry, fold};
use proptest::prelude::*;

use crate::hostile::{config, hostile_text, hostile_value};

fn at(minutes_ago: i64) -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000) - Duration::minutes(minutes_ago)
}

fn person(uid: &str, name: &str, minutes_ago: i64) -> SearchEntry {
    SearchEntry {
        uid: uid.into(),
        name: name.into(),
        business: None,
        email: None,
        phone: None,
        stage: None,
        owner: None,
        seen_at: at(minutes_ago),
    }
}

fn book() -> ContactIndex {
    let mut conceicao = person("CONC0001", "Maria Conceição Araújo", 50);
    conceicao.business = Some("Padaria Pão Quente".into());
    conceicao.email = Some("conceicao@padaria.com.br".into());
    conceicao.phone = Some("+55 11 98771-6038".into());
    let mut raimundo = person("RAIM0001", "Raimundo Nonato", 40);
    raimundo.business = Some("Construtora Horizonte".into());
    raimundo.phone = Some("+55 85 3456-7890".into());
    let mut jose = person("JOSE0001", "José Antônio", 30);
    jose.email = Some("jose.antonio@example.com".into());
    let mut john = person("JOHN0001", "John Doe", 20);
    john.business = Some("Acme Corp".into());
    john.email = Some("john@example.com".into());
    john.phone = Some("+15551234567".into());
    ContactIndex::new(vec![
        conceicao,
        raimundo,
        jose,
        john,
        person("ANA00001", "Ana Clara Souza", 10),
        person("ZHANG001", "张伟", 5),
    ])
}

fn best(index: &ContactIndex, query: &str) -> Option<String> {
    index
        .search(query, 10)
        .first()
        .map(|hit| hit.entry.uid.to_string())
}

#[test]
fn names_are_found_without_their_accents_and_in_any_case() {
    let index = book();
    assert_eq!(best(&index, "jose").as_deref(), Some("JOSE0001"));
    assert_eq!(best(&index, "JOSÉ").as_deref(), Some("JOSE0001"));
    assert_eq!(best(&index, "antonio").as_deref(), Some("JOSE0001"));
    assert_eq!(best(&index, "conceicao").as_deref(), Some("CONC0001"));
    assert_eq!(best(&index, "CONCEIÇÃO").as_deref(), Some("CONC0001"));
    assert_eq!(best(&index, "raim").as_deref(), Some("RAIM0001"));
    assert_eq!(best(&index, "张").as_deref(), Some("ZHANG001"));
    let hit = index.search("raim", 10);
    assert_eq!(hit.first().and_then(|h| h.field), Some(MatchedField::Name));
}

#[test]
fn business_email_phone_digits_and_uid_are_searched_too() {
    let index = book();
    let found = |query: &str| index.search(query, 10);
    assert_eq!(best(&index, "pao quente").as_deref(), Some("CONC0001"));
    assert_eq!(
        found("pao quente").first().and_then(|h| h.field),
        Some(MatchedField::Business)
    );
    assert_eq!(best(&index, "acme").as_deref(), Some("JOHN0001"));
    assert_eq!(best(&index, "john@").as_deref(), Some("JOHN0001"));
    assert_eq!(best(&index, "9877").as_deref(), Some("CONC0001"));
    assert_eq!(
        found("9877").first().and_then(|h| h.field),
        Some(MatchedField::Phone)
    );
    // Digits match whatever the formatting on either side.
    assert_eq!(best(&index, "98771-6038").as_deref(), Some("CONC0001"));
    assert_eq!(best(&index, "3456.7890").as_deref(), Some("RAIM0001"));
    assert_eq!(best(&index, "555 123").as_deref(), Some("JOHN0001"));
    assert_eq!(best(&index, "raim0001").as_deref(), Some("RAIM0001"));
    // Words may match different fields; each must match somewhere.
    assert_eq!(best(&index, "john acme").as_deref(), Some("JOHN0001"));
    assert!(found("john horizonte").is_empty());
    assert!(found("zzzz").is_empty());
}

#[test]
fn better_matches_rank_first_and_ties_go_to_the_most_recently_seen() {
    let index = ContactIndex::new(vec![
        person("OLDSILVA", "Silva", 100),
        person("NEWSILVA", "Silva", 1),
        person("SILVEIRA", "Sílvio Vieira", 0),
        person("MIDSILVA", "Silva", 50),
    ]);
    let uids: Vec<&str> = index
        .search("silva", 10)
        .iter()
        .map(|hit| hit.entry.uid.as_str())
        .collect();
    assert_eq!(uids, ["NEWSILVA", "MIDSILVA", "OLDSILVA", "SILVEIRA"]);
    // The order does not depend on the order entries were given in.
    let reversed = ContactIndex::new(index.entries().rev().cloned().collect());
    let again: Vec<&str> = reversed
        .search("silva", 10)
        .iter()
        .map(|hit| hit.entry.uid.as_str())
        .collect();
    assert_eq!(again, uids);
}

#[test]
fn a_blank_query_lists_the_most_recent_and_the_limit_holds() {
    let index = book();
    let recent: Vec<String> = index
        .search("  ", 3)
        .iter()
        .map(|hit| hit.entry.uid.to_string())
        .collect();
    assert_eq!(recent, ["ZHANG001", "ANA00001", "JOHN0001"]);
    assert_eq!(index.search("a", 2).len(), 2);
    assert!(index.search("a", 0).is_empty());
    assert!(ContactIndex::new(Vec::new()).search("a", 10).is_empty());
}

#[test]
fn an_entry_is_made_from_a_cached_contact() {
    let contact = Contact {
        uid: "ABC12345".into(),
        first_name: Some(" Conceição ".into()),
        last_name: Some("Araújo".into()),
        business_name: Some("Padaria".into()),
        email: Some("c@x.br".into()),
        phone: Some("+55 11 98771-6038".into()),
        stage_name: Some("Contacted".into()),
        owner_email: Some("sales@x.br".into()),
        ..Contact::default()
    };
    let entry = SearchEntry::from_contact(&contact, at(0));
    assert_eq!(entry.name, "Conceição Araújo");
    assert_eq!(entry.stage.as_deref(), Some("Contacted"));
    assert_eq!(entry.owner.as_deref(), Some("sales@x.br"));
    let index = ContactIndex::new(vec![entry]);
    assert_eq!(
        best(&index, "conceicao araujo").as_deref(),
        Some("ABC12345")
    );
}

/// A letter and the accented forms a name may carry it in, precomposed or combining.
fn accented(base: char) -> Vec<String> {
    let precomposed: &[char] = match base {
        'a' => &['á', 'à', 'â', 'ã', 'ä', 'å', 'Á', 'Ã'],
        'c' => &['ç', 'Ç', 'ć', 'č'],
        'e' => &['é', 'è', 'ê', 'ë', 'É', 'ě'],
        'i' => &['í', 'ì', 'î', 'ï', 'Í'],
        'n' => &['ñ', 'Ñ', 'ń'],
        'o' => &['ó', 'ò', 'ô', 'õ', 'ö', 'Ó', 'ő'],
        'u' => &['ú', 'ù', 'û', 'ü', 'Ú', 'ű'],
        'l' => &['ł', 'Ł'],
        _ => &[],
    };
    let mut forms: Vec<String> = precomposed.iter().map(char::to_string).collect();
    for mark in ['\u{301}', '\u{300}', '\u{303}', '\u{327}', '\u{308}'] {
        forms.push(format!("{base}{mark}"));
    }
    forms.push(base.to_uppercase().collect());
    forms.push(base.to_string());
    forms
}

/// A plain name, and the same name with accents put on some of its letters.
fn plain_and_accented_name() -> impl Strategy<Value = (String, String)> {
    "[a-z]{2,8}( [a-z]{2,8}){0,2}".prop_flat_map(|plain| {
        let choices: Vec<_> = plain
            .chars()
            .map(|c| proptest::sample::select(accented(c)).boxed())
            .collect();
        (Just(plain), choices).prop_map(|(plain, letters)| (plain, letters.concat()))
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn hostile_queries_and_entries_never_panic(
        names in proptest::collection::vec(hostile_value(), 0..8),
        query in hostile_text(),
    ) {
        let entries = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut entry = person(&format!("U{i:07}"), name, i as i64);
                entry.business = Some(name.chars().rev().collect::<String>().into());
                entry.email = Some(format!("{name}@x").into());
                entry.phone = Some(name.into());
                entry
            })
            .collect();
        let index = ContactIndex::new(entries);
        let hits = index.search(&query, 5);
        prop_assert!(hits.len() <= 5);
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let _ = fold(&query);
    }

    #[test]
    fn a_name_is_found_by_its_letters_without_accents(
        (plain, name) in plain_and_accented_name(),
        others in proptest::collection::vec("[A-Za-z ]{0,20}", 0..20),
    ) {
        prop_assert_eq!(fold(&name), plain.clone());
        let mut entries: Vec<SearchEntry> = others
            .iter()
            .enumerate()
            .map(|(i, other)| person(&format!("OTHER{i:03}"), other, i as i64))
            .collect();
        entries.push(person("TARGET01", &name, 1_000));
        let index = ContactIndex::new(entries);
        let hits = index.search(&plain, index.len());
        prop_assert!(hits.iter().any(|hit| hit.entry.uid == "TARGET01"), "{:?} not found by {:?}", name, plain);
        // With the accents typed as well, or in capitals, it is found just the same.
        let loud = index.search(&name.to_uppercase(), index.len());
        prop_assert!(loud.iter().any(|hit| hit.entry.uid == "TARGET01"));
    }

    #[test]
    fn a_piece_of_a_field_finds_its_entry(
        field in hostile_value(),
        start in 0usize..40,
        len in 1usize..20,
        which in 0usize..4,
    ) {
        let chars: Vec<char> = field.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let piece: String = chars.get(start..end).unwrap_or_default().iter().collect();
        let mut entry = person("TARGET01", "", 0);
        match which {
            0 => entry.name = field.as_str().into(),
            1 => entry.business = Some(field.as_str().into()),
            2 => entry.email = Some(field.as_str().into()),
            _ => entry.phone = Some(field.as_str().into()),
        }
        let index = ContactIndex::new(vec![entry, person("OTHER001", "Someone Else", 5)]);
        let hits = index.search(&piece, 2);
        prop_assert!(
            hits.iter().any(|hit| hit.entry.uid == "TARGET01"),
            "{:?} is part of {:?} but found {:?}", piece, field, hits
        );
    }
}
