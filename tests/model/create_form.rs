//! The create form: every create field, the reference's rules, pickers on stage, quality, owner and
//! tags, and the NewContact it produces.

use crossterm::event::KeyCode;
use genius::api::NewContact;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::widgets::form::FormState;
use genius::tui::widgets::form::{ContactForm, FieldId, FormOutcome, FormSubmission};

use crate::support::*;

fn vocabulary() -> Vocabulary {
    Vocabulary::configured(
        ["New Lead", "Qualified"].map(String::from),
        ["High", "Low"].map(String::from),
        [Owner {
            email: "sales@yourcompany.com".into(),
            name: Some("Jane Smith".into()),
        }],
        ["Hot Lead", "Website"].map(String::from),
    )
}

fn created(outcome: FormOutcome) -> NewContact {
    match outcome {
        FormOutcome::Save(submission) => match *submission {
            FormSubmission::Create(contact) => contact,
            other => panic!("expected a create, got {other:?}"),
        },
        other => panic!("expected Save, got {other:?}"),
    }
}

fn type_in(form: &mut ContactForm, id: FieldId, text: &str) {
    form.focus(id);
    for k in typing(text) {
        form.handle_key(k);
    }
}

#[test]
fn has_every_create_field_in_api_order() {
    let form = ContactForm::create(&vocabulary());
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
            "stageName",
            "qualityName",
            "ownerEmail",
            "snapshot",
            "note",
            "tags"
        ]
    );
    assert!(form.fields().iter().all(|f| f.text().is_empty()));
}

#[test]
fn a_name_and_an_email_or_phone_are_required() {
    let mut form = ContactForm::create(&vocabulary());
    assert_eq!(form.handle_key(ctrl('s')), FormOutcome::Continue);
    assert_eq!(
        form.notice(),
        Some("Can't save yet — First name: a first or last name is needed")
    );
    assert_eq!(
        form.field(FieldId::Email)
            .and_then(|f| f.server_error.as_deref()),
        Some("an email or a phone is needed"),
        "every unmet rule is shown at its field"
    );
    type_in(&mut form, FieldId::LastName, "Doe");
    form.handle_key(ctrl('s'));
    assert_eq!(
        form.notice(),
        Some("Can't save yet — Email: an email or a phone is needed")
    );
    assert_eq!(form.focused(), FieldId::Email);
    type_in(&mut form, FieldId::Phone, "+1 555 123 4567");
    let contact = created(form.handle_key(ctrl('s')));
    assert_eq!(
        contact,
        NewContact {
            last_name: Some("Doe".into()),
            phone: Some("+15551234567".into()),
            ..NewContact::default()
        }
    );
    assert_eq!(form.state(), &FormState::Saving { frame: 0 });
}

#[test]
fn stage_quality_owner_and_tags_are_picked_from_the_vocabulary() {
    let mut form = ContactForm::create(&vocabulary());
    type_in(&mut form, FieldId::FirstName, "Ana");
    type_in(&mut form, FieldId::Email, "ana@example.com");

    form.focus(FieldId::Stage);
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(
        form.picker().map(|p| p.title().to_string()).as_deref(),
        Some("Stage")
    );
    form.handle_key(key(KeyCode::Down));
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Edited);
    assert_eq!(form.value(FieldId::Stage), Some("Qualified"));

    form.focus(FieldId::Owner);
    form.handle_key(key(KeyCode::Enter));
    for k in typing("jane") {
        form.handle_key(k);
    }
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(form.value(FieldId::Owner), Some("sales@yourcompany.com"));

    form.focus(FieldId::Tags);
    form.handle_key(key(KeyCode::Enter));
    for k in typing("hot") {
        form.handle_key(k);
    }
    form.handle_key(key(KeyCode::Enter));
    for k in typing("Trade Show,") {
        form.handle_key(k);
    }
    form.handle_key(ctrl('s'));
    assert_eq!(form.value(FieldId::Tags), Some("Hot Lead, Trade Show"));
    // Reopening the tags picker starts from what the field holds.
    form.handle_key(key(KeyCode::Enter));
    assert_eq!(
        form.picker().map(|p| p.chosen().to_vec()),
        Some(vec!["Hot Lead".to_string(), "Trade Show".to_string()])
    );
    form.handle_key(key(KeyCode::Esc));

    type_in(&mut form, FieldId::Note, "Met at the fair");
    let contact = created(form.handle_key(ctrl('s')));
    assert_eq!(contact.stage_name.as_deref(), Some("Qualified"));
    assert_eq!(
        contact.owner_email.as_deref(),
        Some("sales@yourcompany.com")
    );
    assert_eq!(contact.tags, ["Hot Lead", "Trade Show"]);
    assert_eq!(contact.note.as_deref(), Some("Met at the fair"));
    assert_eq!(contact.quality_name, None);
}

#[test]
fn tags_typed_by_hand_are_split_on_commas() {
    let mut form = ContactForm::create(&vocabulary());
    type_in(&mut form, FieldId::FirstName, "Ana");
    type_in(&mut form, FieldId::Email, "ana@example.com");
    type_in(&mut form, FieldId::Tags, " VIP , vip,, Partner ");
    assert_eq!(created(form.handle_key(ctrl('s'))).tags, ["VIP", "Partner"]);
}

#[test]
fn an_owner_typed_by_hand_must_be_an_email() {
    let mut form = ContactForm::create(&vocabulary());
    type_in(&mut form, FieldId::FirstName, "Ana");
    type_in(&mut form, FieldId::Email, "ana@example.com");
    type_in(&mut form, FieldId::Owner, "Jane");
    form.handle_key(ctrl('s'));
    assert_eq!(
        form.notice(),
        Some("Can't save yet — Owner: the owner's email: an email needs an @")
    );
}

#[test]
fn a_create_rejected_by_the_server_keeps_the_form_and_marks_the_field() {
    let mut form = ContactForm::create(&vocabulary());
    type_in(&mut form, FieldId::FirstName, "Ana");
    type_in(&mut form, FieldId::Email, "ana@example.com");
    form.set_value(FieldId::Stage, "Nope");
    created(form.handle_key(ctrl('s')));
    assert_eq!(
        form.apply_server_error("Stage 'Nope' does not exist in your account"),
        Some(FieldId::Stage)
    );
    assert_eq!(form.value(FieldId::FirstName), Some("Ana"));
    assert_eq!(form.focused(), FieldId::Stage);
    assert_eq!(
        form.apply_server_error("stageName not found"),
        Some(FieldId::Stage)
    );
    assert_eq!(
        form.apply_server_error("qualityName 'X' does not exist"),
        Some(FieldId::Quality)
    );
    assert_eq!(
        form.apply_server_error("owner not found: ownerEmail"),
        Some(FieldId::Owner)
    );
}
