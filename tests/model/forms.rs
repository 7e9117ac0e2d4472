//! The edit form: fields in API order from the contact, readline editing, validation as you type,
//! only changed fields sent, saving and failure states that keep everything typed, server errors
//! at their field, leaving with changes asks first, drafts.

use crossterm::event::KeyCode;
use genius::api::ContactPatch;
use genius::tui::model::drafts::DraftContent;
use genius::tui::model::vocabulary::Vocabulary;
use genius::tui::widgets::form::FormState;
use genius::tui::widgets::form::{ContactForm, FieldId, FormOutcome, FormSubmission};

use crate::support::*;

fn edit_form() -> ContactForm {
    ContactForm::edit(&john(), &Vocabulary::new())
}

fn press_all(form: &mut ContactForm, keys: Vec<crossterm::event::KeyEvent>) {
    for k in keys {
        form.handle_key(k);
    }
}

fn saved_patch(outcome: FormOutcome) -> ContactPatch {
    match outcome {
        FormOutcome::Save(submission) => match *submission {
            FormSubmission::Update(patch) => patch,
            other => panic!("expected an update, got {other:?}"),
        },
        other => panic!("expected Save, got {other:?}"),
    }
}

#[test]
fn has_the_thirteen_updatable_fields_in_api_order_with_the_contacts_values() {
    let form = edit_form();
    let names: Vec<&str> = form.fields().iter().map(|f| f.id.api_name()).collect();
    assert_eq!(
        names,
        [
            "firstName",
            "lastName",
            "email",
            "phone",
            "businessName",
            "birthday",
            "address",
            "city",
            "state",
            "zipcode",
            "timeZone",
            "value",
            "snapshot"
        ]
    );
    assert_eq!(form.value(FieldId::Email), Some("john@example.com"));
    assert_eq!(form.value(FieldId::Birthday), Some(""));
    assert_eq!(form.focused(), FieldId::FirstName);
    assert!(!form.is_dirty());
    assert!(form.patch().is_empty());
}

#[test]
fn tab_down_and_shift_tab_up_move_and_wrap() {
    let mut form = edit_form();
    form.handle_key(key(KeyCode::Tab));
    form.handle_key(key(KeyCode::Down));
    assert_eq!(form.focused(), FieldId::Email);
    form.handle_key(back_tab());
    form.handle_key(key(KeyCode::Up));
    assert_eq!(form.focused(), FieldId::FirstName);
    form.handle_key(key(KeyCode::Up));
    assert_eq!(form.focused(), FieldId::Snapshot, "wraps to the last field");
    form.handle_key(key(KeyCode::Tab));
    assert_eq!(form.focused(), FieldId::FirstName);
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(
        form.focused(),
        FieldId::LastName,
        "Enter on a plain field moves on"
    );
    form.handle_key(key(KeyCode::PageDown));
    assert_eq!(form.focused(), FieldId::Address);
}

#[test]
fn fixing_a_typo_in_the_email_sends_only_the_email() {
    let mut form = edit_form();
    form.focus(FieldId::Email);
    // "john@example.com" → "jon@example.com": Ctrl-A, two right, Backspace.
    press_all(
        &mut form,
        vec![
            ctrl('a'),
            ctrl('f'),
            ctrl('f'),
            ctrl('f'),
            key(KeyCode::Backspace),
        ],
    );
    assert_eq!(form.value(FieldId::Email), Some("jon@example.com"));
    assert!(form.is_dirty());
    let patch = saved_patch(form.handle_key(ctrl('s')));
    let mut expected = ContactPatch::for_uid("ABC12345");
    expected.email = Some("jon@example.com".into());
    assert_eq!(patch, expected);
    assert_eq!(form.state(), &FormState::Saving { frame: 0 });
}

#[test]
fn readline_keys_work_in_fields() {
    let mut form = edit_form();
    form.focus(FieldId::BusinessName);
    press_all(&mut form, vec![alt('b'), ctrl('k')]);
    assert_eq!(form.value(FieldId::BusinessName), Some("Acme "));
    press_all(&mut form, typing("Inc"));
    press_all(&mut form, vec![key(KeyCode::Home), ctrl('d')]);
    assert_eq!(form.value(FieldId::BusinessName), Some("cme Inc"));
    press_all(&mut form, vec![key(KeyCode::End), ctrl('w'), ctrl('u')]);
    assert_eq!(form.value(FieldId::BusinessName), Some(""));
}

#[test]
fn values_are_sent_normalised_and_an_emptied_field_is_sent_empty() {
    let mut form = edit_form();
    form.set_value(FieldId::Phone, "+1 (555) 999-0000");
    form.set_value(FieldId::Value, "12,500.00");
    form.set_value(FieldId::TimeZone, "america/sao_paulo");
    form.set_value(FieldId::City, "");
    form.set_value(FieldId::State, "  NY ");
    let patch = saved_patch(form.handle_key(ctrl('s')));
    assert_eq!(patch.phone.as_deref(), Some("+15559990000"));
    assert_eq!(patch.value.as_deref(), Some("12500.00"));
    assert_eq!(patch.time_zone.as_deref(), Some("America/Sao_Paulo"));
    assert_eq!(patch.city.as_deref(), Some(""));
    assert_eq!(patch.state, None, "surrounding spaces are not a change");
    assert_eq!(patch.first_name, None);
}

#[test]
fn invalid_fields_are_shown_as_typed_and_block_saving_with_the_reason() {
    let mut form = edit_form();
    form.focus(FieldId::Birthday);
    press_all(&mut form, typing("1985-02-30"));
    let birthday = form.field(FieldId::Birthday).map(|f| f.check.clone());
    assert_eq!(
        birthday
            .and_then(|c| c.message().map(String::from))
            .as_deref(),
        Some("not a real date")
    );
    form.focus(FieldId::FirstName);
    assert_eq!(form.handle_key(ctrl('s')), FormOutcome::Continue);
    assert_eq!(
        form.notice(),
        Some("Can't save yet — Birthday: not a real date")
    );
    assert_eq!(
        form.focused(),
        FieldId::Birthday,
        "the cursor goes to the problem"
    );
    assert_eq!(form.state(), &FormState::Editing);
    press_all(
        &mut form,
        vec![key(KeyCode::Backspace), key(KeyCode::Backspace)],
    );
    press_all(&mut form, typing("28"));
    assert_eq!(form.notice(), None, "editing clears the refusal");
    assert_eq!(
        saved_patch(form.handle_key(ctrl('s'))).birthday.as_deref(),
        Some("1985-02-28")
    );
}

#[test]
fn clearing_both_email_and_phone_is_refused() {
    let mut form = edit_form();
    form.set_value(FieldId::Email, "");
    form.set_value(FieldId::Phone, "");
    form.handle_key(ctrl('s'));
    assert_eq!(
        form.notice(),
        Some("Can't save yet — Email: an email or a phone is needed")
    );
    form.set_value(FieldId::FirstName, "");
    form.set_value(FieldId::LastName, " ");
    form.set_value(FieldId::Phone, "+15550001111");
    form.handle_key(ctrl('s'));
    assert_eq!(
        form.notice(),
        Some("Can't save yet — First name: a first or last name is needed")
    );
}

#[test]
fn saving_with_nothing_changed_just_leaves() {
    let mut form = edit_form();
    assert_eq!(form.handle_key(ctrl('s')), FormOutcome::Cancel);
}

#[test]
fn while_saving_keys_do_not_change_what_was_sent() {
    let mut form = edit_form();
    form.set_value(FieldId::City, "Boston");
    saved_patch(form.handle_key(ctrl('s')));
    press_all(&mut form, typing("xyz"));
    form.handle_key(ctrl('s'));
    form.handle_paste("pasted");
    assert_eq!(form.value(FieldId::FirstName), Some("John"));
    assert_eq!(form.handle_key(key(KeyCode::Esc)), FormOutcome::Continue);
    form.tick();
    assert_eq!(form.state(), &FormState::Saving { frame: 1 });
}

#[test]
fn a_failed_save_keeps_everything_typed_and_ctrl_s_tries_again() {
    let mut form = edit_form();
    form.set_value(FieldId::City, "Boston");
    form.set_value(FieldId::Snapshot, "Wants the premium plan");
    saved_patch(form.handle_key(ctrl('s')));
    form.set_failed("the server failed (500): boom");
    assert_eq!(
        form.state(),
        &FormState::Failed("the server failed (500): boom".into())
    );
    assert_eq!(form.value(FieldId::City), Some("Boston"));
    assert_eq!(
        form.value(FieldId::Snapshot),
        Some("Wants the premium plan")
    );
    let again = saved_patch(form.handle_key(ctrl('s')));
    assert_eq!(again.city.as_deref(), Some("Boston"));
}

#[test]
fn a_server_400_naming_a_field_is_shown_at_that_field() {
    let cases = [
        ("Invalid email format", Some(FieldId::Email)),
        (
            "timeZone must be a valid time zone",
            Some(FieldId::TimeZone),
        ),
        (
            "Invalid value for birthday: expected YYYY-MM-DD",
            Some(FieldId::Birthday),
        ),
        ("phone is not a valid phone number", Some(FieldId::Phone)),
        (
            "Either name or firstName/lastName is required",
            Some(FieldId::FirstName),
        ),
        ("Invalid zip code", Some(FieldId::Zipcode)),
        ("Unknown time zone 'Mars/Base'", Some(FieldId::TimeZone)),
        ("Something went wrong", None),
    ];
    for (message, expected) in cases {
        let mut form = edit_form();
        form.set_value(FieldId::City, "Boston");
        form.handle_key(ctrl('s'));
        assert_eq!(form.apply_server_error(message), expected, "{message}");
        assert_eq!(form.state(), &FormState::Failed(message.into()));
        assert_eq!(form.value(FieldId::City), Some("Boston"));
        if let Some(id) = expected {
            assert_eq!(form.focused(), id);
            assert_eq!(
                form.field(id).and_then(|f| f.server_error.as_deref()),
                Some(message)
            );
        }
    }
}

#[test]
fn editing_a_field_forgets_the_server_error_about_it() {
    let mut form = edit_form();
    form.set_value(FieldId::Email, "new@example.com");
    form.handle_key(ctrl('s'));
    form.apply_server_error("email already in use");
    press_all(&mut form, typing("x"));
    assert_eq!(
        form.field(FieldId::Email)
            .and_then(|f| f.server_error.clone()),
        None
    );
}

#[test]
fn esc_leaves_a_clean_form_and_asks_before_discarding_changes() {
    let mut form = edit_form();
    assert_eq!(form.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);

    let mut form = edit_form();
    form.focus(FieldId::City);
    assert_eq!(
        form.handle_key(crate::support::ch('!')),
        FormOutcome::Edited
    );
    assert_eq!(form.handle_key(key(KeyCode::Esc)), FormOutcome::Continue);
    assert!(form.is_confirming_discard());
    assert_eq!(
        form.handle_key(key(KeyCode::Enter)),
        FormOutcome::Continue,
        "only y discards"
    );
    assert!(!form.is_confirming_discard());
    assert_eq!(form.value(FieldId::City), Some("New York!"));
    form.handle_key(key(KeyCode::Esc));
    assert_eq!(
        form.handle_key(crate::support::ch('y')),
        FormOutcome::Cancel
    );
}

#[test]
fn enter_on_time_zone_opens_a_picker_and_its_choice_fills_the_field() {
    let mut form = edit_form();
    form.focus(FieldId::TimeZone);
    press_all(&mut form, vec![ctrl('u')]);
    press_all(&mut form, typing("lisb"));
    form.handle_key(key(KeyCode::Enter));
    let picker = form
        .picker()
        .map(|p| (p.title().to_string(), p.query().to_string()));
    assert_eq!(picker, Some(("Time zone".into(), "lisb".into())));
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Edited);
    assert!(form.picker().is_none());
    assert_eq!(form.value(FieldId::TimeZone), Some("Europe/Lisbon"));

    form.handle_key(key(KeyCode::Enter));
    assert_eq!(
        form.handle_key(key(KeyCode::Esc)),
        FormOutcome::Continue,
        "Esc closes only the picker"
    );
    assert!(form.picker().is_none());
    assert_eq!(form.value(FieldId::TimeZone), Some("Europe/Lisbon"));
}

#[test]
fn paste_goes_into_the_focused_field_on_one_line() {
    let mut form = edit_form();
    form.focus(FieldId::Address);
    assert_eq!(form.handle_paste("123 Main St\nApt 4"), FormOutcome::Edited);
    assert_eq!(form.value(FieldId::Address), Some("123 Main St Apt 4"));
}

#[test]
fn the_draft_holds_changed_fields_and_restores_them() {
    let mut form = edit_form();
    form.set_value(FieldId::City, "Boston");
    form.set_value(FieldId::Birthday, "1985-04-2");
    let draft = form.draft();
    let DraftContent::Form { fields } = &draft else {
        panic!("a form draft");
    };
    assert_eq!(fields.len(), 2);
    assert_eq!(fields.get("city").map(String::as_str), Some("Boston"));

    let mut reopened = edit_form();
    reopened.restore_draft(fields);
    assert_eq!(reopened.value(FieldId::City), Some("Boston"));
    assert_eq!(reopened.value(FieldId::Birthday), Some("1985-04-2"));
    assert!(
        reopened
            .field(FieldId::Birthday)
            .is_some_and(|f| f.check.blocks_saving())
    );
    assert_eq!(reopened.draft(), draft);
}
