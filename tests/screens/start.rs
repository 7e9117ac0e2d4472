//! The start screen and what surrounds every screen: recents, typing each kind of query, a lookup
//! on its way and rate-limited, the setup screen, help, and windows too small to draw in.

use std::time::Duration;

use genius::api::RetryWait;
use genius::tui::model::recents::RecentList;
use ratatui::layout::Size;

use crate::support::*;
use crate::*;

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
fn help_overlay() {
    snapshot_both("help_start", |size| {
        let mut app = app_with(size, recents());
        app.update(key(KeyCode::F(1)));
        app
    });
    snapshot_both("help_contact", |size| {
        let mut app = showing(size, &john_doe());
        app.update(ch('?'));
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
                app.update(ch('G'));
                app.update(key(KeyCode::PageUp));
                let screen = render(&app);
                assert_eq!(screen.lines().count(), height as usize);
            }
        }
    }
}
