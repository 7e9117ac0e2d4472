//! Model tests: feed messages to `App::update` and assert the state and the exact commands — no
//! terminal, no network, no async. `lookups`: queries, replies and failures; `navigation`: keys,
//! paste, recents, notes, help and quitting; `extras`: the config's keys, the cache, logs.

mod support;

#[path = "app_model/extras.rs"]
mod extras;
#[path = "app_model/lookups.rs"]
mod lookups;
#[path = "app_model/navigation.rs"]
mod navigation;

use genius::api::{ApiRequest, Identifier};
use genius::tui::app::Command;
use genius::tui::app::{App, AppOptions, Notice, Screen};
use genius::tui::model::RequestId;
use ratatui::crossterm::event::KeyCode;
use support::*;

pub fn home_input(app: &App) -> String {
    match app.screens.first() {
        Some(Screen::Home(home)) => home.input.value().to_string(),
        other => panic!("expected the start screen, found {other:?}"),
    }
}

pub fn top_contact_name(app: &App) -> String {
    match app.top() {
        Screen::Contact(screen) => screen.contact.display_name(),
        other => panic!("expected a contact screen, found {other:?}"),
    }
}

pub fn error_notice(app: &App) -> String {
    match &app.notice {
        Some(Notice::Error(text)) => text.clone(),
        other => panic!("expected an error notice, found {other:?}"),
    }
}

/// Types `text`, presses Enter, and returns the lookup's id after checking the exact request.
pub fn look_up(app: &mut App, text: &str, expected: Identifier) -> RequestId {
    type_text(app, text);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    assert_eq!(
        commands.last(),
        Some(&Command::Send {
            id,
            request: ApiRequest::get(&expected)
        })
    );
    id
}
pub fn options() -> AppOptions {
    AppOptions {
        theme: genius::tui::theme::Theme::default_16(),
        account_label: "demo".into(),
        recents: Default::default(),
        has_token: true,
        clock: clock(),
        viewport: SMALL,
        ..Default::default()
    }
}
