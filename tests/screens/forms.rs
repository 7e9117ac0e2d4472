//! The edit and create forms drawn alone: clean, invalid, saving, refused and answered by the
//! server, scrolled, with a picker open.

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
    let mut contact = john_with_address();
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
        screen(Size::new(80, 16), |a, b, t| form.render(a, b, t))
    );
}

#[test]
fn create_form_with_a_picker_open() {
    let mut form = ContactForm::create(&vocabulary());
    form.focus(FieldId::Stage);
    form.handle_key(key(KeyCode::Enter));
    type_into(|k| drop(form.handle_key(k)), "qual");
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
