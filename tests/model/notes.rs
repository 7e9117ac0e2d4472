//! The note editor (multi-line, Ctrl-S sends, Ctrl-X Ctrl-E asks for $EDITOR, Esc asks first) and
//! the external editor helpers.

use crossterm::event::KeyCode;
use genius::tui::runtime::external_editor::{edit_with, editor_command_from};
use genius::tui::screens::note::NoteState;
use genius::tui::screens::note::{NoteEditor, NoteOutcome};
use serde_json::json;

use crate::support::*;
use genius::tui::app::Command;

fn write(editor: &mut NoteEditor, text: &str) {
    for c in text.chars() {
        let k = if c == '\n' {
            key(KeyCode::Enter)
        } else {
            ch(c)
        };
        editor.handle_key(k);
    }
}

#[test]
fn a_two_paragraph_note_is_sent_trimmed_with_its_line_breaks() {
    let mut editor = NoteEditor::new("John Doe");
    assert_eq!(editor.handle_key(key(KeyCode::Enter)), NoteOutcome::Edited);
    write(
        &mut editor,
        "Called, he wants prices.\n\nSend the PDF by Friday.\n",
    );
    assert_eq!(
        editor.text(),
        "\nCalled, he wants prices.\n\nSend the PDF by Friday.\n"
    );
    assert_eq!(
        editor.handle_key(ctrl('s')),
        NoteOutcome::Send("Called, he wants prices.\n\nSend the PDF by Friday.".into())
    );
    assert_eq!(editor.state(), &NoteState::Sending { frame: 0 });
}

#[test]
fn an_empty_note_is_not_sent() {
    let mut editor = NoteEditor::new("John Doe");
    write(&mut editor, "  \n ");
    assert_eq!(editor.handle_key(ctrl('s')), NoteOutcome::Continue);
    assert_eq!(editor.state(), &NoteState::Editing);
}

#[test]
fn while_sending_the_text_cannot_change_and_a_failure_keeps_it() {
    let mut editor = NoteEditor::new("John Doe");
    write(&mut editor, "Left a voicemail");
    editor.handle_key(ctrl('s'));
    write(&mut editor, "zzz");
    assert_eq!(editor.handle_paste("pasted"), NoteOutcome::Continue);
    assert_eq!(editor.handle_key(key(KeyCode::Esc)), NoteOutcome::Continue);
    editor.tick();
    assert_eq!(editor.state(), &NoteState::Sending { frame: 1 });
    editor.set_failed("rate-limited by the server: gave up after 4 tries");
    assert_eq!(editor.text(), "Left a voicemail");
    assert_eq!(
        editor.handle_key(ctrl('s')),
        NoteOutcome::Send("Left a voicemail".into())
    );
}

#[test]
fn ctrl_x_ctrl_e_asks_for_the_external_editor_with_the_draft() {
    let mut editor = NoteEditor::new("John Doe");
    write(&mut editor, "draft");
    assert_eq!(editor.handle_key(ctrl('x')), NoteOutcome::Continue);
    assert_eq!(
        editor.handle_key(ctrl('e')),
        NoteOutcome::OpenExternalEditor("draft".into())
    );
    // Ctrl-E alone is end-of-line, and Ctrl-X followed by something else is just that key.
    editor.handle_key(ctrl('a'));
    assert_eq!(editor.handle_key(ctrl('e')), NoteOutcome::Continue);
    editor.handle_key(ctrl('x'));
    assert_eq!(editor.handle_key(ch('!')), NoteOutcome::Edited);
    assert_eq!(editor.text(), "draft!");
    editor.replace_text("from vim\r\nline two\x1b[31m\n");
    assert_eq!(editor.text(), "from vim\nline two[31m\n");
}

#[test]
fn esc_asks_before_throwing_a_note_away() {
    let mut editor = NoteEditor::new("John Doe");
    assert_eq!(editor.handle_key(key(KeyCode::Esc)), NoteOutcome::Cancel);
    let mut editor = NoteEditor::new("John Doe");
    write(&mut editor, "important");
    assert_eq!(editor.handle_key(key(KeyCode::Esc)), NoteOutcome::Continue);
    assert!(editor.is_confirming_discard());
    assert_eq!(editor.handle_key(ch('n')), NoteOutcome::Continue);
    assert_eq!(editor.text(), "important", "the answer key is not typed");
    editor.handle_key(key(KeyCode::Esc));
    assert_eq!(editor.handle_key(ch('y')), NoteOutcome::Cancel);
}

#[test]
fn paste_keeps_line_breaks_and_drops_control_characters() {
    let mut editor = NoteEditor::with_draft("John Doe", "Kept draft");
    assert!(editor.is_dirty());
    assert_eq!(
        editor.handle_paste("\r\nline\x07 two\r\nthree"),
        NoteOutcome::Edited
    );
    assert_eq!(editor.text(), "Kept draft\nline two\nthree");
    for k in typing("!") {
        editor.handle_key(k);
    }
    assert!(editor.text().ends_with("three!"));
}

#[test]
fn visual_wins_over_editor_and_quoted_commands_are_split() {
    assert_eq!(
        editor_command_from(Some("code --wait"), Some("vi")),
        Some(("code".to_string(), vec!["--wait".to_string()]))
    );
    assert_eq!(
        editor_command_from(Some("  "), Some("nano")),
        Some(("nano".to_string(), vec![]))
    );
    assert_eq!(editor_command_from(None, None), None);
}

#[test]
fn the_external_editor_edits_a_private_temporary_file() {
    let script = "test \"$(stat -c %a \"$1\")\" = 600 || exit 3; printf '\\nadded by the editor\\n' >> \"$1\"";
    let args = vec!["-c".to_string(), script.to_string(), "sh".to_string()];
    let edited = edit_with("sh", &args, "draft line");
    assert_eq!(
        edited.ok().as_deref(),
        Some("draft line\nadded by the editor")
    );
}

#[test]
fn a_failing_editor_is_an_error_and_not_an_empty_note() {
    let args = vec!["-c".to_string(), "exit 1".to_string(), "sh".to_string()];
    let error = edit_with("sh", &args, "draft").err().map(|e| e.to_string());
    assert!(error.is_some_and(|e| e.contains("the draft is unchanged")));
    let missing = edit_with("/nonexistent/editor", &[], "draft")
        .err()
        .map(|e| e.to_string());
    assert!(missing.is_some_and(|e| e.contains("could not start the editor")));
}

#[test]
fn a_multi_line_note_is_sent_and_the_contact_refetched() {
    let mut app = on_john();
    app.update(ch('n'));
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
    app.update(ch('n'));
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
    app.update(ch('n'));
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
    app.update(ch('n'));
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

#[test]
fn the_note_order_is_remembered_per_profile() {
    let mut app = on_john();
    app.account.profile = Some("work".into());
    assert!(top_contact(&app).notes.newest_first);
    let commands = app.update(ch('O'));
    assert_eq!(
        commands,
        vec![Command::SaveNoteOrder {
            oldest_first: vec!["work".into()]
        }]
    );
    assert!(!top_contact(&app).notes.newest_first);
    // The next contact opens oldest first on this profile…
    app.update(key(KeyCode::Esc));
    let id = look_up(
        &mut app,
        "ABC12345",
        genius::api::Identifier::Uid("ABC12345".into()),
    );
    app.update(one(id, &john_doe()));
    assert!(!top_contact(&app).notes.newest_first);
    // …and newest first on another.
    app.account.profile = Some("home".into());
    app.update(key(KeyCode::Esc));
    let id = look_up(
        &mut app,
        "ABC12345",
        genius::api::Identifier::Uid("ABC12345".into()),
    );
    app.update(one(id, &john_doe()));
    assert!(top_contact(&app).notes.newest_first);
}

#[test]
fn a_note_that_would_read_back_as_two_is_asked_about_before_sending() {
    let mut app = on_john();
    app.update(ch('n'));
    app.update(genius::tui::app::Msg::Paste(
        "Called, no answer.\n\n2025-01-02 10:00 call again".into(),
    ));
    assert!(app.update(ctrl('s')).is_empty(), "nothing is sent yet");
    assert!(
        render(&app).contains("read back as 2 notes"),
        "{}",
        render(&app)
    );
    // Any other key keeps editing, with the text as it was.
    assert!(app.update(ch('n')).is_empty());
    assert_eq!(
        note_text(&app),
        "Called, no answer.\n\n2025-01-02 10:00 call again"
    );
    app.update(ctrl('s'));
    let (_, request) = sent(&app.update(ch('y')));
    assert_eq!(request.operation, genius::api::Operation::AddNote);
    // A date inside a paragraph is just text: sent at once.
    let mut app = on_john();
    app.update(ch('n'));
    app.update(genius::tui::app::Msg::Paste(
        "Call again on\n2025-01-02 10:00".into(),
    ));
    assert!(!app.update(ctrl('s')).is_empty());
}
