//! End-to-end tests of trust under real input: the real `genius` binary in an 80×24
//! pseudo-terminal against `genius serve --control`. Accented and CJK text typed and pasted into
//! its inputs never ends it; a fast typist's burst lands where it was meant (checked on the
//! simulator: exactly one note, no update); signals from outside give the terminal back and say so
//! in the exit status. No sleeps: every wait is for a condition, with a deadline.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use genius::api::{ApiRequest, ApiToken, Client, ClientConfig, Contact, Identifier, Lookup};
use support::pty::{Simulator, Tui};

/// The simulator seen from the test.
struct Api {
    runtime: tokio::runtime::Runtime,
    client: Client,
    address: String,
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
        let address = sim
            .base_url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Api {
            runtime,
            client,
            address,
        }
    }

    fn contact(&self, uid: &str) -> Contact {
        let answer = self.runtime.block_on(
            self.client
                .send(&ApiRequest::get(&Identifier::Uid(uid.into())), None),
        );
        let data = answer
            .unwrap_or_else(|e| panic!("looking up {uid}: {e}"))
            .data;
        let lookup: Lookup = serde_json::from_value(data).expect("a contact");
        lookup
            .into_whole()
            .unwrap_or_else(|| panic!("{uid} is not one contact in the simulator"))
    }

    /// How many API requests the demo token has made (`GET /__sim/stats`).
    fn requests(&self) -> u64 {
        let request = format!(
            "GET /__sim/stats HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        );
        let mut stream = TcpStream::connect(&self.address).expect("the simulator accepts");
        stream
            .write_all(request.as_bytes())
            .expect("the request is sent");
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
        let stats: serde_json::Value = serde_json::from_str(body).expect("stats are JSON");
        stats["requests"].as_u64().expect("a request count")
    }
}

fn note_bodies(contact: &Contact) -> Vec<String> {
    genius::api::NoteTimeline::parse(contact.notes.as_deref().unwrap_or(""))
        .entries
        .iter()
        .map(|entry| entry.body().to_string())
        .collect()
}

#[test]
fn a_burst_typed_before_the_lookup_answers_adds_exactly_that_note() {
    let sim = Simulator::start();
    let api = Api::new(&sim);
    let before = api.contact("K42VX3EQ");
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    let requests_before = api.requests();
    // One write, as a fast typist's keys arrive: the lookup has not answered when `n` comes.
    tui.send_keys("K42VX3EQ\rnTypeahead note 1\x13");
    tui.wait_for_text("note added to Camila Damião");
    tui.wait_for_text("Typeahead note 1");

    let after = api.contact("K42VX3EQ");
    let mut notes = note_bodies(&before);
    notes.push("Typeahead note 1".to_string());
    assert_eq!(note_bodies(&after), notes, "exactly the note was added");
    assert_eq!(
        Contact {
            notes: None,
            last_update: None,
            ..after.clone()
        },
        Contact {
            notes: None,
            last_update: None,
            ..before.clone()
        },
        "nothing else changed: no update"
    );
    // The lookup, the note, and the timeline fetched again; then this test's own lookup.
    assert_eq!(api.requests(), requests_before + 3 + 1);
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
}

#[test]
fn accented_names_typed_and_pasted_never_end_genius() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("José");
    tui.wait_for_text("│José");
    tui.send_keys("\r");
    tui.wait_for_text("not recognised");
    tui.send_keys("\x15Conceição 张伟 👩‍👩‍👧");
    tui.wait_for_text("Conceição 张伟");

    // `:open José` from a contact.
    tui.send_keys("\x15ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys(":open José\r");
    tui.wait_until("genius to answer :open José", |screen| {
        screen.contains("not recognised") || screen.contains("José")
    });
    tui.send_keys("\x1b");
    // Esc and `/` written together would read as Alt-/: wait until the line is closed.
    tui.wait_until("the command line to close", |screen| {
        !screen.contains("open José")
    });

    // A phone pasted with a no-break space, through bracketed paste.
    tui.send_keys("/");
    tui.wait_for_text("Look up a contact");
    tui.send_keys("\x1b[200~+55 21\u{a0}99754-2557\x1b[201~");
    tui.wait_for_text("99754-2557");
    tui.send_keys("\r");
    tui.wait_until("the phone lookup to answer", |screen| {
        ["no contact with phone", "Camila Damião", "not recognised"]
            .iter()
            .any(|answer| screen.contains(answer))
    });
    // Still answering keys: back to an empty lookup, and a contact opened.
    tui.send_keys("\x1b");
    tui.wait_for_text("type a uid");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit(), "no panic anywhere");
}

/// The position of the last occurrence of `needle` in `haystack`.
fn last_position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// Every mode the TUI turned on is off at the end of `raw`.
fn assert_terminal_restored(raw: &[u8]) {
    for (on, off, what) in [
        (
            &b"\x1b[?1049h"[..],
            &b"\x1b[?1049l"[..],
            "the alternate screen",
        ),
        (b"\x1b[?2004h", b"\x1b[?2004l", "bracketed paste"),
    ] {
        let entered = last_position(raw, on).unwrap_or_else(|| panic!("{what} was entered"));
        let left = last_position(raw, off).unwrap_or_else(|| panic!("{what} was left"));
        assert!(left > entered, "{what} is off at the end");
    }
    let hidden = last_position(raw, b"\x1b[?25l").unwrap_or(0);
    let shown = last_position(raw, b"\x1b[?25h").expect("the cursor was shown again");
    assert!(shown > hidden, "the cursor is visible at the end");
}

#[test]
fn sigint_and_sigquit_from_outside_restore_the_terminal_and_say_so_in_the_exit_status() {
    let sim = Simulator::start();
    for (signal, status) in [("-INT", 130), ("-QUIT", 131), ("-TERM", 143), ("-HUP", 129)] {
        let mut tui = Tui::start(&sim, &["ABC12345"]);
        tui.wait_for_text("John Doe · Acme Corp");
        tui.signal(signal);
        assert_eq!(tui.wait_for_exit_code(), status, "after kill {signal}");
        assert_terminal_restored(&tui.output_after_exit());
    }
}

#[test]
fn after_sigtstp_and_sigcont_from_outside_genius_still_answers() {
    let sim = Simulator::start();
    let mut tui = Tui::start(&sim, &[]);
    tui.wait_for_text("Look up a contact");
    let before = tui.raw_output().len();
    tui.signal("-TSTP");
    // The terminal is given back before stopping (in this test's pseudo-terminal no job-control
    // shell could continue a stopped genius, so it does not stop, as the kernel would not).
    tui.wait_until_output("the terminal given back", |raw| {
        last_position(&raw[before.min(raw.len())..], b"\x1b[?1049l").is_some()
    });
    tui.signal("-CONT");
    tui.wait_until_output("the terminal taken again", |raw| {
        let after = &raw[before.min(raw.len())..];
        match (
            last_position(after, b"\x1b[?1049l"),
            last_position(after, b"\x1b[?1049h"),
        ) {
            (Some(left), Some(entered)) => entered > left,
            _ => false,
        }
    });
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
}
