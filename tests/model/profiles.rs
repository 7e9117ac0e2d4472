//! The profile switcher: `P` lists the profiles, Enter resolves the chosen one off the UI thread
//! (a command), and its answer makes it the active profile — start screen, recents, look,
//! read-only switch — while the effects runner is told to use it.

use genius::tui::app::command::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{Notice, Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn choosing_a_profile_resolves_it_then_starts_over_on_it() {
    let mut app = app_with_profiles();
    let refresh = open(&mut app, &john_doe());
    assert!(refresh.iter().any(|c| matches!(c, Command::SaveRecents(_))));
    app.update(ch('r'));
    let in_flight: Vec<_> = app.requests.in_flight.iter().map(|r| r.id).collect();
    assert_eq!(in_flight.len(), 1);

    app.update(ch('P'));
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Profiles(s)) if s.selected == 1
    ));
    let switcher = render(&app);
    assert!(
        switcher.contains("prod") && switcher.contains("read-only"),
        "{switcher}"
    );
    app.update(ch('k'));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![
            Command::Cancel { id: in_flight[0] },
            Command::ResolveProfile {
                name: "prod".into()
            },
        ]
    );
    assert_eq!(app.account.switching.as_deref(), Some("prod"));
    assert!(app.overlay.is_none());

    let mut prod_recents = genius::tui::model::recents::RecentList::default();
    prod_recents.record(genius::tui::model::recents::RecentContact::from_contact(
        &mary_jones(),
        clock().now,
    ));
    let mut ready = session("prod", true, prod_recents.clone());
    ready.vocabulary =
        genius::tui::model::vocabulary::Vocabulary::from_profile(&genius::config::Profile {
            stages: vec!["Negotiation".into()],
            ..Default::default()
        });
    let ready = Box::new(ready);
    let commands = app.update(Msg::ProfileReady(ready.clone()));
    assert_eq!(commands, vec![Command::UseProfile(ready.clone())]);
    assert_eq!(app.account.profile.as_deref(), Some("prod"));
    assert!(app.account.read_only);
    assert_eq!(app.recents, prod_recents);
    assert_eq!(app.vocabulary, ready.vocabulary, "prod's pickers");
    assert_eq!(app.drafts.profile.as_deref(), Some("prod"), "prod's drafts");
    assert_eq!(app.screens.len(), 1);
    assert!(matches!(app.screens[0], Screen::Home(_)));
    assert_eq!(app.account.label, "prod · 127.0.0.1");
    assert_eq!(app.theme, ready.theme, "prod's look (its accent)");
    let title = render(&app);
    let first = title.lines().next().unwrap_or("");
    assert!(
        first.contains("READ-ONLY") && first.contains("prod · 127.0.0.1"),
        "{title}"
    );
    assert!(
        title.contains("Mary Jones") && !title.contains("John Doe"),
        "{title}"
    );
}

#[test]
fn a_profile_answer_nobody_waits_for_is_ignored() {
    let mut app = app_with_profiles();
    let commands = app.update(Msg::ProfileReady(Box::new(session(
        "prod",
        true,
        Default::default(),
    ))));
    assert!(commands.is_empty());
    assert_eq!(app.account.profile.as_deref(), Some("test"));
    assert!(!app.account.read_only);
}

#[test]
fn a_profile_that_cannot_be_resolved_leaves_the_current_one() {
    let mut app = app_with_profiles();
    app.update(key(KeyCode::Down));
    app.update(ch('P'));
    app.update(ch('k'));
    app.update(key(KeyCode::Enter));
    app.update(Msg::ProfileFailed {
        name: "prod".into(),
        error: "no token found".into(),
    });
    assert_eq!(app.account.switching, None);
    assert_eq!(app.account.profile.as_deref(), Some("test"));
    assert_eq!(
        app.notice,
        Some(Notice::Error(
            "cannot switch to profile prod: no token found".into()
        ))
    );
}

#[test]
fn the_active_profile_or_no_profiles_switch_nothing() {
    let mut app = app_with_profiles();
    app.update(key(KeyCode::Down));
    app.update(ch('P'));
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.notice,
        Some(Notice::Info("already on profile test".into()))
    );

    let mut plain = app_with(SMALL, recents());
    plain.update(key(KeyCode::Down));
    plain.update(ch('P'));
    assert!(plain.overlay.is_none());
    assert!(matches!(plain.notice, Some(Notice::Error(_))));
}

#[test]
fn without_a_token_the_setup_screen_can_switch_profile() {
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        has_token: false,
        ..Default::default()
    });
    app.account = app_with_profiles().account;
    assert!(matches!(app.top(), Screen::Setup));
    app.update(ch('P'));
    app.update(ch('k'));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::ResolveProfile {
            name: "prod".into()
        }]
    );
    app.update(Msg::ProfileReady(Box::new(session(
        "prod",
        false,
        Default::default(),
    ))));
    assert!(matches!(app.top(), Screen::Home(_)), "prod has a token");
}
