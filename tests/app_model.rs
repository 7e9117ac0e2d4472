//! Model tests: feed messages to `App::update` and assert the state and the exact commands — no
//! terminal, no network, no async.

mod support;

use std::time::Duration;

use genius::api::{ApiError, ApiRequest, Identifier, RetryWait};
use genius::tui::app::{Notice, Overlay, Screen};
use genius::tui::command::{Command, RequestId};
use genius::tui::msg::Msg;
use genius::tui::recents::RecentContact;
use genius::tui::screens::home::HomeFocus;
use ratatui::crossterm::event::KeyCode;
use support::*;

fn home_input(app: &genius::tui::app::App) -> String {
    match app.screens.first() {
        Some(Screen::Home(home)) => home.input.value().to_string(),
        other => panic!("expected the start screen, found {other:?}"),
    }
}

fn top_contact_name(app: &genius::tui::app::App) -> String {
    match app.top() {
        Screen::Contact(screen) => screen.contact.display_name(),
        other => panic!("expected a contact screen, found {other:?}"),
    }
}

fn error_notice(app: &genius::tui::app::App) -> String {
    match &app.notice {
        Some(Notice::Error(text)) => text.clone(),
        other => panic!("expected an error notice, found {other:?}"),
    }
}

/// Types `text`, presses Enter, and returns the lookup's id after checking the exact request.
fn look_up(app: &mut genius::tui::app::App, text: &str, expected: Identifier) -> RequestId {
    type_text(app, text);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    assert_eq!(
        commands.last(),
        Some(&Command::Send {
            id,
            request: ApiRequest::get(&expected)
        })
    );
    id
}

#[test]
fn each_kind_of_query_sends_the_matching_lookup() {
    let mut app = app();
    look_up(&mut app, "abc12345", Identifier::Uid("ABC12345".into()));
    let mut app = support::app();
    look_up(
        &mut app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    let mut app = support::app();
    look_up(
        &mut app,
        "+1 (555) 123-4567",
        Identifier::Phone("+1 (555) 123-4567".into()),
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
    assert_eq!(
        app.update(many(id, &[john_doe(), john_smith()])),
        Vec::new()
    );
    assert!(matches!(app.top(), Screen::Results(r) if r.contacts.len() == 2));
    assert_eq!(app.update(char_key('j')), Vec::new());
    assert_eq!(
        app.update(char_key('j')),
        Vec::new(),
        "the selection stops at the last row"
    );
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(top_contact_name(&app), "John Smith");
    let refresh = sent_id(&commands);
    assert_eq!(
        commands,
        vec![
            Command::SaveRecents(app.recents.clone()),
            Command::Send {
                id: refresh,
                request: ApiRequest::get(&Identifier::Uid("XYZ67890".into()))
            }
        ]
    );
    // The full record replaces the summary from the list.
    let mut full = john_smith();
    full.notes = Some("2026-03-01 09:00 Asked for a quote.".into());
    app.update(one(refresh, &full));
    match app.top() {
        Screen::Contact(screen) => {
            assert_eq!(screen.notes.len(), 1);
            assert_eq!(screen.refresh, None);
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
        assert_eq!(app.update(failed(id, error)), Vec::new());
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
fn a_newer_lookup_supersedes_and_the_stale_reply_is_dropped() {
    let mut app = app();
    let first = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(key(KeyCode::Esc)); // Esc cancels the lookup in flight…
    app.update(key(KeyCode::Esc)); // …then clears the input.
    type_text(&mut app, "XYZ67890");
    let commands = app.update(key(KeyCode::Enter));
    let second = sent_id(&commands);
    assert_ne!(first, second);

    // Typing over a lookup in flight and pressing Enter again supersedes it explicitly.
    let mut app = support::app();
    let first = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(ctrl('u'));
    type_text(&mut app, "XYZ67890");
    let commands = app.update(key(KeyCode::Enter));
    let second = sent_id(&commands);
    assert_eq!(commands[0], Command::Cancel { id: first });
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
    let refresh = sent_id(&app.update(char_key('r')));
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
        app.update(char_key('j'));
    }
    let commands = app.update(char_key('r'));
    let refresh = sent_id(&commands);
    assert_eq!(
        app.update(char_key('r')),
        Vec::new(),
        "one refresh at a time"
    );
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
    let refresh = sent_id(&app.update(char_key('r')));
    app.update(failed(refresh, api_error(404, "Contact not found")));
    assert_eq!(error_notice(&app), "the contact was not found (deleted?)");
}

#[test]
fn pasted_values_are_cleaned_into_the_input() {
    let mut app = app();
    app.update(Msg::Paste("  mailto:John@Example.com \n".into()));
    assert_eq!(home_input(&app), "John@Example.com");
    app.update(ctrl('u'));
    app.update(Msg::Paste("tel:+1 555 123 4567".into()));
    assert_eq!(home_input(&app), "+1 555 123 4567");
    // Pasting on another screen starts a new lookup with it.
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, &john_doe()));
    app.update(Msg::Paste("\u{1b}[31mXYZ67890".into()));
    assert!(matches!(app.top(), Screen::Home(_)));
    assert_eq!(home_input(&app), "[31mXYZ67890");
}

#[test]
fn readline_keys_edit_the_lookup() {
    let mut app = app();
    type_text(&mut app, "john@example.com");
    app.update(ctrl('w'));
    assert_eq!(home_input(&app), "john@");
    app.update(ctrl('a'));
    app.update(ctrl('k'));
    assert_eq!(home_input(&app), "");
    type_text(&mut app, "ana");
    app.update(key(KeyCode::Home));
    type_text(&mut app, "x");
    app.update(key(KeyCode::End));
    type_text(&mut app, "y");
    assert_eq!(home_input(&app), "xanay");
}

#[test]
fn recents_filter_as_you_type_and_reopen_by_uid() {
    let mut app = app_with(SMALL, recents());
    type_text(&mut app, "smith");
    match app.top() {
        Screen::Home(home) => {
            let shown: Vec<&str> = home
                .visible_recents(&app)
                .iter()
                .map(|r| r.uid.as_str())
                .collect();
            assert_eq!(shown, ["XYZ67890"]);
        }
        other => panic!("expected the start screen, found {other:?}"),
    }
    assert_eq!(app.update(key(KeyCode::Down)), Vec::new());
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    assert_eq!(
        commands,
        vec![Command::Send {
            id,
            request: ApiRequest::get(&Identifier::Uid("XYZ67890".into()))
        }]
    );
    app.update(one(id, &john_smith()));
    assert_eq!(top_contact_name(&app), "John Smith");
    let order: Vec<&str> = app.recents.entries.iter().map(|r| r.uid.as_str()).collect();
    assert_eq!(
        order,
        ["XYZ67890", "ABC12345", "MJ000001"],
        "reopened moves to the front"
    );
}

#[test]
fn moving_through_recents_and_back_to_the_input() {
    let mut app = app_with(SMALL, recents());
    app.update(key(KeyCode::Down));
    app.update(char_key('j'));
    match app.top() {
        Screen::Home(home) => {
            assert_eq!(home.focus, HomeFocus::Recents);
            assert_eq!(home.selected, Some(1));
        }
        other => panic!("expected the start screen, found {other:?}"),
    }
    app.update(char_key('k'));
    app.update(char_key('k'));
    match app.top() {
        Screen::Home(home) => {
            assert_eq!(home.focus, HomeFocus::Input);
            assert_eq!(home.selected, None);
        }
        other => panic!("expected the start screen, found {other:?}"),
    }
}

#[test]
fn notes_order_toggles_and_scrolling_stays_in_bounds() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    let mut contact = john_doe();
    contact.notes = Some(many_notes(5_000));
    app.update(one(id, &contact));
    let notes = |app: &genius::tui::app::App| match app.top() {
        Screen::Contact(screen) => screen.notes.clone(),
        other => panic!("expected the contact, found {other:?}"),
    };
    assert!(notes(&app).newest_first);
    app.update(char_key('G'));
    let bottom = notes(&app).top;
    assert!(
        bottom.entry > 4_980,
        "G goes to the oldest note, got {bottom:?}"
    );
    app.update(char_key('j'));
    assert_eq!(notes(&app).top, bottom, "cannot scroll past the end");
    app.update(char_key('O'));
    assert!(!notes(&app).newest_first);
    assert_eq!(notes(&app).top, Default::default());
    app.update(key(KeyCode::PageDown));
    assert!(notes(&app).top.entry > 0);
    app.update(char_key('g'));
    assert_eq!(notes(&app).top, Default::default());
}

#[test]
fn hostile_server_text_is_made_visible_before_it_is_stored() {
    let mut app = app();
    let id = look_up(&mut app, "EVIL0001", Identifier::Uid("EVIL0001".into()));
    app.update(one(id, &hostile()));
    let Screen::Contact(screen) = app.top() else {
        panic!("expected the contact");
    };
    let c = &screen.contact;
    let fields = [
        &c.first_name,
        &c.last_name,
        &c.business_name,
        &c.email,
        &c.phone,
        &c.snapshot,
        &c.notes,
    ];
    for field in fields.into_iter().flatten() {
        assert!(
            !field.chars().any(|ch| ch == '\u{1b}'
                || ch == '\u{7}'
                || ch == '\u{9b}'
                || ch == '\u{202e}'
                || ch == '\r'),
            "{field:?}"
        );
    }
    assert!(app.recents.entries[0].name.contains('\u{241b}'));
    assert!(!render(&app).contains('\u{1b}'));
}

#[test]
fn help_lists_the_keys_of_the_screen_and_closes() {
    let mut app = app();
    app.update(key(KeyCode::F(1)));
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    let screen = render(&app);
    assert!(screen.contains("look up what is typed"), "{screen}");
    app.update(key(KeyCode::Esc));
    assert_eq!(app.overlay, None);
    // `?` types into the input on the start screen…
    type_text(&mut app, "?");
    assert_eq!(home_input(&app), "?");
    // …and opens help on a contact.
    app.update(ctrl('u'));
    let id = sent_id(
        &app.update(Msg::Paste("ABC12345".into()))
            .into_iter()
            .chain(app.update(key(KeyCode::Enter)))
            .collect::<Vec<_>>(),
    );
    app.update(one(id, &john_doe()));
    app.update(char_key('?'));
    let screen = render(&app);
    assert!(
        screen.contains("refresh the contact from the server"),
        "{screen}"
    );
    assert!(screen.contains("newest first / oldest first"), "{screen}");
    app.update(char_key('q'));
    assert_eq!(app.overlay, None, "q closes help rather than quitting");
    assert!(!app.quitting);
}

#[test]
fn slash_starts_a_new_lookup_from_anywhere() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    app.update(many(id, &[john_doe(), john_smith()]));
    let commands = app.update(key(KeyCode::Enter));
    let refresh = sent_id(&commands);
    assert_eq!(
        app.update(char_key('/')),
        vec![Command::Cancel { id: refresh }]
    );
    assert_eq!(app.screens.len(), 1);
    match app.top() {
        Screen::Home(home) => assert_eq!(home.focus, HomeFocus::Input),
        other => panic!("expected the start screen, found {other:?}"),
    }
}

#[test]
fn quitting_q_from_the_start_screen_ctrl_c_anywhere_and_on_sigterm() {
    let mut app = app();
    type_text(&mut app, "q");
    assert_eq!(home_input(&app), "q", "q is a letter while typing");
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.update(char_key('q')), vec![Command::Quit]);
    assert!(app.quitting);

    let mut app = support::app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &john_doe()));
    assert_eq!(
        app.update(char_key('q')),
        Vec::new(),
        "q does not quit from a contact"
    );
    assert_eq!(app.update(ctrl('c')), vec![Command::Quit]);

    let mut app = support::app();
    assert_eq!(app.update(Msg::Terminate), vec![Command::Quit]);
    let mut app = support::app();
    assert_eq!(app.update(ctrl('z')), vec![Command::Suspend]);
    assert!(!app.quitting);
}

#[test]
fn without_a_token_the_setup_screen_explains_and_q_quits() {
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        has_token: false,
        ..options()
    });
    assert!(matches!(app.top(), Screen::Setup));
    assert_eq!(app.update(Msg::Paste("ABC12345".into())), Vec::new());
    assert_eq!(app.update(char_key('/')), Vec::new());
    assert_eq!(app.update(char_key('q')), vec![Command::Quit]);
}

fn options() -> genius::tui::app::AppOptions {
    genius::tui::app::AppOptions {
        theme: genius::tui::theme::Theme::default_16(),
        account_label: "demo".into(),
        recents: Default::default(),
        has_token: true,
        clock: clock(),
        viewport: SMALL,
    }
}

#[test]
fn an_empty_answer_reads_as_not_found_and_a_bad_answer_as_unreadable() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "+15550000000",
        Identifier::Phone("+15550000000".into()),
    );
    app.update(ok(id, serde_json::json!([])));
    assert_eq!(error_notice(&app), "no contact with phone +15550000000");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(ok(id, serde_json::json!("surprise")));
    assert!(error_notice(&app).starts_with("the server's answer could not be read"));
}
