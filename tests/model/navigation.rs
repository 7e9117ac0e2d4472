//! Moving around: paste, readline keys, recents, notes scrolling and order, hostile text, help, `/`, quitting, the setup screen.

use genius::api::{ApiRequest, Identifier};
use genius::tui::app::command::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{Overlay, Screen};
use genius::tui::screens::home::HomeFocus;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

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
                .visible_recents(&app.recents)
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
    app.update(ch('j'));
    match app.top() {
        Screen::Home(home) => {
            assert_eq!(home.focus, HomeFocus::Recents);
            assert_eq!(home.selected, Some(1));
        }
        other => panic!("expected the start screen, found {other:?}"),
    }
    app.update(ch('k'));
    app.update(ch('k'));
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
    app.update(ch('G'));
    let bottom = notes(&app).top;
    assert!(
        bottom.entry > 4_980,
        "G goes to the oldest note, got {bottom:?}"
    );
    app.update(ch('j'));
    assert_eq!(notes(&app).top, bottom, "cannot scroll past the end");
    app.update(ch('O'));
    assert!(!notes(&app).newest_first);
    assert_eq!(notes(&app).top, Default::default());
    app.update(key(KeyCode::PageDown));
    assert!(notes(&app).top.entry > 0);
    app.update(ch('g'));
    assert_eq!(notes(&app).top, Default::default());
}

#[test]
fn hostile_server_text_is_kept_as_sent_and_made_visible_when_drawn() {
    let mut app = app();
    let id = look_up(&mut app, "EVIL0001", Identifier::Uid("EVIL0001".into()));
    app.update(one(id, &hostile()));
    let Screen::Contact(screen) = app.top() else {
        panic!("expected the contact");
    };
    assert_eq!(
        screen.contact,
        hostile(),
        "the model holds the server's text"
    );
    assert_eq!(app.recents.entries[0].name, hostile().display_name());
    let drawn = render(&app);
    for unsafe_char in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
        assert!(
            !drawn.contains(unsafe_char),
            "{unsafe_char:?} drawn:\n{drawn}"
        );
    }
    assert!(drawn.contains("Eve\u{241b}]52;c;"), "{drawn}");
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
    // `?` types into the input on the start screen once something is typed…
    type_text(&mut app, "a?");
    assert_eq!(home_input(&app), "a?");
    // …and opens help on a contact.
    app.update(ctrl('u'));
    let id = sent_id(
        &app.update(Msg::Paste("ABC12345".into()))
            .into_iter()
            .chain(app.update(key(KeyCode::Enter)))
            .collect::<Vec<_>>(),
    );
    app.update(one(id, &john_doe()));
    app.update(ch('?'));
    let screen = render(&app);
    assert!(
        screen.contains("refresh the contact from the server"),
        "{screen}"
    );
    assert!(screen.contains("newest first / oldest first"), "{screen}");
    app.update(ch('q'));
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
    let preview = sent_id(&app.update(many(id, &[john_doe(), john_smith()])));
    app.update(one(preview, &john_doe()));
    let commands = app.update(key(KeyCode::Enter));
    let refresh = sent_id(&commands);
    // A refresh holds no key back: `/` leaves at once and stops it.
    assert_eq!(app.update(ch('/')), vec![Command::Cancel { id: refresh }]);
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
    assert_eq!(
        app.update(ch('q')),
        Vec::new(),
        "Esc never leaves the input: q is still a letter"
    );
    assert_eq!(home_input(&app), "q");
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Tab));
    assert_eq!(app.update(ch('q')), vec![Command::Quit]);
    assert!(app.quitting);

    let mut app = crate::support::app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &john_doe()));
    assert_eq!(
        app.update(ch('q')),
        Vec::new(),
        "q does not quit from a contact"
    );
    assert_eq!(app.update(ctrl('c')), vec![Command::Quit]);

    let mut app = crate::support::app();
    assert_eq!(app.update(Msg::Terminate), vec![Command::Quit]);
    let mut app = crate::support::app();
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
    assert_eq!(app.update(ch('/')), Vec::new());
    assert_eq!(app.update(ch('q')), vec![Command::Quit]);
}

#[test]
fn long_help_scrolls_within_bounds_and_says_there_is_more() {
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &john_doe()));
    app.update(ch('?'));
    let first = render(&app);
    assert!(first.contains("↓ more: j/k scroll"), "{first}");
    for _ in 0..100 {
        app.update(ch('j'));
    }
    let last = render(&app);
    assert!(last.contains("↑ more: j/k scroll"), "{last}");
    assert!(
        last.contains("suspend to the shell"),
        "the last row is reachable:\n{last}"
    );
    app.update(ch('k'));
    assert!(
        render(&app).contains("↓ more"),
        "one step back shows there is more below"
    );
}

#[test]
fn esc_on_the_empty_input_stays_there_and_down_enters_the_recents() {
    let mut app = app_with(SMALL, recents());
    app.update(key(KeyCode::Esc));
    app.update(key(KeyCode::Esc));
    match app.top() {
        Screen::Home(home) => assert_eq!(home.focus, HomeFocus::Input),
        other => panic!("expected the start screen, found {other:?}"),
    }
    assert!(
        render(&app).contains("↓ or Tab moves into the recent contacts"),
        "{}",
        render(&app)
    );
    type_text(&mut app, "quinta@");
    assert_eq!(home_input(&app), "quinta@", "nothing quit, nothing lost");
    app.update(ctrl('u'));
    app.update(key(KeyCode::Down));
    match app.top() {
        Screen::Home(home) => {
            assert_eq!(home.focus, HomeFocus::Recents);
            assert_eq!(home.selected, Some(0));
        }
        other => panic!("expected the start screen, found {other:?}"),
    }
    let shown = render(&app);
    assert!(shown.contains("› Recent contacts"), "{shown}");
    assert!(shown.contains("q quits"), "{shown}");
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::Send {
            id: sent_id(&commands),
            request: ApiRequest::get(&Identifier::Uid("ABC12345".into()))
        }]
    );
}

#[test]
fn a_long_snapshot_is_read_in_full_in_an_overlay() {
    let mut app = app();
    let id = look_up(&mut app, "LONG0001", Identifier::Uid("LONG0001".into()));
    let mut contact = long_values();
    contact.snapshot =
        Some("Budget approved for the second half; wants training on site. ".repeat(40));
    app.update(one(id, &contact));
    assert!(
        render(&app).contains("v: all"),
        "the cut snapshot says how to read it all"
    );
    app.update(ch('v'));
    assert!(matches!(app.overlay, Some(Overlay::Reader(_))));
    let top = render(&app);
    assert!(top.contains("Snapshot — Maximiliano"), "{top}");
    for _ in 0..50 {
        app.update(ch('j'));
    }
    let Some(Overlay::Reader(reader)) = &app.overlay else {
        panic!("the reader stays open");
    };
    let bottom = reader.scroll;
    app.update(ch('j'));
    let Some(Overlay::Reader(reader)) = &app.overlay else {
        panic!("the reader stays open");
    };
    assert_eq!(reader.scroll, bottom, "it stops at the last line");
    assert!(render(&app).contains("↑ more"));
    app.update(key(KeyCode::Esc));
    assert_eq!(app.overlay, None);
    assert!(
        matches!(app.top(), Screen::Contact(_)),
        "Esc closes the reader, not the contact"
    );

    // Without a snapshot, v says so.
    let mut app = crate::support::app();
    let id = look_up(&mut app, "SPRS0001", Identifier::Uid("SPRS0001".into()));
    app.update(one(id, &sparse()));
    app.update(ch('v'));
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.notice,
        Some(Notice::Info("this contact has no snapshot".into()))
    );
}

#[test]
fn ctrl_c_quits_even_from_a_form() {
    let mut app = on_john();
    app.update(ch('e'));
    assert_eq!(app.update(ctrl('c')), [Command::Quit]);
}

#[test]
fn help_says_where_the_logs_are() {
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        log_dir: Some("/home/ana/.local/state/genius".into()),
        ..options()
    });
    app.update(key(KeyCode::F(1)));
    assert!(render(&app).contains("Logs: /home/ana/.local/state/genius"));
}

#[test]
fn help_shows_where_the_logs_are() {
    let mut app = app_with(SMALL, recents());
    app.log_dir = Some(std::path::PathBuf::from(
        "/home/ana/.local/state/genius/logs",
    ));
    app.update(key(KeyCode::Down));
    app.update(ch('?'));
    let help = render(&app);
    assert!(
        help.contains("Logs: /home/ana/.local/state/genius/logs"),
        "{help}"
    );
}
