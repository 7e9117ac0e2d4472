//! Read-only profiles: every write is refused inside `update`, answered as a failure through the
//! reply path, and the status bar says why; reads still go out; the title says READ-ONLY.

use genius::api::ApiRequest;
use genius::api::{ContactPatch, Identifier, NewContact};
use genius::tui::app::Notice;
use genius::tui::command::Command;
use genius::tui::requests::Purpose;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn read_only_app() -> genius::tui::app::App {
    let mut app = app_with(SMALL, recents());
    app.work.read_only = true;
    app.trust.profile = Some("prod".to_string());
    app
}

/// Every write operation of the API, as the app would ask for it.
fn every_write() -> Vec<ApiRequest> {
    let uid = Identifier::Uid("ABC12345".into());
    vec![
        ApiRequest::create(&NewContact::default()),
        ApiRequest::update(&ContactPatch::default()),
        ApiRequest::delete("ABC12345"),
        ApiRequest::add_tag(&uid, "vip"),
        ApiRequest::add_note(&uid, "called"),
        ApiRequest::change_stage(&uid, "Won"),
        ApiRequest::change_quality(&uid, "High"),
        ApiRequest::change_owner(&uid, "ana@yourcompany.com"),
    ]
}

#[test]
fn no_write_command_ever_leaves_a_read_only_app() {
    for request in every_write() {
        let mut app = read_only_app();
        let id = app.requests.start(
            Purpose::Refresh {
                uid: "ABC12345".into(),
            },
            "writing".into(),
        );
        let kept = app.refuse_writes(vec![
            Command::Send {
                id,
                request: request.clone(),
            },
            Command::SaveRecents(app.recents.clone()),
        ]);
        assert!(
            !kept.iter().any(|c| matches!(c, Command::Send { .. })),
            "{:?} was let through: {kept:?}",
            request.operation
        );
        assert!(kept.contains(&Command::SaveRecents(app.recents.clone())));
        assert!(!app.requests.is_busy(), "the refused request is answered");
        assert_eq!(
            app.notice,
            Some(Notice::Error(
                "profile prod is read-only: nothing was sent to the server".into()
            ))
        );
    }
}

#[test]
fn writes_pass_on_a_writable_profile() {
    let mut app = app();
    let request = ApiRequest::delete("ABC12345");
    let command = Command::Send {
        id: genius::tui::command::RequestId(7),
        request,
    };
    assert_eq!(app.refuse_writes(vec![command.clone()]), vec![command]);
}

#[test]
fn reads_still_go_out_and_the_title_says_read_only() {
    let mut app = read_only_app();
    type_text(&mut app, "ABC12345");
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::Send {
            id: sent_id(&commands),
            request: ApiRequest::get(&Identifier::Uid("ABC12345".into())),
        }]
    );
    let screen = render(&app);
    assert!(
        screen.lines().next().unwrap_or("").contains("READ-ONLY"),
        "{screen}"
    );
}
