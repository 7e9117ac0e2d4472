//! Long sessions end to end: a lead worked completely from the keyboard with the server's state
//! checked after each step, and a draft that survives the program being killed and is offered
//! back on the next start.

use genius::api::Identifier;

use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::Api;
use crate::support::simulator_api::sequences::*;
use crate::*;

/// A lead worked completely from the keyboard — created, qualified,
/// assigned, tagged, a two-paragraph call note logged, a typo in the email fixed, and a duplicate
/// deleted — with the server's state checked after each step.
#[test]
fn work_a_lead_completely_from_the_keyboard() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let (mut tui, _config) = start_with_profile(&sim);
    tui.wait_for_text("Look up a contact");

    // Create it, straight from the lookup input.
    tui.send_keys("\x0e");
    tui.wait_for_text("New contact");
    tui.send_keys("Maria");
    tui.send_keys(TAB);
    tui.send_keys("Silva");
    tui.send_keys(TAB);
    tui.send_keys("maria@exmaple.com");
    tui.send_keys(TAB);
    tui.send_keys("+5511987650000");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("created Maria Silva");
    tui.wait_for_text("Maria Silva");
    let created = api.lookup(Identifier::Phone("+5511987650000".into()));
    assert_eq!(created.len(), 1);
    let uid = created[0].uid.clone();

    // Qualify it.
    tui.send_keys("s");
    tui.wait_for_text("╭ Stage");
    tui.send_keys("qualif");
    tui.send_keys(ENTER);
    tui.wait_for_text("stage: Qualified");
    assert_eq!(api.contact(&uid).stage_name.as_deref(), Some("Qualified"));

    // Assign it.
    tui.send_keys("o");
    tui.wait_for_text("╭ Owner");
    tui.send_keys("mike");
    tui.send_keys(ENTER);
    tui.wait_for_text("owner: Mike Johnson");
    assert_eq!(
        api.contact(&uid).owner_email.as_deref(),
        Some("mike.johnson@yourcompany.com")
    );

    // Tag it.
    tui.send_keys("t");
    tui.wait_for_text("Add tags");
    tui.send_keys("VIP Customer");
    tui.send_keys(ENTER);
    tui.wait_for_text("Adding: VIP Customer");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("added the tag VIP Customer");
    assert_eq!(api.contact(&uid).tags, ["VIP Customer"]);

    // Log a two-paragraph call note.
    tui.send_keys("n");
    tui.wait_for_text("Note for Maria Silva");
    tui.send_keys("Called Maria: she wants 40 seats.");
    tui.send_keys(ENTER);
    tui.send_keys(ENTER);
    tui.send_keys("Sending the proposal on Friday.");
    tui.wait_for_text("Sending the proposal on Friday.");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("note added");
    tui.wait_for_text("Notes (1, newest first)");
    let notes = api.contact(&uid).notes.unwrap_or_default();
    assert!(
        notes.contains("Called Maria: she wants 40 seats.\n\nSending the proposal on Friday."),
        "{notes}"
    );

    // Fix the typo in the email.
    tui.send_keys("e");
    tui.wait_for_text("Edit Maria Silva");
    tui.send_keys(TAB);
    tui.send_keys(TAB);
    tui.send_keys(CTRL_U);
    tui.send_keys("maria@example.com");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("changes saved");
    assert_eq!(
        api.contact(&uid).email.as_deref(),
        Some("maria@example.com")
    );

    // Delete a duplicate: the second John sharing john@example.com.
    tui.send_keys(":open XYZ67890");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Smith");
    tui.send_keys("D");
    tui.wait_for_text("Delete John Smith (XYZ67890)?");
    tui.send_keys("D");
    tui.wait_for_text("deleted John Smith");
    assert!(api.lookup(Identifier::Uid("XYZ67890".into())).is_empty());
    assert_eq!(
        api.lookup(Identifier::Email("john@example.com".into()))
            .len(),
        1
    );
}

/// Waits (polling, with a deadline) until whether some file in `dir` contains `text` is `wanted`.
pub(crate) fn wait_for_file_containing(dir: &std::path::Path, text: &str, wanted: bool) {
    let started = std::time::Instant::now();
    loop {
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                std::fs::read_to_string(entry.path()).is_ok_and(|contents| contents.contains(text))
            });
        if found == wanted {
            return;
        }
        assert!(
            started.elapsed() < support::pty::DEADLINE,
            "files in {} containing {text:?}: expected {wanted}",
            dir.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_draft_survives_the_program_being_killed_and_is_offered_back() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let data = tempfile::tempdir().expect("a temporary directory");
    let data_dir = data.path().to_string_lossy().into_owned();
    let env = [
        ("GENIUS_BASE_URL", sim.base_url.as_str()),
        ("GENIUS_TOKEN", "demo-token"),
        ("GENIUS_DATA_DIR", data_dir.as_str()),
    ];
    let mut tui = Tui::start_with_env(&[], &env);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("n");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys("Half-written note about the call");
    wait_for_file_containing(&data.path().join("drafts"), "Half-written note", true);
    #[cfg(unix)]
    for entry in std::fs::read_dir(data.path().join("drafts"))
        .expect("drafts")
        .flatten()
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = entry.metadata().expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", entry.path().display());
    }
    drop(tui); // killed, mid-sentence

    let mut tui = Tui::start_with_env(&[], &env);
    tui.wait_for_text("Unsaved drafts");
    tui.wait_for_text("Half-written note");
    tui.send_keys(ENTER);
    tui.wait_for_text("Note for John Doe");
    tui.wait_for_text("Half-written note about the call");
    tui.send_keys(" — finished after a crash.");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("note added");
    let notes = api.contact("ABC12345").notes.unwrap_or_default();
    assert!(
        notes.contains("Half-written note about the call — finished after a crash."),
        "{notes}"
    );
    // Sent, so no longer a draft.
    wait_for_file_containing(&data.path().join("drafts"), "Half-written note", false);
}
