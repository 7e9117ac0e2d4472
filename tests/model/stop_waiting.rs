//! Esc while the screen waits: a create, a delete, a duplicate check and a draft being reopened —
//! reads are cancelled, writes go on and are reported; and the drafts list never throws a draft
//! away on a single letter.

use genius::api::{ApiRequest, Identifier};
use genius::tui::app::Command;
use genius::tui::app::{App, Notice, Overlay, Screen};
use genius::tui::model::RequestId;
use genius::tui::model::drafts::{Draft, DraftContent, DraftKey};
use genius::tui::overlays::drafts::DraftsOverlay;
use genius::tui::screens::create::CreateStep;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

fn sends(commands: &[Command]) -> Vec<(RequestId, ApiRequest)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

/// The create form with a first name and a phone, Ctrl-S pressed: the duplicate check's ids.
fn create_checked(app: &mut App) -> Vec<RequestId> {
    app.update(ctrl('n'));
    for c in "Ana".chars() {
        app.update(ch(c));
    }
    for _ in 0..3 {
        app.update(key(KeyCode::Tab));
    }
    for c in "+15550002222".chars() {
        app.update(ch(c));
    }
    sends(&app.update(ctrl('s')))
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn create_step(app: &App) -> Option<&CreateStep> {
    match app.top() {
        Screen::Create(create) => Some(&create.step),
        _ => None,
    }
}

#[test]
fn esc_during_the_duplicate_check_cancels_it_and_keeps_the_form() {
    let mut app = app();
    let checks = create_checked(&mut app);
    assert_eq!(checks.len(), 1);
    let commands = app.update(key(KeyCode::Esc));
    assert_eq!(commands, vec![Command::Cancel { id: checks[0] }]);
    assert!(matches!(create_step(&app), Some(CreateStep::Filling)));
    assert!(!app.is_busy());
    assert!(
        render(&app).contains("Ana"),
        "everything typed is still there"
    );
}

#[test]
fn esc_while_creating_leaves_the_form_and_the_answer_is_reported() {
    let mut app = app();
    let checks = create_checked(&mut app);
    let commands = app.update(failed(&app, checks[0], api_error(404, "Contact not found")));
    let (create, _) = sends(&commands)[0].clone();
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.top(), Screen::Home(_)), "the form is left");
    assert!(app.is_busy() && !app.waits_for_the_screen());
    let commands = app.update(ok(
        &app,
        create,
        json!({"uid": "NEW00001", "firstName": "Ana", "phone": "+15550002222"}),
    ));
    assert!(commands.contains(&Command::DiscardDraft(DraftKey::create(None))));
    assert_eq!(
        app.notice,
        Some(Notice::Info("created Ana (uid NEW00001)".into()))
    );
    assert!(matches!(app.top(), Screen::Home(_)), "the screen stays put");
}

#[test]
fn esc_while_deleting_closes_the_confirmation_and_the_answer_is_reported() {
    let mut app = app();
    open(&mut app, &john_doe());
    app.update(ch('D'));
    let (delete, request) = sends(&app.update(ch('D')))[0].clone();
    assert_eq!(request, ApiRequest::delete("ABC12345"));
    app.update(key(KeyCode::Esc));
    assert!(app.overlay.is_none(), "the confirmation is closed");
    app.update(failed(&app, delete, api_error(500, "boom")));
    assert!(
        matches!(&app.notice, Some(Notice::Error(text)) if text.starts_with("John Doe was not deleted")),
        "{:?}",
        app.notice
    );
    assert!(matches!(app.top(), Screen::Contact(_)));
}

pub(crate) fn with_a_note_draft(app: &mut App) {
    app.drafts.list = vec![Draft {
        key: DraftKey::note(None, "ABC12345"),
        content: DraftContent::Note {
            text: "Call on Monday".into(),
        },
        contact_name: Some("John Doe".into()),
        saved_at: Some(clock().now),
        may_have_been_saved: false,
    }];
    app.overlay = Some(Overlay::Drafts(DraftsOverlay::default()));
}

#[test]
fn esc_while_a_draft_is_reopened_stops_and_keeps_it() {
    let mut app = app();
    with_a_note_draft(&mut app);
    let (resume, request) = sends(&app.update(key(KeyCode::Enter)))[0].clone();
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        vec![Command::Cancel { id: resume }]
    );
    assert!(app.drafts.get(&DraftKey::note(None, "ABC12345")).is_some());
    assert_eq!(
        app.notice,
        Some(Notice::Info("stopped opening the draft; it is kept".into()))
    );
}
