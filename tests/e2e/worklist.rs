//! Working a list of leads end to end: `genius work FILE` on three leads, a call logged on each
//! with `l`, quick note `1`, Ctrl-S and Enter (the next stage), checked through the API; quitting
//! half way and coming back opens on the first lead not done, and `--summary` counts it.

use genius::api::Identifier;

use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::Api;
use crate::support::simulator_api::sequences::*;
use crate::*;

const CTRL_C: &str = "\x03";

/// `genius work FILE` against `sim`, with the profile's pipeline, keeping progress in `data`.
fn work(sim: &Simulator, dir: &std::path::Path, list: &std::path::Path) -> Tui {
    let config = dir.join("config.toml");
    std::fs::write(&config, PROFILE).expect("the config is written");
    let data = dir.join("data");
    Tui::start_with_env(
        &["work", &list.to_string_lossy()],
        &[
            ("GENIUS_BASE_URL", &sim.base_url),
            ("GENIUS_TOKEN", "demo-token"),
            ("GENIUS_CONFIG", &config.to_string_lossy()),
            ("GENIUS_DATA_DIR", &data.to_string_lossy()),
        ],
    )
}

/// Logs a call on the lead shown: `l`, `1`, Ctrl-S, Enter.
fn log_call(tui: &mut Tui, name: &str) {
    tui.send_keys("l");
    tui.wait_for_text(&format!("Note for {name}"));
    tui.send_keys("1");
    tui.wait_for_text("No answer");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("╭ Stage");
    tui.send_keys(ENTER);
}

#[test]
fn work_a_list_with_one_key_calls_stop_half_way_and_resume() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let list = dir.path().join("leads.txt");
    std::fs::write(&list, "# this morning\nABC12345\nEXI7HVTX\nDJ6QDRY9\n").unwrap();

    let mut tui = work(&sim, dir.path(), &list);
    tui.wait_for_text("lead 1 of 3");
    log_call(&mut tui, "John Doe");
    tui.wait_for_text("lead 2 of 3");
    log_call(&mut tui, "Conceição");
    tui.wait_for_text("lead 3 of 3");
    // Half way through the morning: away, with the third lead open.
    tui.send_keys(CTRL_C);
    assert!(tui.wait_for_exit());

    let john = api.contact("ABC12345");
    assert_eq!(john.stage_name.as_deref(), Some("Contacted"));
    assert!(john.notes.unwrap_or_default().contains("No answer"));
    let bakery = api.contact("EXI7HVTX");
    assert_eq!(bakery.stage_name.as_deref(), Some("Won"));
    assert!(bakery.notes.unwrap_or_default().contains("No answer"));
    let untouched = &api.lookup(Identifier::Uid("DJ6QDRY9".into()))[0];
    assert!(
        !untouched
            .notes
            .clone()
            .unwrap_or_default()
            .contains("No answer")
    );

    // The next day: the list opens on the lead not done.
    let mut tui = work(&sim, dir.path(), &list);
    tui.wait_for_text("lead 3 of 3");
    tui.send_keys(ESC);
    tui.wait_until("the list with two leads done", |screen| {
        screen.contains("2 of 3 handled") && screen.matches("done").count() >= 2
    });
    tui.send_keys(CTRL_C);
    assert!(tui.wait_for_exit());
}
