//! The cache flow: a recent contact with a cached copy opens at once, marked stale, while a refresh
//! runs; the refresh's answer replaces it and is cached; with the cache off, a recent is looked up.

use genius::api::{ApiRequest, Identifier};
use genius::cache::CachedContact;
use genius::tui::app::command::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn app_with_cached_john() -> genius::tui::app::App {
    let mut app = app_with(SMALL, recents());
    app.cache_enabled = true;
    let mut old = john_doe();
    old.stage_name = Some("Cold".into());
    app.cache.insert(CachedContact::new(
        old,
        clock().now - chrono::Duration::hours(3),
    ));
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
            .any(|c| matches!(c, Command::SaveRecents(_))),
        "John was viewed days ago: the recents say now"
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

fn cached_app(size: ratatui::layout::Size) -> genius::tui::app::App {
    let fetched_at = clock().now - chrono::Duration::days(3);
    genius::tui::app::App::new(genius::tui::app::AppOptions {
        cached: vec![genius::cache::CachedContact::new(john_doe(), fetched_at)],
        cache_enabled: true,
        viewport: size,
        ..options()
    })
}

#[test]
fn a_cached_contact_opens_at_once_marked_stale_and_refreshes() {
    let mut app = cached_app(SMALL);
    type_text(&mut app, "abc12345");
    let commands = app.update(key(KeyCode::Enter));
    let refresh = sent_id(&commands);
    assert_eq!(
        commands,
        vec![
            Command::SaveRecents(app.recents.clone()),
            Command::Send {
                id: refresh,
                request: ApiRequest::get(&Identifier::Uid("ABC12345".into()))
            }
        ]
    );
    let stale = |app: &genius::tui::app::App| match app.top() {
        Screen::Contact(screen) => screen.stale_since,
        other => panic!("expected the contact, found {other:?}"),
    };
    assert_eq!(stale(&app), Some(clock().now - chrono::Duration::days(3)));
    assert!(render(&app).contains("last known, 3 days ago"));

    let mut fresh = john_doe();
    fresh.stage_name = Some("Qualified".into());
    let commands = app.update(one(refresh, &fresh));
    assert_eq!(stale(&app), None);
    assert_eq!(
        commands,
        vec![Command::CacheContacts {
            contacts: vec![fresh.clone()],
            fetched_at: clock().now
        }],
        "the recents did not change: nothing written but the cache"
    );
    assert!(render(&app).contains("uid ABC12345"));
}

#[test]
fn offline_a_cached_contact_stays_readable_with_the_error_said() {
    let mut app = cached_app(SMALL);
    type_text(&mut app, "ABC12345");
    let refresh = sent_id(&app.update(key(KeyCode::Enter)));
    let unreachable = ApiError::Network {
        message: "cannot reach 127.0.0.1: connection refused".into(),
        maybe_applied: false,
    };
    app.update(failed(&app, refresh, unreachable));
    assert_eq!(top_contact_name(&app), "John Doe");
    assert!(error_notice(&app).starts_with("cannot reach"));
    assert!(matches!(app.top(), Screen::Contact(screen) if screen.stale_since.is_some()));
}

#[test]
fn lookups_feed_the_cache_when_it_is_on_with_whole_contacts_only() {
    let mut app = cached_app(SMALL);
    // Several matches are summaries: caching them would overwrite whole records with less.
    let id = look_up(
        &mut app,
        "john@example.com",
        Identifier::Email("john@example.com".into()),
    );
    let commands = app.update(many(id, &[john_doe(), john_smith()]));
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::CacheContacts { .. })),
        "{commands:?}"
    );
    assert!(!app.cache.contains("XYZ67890"));
    let mut app = cached_app(SMALL);
    let id = look_up(&mut app, "XYZ67890", Identifier::Uid("XYZ67890".into()));
    let commands = app.update(one(id, &john_smith()));
    assert!(commands.contains(&Command::CacheContacts {
        contacts: vec![john_smith()],
        fetched_at: clock().now
    }));
    assert!(app.cache.contains("XYZ67890"));
}
