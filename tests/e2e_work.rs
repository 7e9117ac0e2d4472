//! End-to-end tests of working a lead (issue 4): the real `genius` binary in an 80×24
//! pseudo-terminal against a real simulator (`genius serve --control`). Every change made on screen
//! is verified through the API afterwards. No sleeps: each wait is for a condition, with a deadline.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use genius::api::{ApiRequest, ApiToken, Client, ClientConfig, Contact, Identifier, Lookup};
use support::pty::{Simulator, Tui};

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const TAB: &str = "\t";
const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const BACKSPACE: &str = "\x7f";
const CTRL_A: &str = "\x01";
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";

/// The simulator's API seen from the test, to check what the screen claims.
struct Api {
    runtime: tokio::runtime::Runtime,
    client: Client,
    base_url: String,
}

impl Api {
    fn new(sim: &Simulator) -> Api {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = Client::new(ClientConfig::new(
            sim.base_url.clone(),
            ApiToken::new("demo-token"),
        ))
        .expect("a client");
        Api {
            runtime,
            client,
            base_url: sim.base_url.clone(),
        }
    }

    /// The matches (several are only summaries: uid, email, phone and name are set).
    fn lookup(&self, who: Identifier) -> Vec<Contact> {
        let answer = self
            .runtime
            .block_on(self.client.send(&ApiRequest::get(&who), None));
        match answer {
            Ok(success) => match serde_json::from_value::<Lookup>(success.data) {
                Ok(lookup) => lookup.into_listed_contacts(),
                Err(e) => panic!("the lookup's answer: {e}"),
            },
            Err(e) if e.status() == Some(404) => Vec::new(),
            Err(e) => panic!("looking up {who}: {e}"),
        }
    }

    fn contact(&self, uid: &str) -> Contact {
        match self.lookup(Identifier::Uid(uid.into())).into_iter().next() {
            Some(contact) => contact,
            None => panic!("{uid} is not in the simulator"),
        }
    }

    /// Sets the simulator's fault mode: "none", "error500" or "hang".
    fn fault(&self, mode: &str) {
        let address = self
            .base_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let body = format!("{{\"mode\": \"{mode}\"}}");
        let request = format!(
            "POST /__sim/fault HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = TcpStream::connect(&address).expect("the simulator accepts");
        stream
            .write_all(request.as_bytes())
            .expect("the fault is sent");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(
            answer.starts_with("HTTP/1.1 2"),
            "the fault was refused: {answer}"
        );
    }
}

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

/// The issue's "done when": a lead worked completely from the keyboard — created, qualified,
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
fn wait_for_file_containing(dir: &std::path::Path, text: &str, wanted: bool) {
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
