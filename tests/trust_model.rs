//! Model tests of the trust features in the TUI: feed messages to `App::update` and assert the
//! state and the exact commands — read-only refusal, profile switching, privacy mode, copying (the
//! exact OSC 52 bytes), exporting, the cache's stale-then-fresh flow, key rebinding, keys typed
//! ahead of the server, and server text kept verbatim while it is drawn safe.

mod support;

#[path = "trust_model/cache.rs"]
mod cache;
#[path = "trust_model/copy_export.rs"]
mod copy_export;
#[path = "trust_model/effects.rs"]
mod effects;
#[path = "trust_model/profiles.rs"]
mod profiles;
#[path = "trust_model/read_only.rs"]
mod read_only;
#[path = "trust_model/stop_waiting.rs"]
mod stop_waiting;
#[path = "trust_model/typeahead.rs"]
mod typeahead;
#[path = "trust_model/verbatim.rs"]
mod verbatim;

use genius::api::{Client, ClientConfig, Contact};
use genius::cache::ContactCache;
use genius::tui::app::ProfileSession;
use genius::tui::app::command::Command;
use genius::tui::app::{App, Screen};
use genius::tui::model::profiles::ProfileEntry;
use genius::tui::model::recents::RecentList;
use genius::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

use support::*;

/// An app with two profiles, `test` active and `prod` read-only.
pub fn app_with_profiles() -> App {
    let mut app = app_with(SMALL, recents());
    app.account.profile = Some("test".to_string());
    app.account.profiles = vec![
        ProfileEntry {
            name: "prod".to_string(),
            base_url: "https://contact-api.8mgenius.com.br".to_string(),
            read_only: true,
        },
        ProfileEntry {
            name: "test".to_string(),
            base_url: "http://127.0.0.1:9".to_string(),
            read_only: false,
        },
    ];
    app
}

/// A resolved session for `name` (a client that is never used: nothing is sent in model tests).
pub fn session(name: &str, read_only: bool, recents: RecentList) -> ProfileSession {
    let client = Client::new(ClientConfig::new(
        "http://127.0.0.1:9",
        genius::api::ApiToken::new("s3cr3t-test-token"),
    ))
    .expect("a client");
    ProfileSession {
        name: name.to_string(),
        account_label: format!("{name} · 127.0.0.1"),
        client: Some(client),
        read_only,
        theme: Theme::monochrome(),
        recents,
        recents_path: std::path::PathBuf::from(format!("/nonexistent/recents-{name}.json")),
        cache: ContactCache::disabled(),
        cache_enabled: false,
        cached: Default::default(),
        vocabulary: Default::default(),
        drafts: Vec::new(),
    }
}

/// Looks `contact` up by uid and opens it from the one-match reply.
pub fn open(app: &mut App, contact: &Contact) -> Vec<Command> {
    type_text(app, &contact.uid);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    app.update(one(id, contact))
}

/// The contact on top of the screen stack.
pub fn top_contact(app: &App) -> &genius::tui::screens::contact::ContactScreen {
    match app.top() {
        Screen::Contact(screen) => screen,
        other => panic!("expected a contact on top, got {}", other.title()),
    }
}

#[test]
fn privacy_mode_toggles_with_p_and_masks_every_screen() {
    let mut app = app_with(SMALL, recents());
    app.update(key(KeyCode::Down));
    assert!(render(&app).contains("john@example.com"));
    app.update(char_key('p'));
    assert!(app.privacy);
    let home = render(&app);
    assert!(!home.contains("john@example.com"), "{home}");
    assert!(home.contains("j•••@e••••••.com"), "{home}");
    assert!(home.contains("PRIVATE"), "{home}");

    app.update(key(KeyCode::Esc));
    open(&mut app, &john_doe());
    let detail = render(&app);
    for hidden in ["john@example.com", "+15551234567", "123 Main St", "10001"] {
        assert!(!detail.contains(hidden), "{hidden} shown in\n{detail}");
    }
    assert!(detail.contains("+•••••••••67"), "{detail}");
    assert!(detail.contains("John Doe"), "names stay: {detail}");

    app.update(char_key('p'));
    assert!(!app.privacy);
    assert!(render(&app).contains("john@example.com"));
}

#[test]
fn privacy_masks_the_results_table_and_its_heading() {
    let mut app = app();
    app.privacy = true;
    type_text(&mut app, "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(many(id, &[john_doe(), john_smith()]));
    let screen = render(&app);
    assert!(!screen.contains("john@example.com"), "{screen}");
    assert!(!screen.contains("+15559876543"), "{screen}");
    assert!(screen.contains("John Smith"), "{screen}");
}

#[test]
fn a_rebound_key_drives_the_app_and_help_shows_it() {
    use genius::tui::keymap::{KeyChord, Keymap};
    let overrides = [("toggle_privacy".to_string(), vec![KeyChord::ctrl('x')])]
        .into_iter()
        .collect();
    let mut app = app_with(SMALL, recents());
    app.keymap = Keymap::with_overrides(&overrides).expect("no conflict");
    app.update(key(KeyCode::Down));
    app.update(char_key('p'));
    assert!(!app.privacy, "p no longer toggles privacy");
    app.update(ctrl('x'));
    assert!(app.privacy, "Ctrl-X does");
    app.update(char_key('?'));
    let help = render(&app);
    assert!(help.contains("Ctrl-X"), "{help}");
}

#[test]
fn rebinding_onto_a_trust_key_is_a_conflict() {
    use genius::tui::keymap::{KeyChord, Keymap};
    use ratatui::crossterm::event::KeyCode as Code;
    let overrides = [(
        "refresh".to_string(),
        vec![KeyChord::plain(Code::Char('y'))],
    )]
    .into_iter()
    .collect();
    let problems = Keymap::with_overrides(&overrides).err().unwrap_or_default();
    assert_eq!(problems, ["[keys] y would both refresh and copy"]);
}

#[test]
fn help_shows_where_the_logs_are() {
    let mut app = app_with(SMALL, recents());
    app.log_dir = Some(std::path::PathBuf::from(
        "/home/ana/.local/state/genius/logs",
    ));
    app.update(key(KeyCode::Down));
    app.update(char_key('?'));
    let help = render(&app);
    assert!(
        help.contains("Logs: /home/ana/.local/state/genius/logs"),
        "{help}"
    );
}

#[test]
fn a_contact_titled_by_its_email_is_masked_in_the_title_too() {
    let mut app = app();
    app.privacy = true;
    open(&mut app, &sparse());
    let screen = render(&app);
    assert!(!screen.contains("lead@unknown.example"), "{screen}");
}
