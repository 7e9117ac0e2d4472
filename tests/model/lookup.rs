//! Lookups: each kind of query, one and several matches, every failure, 429 countdowns, superseded and abandoned requests, refresh.

use std::time::Duration;

use genius::api::{ApiError, ApiRequest, Identifier, RetryWait};
use genius::tui::app::Screen;
use genius::tui::app::command::Command;
use genius::tui::app::msg::Msg;
use genius::tui::model::recents::RecentContact;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn each_kind_of_query_sends_the_matching_lookup() {
    let mut app = app();
    look_up(&mut app, "abc12345", Identifier::Uid("ABC12345".into()));
    let mut app = crate::support::app();
    look_up(
        &mut app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    let mut app = crate::support::app();
    look_up(
        &mut app,
        "+1 (555) 123-4567",
        // Sent in E.164, as contacts store phones (libphonenumber reads the country code).
        Identifier::Phone("+15551234567".into()),
    );
    assert!(app.is_busy());
}

#[test]
fn an_unrecognised_query_says_what_is_accepted_and_sends_nothing() {
    let mut app = app();
    type_text(&mut app, "john doe");
    assert_eq!(app.update(key(KeyCode::Enter)), Vec::new());
    assert!(error_notice(&app).contains("a uid is 8 letters/digits, an email has @"));
    assert!(!app.is_busy());
}

#[test]
fn one_match_opens_the_contact_and_remembers_it() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    let commands = app.update(one(id, &john_doe()));
    assert_eq!(top_contact_name(&app), "John Doe");
    let expected = RecentContact::from_contact(&john_doe(), clock().now);
    assert_eq!(app.recents.entries, vec![expected]);
    assert_eq!(commands, vec![Command::SaveRecents(app.recents.clone())]);
    assert!(!app.is_busy());
    assert_eq!(
        home_input(&app),
        "",
        "the input is ready for the next lookup"
    );
}

#[test]
fn several_matches_open_a_table_and_enter_opens_the_selected_one() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    // The table opens on the summaries, and the first match is previewed at once.
    let commands = app.update(many(id, &[john_doe(), john_smith()]));
    assert_eq!(
        commands,
        vec![Command::Send {
            id: sent_id(&commands),
            request: ApiRequest::get(&Identifier::Uid("ABC12345".into()))
        }]
    );
    assert!(matches!(app.top(), Screen::Results(r) if r.matches.len() == 2));
    assert!(
        matches!(app.update(ch('j')).as_slice(), [Command::After { .. }]),
        "moving asks for the preview's timer"
    );
    assert_eq!(
        app.update(ch('j')),
        Vec::new(),
        "the selection stops at the last row"
    );
    // Enter before John Smith's preview came: he is fetched whole, then opened.
    let commands = app.update(key(KeyCode::Enter));
    let (lookup, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("XYZ67890".into()))
    );
    assert!(
        matches!(app.top(), Screen::Results(_)),
        "no partial contact shown"
    );
    let mut full = john_smith();
    full.notes = Some("2026-03-01 09:00 Asked for a quote.".into());
    app.update(one(lookup, &full));
    assert_eq!(top_contact_name(&app), "John Smith");
    match app.top() {
        Screen::Contact(screen) => {
            assert_eq!(screen.notes.len(), 1);
            assert_eq!(screen.contact.stage_name.as_deref(), Some("Qualified"));
        }
        other => panic!("expected the contact, found {other:?}"),
    }
    // Back goes to the table, then to the start screen.
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.top(), Screen::Results(_)));
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.top(), Screen::Home(_)));
}

#[test]
fn failures_are_told_in_plain_words_and_the_screen_stays_usable() {
    let cases = [
        (
            api_error(404, "Contact not found"),
            "no contact with email nobody@example.com",
        ),
        (
            api_error(401, "Invalid token"),
            "the API token was rejected — check GENIUS_TOKEN",
        ),
        (
            api_error(403, "Plan"),
            "your plan has no API access (Starter, Pro or Business needed)",
        ),
        (
            ApiError::RateLimited {
                attempts: 6,
                retry_after: None,
            },
            "rate-limited by the server: gave up after 6 tries",
        ),
        (
            ApiError::Timeout {
                after: Duration::from_secs(20),
                maybe_applied: false,
            },
            "the server did not answer within 20 s",
        ),
        (
            ApiError::Network {
                message: "cannot reach contact-api.8mgenius.com.br: connection refused".into(),
                maybe_applied: false,
            },
            "cannot reach contact-api.8mgenius.com.br: connection refused",
        ),
        (
            api_error(503, "maintenance"),
            "the server failed (503): maintenance",
        ),
    ];
    for (error, expected) in cases {
        let mut app = app();
        let id = look_up(
            &mut app,
            "nobody@example.com",
            Identifier::Email("nobody@example.com".into()),
        );
        assert_eq!(app.update(failed(&app, id, error)), Vec::new());
        assert_eq!(error_notice(&app), expected);
        assert!(matches!(app.top(), Screen::Home(_)));
        assert_eq!(
            home_input(&app),
            "nobody@example.com",
            "what was typed is kept to fix it"
        );
        assert!(!app.is_busy());
        // Still usable: the next lookup goes out and clears the error.
        let commands = app.update(key(KeyCode::Enter));
        sent_id(&commands);
        assert_eq!(app.notice, None);
    }
}

#[test]
fn rate_limit_waits_are_counted_down() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    let wait = RetryWait {
        retry: 1,
        max_retries: 5,
        wait: Duration::from_secs(3),
    };
    assert_eq!(app.update(Msg::RateLimited { id, wait }), Vec::new());
    assert!(render(&app).contains("rate-limited — retrying in 3 s"));
    let mut later = clock();
    later.now += chrono::Duration::milliseconds(1_500);
    app.set_clock(later);
    assert!(render(&app).contains("rate-limited — retrying in 2 s"));
    app.update(one(id, &john_doe()));
    assert_eq!(top_contact_name(&app), "John Doe");
}

#[test]
fn a_lookup_given_up_is_replaced_and_its_late_reply_is_dropped() {
    let mut app = app();
    let first = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(key(KeyCode::Esc)); // Esc cancels the lookup in flight…
    app.update(key(KeyCode::Esc)); // …then clears the input.
    type_text(&mut app, "XYZ67890");
    let commands = app.update(key(KeyCode::Enter));
    let second = sent_id(&commands);
    assert_ne!(first, second);

    // The reply of the lookup given up comes anyway: it changes nothing.
    assert_eq!(app.requests.in_flight.len(), 1);
    assert_eq!(app.update(one(first, &john_doe())), Vec::new());
    assert!(
        matches!(app.top(), Screen::Home(_)),
        "the stale reply changed nothing"
    );
    assert!(app.is_busy());
    app.update(one(second, &john_smith()));
    assert_eq!(top_contact_name(&app), "John Smith");
}

#[test]
fn going_back_mid_request_cancels_it_and_ignores_its_reply() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    assert_eq!(app.update(key(KeyCode::Esc)), vec![Command::Cancel { id }]);
    assert!(!app.is_busy());
    assert_eq!(app.update(one(id, &john_doe())), Vec::new());
    assert!(matches!(app.top(), Screen::Home(_)));

    // Leaving a contact while it refreshes cancels the refresh.
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, &john_doe()));
    let refresh = sent_id(&app.update(ch('r')));
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        vec![Command::Cancel { id: refresh }]
    );
    let mut renamed = john_doe();
    renamed.first_name = Some("Johnny".into());
    assert_eq!(app.update(one(refresh, &renamed)), Vec::new());
    assert_eq!(app.recents.entries[0].name, "John Doe");
}

#[test]
fn refresh_replaces_the_contact_and_keeps_the_reading_position() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    let mut contact = john_doe();
    contact.notes = Some(many_notes(200));
    app.update(one(id, &contact));
    for _ in 0..5 {
        app.update(ch('j'));
    }
    let commands = app.update(ch('r'));
    let refresh = sent_id(&commands);
    assert_eq!(app.update(ch('r')), Vec::new(), "one refresh at a time");
    contact.stage_name = Some("Qualified".into());
    app.update(one(refresh, &contact));
    match app.top() {
        Screen::Contact(screen) => {
            assert_eq!(screen.contact.stage_name.as_deref(), Some("Qualified"));
            assert_ne!(screen.notes.top, Default::default());
        }
        other => panic!("expected the contact, found {other:?}"),
    }
    // A refresh that finds the contact gone says so.
    let refresh = sent_id(&app.update(ch('r')));
    app.update(failed(&app, refresh, api_error(404, "Contact not found")));
    assert_eq!(error_notice(&app), "the contact was not found (deleted?)");
}

#[test]
fn an_empty_answer_reads_as_not_found_and_a_bad_answer_as_unreadable() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "+15550000000",
        Identifier::Phone("+15550000000".into()),
    );
    app.update(ok(&app, id, serde_json::json!([])));
    assert_eq!(error_notice(&app), "no contact with phone +15550000000");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(ok(&app, id, serde_json::json!("surprise")));
    assert!(error_notice(&app).starts_with("the server's reply was not what the API documents"));
}
