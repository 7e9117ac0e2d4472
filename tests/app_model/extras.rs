//! What the configuration and the data directory add: rebound keys, the contact cache, the log path in help.

use genius::api::{ApiError, ApiRequest, Identifier};
use genius::tui::app::Screen;
use genius::tui::command::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;
use crate::*;

#[test]
fn an_empty_answer_reads_as_not_found_and_a_bad_answer_as_unreadable() {
    let mut app = app();
    let id = look_up(
        &mut app,
        "+15550000000",
        Identifier::Phone("+15550000000".into()),
    );
    app.update(ok(id, serde_json::json!([])));
    assert_eq!(error_notice(&app), "no contact with phone +15550000000");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(ok(id, serde_json::json!("surprise")));
    assert!(error_notice(&app).starts_with("the server's reply was not what the API documents"));
}

#[test]
fn rebound_keys_from_the_config_drive_dispatch_and_hints() {
    use genius::tui::keymap::{KeyChord, Keymap};
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert("refresh".to_string(), vec![KeyChord::plain(KeyCode::F(5))]);
    let keymap = Keymap::with_overrides(&overrides).expect("a valid rebinding");
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        keymap,
        ..options()
    });
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &john_doe()));
    assert_eq!(
        app.update(char_key('r')),
        Vec::new(),
        "r no longer refreshes"
    );
    let commands = app.update(key(KeyCode::F(5)));
    assert_eq!(
        commands,
        vec![Command::Send {
            id: sent_id(&commands),
            request: ApiRequest::get(&Identifier::Uid("ABC12345".into()))
        }]
    );
    app.update(one(sent_id(&commands), &john_doe()));
    assert!(render(&app).contains("F5 refresh"));
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
        vec![
            Command::SaveRecents(app.recents.clone()),
            Command::CacheContacts {
                contacts: vec![fresh.clone()],
                fetched_at: clock().now
            }
        ]
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
    app.update(failed(refresh, unreachable));
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
    assert!(!app.cache.contains_key("XYZ67890"));
    let mut app = cached_app(SMALL);
    let id = look_up(&mut app, "XYZ67890", Identifier::Uid("XYZ67890".into()));
    let commands = app.update(one(id, &john_smith()));
    assert!(commands.contains(&Command::CacheContacts {
        contacts: vec![john_smith()],
        fetched_at: clock().now
    }));
    assert!(app.cache.contains_key("XYZ67890"));
}

#[test]
fn help_says_where_the_logs_are() {
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        log_dir: Some("/home/ana/.local/state/genius".into()),
        ..options()
    });
    app.update(key(KeyCode::F(1)));
    assert!(render(&app).contains("Logs: /home/ana/.local/state/genius"));
}

#[test]
fn only_a_shown_contact_asks_for_the_minute_redraw_and_it_changes_nothing() {
    let mut app = app();
    assert!(
        !app.shows_live_times(),
        "the start screen has no live times"
    );
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    assert!(!app.shows_live_times(), "still loading");
    app.update(one(id, &john_doe()));
    assert!(app.shows_live_times(), "a contact shows its local time");
    let before = render(&app);
    assert_eq!(
        app.update(genius::tui::msg::Msg::ClockTick),
        Vec::<Command>::new()
    );
    assert_eq!(render(&app), before);
    app.update(key(KeyCode::Esc));
    assert!(!app.shows_live_times(), "back on the start screen");
}

#[test]
fn an_owner_email_that_does_not_fit_the_badge_row_is_left_out_not_cut() {
    let mut contact = john_doe();
    contact.stage_name = Some("Negotiation".into());
    contact.owner_email = Some("priya.patel@yourcompany.com".into());
    contact.owner_name = Some("Priya Patel".into());
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &contact));
    let screen = render(&app);
    let badge_row = screen
        .lines()
        .find(|l| l.contains("Stage"))
        .unwrap_or_default();
    assert!(badge_row.contains("Priya Patel"), "{badge_row}");
    assert!(
        !badge_row.contains("priya.patel@"),
        "a cut email: {badge_row}"
    );
    resize(&mut app, ratatui::layout::Size::new(160, 48));
    let wide = render(&app);
    let badge_row = wide
        .lines()
        .find(|l| l.contains("Stage"))
        .unwrap_or_default();
    assert!(
        badge_row.contains("priya.patel@yourcompany.com"),
        "{badge_row}"
    );
}
