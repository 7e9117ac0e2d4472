//! Changing a lead through `App::update`: keys on the contact screen, the exact requests sent,
//! what each reply (success, 400 at a field, 403, 429 after retries, 500, timeout) does to the
//! screen — the edit form, pickers, tags and notes. Create, delete, the command line and drafts
//! have modules of their own.

use genius::api::{ApiError, ApiRequest, ContactPatch, Identifier, Operation};
use genius::tui::app::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, Notice, Overlay, Screen};
use genius::tui::model::RequestId;
use genius::tui::model::drafts::{Draft, DraftKey};
use genius::tui::widgets::form::FieldId;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

fn edit_screen(app: &App) -> &genius::tui::screens::edit::EditScreen {
    match app.top() {
        Screen::Edit(edit) => edit,
        other => panic!("expected the edit form, got {other:?}"),
    }
}

fn change(app: &App, data: serde_json::Value, id: RequestId) -> Msg {
    ok(app, id, data)
}

/// Opens the edit form and fixes John's email (john@ → jon@).
fn edit_email(app: &mut App) -> (RequestId, ApiRequest) {
    assert!(app.update(ch('e')).is_empty());
    for _ in 0..2 {
        app.update(key(KeyCode::Tab));
    }
    app.update(ctrl('a'));
    for _ in 0..3 {
        app.update(key(KeyCode::Right));
    }
    let commands = app.update(key(KeyCode::Backspace));
    assert!(
        matches!(commands.as_slice(), [Command::SaveDraft(Draft { key, .. })] if key == &DraftKey::edit(None, "ABC12345")),
        "each change keeps the draft: {commands:?}"
    );
    sent(&app.update(ctrl('s')))
}

#[test]
fn edit_sends_only_the_changed_field_and_shows_the_servers_answer() {
    let mut app = on_john();
    let (id, request) = edit_email(&mut app);
    let mut patch = ContactPatch::for_uid("ABC12345");
    patch.email = Some("jon@example.com".into());
    assert_eq!(request, ApiRequest::update(&patch));
    let commands = app.update(ok(
        &app,
        id,
        json!({"uid": "ABC12345", "email": "jon@example.com"}),
    ));
    assert_eq!(
        commands,
        [Command::DiscardDraft(DraftKey::edit(None, "ABC12345"))]
    );
    assert!(
        matches!(app.top(), Screen::Contact(_)),
        "back on the detail"
    );
    assert_eq!(shown(&app).email.as_deref(), Some("jon@example.com"));
    assert_eq!(
        shown(&app).first_name.as_deref(),
        Some("John"),
        "other fields stay"
    );
}

#[test]
fn a_400_naming_a_field_is_shown_at_it_and_everything_typed_stays() {
    let mut app = on_john();
    let (id, _) = edit_email(&mut app);
    assert!(
        app.update(failed(&app, id, api_error(400, "Invalid email format")))
            .is_empty()
    );
    let edit = edit_screen(&app);
    assert_eq!(edit.form.focused(), FieldId::Email);
    assert_eq!(edit.form.value(FieldId::Email), Some("jon@example.com"));
    assert_eq!(
        edit.form
            .field(FieldId::Email)
            .and_then(|f| f.server_error.clone())
            .as_deref(),
        Some("Invalid email format")
    );
}

#[test]
fn failures_keep_the_form_with_the_reason() {
    let cases = [
        (api_error(500, "boom"), "the server failed (500): boom"),
        (
            api_error(403, "plan"),
            "your plan has no API access (Starter, Pro or Business needed)",
        ),
        (
            ApiError::RateLimited {
                attempts: 4,
                retry_after: None,
            },
            "rate-limited by the server: gave up after 4 tries",
        ),
        (
            ApiError::Network {
                message: "the server could not be reached".into(),
                maybe_applied: false,
            },
            "the server could not be reached",
        ),
    ];
    for (error, expected) in cases {
        let mut app = on_john();
        let (id, _) = edit_email(&mut app);
        assert!(
            app.update(failed(&app, id, error)).is_empty(),
            "never retried by the app"
        );
        let edit = edit_screen(&app);
        assert_eq!(edit.form.value(FieldId::Email), Some("jon@example.com"));
        assert_eq!(
            edit.form.state(),
            &genius::tui::widgets::form::FormState::Failed(expected.to_string())
        );
        // Ctrl-S tries again, deliberately.
        let (_, again) = sent(&app.update(ctrl('s')));
        assert_eq!(again.operation, Operation::Update);
    }
}

#[test]
fn a_timed_out_save_says_it_may_have_been_saved_and_refetches_the_contact() {
    let mut app = on_john();
    let (id, _) = edit_email(&mut app);
    let commands = app.update(failed(&app, id, timeout()));
    let (_, refetch) = sent(&commands);
    assert_eq!(
        refetch,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    let edit = edit_screen(&app);
    match edit.form.state() {
        genius::tui::widgets::form::FormState::Uncertain(message) => {
            assert!(
                message.contains("may or may not have been saved"),
                "{message}"
            );
        }
        other => panic!("expected an uncertain save, got {other:?}"),
    }
    assert_eq!(edit.form.value(FieldId::Email), Some("jon@example.com"));
}

#[test]
fn leaving_the_edit_form_with_changes_asks_and_discarding_drops_the_draft() {
    let mut app = on_john();
    app.update(ch('e'));
    type_in(&mut app, "x");
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.top(), Screen::Edit(_)), "asked first");
    let commands = app.update(ch('y'));
    assert_eq!(
        commands,
        [Command::DiscardDraft(DraftKey::edit(None, "ABC12345"))]
    );
    assert!(matches!(app.top(), Screen::Contact(_)));
}

#[test]
fn stage_quality_and_owner_use_their_endpoints_and_show_the_answer() {
    let mut app = on_john();
    let who = Identifier::Uid("ABC12345".into());

    app.update(ch('s'));
    assert!(matches!(&app.overlay, Some(Overlay::Picker(_))));
    type_in(&mut app, "Qualified");
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(request, ApiRequest::change_stage(&who, "Qualified"));
    assert!(app.overlay.is_none());
    app.update(change(
        &app,
        json!({"contactUid": "ABC12345", "stageName": "Qualified"}),
        id,
    ));
    assert_eq!(shown(&app).stage_name.as_deref(), Some("Qualified"));
    assert_eq!(app.vocabulary.stages(), ["New Lead", "Qualified"]);

    app.update(ch('Q'));
    type_in(&mut app, "Medium");
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(request, ApiRequest::change_quality(&who, "Medium"));
    app.update(change(
        &app,
        json!({"contactUid": "ABC12345", "qualityName": "Medium"}),
        id,
    ));
    assert_eq!(shown(&app).quality_name.as_deref(), Some("Medium"));

    app.update(ch('o'));
    type_in(&mut app, "ana@yourcompany.com");
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::change_owner(&who, "ana@yourcompany.com")
    );
    app.update(change(
        &app,
        json!({"contactUid": "ABC12345", "ownerEmail": "ana@yourcompany.com", "ownerName": "Ana Lima"}),
        id,
    ));
    assert_eq!(shown(&app).owner_name.as_deref(), Some("Ana Lima"));
    assert_eq!(
        app.notice,
        Some(Notice::Info("owner: Ana Lima (ana@yourcompany.com)".into()))
    );
}

#[test]
fn picking_the_current_value_sends_nothing() {
    let mut app = on_john();
    app.update(ch('s'));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.notice,
        Some(Notice::Info("no change: it already is New Lead".into()))
    );
}

#[test]
fn a_failed_change_says_so_and_a_timed_out_one_refetches() {
    let mut app = on_john();
    app.update(ch('s'));
    type_in(&mut app, "Nope");
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    app.update(failed(
        &app,
        id,
        api_error(400, "stageName 'Nope' does not exist in this account"),
    ));
    assert_eq!(shown(&app).stage_name.as_deref(), Some("New Lead"));
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("does not exist")));

    app.update(ch('s'));
    type_in(&mut app, "Won");
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    let (_, refetch) = sent(&app.update(failed(&app, id, timeout())));
    assert_eq!(refetch.operation, Operation::Get);
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("may or may not")));
}

#[test]
fn several_tags_are_added_in_one_request() {
    let mut app = on_john();
    app.update(ch('t'));
    type_in(&mut app, "VIP Customer,Referral,");
    let (id, request) = sent(&app.update(ctrl('s')));
    let mut patch = ContactPatch::for_uid("ABC12345");
    patch.tags = vec!["VIP Customer".into(), "Referral".into()];
    assert_eq!(request, ApiRequest::update(&patch));
    app.update(ok(
        &app,
        id,
        json!({"uid": "ABC12345", "tags": ["Hot Lead", "Website", "VIP Customer", "Referral"]}),
    ));
    assert_eq!(
        shown(&app).tags,
        ["Hot Lead", "Website", "VIP Customer", "Referral"]
    );
}
