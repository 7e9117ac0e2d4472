//! Finding a contact again by name from the lookup input: the contacts seen (the cache's index and
//! the recents), fuzzy and accent-insensitive, listed as you type, Enter opening the best; phones
//! typed in the profile's national format found in E.164.

use genius::api::Region;
use genius::cache::ContactSummary;
use genius::tui::app::search::SharedIndex;
use genius::tui::screens::home::HomeScreen;

use crate::support::*;

fn conceicao() -> Contact {
    Contact {
        uid: "EXI7HVTX".into(),
        first_name: Some("Conceição".into()),
        last_name: Some("Nogueira".into()),
        business_name: Some("Padaria Estrela".into()),
        phone: Some("+55 11 98771-6038".into()),
        stage_name: Some("Negotiation".into()),
        owner_name: Some("Ana Ribeiro".into()),
        ..Contact::default()
    }
}

fn home(app: &App) -> &HomeScreen {
    match app.top() {
        Screen::Home(home) => home,
        other => panic!("not on the start screen: {}", other.title()),
    }
}

fn with_index(contacts: &[Contact]) -> App {
    let mut app = app();
    let summaries: Vec<_> = contacts
        .iter()
        .map(|c| ContactSummary::new(c, clock().now, false, 100))
        .collect();
    app.update(Msg::SearchIndexReady(SharedIndex::of_summaries(&summaries)));
    app
}

#[test]
fn a_name_without_accents_finds_the_contact_in_the_cache_and_enter_opens_it() {
    let mut app = with_index(&[john_doe(), conceicao(), mary_jones()]);
    type_text(&mut app, "conceicao");
    let matches = &home(&app).matches;
    assert_eq!(matches.first().map(|m| m.uid.as_str()), Some("EXI7HVTX"));
    assert_eq!(
        matches.first().unwrap().stage.as_deref(),
        Some("Negotiation")
    );
    resize(&mut app, LARGE);
    let screen = render(&app);
    assert!(screen.contains("Conceição"), "{screen}");
    assert!(screen.contains("Negotiation"), "{screen}");
    let (_, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("EXI7HVTX".into()))
    );
}

#[test]
fn an_eight_letter_name_in_lower_case_opens_the_contact_seen_not_a_uid() {
    let mut app = with_index(&[john_doe(), conceicao(), mary_jones()]);
    type_text(&mut app, "nogueira");
    let matches = &home(&app).matches;
    assert_eq!(matches.first().map(|m| m.uid.as_str()), Some("EXI7HVTX"));
    resize(&mut app, LARGE);
    assert!(render(&app).contains("a name"), "{}", render(&app));
    let (_, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("EXI7HVTX".into()))
    );
}

#[test]
fn an_eight_letter_word_in_capitals_or_matching_no_name_is_looked_up_as_a_uid() {
    for typed in ["NOGUEIRA", "zzzzqqqq"] {
        let mut app = with_index(&[john_doe(), conceicao(), mary_jones()]);
        type_text(&mut app, typed);
        assert!(home(&app).matches.is_empty(), "{typed}");
        let (_, request) = sent(&app.update(key(KeyCode::Enter)));
        assert_eq!(
            request,
            ApiRequest::get(&Identifier::Uid(typed.to_ascii_uppercase()))
        );
    }
}

#[test]
fn recents_are_searched_too_and_show_stage_and_owner() {
    let mut app = app();
    open(&mut app, &conceicao());
    app.update(ch('/'));
    resize(&mut app, LARGE);
    let screen = render(&app);
    assert!(
        screen.contains("Negotiation") && screen.contains("Ana Ribeiro"),
        "{screen}"
    );
    type_text(&mut app, "padaria estr");
    assert_eq!(home(&app).matches.len(), 1);
    type_text(&mut app, "zzzz");
    assert!(home(&app).matches.is_empty());
    app.update(key(KeyCode::Enter));
    assert!(error_notice(&app).contains("not recognised"));
}

#[test]
fn identifiers_are_looked_up_not_searched() {
    let mut app = with_index(&[john_doe()]);
    type_text(&mut app, "john@example.com");
    assert!(home(&app).matches.is_empty());
}

#[test]
fn a_national_phone_is_read_in_the_profile_region() {
    let mut brazil = app();
    brazil.phone_region = Some("BR".parse::<Region>().unwrap());
    look_up(
        &mut brazil,
        "(11) 98771-6038",
        Identifier::Phone("+5511987716038".into()),
    );
    let mut us = app();
    us.phone_region = Some("US".parse::<Region>().unwrap());
    look_up(
        &mut us,
        "(555) 123-4567",
        Identifier::Phone("+15551234567".into()),
    );
}

#[test]
fn a_contact_in_both_the_recents_and_the_cache_is_listed_once_with_what_either_knows() {
    let mut recents = genius::tui::model::recents::RecentList::default();
    let mut recent =
        genius::tui::model::recents::RecentContact::from_contact(&conceicao(), clock().now);
    // A recents file written before rows showed the stage.
    recent.stage = None;
    recent.owner = None;
    recents.record(recent);
    let mut app = app_with(SMALL, recents);
    let summaries = vec![ContactSummary::new(&conceicao(), clock().now, false, 100)];
    app.update(Msg::SearchIndexReady(SharedIndex::of_summaries(&summaries)));
    // (Eight letters would be a uid: a part of the name is typed.)
    type_text(&mut app, "noguei");
    let matches = &home(&app).matches;
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].stage.as_deref(), Some("Negotiation"));
    assert_eq!(matches[0].owner.as_deref(), Some("Ana Ribeiro"));
}

#[test]
fn the_hint_repeats_the_value_only_when_it_differs_from_what_is_typed() {
    use genius::tui::screens::home::describe_query;
    let hint = |typed: &str| describe_query(typed).0;
    assert_eq!(hint("abc12345"), "Enter opens uid ABC12345");
    assert_eq!(hint("ABC12345"), "Enter opens this uid");
    assert_eq!(hint(" john@example.com "), "Enter looks up this email");
    assert_eq!(hint("+15551234567"), "Enter looks up this phone");
    // Typing one more character of an email changes nothing in the hint.
    assert_eq!(hint("john@ex"), hint("john@exa"));
}
