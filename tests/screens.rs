//! Snapshot tests: every screen and state drawn with ratatui's TestBackend at 80×24 and 160×48,
//! with a fixed clock so dates, ages and local times are stable. Review changes with `cargo insta`.

mod support;

use std::time::Duration;

use genius::api::{ApiError, Contact, RetryWait};
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, AppOptions};
use genius::tui::model::recents::RecentList;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use support::*;

/// Builds the scenario at both sizes and snapshots each.
fn snapshot_both(name: &str, scenario: impl Fn(Size) -> App) {
    for size in [SMALL, LARGE] {
        let app = scenario(size);
        insta::assert_snapshot!(
            format!("{name}@{}x{}", size.width, size.height),
            render(&app)
        );
    }
}

fn typed(size: Size, recents: RecentList, text: &str) -> App {
    let mut app = app_with(size, recents);
    type_text(&mut app, text);
    app
}

/// The app showing `contact`, looked up by uid.
fn showing(size: Size, contact: &Contact) -> App {
    let mut app = app_with(size, recents());
    type_text(&mut app, &contact.uid);
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, contact));
    app
}

fn failed_lookup(size: Size, error: ApiError) -> App {
    let mut app = typed(size, recents(), "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(failed(&app, id, error));
    app
}

#[test]
fn start_screen() {
    snapshot_both("start_empty", |size| app_with(size, RecentList::default()));
    snapshot_both("start_with_recents", |size| app_with(size, recents()));
    snapshot_both("start_recent_selected", |size| {
        let mut app = app_with(size, recents());
        app.update(key(KeyCode::Down));
        app.update(key(KeyCode::Down));
        app
    });
    snapshot_both("start_filtering_recents", |size| {
        typed(size, recents(), "john")
    });
}

#[test]
fn typing_each_kind_of_query() {
    snapshot_both("typing_uid", |size| {
        typed(size, RecentList::default(), "abc12345")
    });
    snapshot_both("typing_email", |size| {
        typed(size, RecentList::default(), "john@example.com")
    });
    snapshot_both("typing_phone", |size| {
        typed(size, RecentList::default(), "+1 (555) 123-4567")
    });
    snapshot_both("typing_unrecognised", |size| {
        typed(size, RecentList::default(), "john doe")
    });
}

#[test]
fn loading_and_rate_limited() {
    snapshot_both("loading", |size| {
        let mut app = typed(size, recents(), "john@example.com");
        app.update(key(KeyCode::Enter));
        app.update(Msg::Tick);
        app
    });
    snapshot_both("rate_limited", |size| {
        let mut app = typed(size, recents(), "john@example.com");
        let id = sent_id(&app.update(key(KeyCode::Enter)));
        let wait = RetryWait {
            retry: 1,
            max_retries: 5,
            wait: Duration::from_secs(3),
        };
        app.update(Msg::RateLimited { id, wait });
        app
    });
}

#[test]
fn results_table() {
    snapshot_both("results", |size| {
        let mut app = typed(size, recents(), "john@example.com");
        let id = sent_id(&app.update(key(KeyCode::Enter)));
        app.update(many(id, &[john_doe(), john_smith(), long_values(), cjk()]));
        app.update(char_key('j'));
        app
    });
}

#[test]
fn contact_detail() {
    snapshot_both("contact_full", |size| showing(size, &john_doe()));
    snapshot_both("contact_sparse", |size| showing(size, &sparse()));
    snapshot_both("contact_long_values", |size| showing(size, &long_values()));
    snapshot_both("contact_cjk_emoji", |size| showing(size, &cjk()));
    snapshot_both("contact_hostile_text", |size| showing(size, &hostile()));
}

#[test]
fn note_history() {
    snapshot_both("notes_0", |size| showing(size, &sparse()));
    snapshot_both("notes_3", |size| showing(size, &john_doe()));
    snapshot_both("notes_5000", |size| {
        let mut contact = john_doe();
        contact.notes = Some(many_notes(5_000));
        let mut app = showing(size, &contact);
        app.update(key(KeyCode::PageDown));
        app.update(char_key('j'));
        app
    });
    snapshot_both("notes_5000_oldest_first_at_the_end", |size| {
        let mut contact = john_doe();
        contact.notes = Some(many_notes(5_000));
        let mut app = showing(size, &contact);
        app.update(char_key('O'));
        app.update(char_key('G'));
        app
    });
}

#[test]
fn errors() {
    snapshot_both("error_404", |size| {
        failed_lookup(size, api_error(404, "Contact not found"))
    });
    snapshot_both("error_401", |size| {
        failed_lookup(size, api_error(401, "Invalid token"))
    });
    snapshot_both("error_403", |size| {
        failed_lookup(size, api_error(403, "API not available"))
    });
    snapshot_both("error_429_gave_up", |size| {
        failed_lookup(
            size,
            ApiError::RateLimited {
                attempts: 6,
                retry_after: Some(Duration::from_secs(3)),
            },
        )
    });
    snapshot_both("error_timeout", |size| {
        failed_lookup(
            size,
            ApiError::Timeout {
                after: Duration::from_secs(20),
                maybe_applied: false,
            },
        )
    });
    snapshot_both("error_unreachable", |size| {
        failed_lookup(
            size,
            ApiError::Network {
                message:
                    "cannot reach contact-api.8mgenius.com.br: Connection refused (os error 111)"
                        .into(),
                maybe_applied: false,
            },
        )
    });
    snapshot_both("error_5xx", |size| {
        failed_lookup(size, api_error(502, "Bad Gateway"))
    });
}

#[test]
fn help_overlay() {
    snapshot_both("help_start", |size| {
        let mut app = app_with(size, recents());
        app.update(key(KeyCode::F(1)));
        app
    });
    snapshot_both("help_contact", |size| {
        let mut app = showing(size, &john_doe());
        app.update(char_key('?'));
        app
    });
}

#[test]
fn setup_screen_without_a_token() {
    snapshot_both("setup_no_token", |size| {
        App::new(AppOptions {
            theme: genius::tui::theme::Theme::default_16(),
            account_label: "contact-api.8mgenius.com.br".into(),
            recents: RecentList::default(),
            has_token: false,
            clock: clock(),
            viewport: size,
            ..Default::default()
        })
    });
}

#[test]
fn window_too_small_and_no_panic_at_any_size() {
    let mut app = showing(SMALL, &john_doe());
    resize(&mut app, Size::new(40, 10));
    insta::assert_snapshot!("too_small@40x10", render(&app));
    let mut contact = long_values();
    contact.notes = Some(many_notes(50));
    for scenario in [showing(SMALL, &contact), app_with(SMALL, recents()), {
        let mut app = app_with(SMALL, recents());
        app.update(key(KeyCode::F(1)));
        app
    }] {
        for width in [1u16, 2, 5, 20, 49, 50, 51, 79, 81, 200] {
            for height in [1u16, 2, 3, 11, 12, 13, 24, 60] {
                let mut app = scenario.clone();
                resize(&mut app, Size::new(width, height));
                app.update(char_key('G'));
                app.update(key(KeyCode::PageUp));
                let screen = render(&app);
                assert_eq!(screen.lines().count(), height as usize);
            }
        }
    }
}

#[test]
fn privacy_mode_masks_emails_phones_and_addresses() {
    let private = |size: Size| {
        let mut app = app_with(size, recents());
        app.privacy = true;
        app
    };
    snapshot_both("privacy_start_with_recents", private);
    snapshot_both("privacy_contact", |size| {
        let mut app = private(size);
        type_text(&mut app, "ABC12345");
        let id = sent_id(&app.update(key(KeyCode::Enter)));
        app.update(one(id, &john_doe()));
        app
    });
    snapshot_both("privacy_results", |size| {
        let mut app = private(size);
        type_text(&mut app, "john@example.com");
        let id = sent_id(&app.update(key(KeyCode::Enter)));
        app.update(many(id, &[john_doe(), john_smith()]));
        app
    });
    let mut app = private(SMALL);
    type_text(&mut app, "ABC12345");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, &john_doe()));
    let screen = render(&app);
    for secret in [
        "john@example.com",
        "+15551234567",
        "123 Main St",
        "sales@yourcompany.com",
    ] {
        assert!(!screen.contains(secret), "{secret} is on screen:\n{screen}");
    }
}

#[test]
fn a_contact_from_the_cache_says_it_is_the_last_known_data() {
    snapshot_both("contact_stale_from_cache", |size| {
        let fetched_at = clock().now - chrono::Duration::days(3);
        let mut app = App::new(AppOptions {
            cached: vec![genius::cache::CachedContact {
                fetched_at,
                contact: john_doe(),
            }],
            cache_enabled: true,
            clock: clock(),
            viewport: size,
            account_label: "demo".into(),
            ..Default::default()
        });
        type_text(&mut app, "ABC12345");
        app.update(key(KeyCode::Enter));
        app
    });
}

#[test]
fn ascii_mode_draws_no_unicode_symbols() {
    let ascii = |size: Size| {
        let mut app = showing(size, &john_doe());
        app.ascii = true;
        app
    };
    snapshot_both("ascii_contact", ascii);
    snapshot_both("ascii_help", |size| {
        let mut app = ascii(size);
        app.update(char_key('?'));
        app
    });
    let mut app = ascii(SMALL);
    app.update(char_key('r'));
    let screen = render(&app);
    let foreign: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
    assert!(foreign.is_empty(), "non-ASCII {foreign:?} in\n{screen}");
}

#[test]
fn the_whole_snapshot_in_the_reader() {
    snapshot_both("snapshot_reader", |size| {
        let mut app = showing(size, &long_values());
        app.update(char_key('v'));
        app
    });
}
