//! The cache flow: a recent contact with a cached copy opens at once, marked stale, while a refresh
//! runs; the refresh's answer replaces it and is cached; with the cache off, a recent is looked up.

use genius::api::{ApiRequest, Identifier};
use genius::cache::CachedContact;
use genius::tui::app::command::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;
use crate::top_contact;

fn app_with_cached_john() -> genius::tui::app::App {
    let mut app = app_with(SMALL, recents());
    app.cache_enabled = true;
    let mut old = john_doe();
    old.stage_name = Some("Cold".into());
    app.cache.insert(
        old.uid.clone(),
        CachedContact {
            fetched_at: clock().now - chrono::Duration::hours(3),
            contact: old,
        },
    );
    app
}

#[test]
fn a_cached_recent_opens_at_once_marked_stale_until_the_refresh_returns() {
    let mut app = app_with_cached_john();
    app.update(key(KeyCode::Down));
    let commands = app.update(key(KeyCode::Enter));
    let screen = top_contact(&app);
    assert_eq!(screen.contact.stage_name.as_deref(), Some("Cold"));
    assert_eq!(
        screen.stale_since,
        Some(clock().now - chrono::Duration::hours(3))
    );
    let id = sent_id(&commands);
    assert_eq!(screen.refresh, Some(id));
    assert!(commands.contains(&Command::Send {
        id,
        request: ApiRequest::get(&Identifier::Uid("ABC12345".into())),
    }));
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::SaveRecents(_)))
    );
    let drawn = render(&app);
    assert!(drawn.contains("last known, 3 h ago"), "{drawn}");

    let commands = app.update(one(id, &john_doe()));
    let screen = top_contact(&app);
    assert_eq!(screen.stale_since, None);
    assert_eq!(screen.contact.stage_name.as_deref(), Some("New Lead"));
    assert!(commands.contains(&Command::CacheContacts {
        contacts: vec![john_doe()],
        fetched_at: clock().now,
    }));
    assert!(!render(&app).contains("last known"));
    assert_eq!(
        app.cache.get("ABC12345").map(|c| c.fetched_at),
        Some(clock().now)
    );
}

#[test]
fn a_failed_refresh_leaves_the_copy_marked_stale() {
    let mut app = app_with_cached_john();
    app.update(key(KeyCode::Down));
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(failed(
        &app,
        id,
        genius::api::ApiError::Network {
            message: "server unreachable".into(),
            maybe_applied: false,
        },
    ));
    assert!(top_contact(&app).stale_since.is_some());
    assert!(render(&app).contains("last known"));
}

#[test]
fn with_the_cache_off_nothing_goes_to_disk() {
    let mut app = app_with(SMALL, recents());
    app.cache_enabled = false;
    app.update(key(KeyCode::Down));
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    let commands = app.update(one(id, &john_doe()));
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::CacheContacts { .. })),
        "{commands:?}"
    );
}
