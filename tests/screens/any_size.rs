//! Every component draws at any size down to 1×1 without panicking.

use super::*;
use proptest::prelude::*;

proptest! {
    /// Every component draws at any size down to 1×1 without panicking.
    #[test]
    fn components_draw_at_any_size(width in 1u16..120, height in 1u16..40) {
        with_view_ctx(|theme| {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        let mut form = ContactForm::create(&vocabulary());
        form.set_value(FieldId::Email, "not an email");
        form.handle_key(ctrl('s'));
        form.render(area, &mut buf, theme);
        form.focus(FieldId::Stage);
        form.handle_key(key(KeyCode::Enter));
        form.render(area, &mut buf, theme);
        edit_form().render(area, &mut buf, theme);
        Picker::tags(&vocabulary(), &john_with_address().tags).render(area, &mut buf, theme);
        Picker::quality(&Vocabulary::new(), None).render(area, &mut buf, theme);
        let mut editor = NoteEditor::new("John Doe");
        editor.handle_paste("a long line that will have to wrap somewhere\n\nand another");
        editor.set_failed("a failure long enough to wrap on a narrow screen");
        editor.render(area, &mut buf, theme);
        let mut confirm = DeleteConfirm::new(&john_with_address());
        confirm.set_failed("a failure long enough to wrap on a narrow screen");
        confirm.render(area, &mut buf, theme);
        let mut line = CommandLine::new();
        line.open(&vocabulary());
        line.handle_paste("stgae Won");
        line.handle_key(key(KeyCode::Enter));
        line.render(area, &mut buf, theme);
        DuplicateWarning::new(form.new_contact(), vec![john_with_address()]).render(area, &mut buf, theme);
        });
    }
}
