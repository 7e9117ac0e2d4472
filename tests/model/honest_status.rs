//! The status line says what happened and only that: a notice about the screen left behind goes
//! when another opens, a refresh and a kept contact say so, and nothing spins while nothing is
//! being sent.

use genius::tui::app::{Notice, Screen};
use genius::tui::screens::create::CreateStep;
use genius::tui::widgets::form::FormState;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn info(app: &genius::tui::app::App) -> Option<String> {
    match &app.notice {
        Some(Notice::Info(text)) => Some(text.clone()),
        _ => None,
    }
}

#[test]
fn d_then_another_key_says_the_contact_was_not_deleted() {
    let mut app = on_john();
    app.update(ch('D'));
    assert!(app.update(ch('x')).is_empty());
    assert!(app.overlay.is_none());
    assert_eq!(info(&app).as_deref(), Some("John Doe not deleted"));
}

#[test]
fn a_refresh_asked_for_says_it_happened_and_whether_anything_changed() {
    let mut app = on_john();
    let same = shown(&app);
    let (id, _) = sent(&app.update(ch('r')));
    assert_eq!(app.notice, None, "nothing is claimed before the answer");
    app.update(one(id, &same));
    assert_eq!(
        info(&app).as_deref(),
        Some("refreshed John Doe: no changes on the server")
    );
    let (id, _) = sent(&app.update(ch('r')));
    let mut changed = same.clone();
    changed.stage_name = Some("Won".into());
    app.update(one(id, &changed));
    assert_eq!(
        info(&app).as_deref(),
        Some("refreshed John Doe: now showing the server's latest")
    );
}

#[test]
fn a_refetch_after_a_write_keeps_the_write_s_own_notice() {
    let mut app = on_john();
    app.update(ch('e'));
    app.update(key(KeyCode::Tab));
    type_in(&mut app, "x");
    let (id, _) = sent(&app.update(ctrl('s')));
    // An answer without the contact: the app fetches it to show what was saved.
    let commands = app.update(ok(&app, id, serde_json::json!(null)));
    assert_eq!(info(&app).as_deref(), Some("changes saved"));
    let (refetch, _) = sent(&commands);
    app.update(one(refetch, &john()));
    assert_eq!(info(&app).as_deref(), Some("changes saved"));
}

#[test]
fn opening_a_form_drops_the_notice_about_the_screen_before() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "nobody@example.com",
        genius::api::Identifier::Email("nobody@example.com".into()),
    );
    app.update(many(id, &[]));
    assert!(error_notice(&app).contains("no contact with email"));
    app.update(ctrl('n'));
    assert!(matches!(app.top(), Screen::Create(_)));
    assert_eq!(app.notice, None, "the lookup's miss is not about the form");

    let mut app = on_john();
    app.notice = Some(Notice::Info("changes saved".into()));
    app.update(ch('e'));
    assert!(matches!(app.top(), Screen::Edit(_)));
    assert_eq!(app.notice, None);
}

#[test]
fn the_form_behind_the_duplicates_warning_does_not_spin() {
    let mut app = on_john();
    app.update(ch('c'));
    type_in(&mut app, "Johnny");
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    type_in(&mut app, "john@example.com");
    let (id, _) = sent(&app.update(ctrl('s')));
    app.update(many(id, &[john_doe()]));
    let Screen::Create(create) = app.top() else {
        panic!("still on the create form");
    };
    assert!(matches!(create.step, CreateStep::Warning(_)));
    assert!(!matches!(create.form.state(), FormState::Saving { .. }));
    assert!(
        !app.is_busy(),
        "nothing is in flight while the person decides"
    );
}

#[test]
fn question_mark_is_help_on_an_empty_lookup_and_text_after_that() {
    let mut app = app();
    app.update(ch('?'));
    assert!(matches!(
        app.overlay,
        Some(genius::tui::app::Overlay::Help(_))
    ));
    app.update(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    type_text(&mut app, "a?");
    assert_eq!(home_input(&app), "a?");
    assert!(app.overlay.is_none());
}

#[test]
fn question_mark_is_help_on_the_setup_screen_and_in_the_reader() {
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        has_token: false,
        ..options()
    });
    app.update(ch('?'));
    assert!(matches!(
        app.overlay,
        Some(genius::tui::app::Overlay::Help(_))
    ));

    let mut app = on_john();
    app.update(ch('v'));
    assert!(matches!(
        app.overlay,
        Some(genius::tui::app::Overlay::Reader(_))
    ));
    app.update(ch('?'));
    assert!(matches!(
        app.overlay,
        Some(genius::tui::app::Overlay::Help(_))
    ));
}
