//! Snapshots of the trust features at 80×24 — privacy mode on each screen, the read-only title, the
//! stale marker, the profile switcher, the copy menu, the export prompt and ASCII mode — and
//! end-to-end runs of the real binary in a pseudo-terminal: a logged session that leaves the token
//! nowhere (and the contact's email nowhere in the logs), and a NO_COLOR run without colour.

mod support;

#[path = "trust_screens/e2e.rs"]
mod e2e;

use genius::cache::CachedContact;
use genius::tui::app::App;
use genius::tui::model::profiles::ProfileEntry;
use ratatui::crossterm::event::KeyCode;

use support::*;

fn open(app: &mut App, contact: &genius::api::Contact) {
    type_text(app, &contact.uid);
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, contact));
}

fn snapshot(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}@80x24"), render(app));
}

/// The same state at 80×24 and at 160×48.
fn snapshot_both(name: &str, app: &mut App) {
    snapshot(name, app);
    resize(app, LARGE);
    insta::assert_snapshot!(format!("{name}@160x48"), render(app));
    resize(app, SMALL);
}

#[test]
fn privacy_mode_on_every_screen() {
    let mut app = app_with(SMALL, recents());
    app.privacy = true;
    app.update(key(KeyCode::Down));
    snapshot("privacy_recents", &app);
    app.update(key(KeyCode::Esc));
    open(&mut app, &john_doe());
    snapshot_both("privacy_contact", &mut app);

    let mut app = support::app();
    app.privacy = true;
    type_text(&mut app, "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(many(id, &[john_doe(), john_smith()]));
    snapshot("privacy_results", &app);
}

#[test]
fn read_only_profile_in_the_title() {
    let mut app = app_with(SMALL, recents());
    app.account.read_only = true;
    app.account.profile = Some("prod".into());
    app.account.label = "prod · contact-api.8mgenius.com.br".into();
    snapshot("read_only_title", &app);
}

#[test]
fn stale_marker_on_a_cached_contact() {
    let mut app = app_with(SMALL, recents());
    app.cache_enabled = true;
    app.cache.insert(
        "ABC12345".into(),
        CachedContact {
            fetched_at: clock().now - chrono::Duration::days(2),
            contact: john_doe(),
        },
    );
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    snapshot_both("stale_contact", &mut app);
}

#[test]
fn profile_switcher() {
    let mut app = app_with(SMALL, recents());
    app.account.profile = Some("test".into());
    app.account.label = "test · 127.0.0.1".into();
    app.account.profiles = vec![
        ProfileEntry {
            name: "prod".into(),
            base_url: "https://contact-api.8mgenius.com.br".into(),
            read_only: true,
        },
        ProfileEntry {
            name: "test".into(),
            base_url: "http://127.0.0.1:8080".into(),
            read_only: false,
        },
    ];
    app.update(key(KeyCode::Down));
    app.update(char_key('P'));
    app.update(char_key('k'));
    snapshot_both("profile_switcher", &mut app);
}

#[test]
fn copy_menu_and_export_prompt() {
    let mut app = app();
    app.export_dir = "/home/ana".into();
    open(&mut app, &john_doe());
    app.update(char_key('y'));
    snapshot_both("copy_menu", &mut app);
    app.update(char_key('e'));
    snapshot("copied_email", &app);
    app.update(char_key('x'));
    snapshot_both("export_prompt", &mut app);
}

#[test]
fn ascii_mode_draws_no_box_drawing_or_symbols() {
    let mut app = app_with(SMALL, recents());
    app.ascii = true;
    app.update(key(KeyCode::Down));
    snapshot("ascii_start", &app);
    app.update(key(KeyCode::Esc));
    open(&mut app, &john_doe());
    snapshot("ascii_contact", &app);
    app.update(char_key('?'));
    let help = render(&app);
    snapshot("ascii_help", &app);
    app.update(key(KeyCode::Esc));
    app.update(char_key('r'));
    let loading = render(&app);
    for screen in [help, loading] {
        assert!(screen.is_ascii(), "non-ASCII in\n{screen}");
    }
}
