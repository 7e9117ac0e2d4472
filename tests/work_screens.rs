//! Snapshot tests of the work components (issue 4) drawn with ratatui's TestBackend: each form
//! (clean, invalid, saving, server error), each picker (filtered, empty, free entry), the note
//! editor, the delete confirmation, the duplicate warning and the command line with completions.
//! Components are drawn in the body of an 80×24 screen (the rows between the core's title line
//! and status bar), and a few at 160×48. Review changes with `cargo insta review`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use genius::api::Contact;
use genius::tui::keymap::Keymap;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::overlays::command_line::CommandLine;
use genius::tui::overlays::command_line::CommandLineView;
use genius::tui::overlays::confirm_delete::ConfirmDeleteView;
use genius::tui::overlays::confirm_delete::DeleteConfirm;
use genius::tui::screens::create::duplicates::{DuplicateWarning, DuplicatesView};
use genius::tui::screens::note::{NoteEditor, NoteEditorView};
use genius::tui::theme::Theme;
use genius::tui::widgets::ViewCtx;
use genius::tui::widgets::form::{ContactForm, FieldId, FormView};
use genius::tui::widgets::picker::{Picker, PickerView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The core's harness (app builder, canned replies, rendering the whole app).
mod support;

use support::Drive;

/// Draws a component alone through its view, with the default theme and keys.
trait Draw {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx);
}

impl Draw for ContactForm {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        FormView {
            form: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for Picker {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        PickerView {
            picker: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for NoteEditor {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        NoteEditorView {
            editor: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for DeleteConfirm {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        ConfirmDeleteView {
            confirm: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for DuplicateWarning {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        DuplicatesView {
            warning: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for CommandLine {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        CommandLineView {
            line: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

/// What the components' views read: the default theme and keys, the fixed clock.
fn with_view_ctx<T>(run: impl FnOnce(&ViewCtx) -> T) -> T {
    let theme = Theme::default_16();
    let keymap = Keymap::default();
    let clock = support::clock();
    run(&ViewCtx {
        theme: &theme,
        clock: &clock,
        privacy: false,
        ascii: false,
        keymap: &keymap,
        spinner_frame: 0,
    })
}

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 48);

/// Draws `draw` into the body (all rows but the first and last) of a `size` screen.
fn screen(size: (u16, u16), draw: impl FnOnce(Rect, &mut Buffer, &ViewCtx)) -> String {
    let mut terminal = match Terminal::new(TestBackend::new(size.0, size.1)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("test terminal: {e}"),
    };
    let drawn = terminal.draw(|frame| {
        let body = Rect::new(0, 1, size.0, size.1.saturating_sub(2));
        with_view_ctx(|ctx| draw(body, frame.buffer_mut(), ctx));
    });
    if let Err(e) = drawn {
        panic!("draw: {e}");
    }
    terminal.backend().to_string()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn type_text(mut handle: impl FnMut(KeyEvent), text: &str) {
    for c in text.chars() {
        handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn john() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        address: Some("123 Main St".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        zipcode: Some("10001".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        snapshot: Some("Interested in enterprise solution, contacted via website form".into()),
        stage_name: Some("New Lead".into()),
        quality_name: Some("High".into()),
        owner_email: Some("sales@yourcompany.com".into()),
        owner_name: Some("Jane Smith".into()),
        tags: vec!["Hot Lead".into(), "Website".into()],
        ..Contact::default()
    }
}

fn vocabulary() -> Vocabulary {
    Vocabulary::configured(
        [
            "New Lead",
            "Contacted",
            "Qualified",
            "Proposal",
            "Closed Won",
            "Closed Lost",
        ]
        .map(String::from),
        ["High", "Medium", "Low"].map(String::from),
        [
            Owner {
                email: "sales@yourcompany.com".into(),
                name: Some("Jane Smith".into()),
            },
            Owner {
                email: "ana@yourcompany.com".into(),
                name: Some("Ana Lima".into()),
            },
            Owner {
                email: "evil@yourcompany.com".into(),
                name: Some("Mallory\x1b]52;c;aGk=\x07 \u{202e}resU".into()),
            },
        ],
        ["Hot Lead", "Website", "VIP Customer", "Q1 2024"].map(String::from),
    )
}

fn edit_form() -> ContactForm {
    ContactForm::edit(&john(), &vocabulary())
}

mod forms {
    use super::*;

    #[test]
    fn edit_form_clean() {
        let form = edit_form();
        insta::assert_snapshot!(
            "edit_clean@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
        insta::assert_snapshot!(
            "edit_clean@160x48",
            screen(LARGE, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn edit_form_invalid_as_typed() {
        let mut form = edit_form();
        form.set_value(FieldId::Email, "john@example");
        form.set_value(FieldId::Phone, "555 123 4567");
        form.set_value(FieldId::Birthday, "1985-02-30");
        form.set_value(FieldId::Value, "5.000");
        form.set_value(FieldId::TimeZone, "America/Sao");
        form.focus(FieldId::Birthday);
        insta::assert_snapshot!(
            "edit_invalid@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
        form.handle_key(ctrl('s'));
        insta::assert_snapshot!(
            "edit_refused@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn edit_form_saving_keeps_the_inputs() {
        let mut form = edit_form();
        form.set_value(FieldId::City, "Boston");
        form.set_value(FieldId::State, "MA");
        form.handle_key(ctrl('s'));
        form.tick();
        insta::assert_snapshot!(
            "edit_saving@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn edit_form_server_errors() {
        let mut form = edit_form();
        form.set_value(FieldId::Email, "taken@example.com");
        form.handle_key(ctrl('s'));
        form.apply_server_error("Invalid email: already used by another contact");
        insta::assert_snapshot!(
            "edit_server_400@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
        form.handle_key(ctrl('s'));
        form.set_failed("the server failed (500): Internal error");
        insta::assert_snapshot!(
            "edit_server_500@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
        form.handle_key(ctrl('s'));
        form.set_uncertain(
            "the server did not answer within 20 s — the change may or may not have been saved",
        );
        insta::assert_snapshot!(
            "edit_timeout@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn edit_form_asks_before_discarding() {
        let mut form = edit_form();
        form.set_value(FieldId::City, "Boston");
        form.handle_key(key(KeyCode::Esc));
        insta::assert_snapshot!(
            "edit_confirm_discard@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn edit_form_hostile_server_text_is_made_visible() {
        let mut contact = john();
        contact.first_name = Some("Jo\x1b[2Jhn".into());
        contact.city = Some("\u{202e}kroY weN".into());
        let form = ContactForm::edit(&contact, &vocabulary());
        insta::assert_snapshot!(
            "edit_hostile@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn create_form_clean_and_refused() {
        let mut form = ContactForm::create(&vocabulary());
        insta::assert_snapshot!(
            "create_clean@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
        form.handle_key(ctrl('s'));
        insta::assert_snapshot!(
            "create_refused@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn create_form_scrolls_to_the_focused_field_when_short() {
        let mut form = ContactForm::create(&vocabulary());
        form.focus(FieldId::Tags);
        insta::assert_snapshot!(
            "create_scrolled@80x16",
            screen((80, 16), |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn create_form_with_a_picker_open() {
        let mut form = ContactForm::create(&vocabulary());
        form.focus(FieldId::Stage);
        form.handle_key(key(KeyCode::Enter));
        type_text(|k| drop(form.handle_key(k)), "qual");
        insta::assert_snapshot!(
            "create_stage_picker@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }

    #[test]
    fn create_form_saving() {
        let mut form = ContactForm::create(&vocabulary());
        form.set_value(FieldId::FirstName, "Ana");
        form.set_value(FieldId::LastName, "Lima");
        form.set_value(FieldId::Email, "ana@example.com");
        form.set_value(FieldId::Stage, "Qualified");
        form.set_value(FieldId::Tags, "VIP Customer, Trade Show");
        form.handle_key(ctrl('s'));
        insta::assert_snapshot!(
            "create_saving@80x24",
            screen(SMALL, |a, b, t| form.render(a, b, t))
        );
    }
}

mod pickers {
    use super::*;

    #[test]
    fn stage_picker_with_the_current_value() {
        let picker = Picker::stage(&vocabulary(), Some("Qualified"));
        insta::assert_snapshot!(
            "picker_stage@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
    }

    #[test]
    fn stage_picker_filtered() {
        let mut picker = Picker::stage(&vocabulary(), Some("New Lead"));
        type_text(|k| drop(picker.handle_key(k)), "clo");
        insta::assert_snapshot!(
            "picker_filtered@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
    }

    #[test]
    fn picker_empty_vocabulary() {
        let picker = Picker::quality(&Vocabulary::new(), None);
        insta::assert_snapshot!(
            "picker_empty@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
    }

    #[test]
    fn picker_free_entry() {
        let mut picker = Picker::stage(&vocabulary(), None);
        type_text(|k| drop(picker.handle_key(k)), "Negotiation");
        insta::assert_snapshot!(
            "picker_free_entry@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
    }

    #[test]
    fn owner_picker_names_emails_and_hostile_names() {
        let picker = Picker::owner(&vocabulary(), Some("sales@yourcompany.com"));
        insta::assert_snapshot!(
            "picker_owner@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
        let mut refused = Picker::owner(&vocabulary(), None);
        type_text(|k| drop(refused.handle_key(k)), "carol");
        refused.handle_key(key(KeyCode::Enter));
        insta::assert_snapshot!(
            "picker_owner_refused@80x24",
            screen(SMALL, |a, b, t| refused.render(a, b, t))
        );
    }

    #[test]
    fn tags_picker_collecting() {
        let mut picker = Picker::tags(&vocabulary(), &john().tags);
        type_text(|k| drop(picker.handle_key(k)), "vip");
        picker.handle_key(key(KeyCode::Enter));
        type_text(|k| drop(picker.handle_key(k)), "Trade Show,q1");
        insta::assert_snapshot!(
            "picker_tags@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
        insta::assert_snapshot!(
            "picker_tags@160x48",
            screen(LARGE, |a, b, t| picker.render(a, b, t))
        );
    }

    #[test]
    fn time_zone_picker_filtered() {
        let mut picker = Picker::time_zone(Some("America/New_York"));
        type_text(|k| drop(picker.handle_key(k)), "sao");
        insta::assert_snapshot!(
            "picker_time_zone@80x24",
            screen(SMALL, |a, b, t| picker.render(a, b, t))
        );
    }
}

mod editors {
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
        let mut confirm = DeleteConfirm::new(&john());
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
        let mut smith = john();
        smith.uid = "XYZ67890".into();
        smith.last_name = Some("Smith".into());
        smith.phone = Some("+1 555 987 6543".into());
        let mut other = john();
        other.uid = "QWE45678".into();
        other.first_name = Some("Johnny".into());
        other.email = Some("johnny@example.com".into());
        other.phone = Some("+15559876543".into());
        let warning = DuplicateWarning::new(form.new_contact(), vec![john(), smith, other]);
        insta::assert_snapshot!(
            "duplicate_warning@80x24",
            screen(SMALL, |a, b, t| {
                form.render(a, b, t);
                warning.render(a, b, t);
            })
        );
    }
}

mod command_line {
    use super::*;

    fn opened() -> CommandLine {
        let mut line = CommandLine::new();
        line.open(&vocabulary());
        line
    }

    #[test]
    fn command_line_lists_commands_then_completes() {
        let line = opened();
        insta::assert_snapshot!(
            "command_line_empty@80x24",
            screen(SMALL, |a, b, t| line.render(a, b, t))
        );
        let mut line = opened();
        type_text(|k| drop(line.handle_key(k)), "stage ");
        line.handle_key(key(KeyCode::Tab));
        line.handle_key(key(KeyCode::Tab));
        insta::assert_snapshot!(
            "command_line_cycling@80x24",
            screen(SMALL, |a, b, t| line.render(a, b, t))
        );
        let mut line = opened();
        type_text(|k| drop(line.handle_key(k)), "tag Hot Lead, v");
        insta::assert_snapshot!(
            "command_line_tag_values@80x24",
            screen(SMALL, |a, b, t| line.render(a, b, t))
        );
    }

    #[test]
    fn command_line_error() {
        let mut line = opened();
        type_text(|k| drop(line.handle_key(k)), "stgae Won");
        line.handle_key(key(KeyCode::Enter));
        insta::assert_snapshot!(
            "command_line_error@80x24",
            screen(SMALL, |a, b, t| line.render(a, b, t))
        );
    }
}

#[path = "work_screens/in_the_app.rs"]
mod in_the_app;

mod any_size {
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
            Picker::tags(&vocabulary(), &john().tags).render(area, &mut buf, theme);
            Picker::quality(&Vocabulary::new(), None).render(area, &mut buf, theme);
            let mut editor = NoteEditor::new("John Doe");
            editor.handle_paste("a long line that will have to wrap somewhere\n\nand another");
            editor.set_failed("a failure long enough to wrap on a narrow screen");
            editor.render(area, &mut buf, theme);
            let mut confirm = DeleteConfirm::new(&john());
            confirm.set_failed("a failure long enough to wrap on a narrow screen");
            confirm.render(area, &mut buf, theme);
            let mut line = CommandLine::new();
            line.open(&vocabulary());
            line.handle_paste("stgae Won");
            line.handle_key(key(KeyCode::Enter));
            line.render(area, &mut buf, theme);
            DuplicateWarning::new(form.new_contact(), vec![john()]).render(area, &mut buf, theme);
            });
        }
    }
}
