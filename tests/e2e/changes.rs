//! Changing a lead end to end: the real `genius` binary in an 80×24 pseudo-terminal against a
//! real simulator (`genius serve --control`) — an email fixed, stage, quality, owner and tags
//! through pickers and the `:` line, a call note, a create meeting the duplicate warning, a delete,
//! saves against a failing or hanging server, and a note written in the external editor. Every
//! change made on screen is verified through the API afterwards.

use genius::api::Identifier;

use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::Api;
use crate::support::simulator_api::sequences::*;
use crate::*;

/// The TUI on John Doe's detail.
fn on_john(sim: &Simulator) -> Tui {
    let mut tui = Tui::start(sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    tui
}

#[test]
fn fix_a_typo_in_the_email() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("e");
    tui.wait_for_text("Edit John Doe · ABC12345");
    tui.send_keys(TAB);
    tui.send_keys(TAB);
    tui.send_keys(CTRL_A);
    tui.send_keys(&RIGHT.repeat(3));
    tui.send_keys(BACKSPACE);
    tui.wait_for_text("jon@example.com");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("changes saved");
    tui.wait_until("the detail again", |s| {
        s.contains("John Doe · Acme Corp") && s.contains("jon@example.com")
    });
    let john = api.contact("ABC12345");
    assert_eq!(john.email.as_deref(), Some("jon@example.com"));
    assert_eq!(john.first_name.as_deref(), Some("John"));
    assert_eq!(john.phone.as_deref(), Some("+15551234567"));
}

#[test]
fn stage_quality_and_owner_through_pickers() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let (mut tui, _config) = start_with_profile(&sim);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("s");
    tui.wait_for_text("╭ Stage");
    tui.send_keys("qualif");
    tui.send_keys(ENTER);
    tui.wait_for_text("stage: Qualified");
    tui.send_keys("Q");
    tui.wait_for_text("╭ Quality");
    tui.send_keys(DOWN);
    tui.send_keys(ENTER);
    tui.wait_for_text("quality: Medium");
    tui.send_keys("o");
    tui.wait_for_text("╭ Owner");
    tui.wait_for_text("Ana Ribeiro  ana.ribeiro@yourcompany.com");
    tui.send_keys("ribeiro");
    tui.send_keys(ENTER);
    tui.wait_for_text("owner: Ana Ribeiro");
    let john = api.contact("ABC12345");
    assert_eq!(john.stage_name.as_deref(), Some("Qualified"));
    assert_eq!(john.quality_name.as_deref(), Some("Medium"));
    assert_eq!(
        john.owner_email.as_deref(),
        Some("ana.ribeiro@yourcompany.com")
    );
    assert_eq!(john.owner_name.as_deref(), Some("Ana Ribeiro"));
}

#[test]
fn stage_quality_owner_and_tags_through_the_command_line() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys(":stage Proposal");
    tui.send_keys(ENTER);
    tui.wait_for_text("stage: Proposal");
    tui.send_keys(":quality Low");
    tui.send_keys(ENTER);
    tui.wait_for_text("quality: Low");
    tui.send_keys(":owner mike.johnson@yourcompany.com");
    tui.send_keys(ENTER);
    tui.wait_for_text("owner: Mike Johnson");
    tui.send_keys(":tag VIP Customer, Trade Show");
    tui.send_keys(ENTER);
    tui.wait_for_text("added 2 tags");
    let john = api.contact("ABC12345");
    assert_eq!(john.stage_name.as_deref(), Some("Proposal"));
    assert_eq!(john.quality_name.as_deref(), Some("Low"));
    assert_eq!(
        john.owner_email.as_deref(),
        Some("mike.johnson@yourcompany.com")
    );
    for tag in ["Hot Lead", "Website", "VIP Customer", "Trade Show"] {
        assert!(
            john.tags.iter().any(|t| t == tag),
            "{tag} in {:?}",
            john.tags
        );
    }
}

#[test]
fn add_tags_through_the_picker() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("t");
    tui.wait_for_text("Tags can only be added");
    tui.send_keys("Referral");
    tui.send_keys(ENTER);
    tui.wait_for_text("Adding: Referral");
    tui.send_keys("Brand New Tag,");
    tui.wait_for_text("Adding: Referral, Brand New Tag");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("added 2 tags");
    let john = api.contact("ABC12345");
    assert!(john.tags.iter().any(|t| t == "Referral"), "{:?}", john.tags);
    assert!(
        john.tags.iter().any(|t| t == "Brand New Tag"),
        "{:?}",
        john.tags
    );
}

#[test]
fn log_a_two_paragraph_call_note() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("n");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys("Called about the enterprise plan.");
    tui.send_keys(ENTER);
    tui.send_keys(ENTER);
    tui.send_keys("Send the PDF by Friday.");
    tui.wait_for_text("Send the PDF by Friday.");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("note added");
    tui.wait_for_text("Notes (3, newest first)");
    let notes = api.contact("ABC12345").notes.unwrap_or_default();
    assert!(
        notes.contains("Called about the enterprise plan.\n\nSend the PDF by Friday."),
        "{notes}"
    );
}

#[test]
fn create_a_contact_meeting_the_duplicate_warning() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("c");
    tui.wait_for_text("New contact");
    tui.send_keys("Johnny");
    tui.send_keys(TAB);
    tui.send_keys("Doe");
    tui.send_keys(TAB);
    tui.send_keys("john@example.com");
    tui.send_keys(TAB);
    tui.send_keys("+15550101010");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("2 contacts already have this email or phone");
    tui.wait_for_text("John Smith (XYZ67890)");
    tui.send_keys("c");
    tui.wait_for_text("created Johnny Doe");
    let created = api.lookup(Identifier::Phone("+15550101010".into()));
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0].first_name.as_deref(), Some("Johnny"));
    assert_eq!(created[0].email.as_deref(), Some("john@example.com"));
    assert_eq!(
        api.lookup(Identifier::Email("john@example.com".into()))
            .len(),
        3
    );
}

#[test]
fn delete_a_duplicate() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("XYZ67890");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Smith");
    tui.send_keys("D");
    tui.wait_for_text("Delete John Smith (XYZ67890)?");
    tui.send_keys(ENTER);
    tui.wait_until("the confirmation to close", |s| {
        !s.contains("Delete John Smith")
    });
    assert_eq!(
        api.lookup(Identifier::Uid("XYZ67890".into())).len(),
        1,
        "Enter keeps it"
    );
    tui.send_keys("D");
    tui.wait_for_text("Delete John Smith (XYZ67890)?");
    tui.send_keys("D");
    tui.wait_for_text("deleted John Smith");
    tui.wait_for_text("Look up a contact");
    assert!(api.lookup(Identifier::Uid("XYZ67890".into())).is_empty());
}

#[test]
fn a_save_against_a_failing_server_keeps_what_was_typed() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("e");
    tui.wait_for_text("Edit John Doe");
    tui.send_keys(&TAB.repeat(7));
    tui.send_keys(CTRL_U);
    tui.send_keys("Boston");
    api.fault("error500");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("Not saved: the server failed (500)");
    assert!(tui.screen_text().contains("Boston"));
    api.fault("none");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("changes saved");
    assert_eq!(api.contact("ABC12345").city.as_deref(), Some("Boston"));
}

#[test]
fn a_save_against_a_hanging_server_keeps_what_was_typed() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let mut tui = on_john(&sim);
    tui.send_keys("n");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys("Waiting for the server");
    api.fault("hang");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("sending the note");
    assert!(tui.screen_text().contains("Waiting for the server"));
    // Typed while the note is on its way: kept (and said so), not sent with it.
    tui.send_keys("more typing waits");
    tui.wait_for_text("17 keys typed ahead");
    // Esc stops waiting: back to the contact, the note still on its way.
    tui.send_keys(ESC);
    tui.wait_for_text("the note is still on its way");
    tui.wait_for_text("17 keys typed ahead were not used");
    api.fault("none");
    tui.wait_for_text("note added to John Doe");
    let notes = api.contact("ABC12345").notes.unwrap_or_default();
    assert!(notes.contains("Waiting for the server"), "{notes}");
    assert!(!notes.contains("more typing"), "{notes}");
}

#[test]
fn the_note_is_written_in_the_external_editor_which_gets_every_keystroke() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    // An "editor" that asks for one line on the terminal and appends it to the file.
    let editor = r#"sh -c 'printf "EDITOR READY> "; read line; printf "\n%s" "$line" >> "$1"' sh"#;
    let mut tui = Tui::start_with_env(
        &[],
        &[
            ("GENIUS_BASE_URL", &sim.base_url),
            ("GENIUS_TOKEN", "demo-token"),
            ("VISUAL", editor),
        ],
    );
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345");
    tui.send_keys(ENTER);
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("n");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys("First line from genius.");
    tui.send_keys("\x18\x05");
    tui.wait_for_text("EDITOR READY>");
    tui.send_keys("second line from the editor\r");
    tui.wait_for_text("second line from the editor");
    tui.wait_for_text("Note for John Doe");
    tui.send_keys(CTRL_S);
    tui.wait_for_text("note added");
    let notes = api.contact("ABC12345").notes.unwrap_or_default();
    assert!(
        notes.contains("First line from genius.\nsecond line from the editor"),
        "{notes}"
    );
}
