//! `[keys]` end to end: a config file moves `save` to F2, `discard_draft` to x and the pickers'
//! `complete` to F3, and in the real binary those keys do the work while Ctrl-S, d and Tab no
//! longer do — in the edit form, the stage picker and the drafts list offered at start.

use crate::sessions::wait_for_file_containing;
use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::Api;
use crate::support::simulator_api::sequences::*;
use crate::*;

const KEYS: &str = r#"
[keys]
save = "f2"
discard_draft = "x"
complete = "f3"
"#;

#[test]
fn keys_rebound_in_the_config_file_are_the_keys_that_work() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("{PROFILE}{KEYS}")).expect("the config is written");
    let config = config.to_string_lossy().into_owned();
    let data = dir.path().join("data");
    let data_dir = data.to_string_lossy().into_owned();
    let env = [
        ("GENIUS_BASE_URL", sim.base_url.as_str()),
        ("GENIUS_TOKEN", "demo-token"),
        ("GENIUS_CONFIG", config.as_str()),
        ("GENIUS_DATA_DIR", data_dir.as_str()),
    ];
    let mut tui = Tui::start_with_env(&[], &env);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");

    // The form: Ctrl-S leaves it open (the next letter still edits the email); F2 saves.
    tui.send_keys("e");
    tui.wait_for_text("Edit John Doe · ABC12345");
    tui.wait_for_text("F2 save");
    tui.send_keys(TAB);
    tui.send_keys(TAB);
    tui.send_keys(CTRL_A);
    tui.send_keys(&RIGHT.repeat(3));
    tui.send_keys(BACKSPACE);
    tui.wait_for_text("jon@example.com");
    tui.send_keys(CTRL_S);
    tui.send_keys("a");
    tui.wait_for_text("joan@example.com");
    tui.send_keys(F2);
    tui.wait_for_text("changes saved");
    assert_eq!(
        api.contact("ABC12345").email.as_deref(),
        Some("joan@example.com")
    );

    // The stage picker: Tab leaves the filter as typed; F3 completes it.
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("s");
    tui.wait_for_text("╭ Stage");
    tui.wait_for_text("F3 complete");
    tui.send_keys("prop");
    tui.send_keys(TAB);
    tui.send_keys("o");
    tui.wait_for_text("› propo");
    tui.send_keys(F3);
    tui.wait_for_text("› Proposal");
    tui.send_keys(ENTER);
    tui.wait_for_text("stage: Proposal");
    assert_eq!(
        api.contact("ABC12345").stage_name.as_deref(),
        Some("Proposal")
    );

    // A note left unsent, the program killed, the draft offered back: d keeps it, x asks.
    tui.send_keys("n");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys("Half-written note");
    wait_for_file_containing(&data.join("drafts"), "Half-written note", true);
    drop(tui);
    let mut tui = Tui::start_with_env(&[], &env);
    tui.wait_for_text("Unsaved drafts");
    tui.send_keys("d");
    tui.send_keys("x");
    tui.wait_for_text("Throw the highlighted draft away?");
    tui.send_keys("y");
    wait_for_file_containing(&data.join("drafts"), "Half-written note", false);
}
