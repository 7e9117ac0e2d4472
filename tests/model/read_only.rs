//! Read-only profiles: every write is refused inside `update`, answered as a failure through the
//! reply path, and the status bar says why; reads still go out; the title says READ-ONLY.

use genius::api::ApiRequest;
use genius::api::{ContactPatch, Identifier, NewContact};
use genius::tui::app::Notice;
use genius::tui::app::command::Command;
use genius::tui::app::requests::Purpose;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn read_only_app() -> genius::tui::app::App {
    let mut app = app_with(SMALL, recents());
    app.account.read_only = true;
    app.account.profile = Some("prod".to_string());
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
            request.operation,
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
        id: genius::tui::model::RequestId(7),
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

/// No write of any kind among `commands`.
fn assert_no_write(commands: &[Command], what: &str) {
    for command in commands {
        if let Command::Send { request, .. } = command {
            assert!(
                !request.operation.is_write(),
                "{what} sent {:?}",
                request.operation
            );
        }
    }
}

fn refused(app: &genius::tui::app::App) -> bool {
    matches!(&app.notice, Some(Notice::Error(text)) if text.contains("read-only"))
}

#[test]
fn every_lead_working_key_is_refused_on_a_read_only_profile() {
    for key_char in ['e', 's', 'Q', 'o', 't', 'n', 'D', 'c'] {
        let mut app = read_only_app();
        open(&mut app, &john_doe());
        let mut commands = app.update(ch(key_char));
        assert!(refused(&app), "{key_char}: {:?}", app.notice);
        // Whatever might have opened, try to finish it: confirm, choose, save.
        for msg in [ch('D'), key(KeyCode::Enter), ctrl('s'), key(KeyCode::Enter)] {
            commands.extend(app.update(msg));
        }
        assert_no_write(&commands, &format!("key {key_char}"));
    }
}

#[test]
fn every_writing_command_line_is_refused_on_a_read_only_profile() {
    for line in [
        "stage Won",
        "quality High",
        "owner ana@yourcompany.com",
        "tag vip",
        "note called him",
        "new",
        "edit",
        "delete",
    ] {
        let mut app = read_only_app();
        open(&mut app, &john_doe());
        let mut commands = app.update(ch(':'));
        for c in line.chars() {
            commands.extend(app.update(ch(c)));
        }
        commands.extend(app.update(key(KeyCode::Enter)));
        assert_no_write(&commands, line);
        assert!(refused(&app), ":{line} → {:?}", app.notice);
    }
}

#[test]
fn creating_from_the_lookup_input_is_refused_too() {
    let mut app = read_only_app();
    let mut commands = app.update(ctrl('n'));
    commands.extend(app.update(ctrl('s')));
    assert_no_write(&commands, "Ctrl-N");
    assert!(refused(&app), "{:?}", app.notice);
}
