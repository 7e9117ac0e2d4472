//! End-to-end: the real `genius` binary in an 80×24 pseudo-terminal against a real simulator
//! (`genius serve`), driven by keystrokes and read back through a vt100 parser. No tmux, no network
//! beyond 127.0.0.1, no sleeps: every wait is for something to appear, with a deadline.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::sequences::*;
use crate::support::simulator_api::{first_position, last_position};

#[test]
fn look_up_by_uid_and_read_the_contact() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("abc12345");
    tui.wait_for_text("Enter opens uid ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    let screen = tui.screen_text();
    for expected in [
        "john@example.com",
        "+15551234567",
        "123 Main St",
        "New York, NY 10001",
        "5,000.00",
        "Hot Lead · Website",
        "Jane Smith",
        "Notes (2, newest first)",
        "Called as requested and sent the prices.",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
    let newest = screen.find("Called as requested").unwrap_or(usize::MAX);
    let oldest = screen.find("Talked to lead").unwrap_or(0);
    assert!(newest < oldest, "newest first:\n{screen}");
}

#[test]
fn look_up_by_email_pick_one_of_two_go_back_and_reopen_from_recents() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("john@example.com");
    tui.send_keys(ENTER);
    tui.wait_for_text("2 contacts share email john@example.com");
    tui.wait_for_text("John Smith");
    tui.send_keys("j");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Smith · Smith Family Bakery");
    tui.wait_for_text("Shares the john@example.com mailbox");
    tui.send_keys(ESC);
    tui.wait_for_text("2 contacts share email");
    tui.send_keys(ESC);
    tui.wait_for_text("Recent contacts (1)");
    tui.send_keys(DOWN);
    tui.send_keys(ENTER);
    tui.wait_for_text("John Smith · Smith Family Bakery");
}

#[test]
fn look_up_by_phone() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("+15551234567");
    tui.wait_for_text("Enter looks up this phone");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
}

/// The demo contact with the longest history: its uid, how many notes, and the oldest note's
/// first words (read from the embedded demo account, which is regenerated now and then).
fn longest_history() -> (String, usize, String) {
    let demo = genius::sim::demo::AccountFile::demo().expect("the embedded demo account");
    let account = demo
        .accounts
        .iter()
        .find(|a| a.token == genius::sim::DEMO_TOKEN)
        .expect("the demo account");
    let contact = account
        .contacts
        .iter()
        .max_by_key(|c| c.notes.len())
        .expect("contacts");
    let oldest = contact
        .notes
        .iter()
        .min_by_key(|(at, _)| *at)
        .map(|(_, text)| {
            text.split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .expect("notes");
    (contact.uid.clone(), contact.notes.len(), oldest)
}

#[test]
fn the_first_argument_opens_straight_on_that_lookup_and_notes_scroll() {
    let (uid, count, oldest) = longest_history();
    assert!(count > 1_000, "the demo has a contact with a long history");
    let count = genius::tui::screens::contact::thousands(count);
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[&uid]);
    tui.wait_for_text(&format!("Notes ({count}, newest first)"));
    tui.wait_for_text(&format!("of {count}"));
    tui.send_keys("G");
    tui.wait_for_text(&format!("{count} of {count} ──"));
    tui.wait_for_text(&oldest);
    tui.send_keys("O");
    tui.wait_for_text(&format!("Notes ({count}, oldest first)"));
    tui.wait_for_text(&oldest);
    tui.send_keys("\x1b[6~"); // PgDn
    tui.wait_until("the second page", |screen| !screen.contains(" 1–"));
}

#[test]
fn a_contact_that_does_not_exist_is_reported_and_the_screen_stays_usable() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("nobody@example.com");
    tui.send_keys(ENTER);
    tui.wait_for_text("no contact with email nobody@example.com");
    tui.send_keys("\x15"); // Ctrl-U clears the input
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
}

pub fn assert_terminal_restored(raw: &[u8]) {
    let entered = last_position(raw, b"\x1b[?1049h").expect("the alternate screen was entered");
    let left = last_position(raw, b"\x1b[?1049l").expect("the alternate screen was left");
    assert!(
        left > entered,
        "the alternate screen is left after it was last entered"
    );
    let paste_on = last_position(raw, b"\x1b[?2004h").expect("bracketed paste was enabled");
    let paste_off = last_position(raw, b"\x1b[?2004l").expect("bracketed paste was disabled");
    assert!(paste_off > paste_on, "bracketed paste is off at the end");
    let hidden = last_position(raw, b"\x1b[?25l").unwrap_or(0);
    let shown = last_position(raw, b"\x1b[?25h").expect("the cursor was shown again");
    assert!(shown > hidden, "the cursor is visible at the end");
}

#[test]
fn quitting_resets_the_terminal_modes() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("q");
    tui.wait_for_text("│q");
    tui.send_keys(ESC);
    tui.wait_for_text("type a uid");
    // Esc never leaves the input (the next q would quit unseen): Tab does, and says so.
    tui.send_keys("\t");
    tui.wait_for_text("q quits");
    tui.send_keys("q");
    assert!(tui.wait_for_exit(), "genius exits successfully");
    assert_terminal_restored(&tui.output_after_exit());
}

#[test]
fn ctrl_c_and_sigterm_also_reset_the_terminal() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &["ABC12345"]);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
    assert_terminal_restored(&tui.output_after_exit());

    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.terminate();
    assert_eq!(
        tui.wait_for_exit_code(),
        143,
        "SIGTERM ends genius cleanly, and says so in the exit status"
    );
    assert_terminal_restored(&tui.output_after_exit());
}

#[test]
fn without_a_token_it_says_how_to_set_one() {
    let sim = Simulator::start();
    let mut tui = Tui::start_with_env(&[], &[("GENIUS_BASE_URL", &sim.base_url)]);
    tui.wait_for_text("genius needs an API token");
    tui.wait_for_text("genius demo");
    tui.send_keys("q");
    assert!(tui.wait_for_exit());
    assert_terminal_restored(&tui.output_after_exit());
}

/// The issue's "done when": from `genius demo`, by keyboard only — John Doe by his email, picked
/// from the two Johns, his notes read, back, and reopened from the recent list.
#[test]
fn the_demo_command_needs_nothing_configured() {
    let mut tui = Tui::start_with_env(&["demo"], &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("john@example.com\r");
    tui.wait_for_text("2 contacts share email john@example.com");
    tui.send_keys("\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.wait_for_text("Notes (2, newest first)");
    tui.wait_for_text("Called as requested and sent the prices.");
    tui.send_keys(ESC);
    tui.wait_for_text("2 contacts share email john@example.com");
    tui.send_keys(ESC);
    tui.wait_for_text("Recent contacts (1)");
    tui.send_keys(DOWN);
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.wait_for_text("Called as requested and sent the prices.");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
    assert_terminal_restored(&tui.output_after_exit());
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_takes_it_again() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    let before = tui.raw_output().len();
    tui.send_keys("\x1a");
    // In the test's pseudo-terminal there is no job-control shell, so the stop itself is skipped
    // by the kernel (orphaned process group); what matters is the hand-over on both sides.
    tui.resume();
    tui.wait_until_output("the terminal given back and taken again", |raw| {
        let after = &raw[before.min(raw.len())..];
        match (
            first_position(after, b"\x1b[?1049l"),
            last_position(after, b"\x1b[?1049h"),
        ) {
            (Some(left), Some(entered)) => entered > left,
            _ => false,
        }
    });
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
}

/// A whole session through the real event loop and effects runner, on ratatui's TestBackend,
/// against an in-process simulator: the loop is generic over the backend and takes input as a
/// stream, so no terminal is needed.
mod on_test_backend {
    use std::time::{Duration, Instant};

    use genius::api::{ApiToken, Client, ClientConfig};
    use genius::tui::app::msg::Msg;
    use genius::tui::effects::Effects;
    use genius::tui::model::display::Clock;
    use genius::tui::model::recents::recents_path;
    use genius::tui::runtime::event_loop::{self, Host};
    use ratatui::Terminal;
    use ratatui::crossterm::event::KeyCode;
    use tokio::sync::mpsc::unbounded_channel;

    use crate::support::{self, SharedBackend, ch, ctrl, key};

    struct FixedHost;

    impl Host for FixedHost {
        fn clock(&self) -> Clock {
            support::clock()
        }
        fn suspend(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn wait_for(backend: &SharedBackend, text: &str) {
        let started = Instant::now();
        while !backend.screen().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for {text:?}; the screen was:\n{}",
                backend.screen()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn look_up_pick_go_back_and_find_it_in_the_recents() {
        let sim = genius::sim::spawn(genius::sim::SimOptions::demo())
            .await
            .expect("the simulator starts");
        let client = Client::new(ClientConfig::new(
            sim.base_url(),
            ApiToken::new(genius::sim::DEMO_TOKEN),
        ))
        .expect("a client");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = recents_path(dir.path(), None);
        let (sender, mut replies) = unbounded_channel();
        let cache = genius::cache::ContactCache::at(dir.path().join("cache"));
        let mut effects = Effects::new(Some(client), sender, path.clone(), cache.clone());
        let (keys, mut typed) = unbounded_channel::<Msg>();
        let input = futures_util::stream::poll_fn(move |cx| typed.poll_recv(cx));
        let backend = SharedBackend::new(80, 24);
        let mut terminal = Terminal::new(backend.clone()).expect("a terminal");
        let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
            cache_enabled: true,
            clock: support::clock(),
            ..Default::default()
        });
        let session = tokio::spawn(async move {
            let outcome = event_loop::run(
                &mut terminal,
                &mut app,
                input,
                &mut replies,
                &mut effects,
                &mut FixedHost,
                Vec::new(),
            )
            .await;
            outcome.map(|()| app)
        });

        wait_for(&backend, "Look up a contact").await;
        for c in "john@example.com".chars() {
            keys.send(ch(c).into()).expect("the loop is running");
        }
        keys.send(key(KeyCode::Enter).into())
            .expect("the loop is running");
        wait_for(&backend, "2 contacts share email john@example.com").await;
        keys.send(key(KeyCode::Enter).into())
            .expect("the loop is running");
        wait_for(&backend, "John Doe · Acme Corp").await;
        wait_for(&backend, "Called as requested and sent the prices.").await;
        keys.send(key(KeyCode::Esc).into())
            .expect("the loop is running");
        keys.send(key(KeyCode::Esc).into())
            .expect("the loop is running");
        wait_for(&backend, "Recent contacts (1)").await;
        keys.send(ctrl('c').into()).expect("the loop is running");
        let app = session
            .await
            .expect("the session task ends")
            .expect("the session ends cleanly");
        assert!(app.quitting);

        let started = Instant::now();
        while genius::tui::effects::recents_file::load_recents(&path)
            .entries
            .is_empty()
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the recents were never saved"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(
            genius::tui::effects::recents_file::load_recents(&path).entries[0].uid,
            "ABC12345"
        );
        // Several matches are summaries: only the contact opened (then fetched whole) is cached.
        let started = Instant::now();
        while cache.list().is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the contact was never cached"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let cached: Vec<String> = cache.list().into_iter().map(|c| c.contact.uid).collect();
        assert_eq!(cached, ["ABC12345"]);
        sim.shutdown().await;
    }
}

#[test]
fn any_resize_redraws_and_a_tiny_window_says_so() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &["ABC12345"]);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.resize(30, 8);
    tui.wait_for_text("window too small");
    tui.resize(1, 1);
    tui.resize(120, 40);
    tui.wait_for_text("Called as requested and sent the prices.");
    tui.wait_until("the wide layout", |screen| {
        screen
            .lines()
            .any(|line| line.contains("uid ABC12345") && line.len() > 100)
    });
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit(), "no panic at any size");
}

#[test]
fn without_a_terminal_it_says_to_use_the_commands_instead() {
    let dirs = tempfile::tempdir().expect("a temporary directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .arg("ABC12345")
        .env("GENIUS_TOKEN", "demo-token")
        .env("GENIUS_BASE_URL", "http://127.0.0.1:9")
        .env("GENIUS_CONFIG_DIR", dirs.path().join("config"))
        .env("GENIUS_DATA_DIR", dirs.path().join("data"))
        .env("GENIUS_STATE_DIR", dirs.path().join("state"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("genius runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("genius get"), "{stderr}");
    assert!(output.stdout.is_empty(), "no escape codes on a pipe");
}
