//! End-to-end tests: the real `genius` binary in an 80×24 pseudo-terminal against a real simulator
//! (`genius serve`), driven by keystrokes and read back through a vt100 parser (`support::pty`);
//! what the screen claims is checked through the API. No tmux, no network beyond 127.0.0.1, no
//! sleeps: every wait is for something to appear, with a deadline. `lookup`: looking contacts up
//! and the terminal given back; `changes`: changing a lead; `sessions`: long sessions and drafts
//! surviving a kill; `input_and_signals`: typed-ahead bursts, accented text, signals; `account`:
//! logs, colour, profiles, the clipboard under tmux and the `[keys]` table; `keys`: keys rebound
//! in the config file are the keys that work; `scrolling`: j and k move the timeline by one row.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

#[path = "e2e/account.rs"]
mod account;
#[path = "e2e/cache_start.rs"]
mod cache_start;
#[path = "e2e/changes.rs"]
mod changes;
#[path = "e2e/input_and_signals.rs"]
mod input_and_signals;
#[path = "e2e/keys.rs"]
mod keys;
#[path = "e2e/lookup.rs"]
mod lookup;
#[path = "e2e/scrolling.rs"]
mod scrolling;
#[path = "e2e/sessions.rs"]
mod sessions;
#[path = "e2e/worklist.rs"]
mod worklist;

use support::pty::{Simulator, Tui};

/// A config file whose profile names the demo account's pipeline and team, as a salesperson's
/// would, so the pickers offer them from the start.
const PROFILE: &str = r#"
default_profile = "sim"
[profiles.sim]
stages = ["New Lead", "Contacted", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]
qualities = ["High", "Medium", "Low"]
team = [
  { email = "sales@yourcompany.com", name = "Jane Smith" },
  { email = "ana.ribeiro@yourcompany.com", name = "Ana Ribeiro" },
  { email = "mike.johnson@yourcompany.com", name = "Mike Johnson" },
]
"#;

/// The TUI against `sim` with the profile above; the directory holding the config comes along.
fn start_with_profile(sim: &Simulator) -> (Tui, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, PROFILE).expect("the config is written");
    let config = config.to_string_lossy().into_owned();
    let tui = Tui::start_with_env(
        &[],
        &[
            ("GENIUS_BASE_URL", &sim.base_url),
            ("GENIUS_TOKEN", "demo-token"),
            ("GENIUS_CONFIG", &config),
        ],
    );
    (tui, dir)
}
