//! Text stays the user's: the model keeps exactly what the server sent, the screen shows it made
//! safe, and the edit form starts from — and sends back — the real value: never a placeholder,
//! never a right-to-left mark lost. Copy and export take the real values too.

use base64::Engine;
use genius::api::{ApiRequest, Contact, ContactPatch};
use genius::export::{ExportFormat, export};
use genius::tui::app::App;
use genius::tui::app::Command;
use genius::tui::model::RequestId;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// A Hebrew name ending in a right-to-left mark, and a last name trying to retitle the window.
fn sara() -> Contact {
    Contact {
        uid: "RTL00001".into(),
        first_name: Some("שרה\u{200F}".into()),
        last_name: Some("\u{1b}]0;x\u{7}Levi".into()),
        email: Some("sara@example.com".into()),
        phone: Some("+972501234567".into()),
        ..Contact::default()
    }
}

/// Opens the edit form, moves `tabs` fields down, and runs `keys` there, then Ctrl-S: the one
/// request sent.
fn save_after(
    app: &mut App,
    tabs: usize,
    keys: &[ratatui::crossterm::event::KeyEvent],
) -> (RequestId, ApiRequest) {
    app.update(ch('e'));
    for _ in 0..tabs {
        app.update(key(KeyCode::Tab));
    }
    for key in keys {
        app.update(*key);
    }
    let commands = app.update(ctrl('s'));
    let sent: Vec<(RequestId, ApiRequest)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(sent.len(), 1, "{commands:?}");
    sent[0].clone()
}

#[test]
fn the_model_keeps_the_servers_text_and_the_screen_shows_it_safe() {
    let mut app = app();
    open(&mut app, &sara());
    assert_eq!(top_contact(&app).contact, sara());
    let screen = render(&app);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{200F}'),
        "{screen}"
    );
    assert!(screen.contains("\u{241b}]0;x\u{2407}Levi"), "{screen}");
    app.update(ch('e'));
    let form = render(&app);
    assert!(
        !form.contains('\u{1b}') && !form.contains('\u{7}'),
        "{form}"
    );
    assert!(form.contains("שרה\u{FFFD}"), "{form}");
}

#[test]
fn changing_another_field_sends_neither_placeholders_nor_the_untouched_fields() {
    let mut app = app();
    open(&mut app, &sara());
    let (_, request) = save_after(&mut app, 2, &[ctrl('e'), ch('m')]);
    let mut patch = ContactPatch::for_uid("RTL00001");
    patch.email = Some("sara@example.comm".into());
    assert_eq!(request, ApiRequest::update(&patch));
}

#[test]
fn editing_the_hostile_field_sends_what_was_typed_verbatim() {
    let mut app = app();
    open(&mut app, &sara());
    let (id, request) = save_after(&mut app, 1, &[ctrl('e'), ch('s')]);
    let mut patch = ContactPatch::for_uid("RTL00001");
    patch.last_name = Some("\u{1b}]0;x\u{7}Levis".into());
    assert_eq!(request, ApiRequest::update(&patch));
    let mut saved = sara();
    saved.last_name = patch.last_name.clone();
    app.update(ok(&app, id, json_of(&saved)));

    // Deleting the escape (Ctrl-A, Ctrl-D) sends the rest as it was.
    let (_, request) = save_after(&mut app, 1, &[ctrl('a'), ctrl('d')]);
    let mut patch = ContactPatch::for_uid("RTL00001");
    patch.last_name = Some("]0;x\u{7}Levis".into());
    assert_eq!(request, ApiRequest::update(&patch));
}

#[test]
fn a_right_to_left_mark_survives_an_edit_of_its_name() {
    let mut app = app();
    open(&mut app, &sara());
    let (_, request) = save_after(&mut app, 0, &[ctrl('a'), ch('ד')]);
    let mut patch = ContactPatch::for_uid("RTL00001");
    patch.first_name = Some("דשרה\u{200F}".into());
    assert_eq!(request, ApiRequest::update(&patch));
}

#[test]
fn copy_and_export_take_the_real_values() {
    let mut app = app();
    open(&mut app, &hostile());
    app.update(ch('y'));
    let menu = render(&app);
    assert!(!menu.contains('\u{1b}'), "{menu}");
    let commands = app.update(ch('e'));
    let encoded =
        base64::engine::general_purpose::STANDARD.encode("eve@example.com\u{1b}]0;pwned\u{7}");
    assert_eq!(
        commands,
        vec![Command::WriteToTerminal {
            bytes: format!("\u{1b}]52;c;{encoded}\u{7}").into_bytes()
        }]
    );
    app.update(ch('x'));
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    let commands = app.update(key(KeyCode::Enter));
    let Some(Command::Export { contents, .. }) = commands.first() else {
        panic!("no export in {commands:?}");
    };
    assert_eq!(
        contents,
        &export(&[hostile()], ExportFormat::Json).expect("JSON"),
        "the export is of the contact as the server sent it"
    );
}
