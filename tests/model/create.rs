//! Creating (with the duplicate check), deleting, the `:` command line and drafts, through
//! `App::update`.

use genius::api::{ApiRequest, HttpMethod, Identifier, NewContact, Operation};
use genius::tui::app::Command;
use genius::tui::app::{App, Screen};
use genius::tui::model::RequestId;
use genius::tui::model::drafts::DraftKey;
use genius::tui::screens::create::CreateStep;
use genius::tui::widgets::form::FieldId;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

/// The ids of every `Send` of `commands`, in order.
fn send_ids(commands: &[Command]) -> Vec<RequestId> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

fn fill_create(app: &mut App) {
    app.update(ch('c'));
    type_in(app, "Johnny");
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    type_in(app, "john@example.com");
    app.update(key(KeyCode::Tab));
    type_in(app, "+15550001111");
}

#[test]
fn create_checks_email_and_phone_first_and_warns_about_duplicates() {
    let mut app = on_john();
    fill_create(&mut app);
    let commands = app.update(ctrl('s'));
    let gets: Vec<(RequestId, ApiRequest)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        gets.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
        [
            ApiRequest::get(&Identifier::Email("john@example.com".into())),
            ApiRequest::get(&Identifier::Phone("+15550001111".into()))
        ]
    );
    assert!(
        app.update(many(gets[0].0, &[john_doe(), john_smith()]))
            .is_empty()
    );
    assert!(
        app.update(failed(&app, gets[1].0, api_error(404, "Contact not found")))
            .is_empty()
    );
    let warned = matches!(app.top(),
        Screen::Create(c) if matches!(&c.step, CreateStep::Warning(w) if w.matches().len() == 2));
    assert!(warned, "the two Johns are shown");

    // Create anyway.
    let (id, request) = sent(&app.update(ch('c')));
    assert_eq!(request.method, HttpMethod::Post);
    assert_eq!(
        request,
        ApiRequest::create(&NewContact {
            first_name: Some("Johnny".into()),
            email: Some("john@example.com".into()),
            phone: Some("+15550001111".into()),
            ..NewContact::default()
        })
    );
    let commands = app.update(ok(
        &app,
        id,
        json!({"uid": "NEW00001", "firstName": "Johnny", "email": "john@example.com"}),
    ));
    assert!(commands.contains(&Command::DiscardDraft(DraftKey::create(None))));
    assert_eq!(shown(&app).uid, "NEW00001", "the new contact is open");
    assert_eq!(
        app.recents.entries.first().map(|r| r.uid.as_str()),
        Some("NEW00001")
    );
}

#[test]
fn a_duplicate_can_be_opened_instead() {
    let mut app = on_john();
    fill_create(&mut app);
    let ids = send_ids(&app.update(ctrl('s')));
    app.update(many(ids[0], &[john_doe(), john_smith()]));
    app.update(failed(&app, ids[1], api_error(404, "Contact not found")));
    app.update(key(KeyCode::Down));
    let (_, refetch) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        refetch,
        ApiRequest::get(&Identifier::Uid("XYZ67890".into()))
    );
    assert_eq!(shown(&app).uid, "XYZ67890");
    assert!(
        app.drafts.get(&DraftKey::create(None)).is_some(),
        "the create draft is kept"
    );
}

#[test]
fn esc_on_the_duplicate_warning_returns_to_the_form_with_everything_typed() {
    let mut app = on_john();
    fill_create(&mut app);
    let ids = send_ids(&app.update(ctrl('s')));
    app.update(many(ids[0], &[john_doe()]));
    app.update(failed(&app, ids[1], api_error(404, "Contact not found")));
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    match app.top() {
        Screen::Create(create) => {
            assert!(matches!(create.step, CreateStep::Filling));
            assert_eq!(create.form.value(FieldId::Email), Some("john@example.com"));
            assert_eq!(
                create.form.state(),
                &genius::tui::widgets::form::FormState::Editing
            );
        }
        other => panic!("{other:?}"),
    }
    // Saving again checks again.
    assert_eq!(send_ids(&app.update(ctrl('s'))).len(), 2);
}

#[test]
fn without_duplicates_create_goes_straight_on() {
    let mut app = on_john();
    fill_create(&mut app);
    let ids = send_ids(&app.update(ctrl('s')));
    app.update(failed(&app, ids[0], api_error(404, "Contact not found")));
    let (_, create) = sent(&app.update(failed(&app, ids[1], api_error(404, "Contact not found"))));
    assert_eq!(create.operation, Operation::Create);
}

#[test]
fn a_create_that_fails_keeps_the_form() {
    let mut app = app();
    app.update(key(KeyCode::Tab));
    app.update(ch('c'));
    type_in(&mut app, "Ana");
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    type_in(&mut app, "+15550002222");
    let (lookup, _) = sent(&app.update(ctrl('s')));
    let (id, _) = sent(&app.update(failed(&app, lookup, api_error(404, "Contact not found"))));
    app.update(failed(
        &app,
        id,
        api_error(400, "stageName 'X' does not exist in this account"),
    ));
    match app.top() {
        Screen::Create(create) => {
            assert_eq!(create.form.value(FieldId::FirstName), Some("Ana"));
            assert!(matches!(create.step, CreateStep::Filling));
        }
        other => panic!("{other:?}"),
    }
}
