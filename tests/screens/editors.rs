//! The note editor, the delete confirmation and the duplicate warning drawn alone.

use super::*;

fn two_paragraphs() -> NoteEditor {
    let mut editor = NoteEditor::new("John Doe");
    editor.handle_paste(
        "Called John about the enterprise plan. He liked the demo and wants a quote for 40 seats with the premium support add-on.\n\nSend the PDF by Friday; call back Monday 10:00 his time.",
    );
    editor
}

#[test]
fn note_editor_empty_and_written() {
    let editor = NoteEditor::new("John Doe");
    insta::assert_snapshot!(
        "note_empty@80x24",
        screen(SMALL, |a, b, t| editor.render(a, b, t))
    );
    let editor = two_paragraphs();
    insta::assert_snapshot!(
        "note_two_paragraphs@80x24",
        screen(SMALL, |a, b, t| editor.render(a, b, t))
    );
    insta::assert_snapshot!(
        "note_two_paragraphs@160x48",
        screen(LARGE, |a, b, t| editor.render(a, b, t))
    );
}

#[test]
fn note_editor_sending_failed_and_discard() {
    let mut editor = two_paragraphs();
    editor.handle_key(ctrl('s'));
    insta::assert_snapshot!(
        "note_sending@80x24",
        screen(SMALL, |a, b, t| editor.render(a, b, t))
    );
    editor.set_failed("rate-limited by the server: gave up after 4 tries");
    insta::assert_snapshot!(
        "note_failed@80x24",
        screen(SMALL, |a, b, t| editor.render(a, b, t))
    );
    editor.handle_key(key(KeyCode::Esc));
    insta::assert_snapshot!(
        "note_confirm_discard@80x24",
        screen(SMALL, |a, b, t| editor.render(a, b, t))
    );
}

#[test]
fn delete_confirmation() {
    let mut confirm = DeleteConfirm::new(&john_with_address());
    insta::assert_snapshot!(
        "delete_confirm@80x24",
        screen(SMALL, |a, b, t| confirm.render(a, b, t))
    );
    confirm.set_deleting(genius::tui::model::RequestId(1));
    insta::assert_snapshot!(
        "delete_deleting@80x24",
        screen(SMALL, |a, b, t| confirm.render(a, b, t))
    );
    confirm.set_failed("your plan has no API access (Starter, Pro or Business needed)");
    insta::assert_snapshot!(
        "delete_failed@80x24",
        screen(SMALL, |a, b, t| confirm.render(a, b, t))
    );
}

#[test]
fn duplicate_warning_on_create() {
    let mut form = ContactForm::create(&vocabulary());
    form.set_value(FieldId::FirstName, "John");
    form.set_value(FieldId::Email, "john@example.com");
    form.set_value(FieldId::Phone, "+15559876543");
    let mut smith = john_with_address();
    smith.uid = "XYZ67890".into();
    smith.last_name = Some("Smith".into());
    smith.phone = Some("+1 555 987 6543".into());
    let mut other = john_with_address();
    other.uid = "QWE45678".into();
    other.first_name = Some("Johnny".into());
    other.email = Some("johnny@example.com".into());
    other.phone = Some("+15559876543".into());
    let warning =
        DuplicateWarning::new(form.new_contact(), vec![john_with_address(), smith, other]);
    insta::assert_snapshot!(
        "duplicate_warning@80x24",
        screen(SMALL, |a, b, t| {
            form.render(a, b, t);
            warning.render(a, b, t);
        })
    );
}
