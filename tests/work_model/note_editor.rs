//! The note editor (multi-line, Ctrl-S sends, Ctrl-X Ctrl-E asks for $EDITOR, Esc asks first) and
//! the external editor helpers.

use crossterm::event::KeyCode;
use genius::tui::runtime::external_editor::{edit_with, editor_command_from};
use genius::tui::screens::note::NoteState;
use genius::tui::screens::note::{NoteEditor, NoteOutcome};

use crate::fixtures::{ch, ctrl, key, typing};
use crate::support::Drive;

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
