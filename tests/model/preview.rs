//! The matches table's preview: the first match fetched at once, a moving highlight debounced by
//! the runtime's timer, one fetch in flight with only the newest highlight queued behind it,
//! what came kept so moving back is instant, a late reply kept but not shown for the row now
//! highlighted, Enter opening the previewed copy, errors in plain words, Esc cancelling.

use genius::api::Contact;
use genius::api::{ApiRequest, Identifier};
use genius::tui::app::command::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, Screen};
use genius::tui::model::RequestId;
use genius::tui::screens::preview::{PREVIEW_DELAY, PreviewEntry};
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn mary_at_john() -> Contact {
    Contact {
        email: Some("john@example.com".into()),
        ..mary_jones()
    }
}

/// An app on the table of three matches for john@example.com; returns the first preview's id.
fn on_three_matches(app: &mut App) -> RequestId {
    let id = look_up(
        app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    let commands = app.update(many(id, &[john_doe(), john_smith(), mary_at_john()]));
    let (preview, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    preview
}

fn results(app: &App) -> &genius::tui::screens::results::ResultsScreen {
    match app.top() {
        Screen::Results(results) => results,
        other => panic!("expected the matches table, found {other:?}"),
    }
}

/// The generation of the one timer `commands` ask for.
fn timer(commands: &[Command]) -> u64 {
    match commands {
        [Command::After { delay, msg }] => {
            assert_eq!(*delay, PREVIEW_DELAY);
            match **msg {
                Msg::PreviewDue { generation } => generation,
                ref other => panic!("a timer for {other:?}"),
            }
        }
        other => panic!("expected one timer, found {other:?}"),
    }
}

#[test]
fn a_resting_highlight_is_fetched_once_and_passing_rows_are_not() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    app.update(one(first, &john_doe()));
    // j j quickly: each move asks for a timer, only the last one's fetches.
    let passed = timer(&app.update(ch('j')));
    let rested = timer(&app.update(ch('j')));
    assert_ne!(passed, rested);
    assert_eq!(
        app.update(Msg::PreviewDue { generation: passed }),
        Vec::new()
    );
    let commands = app.update(Msg::PreviewDue { generation: rested });
    let (_, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("MJ000001".into()))
    );
    // The same timer again (a duplicate) asks nothing more.
    assert_eq!(
        app.update(Msg::PreviewDue { generation: rested }),
        Vec::new()
    );
}

#[test]
fn one_fetch_at_a_time_and_the_newest_highlight_waits_behind_it() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    // John Doe's preview is still on its way: Smith, then Mary, are highlighted and rest.
    let smith = timer(&app.update(ch('j')));
    assert_eq!(
        app.update(Msg::PreviewDue { generation: smith }),
        Vec::new()
    );
    let mary = timer(&app.update(ch('j')));
    assert_eq!(app.update(Msg::PreviewDue { generation: mary }), Vec::new());
    assert_eq!(
        results(&app).preview.queued(),
        Some("MJ000001"),
        "Smith was replaced"
    );
    let previews = app
        .requests
        .in_flight
        .iter()
        .filter(|r| {
            matches!(
                r.purpose,
                genius::tui::app::requests::Purpose::Preview { .. }
            )
        })
        .count();
    assert_eq!(previews, 1, "never more than one preview in flight");
    // John Doe's answer lands: kept, and Mary (not Smith) is fetched next.
    let commands = app.update(one(first, &john_doe()));
    let (_, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("MJ000001".into()))
    );
    assert!(matches!(
        results(&app).preview.entry("ABC12345"),
        Some(PreviewEntry::Loaded(_))
    ));
}

#[test]
fn a_late_reply_is_kept_but_not_shown_and_moving_back_is_instant() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    timer(&app.update(ch('j')));
    // John Doe's preview comes while Smith is highlighted.
    app.update(one(first, &john_doe()));
    let screen = render(&app);
    assert!(screen.contains("John Smith"), "{screen}");
    assert!(screen.contains("loading"), "Smith's pane waits: {screen}");
    assert!(
        !screen.contains("Acme Corp"),
        "Doe's preview is not shown as Smith's: {screen}"
    );
    // Back on John Doe: no timer, no request, his preview at once.
    assert_eq!(app.update(ch('k')), Vec::new());
    let screen = render(&app);
    assert!(screen.contains("Acme Corp"), "{screen}");
    assert!(screen.contains("New Lead"), "{screen}");
    assert!(screen.contains("Jane Smith"), "{screen}");
}

#[test]
fn enter_opens_the_previewed_copy_at_once_then_refreshes_it() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    app.update(one(first, &john_doe()));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        top_contact(&app).contact,
        john_doe(),
        "the whole previewed copy"
    );
    let (_, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    assert!(
        top_contact(&app).refresh.is_some(),
        "then the usual refresh"
    );
}

#[test]
fn a_failed_preview_says_so_and_enter_still_opens_the_match() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    app.update(failed(&app, first, api_error(500, "database down")));
    let screen = render(&app);
    assert!(screen.contains("Could not load the preview"), "{screen}");
    assert!(screen.contains("database down"), "{screen}");
    assert_eq!(
        app.notice, None,
        "the pane says it; the status line stays free"
    );
    let (_, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
}

#[test]
fn keys_are_not_held_while_a_preview_is_on_its_way_and_esc_cancels_it() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    assert!(!app.waits_for_the_screen());
    app.update(ch('j'));
    assert_eq!(results(&app).selected, 1, "the key moved at once");
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        vec![Command::Cancel { id: first }]
    );
    assert!(!app.is_busy());
    // The timer of a table left behind does nothing.
    assert_eq!(app.update(Msg::PreviewDue { generation: 2 }), Vec::new());
}

#[test]
fn coming_back_to_the_table_previews_the_highlighted_match() {
    let mut app = app();
    let first = on_three_matches(&mut app);
    app.update(one(first, &john_doe()));
    app.update(key(KeyCode::Enter));
    assert!(matches!(app.top(), Screen::Contact(_)));
    // Back with the preview kept: nothing to fetch.
    let commands = app.update(key(KeyCode::Esc));
    assert!(
        !commands.iter().any(|c| matches!(c, Command::Send { .. })),
        "{commands:?}"
    );
    assert!(render(&app).contains("Acme Corp"));
}
