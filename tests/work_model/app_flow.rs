//! Working a lead through `App::update`: keys on the contact screen, the exact requests sent, what
//! each reply (success, 400 at a field, 403, 429 after retries, 500, timeout) does to the screen —
//! the edit form, pickers, tags and notes. Create, delete, the command line and drafts are in
//! `app_lifecycle.rs`.

use std::time::Duration;

use genius::api::{ApiError, ApiRequest, Contact, ContactPatch, Identifier, Operation};
use genius::tui::app::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, Notice, Overlay, Screen};
use genius::tui::model::RequestId;
use genius::tui::model::drafts::{Draft, DraftKey};
use genius::tui::widgets::form::FieldId;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

/// The app showing John Doe (looked up by uid).
pub(crate) fn on_john() -> App {
    let mut app = app_with(SMALL, recents());
    type_text(&mut app, "ABC12345");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, &john_doe()));
    assert!(matches!(app.top(), Screen::Contact(_)));
    app
}

/// Types `text` into whatever has the keyboard, returning every command emitted.
pub(crate) fn type_in(app: &mut App, text: &str) -> Vec<Command> {
    text.chars().flat_map(|c| app.update(char_key(c))).collect()
}

/// The only `Send` of `commands`, with its request.
pub(crate) fn sent(commands: &[Command]) -> (RequestId, ApiRequest) {
    let sends: Vec<(RequestId, ApiRequest)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(sends.len(), 1, "expected one Send in {commands:?}");
    sends[0].clone()
}

pub(crate) fn shown(app: &App) -> Contact {
    match app.screens.iter().rev().find_map(|s| match s {
        Screen::Contact(screen) => Some(screen.contact.clone()),
        _ => None,
    }) {
        Some(contact) => contact,
        None => panic!("no contact screen"),
    }
}

fn edit_screen(app: &App) -> &genius::tui::screens::edit::EditScreen {
    match app.top() {
        Screen::Edit(edit) => edit,
        other => panic!("expected the edit form, got {other:?}"),
    }
}

pub(crate) fn note_text(app: &App) -> String {
    match app.top() {
        Screen::Note(note) => note.editor.text(),
        other => panic!("expected the note editor, got {other:?}"),
    }
}

pub(crate) fn timeout() -> ApiError {
    ApiError::Timeout {
        after: Duration::from_secs(20),
        maybe_applied: true,
    }
}

fn change(app: &App, data: serde_json::Value, id: RequestId) -> Msg {
    ok(app, id, data)
}

/// Opens the edit form and fixes John's email (john@ → jon@).
fn edit_email(app: &mut App) -> (RequestId, ApiRequest) {
    assert!(app.update(char_key('e')).is_empty());
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
    app.update(char_key('e'));
    type_in(&mut app, "x");
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.top(), Screen::Edit(_)), "asked first");
    let commands = app.update(char_key('y'));
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

    app.update(char_key('s'));
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

    app.update(char_key('Q'));
    type_in(&mut app, "Medium");
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(request, ApiRequest::change_quality(&who, "Medium"));
    app.update(change(
        &app,
        json!({"contactUid": "ABC12345", "qualityName": "Medium"}),
        id,
    ));
    assert_eq!(shown(&app).quality_name.as_deref(), Some("Medium"));

    app.update(char_key('o'));
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
    app.update(char_key('s'));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.notice,
        Some(Notice::Info("no change: it already is New Lead".into()))
    );
}

#[test]
fn a_failed_change_says_so_and_a_timed_out_one_refetches() {
    let mut app = on_john();
    app.update(char_key('s'));
    type_in(&mut app, "Nope");
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    app.update(failed(
        &app,
        id,
        api_error(400, "stageName 'Nope' does not exist in this account"),
    ));
    assert_eq!(shown(&app).stage_name.as_deref(), Some("New Lead"));
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("does not exist")));

    app.update(char_key('s'));
    type_in(&mut app, "Won");
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    let (_, refetch) = sent(&app.update(failed(&app, id, timeout())));
    assert_eq!(refetch.operation, Operation::Get);
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("may or may not")));
}

#[test]
fn several_tags_are_added_in_one_request() {
    let mut app = on_john();
    app.update(char_key('t'));
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

#[test]
fn a_multi_line_note_is_sent_and_the_contact_refetched() {
    let mut app = on_john();
    app.update(char_key('n'));
    let drafts = type_in(&mut app, "Called.");
    assert!(drafts.iter().all(|c| matches!(c, Command::SaveDraft(_))));
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Enter));
    type_in(&mut app, "Sending prices.");
    let (id, request) = sent(&app.update(ctrl('s')));
    assert_eq!(
        request,
        ApiRequest::add_note(
            &Identifier::Uid("ABC12345".into()),
            "Called.\n\nSending prices."
        )
    );
    let commands = app.update(ok(
        &app,
        id,
        json!({"contactUid": "ABC12345", "note": "Called."}),
    ));
    assert!(commands.contains(&Command::DiscardDraft(DraftKey::note(None, "ABC12345"))));
    let (_, refetch) = sent(&commands);
    assert_eq!(
        refetch,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    assert!(matches!(app.top(), Screen::Contact(_)));
}

#[test]
fn a_failed_note_keeps_the_editor_and_its_text() {
    let mut app = on_john();
    app.update(char_key('n'));
    type_in(&mut app, "Left a voicemail");
    let (id, _) = sent(&app.update(ctrl('s')));
    assert!(
        app.update(failed(&app, id, api_error(500, "boom")))
            .is_empty()
    );
    assert_eq!(note_text(&app), "Left a voicemail");
}

#[test]
fn the_external_editor_is_asked_for_and_its_text_taken_back() {
    let mut app = on_john();
    app.update(char_key('n'));
    type_in(&mut app, "draft");
    app.update(ctrl('x'));
    assert_eq!(
        app.update(ctrl('e')),
        [Command::EditExternally {
            uid: "ABC12345".into(),
            draft: "draft".into()
        }]
    );
    let commands = app.update(Msg::EditedExternally {
        uid: "ABC12345".into(),
        result: Ok("draft\n\nwritten in vim".into()),
    });
    assert!(matches!(commands.as_slice(), [Command::SaveDraft(_)]));
    assert_eq!(note_text(&app), "draft\n\nwritten in vim");
    app.update(Msg::EditedExternally {
        uid: "ABC12345".into(),
        result: Err("no editor set".into()),
    });
    assert_eq!(
        note_text(&app),
        "draft\n\nwritten in vim",
        "a failed editor changes nothing"
    );
}

#[test]
fn a_timed_out_note_is_not_called_unsaved_and_the_text_stays() {
    let mut app = on_john();
    app.update(char_key('n'));
    type_in(&mut app, "Maybe twice");
    let (id, _) = sent(&app.update(ctrl('s')));
    let (_, refetch) = sent(&app.update(failed(&app, id, timeout())));
    assert_eq!(refetch.operation, Operation::Get);
    assert_eq!(note_text(&app), "Maybe twice");
    let state = match app.top() {
        Screen::Note(note) => note.editor.state().clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        matches!(&state, genius::tui::screens::note::NoteState::Uncertain(m) if m.contains("may or may not")),
        "{state:?}"
    );
}

/// Help for the lead-working screens comes from the keymap table; every key listed there must do
/// something in the component it documents.
#[test]
fn every_key_the_help_lists_for_a_work_screen_does_something() {
    use genius::tui::keymap::{BINDINGS, Context};
    use genius::tui::model::vocabulary::Vocabulary;
    use genius::tui::overlays::confirm_delete::{ConfirmOutcome, DeleteConfirm};
    use genius::tui::screens::note::{NoteEditor, NoteOutcome};
    use genius::tui::widgets::form::{ContactForm, FormOutcome};
    use genius::tui::widgets::picker::{Picker, PickerOutcome};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use crate::support::Drive;
    let work = [
        Context::Form,
        Context::Picker,
        Context::NoteEditor,
        Context::CommandLine,
        Context::ConfirmDelete,
        Context::Duplicates,
        Context::Drafts,
    ];
    for binding in BINDINGS.iter().filter(|b| work.contains(&b.context)) {
        for chord in binding.keys.iter() {
            let key = KeyEvent::new(chord.code, chord.modifiers);
            let does_something = match binding.context {
                Context::Form => {
                    let mut form = ContactForm::edit(&john_doe(), &Vocabulary::new());
                    form.handle_key(key) != FormOutcome::Ignored
                }
                Context::Picker => {
                    let mut picker = Picker::tags(&Vocabulary::new(), &[]);
                    picker.handle_key(key) != PickerOutcome::Ignored
                }
                Context::NoteEditor => {
                    let mut editor = NoteEditor::new("John Doe");
                    editor.handle_key(key) != NoteOutcome::Ignored
                }
                Context::ConfirmDelete => {
                    let mut confirm = DeleteConfirm::new(&john_doe());
                    let expected = if chord.code == KeyCode::Char('D') {
                        ConfirmOutcome::Confirmed
                    } else {
                        ConfirmOutcome::Cancel
                    };
                    confirm.handle_key(key) == expected
                }
                // The command line, the duplicate warning and the drafts list answer every key.
                _ => true,
            };
            assert!(
                does_something,
                "{:?} {:?}{} is in the help but does nothing",
                binding.context,
                chord.code,
                if chord.modifiers == KeyModifiers::NONE {
                    ""
                } else {
                    " (with modifiers)"
                }
            );
        }
    }
}
