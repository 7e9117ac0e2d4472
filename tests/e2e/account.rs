//! The real binary in a pseudo-terminal against `genius serve`: a session with trace logging (look
//! up, open, copy the email) after which no byte written anywhere — screen output, log files, data
//! files — holds the token, and the logs do not hold the contact's email; and a NO_COLOR session
//! whose output carries no colour.

use std::path::Path;

use crate::support::pty::{Simulator, Tui};
use crate::support::simulator_api::contains;

const TOKEN: &str = "demo-token";
const EMAIL: &str = "john@example.com";

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            found.push((path, bytes));
        }
    }
    found
}

#[test]
fn a_logged_session_leaves_the_token_nowhere_and_no_email_in_the_logs() {
    let sim = Simulator::start();
    let mut tui = Tui::start_with_env(
        &["--log-level", "trace"],
        &[("GENIUS_BASE_URL", &sim.base_url), ("GENIUS_TOKEN", TOKEN)],
    );
    tui.wait_for_text("Look up a contact");
    tui.send_keys(EMAIL);
    tui.send_keys("\r");
    tui.wait_for_text("2 contacts share email");
    tui.send_keys("\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("ye");
    tui.wait_for_text("sent email to the terminal's clipboard");
    // base64("john@example.com") inside ESC ] 52 ; c ; … BEL.
    tui.wait_until_output("the OSC 52 sequence", |out| {
        contains(out, "\x1b]52;c;am9obkBleGFtcGxlLmNvbQ==\x07")
    });
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit(), "genius exits cleanly on Ctrl-C");
    let output = tui.output_after_exit();
    assert!(!contains(&output, TOKEN), "the token reached the terminal");

    let files = files_under(tui.dirs());
    let logs: Vec<_> = files
        .iter()
        .filter(|(path, _)| path.components().any(|c| c.as_os_str() == "logs"))
        .collect();
    assert!(
        !logs.is_empty(),
        "no log file in {:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        logs.iter().any(|(_, bytes)| contains(bytes, "api request")),
        "the requests were logged"
    );
    for (path, bytes) in &files {
        assert!(
            !contains(bytes, TOKEN),
            "the token is in {}",
            path.display()
        );
    }
    for (path, bytes) in logs {
        // As typed, and as it travels in a query string.
        for form in [EMAIL, "john%40example.com"] {
            assert!(
                !contains(bytes, form),
                "{form} is in the log {}",
                path.display()
            );
        }
    }
}

/// The SGR parameters of every `ESC [ … m` sequence in `output`.
fn sgr_parameters(output: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(output);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some((_, after)) = rest.split_once("\x1b[") {
        let parameters_end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(after.len());
        let (parameters, tail) = after
            .split_at_checked(parameters_end)
            .unwrap_or((after, ""));
        if tail.starts_with('m') {
            found.push(parameters.to_string());
        }
        rest = tail;
    }
    found
}

/// True when an SGR sequence sets a colour (foreground or background; 39/49 reset to the default).
fn sets_colour(parameters: &str) -> bool {
    parameters.split([';', ':']).any(|p| {
        matches!(
            p.parse::<u16>(),
            Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
        )
    })
}

fn session_output(env: &[(&str, &str)]) -> Vec<u8> {
    let mut tui = Tui::start_with_env(&[], env);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("?");
    tui.wait_for_text("Keys — Contact");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
    tui.output_after_exit()
}

#[test]
fn no_color_output_has_no_colour_sequences() {
    let sim = Simulator::start();
    let base = [
        ("GENIUS_BASE_URL", sim.base_url.as_str()),
        ("GENIUS_TOKEN", TOKEN),
    ];
    let coloured = session_output(&base);
    assert!(
        sgr_parameters(&coloured).iter().any(|p| sets_colour(p)),
        "a normal run is in colour (else this test proves nothing)"
    );
    let mut plain_env = base.to_vec();
    plain_env.push(("NO_COLOR", "1"));
    let plain = session_output(&plain_env);
    let colours: Vec<String> = sgr_parameters(&plain)
        .into_iter()
        .filter(|p| sets_colour(p))
        .collect();
    assert!(colours.is_empty(), "colour under NO_COLOR: {colours:?}");
    assert!(
        !sgr_parameters(&plain).is_empty(),
        "styles (bold, reverse) remain"
    );
}

/// A config with two profiles on the same simulator: `test`, and a read-only `prod`.
fn two_profiles(base_url: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("config.toml");
    let text = format!(
        "default_profile = \"test\"\n\
         [profiles.test]\nbase_url = \"{base_url}\"\ntoken_command = \"printf {TOKEN}\"\naccent = \"green\"\n\
         [profiles.prod]\nbase_url = \"{base_url}\"\ntoken_command = \"printf {TOKEN}\"\nread_only = true\naccent = \"red\"\n"
    );
    std::fs::write(&path, text).expect("the config is written");
    (dir, path)
}

#[test]
fn switching_to_a_read_only_profile_keeps_recents_apart_and_refuses_writes() {
    let sim = Simulator::start();
    let (_config_dir, config) = two_profiles(&sim.base_url);
    let config = config.display().to_string();
    let mut tui = Tui::start_with_env(&["--config", &config], &[]);
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("\x1b");
    tui.wait_for_text("Recent contacts (1)");
    // Tab moves into the recents, where P is a key and not a letter.
    tui.send_keys("\t");
    tui.wait_for_text("q quits");
    tui.send_keys("P");
    tui.wait_for_text("Profiles");
    tui.send_keys("k\r");
    tui.wait_for_text("now on profile prod (read-only)");
    let screen = tui.screen_text();
    let title = screen.lines().next().unwrap_or("");
    assert!(
        title.contains("READ-ONLY") && title.contains("prod"),
        "{screen}"
    );
    assert!(
        screen.contains("None yet"),
        "prod has recents of its own:\n{screen}"
    );

    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("n");
    tui.wait_for_text("read-only");
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
}

#[test]
fn inside_tmux_the_copy_is_wrapped_for_passthrough() {
    let sim = Simulator::start();
    let mut tui = Tui::start_with_env(
        &[],
        &[
            ("GENIUS_BASE_URL", &sim.base_url),
            ("GENIUS_TOKEN", TOKEN),
            ("TMUX", "/tmp/tmux-1000/default,1234,0"),
        ],
    );
    tui.wait_for_text("Look up a contact");
    tui.send_keys("ABC12345\r");
    tui.wait_for_text("John Doe · Acme Corp");
    tui.send_keys("yu");
    tui.wait_until_output("the tmux-wrapped OSC 52 sequence", |out| {
        contains(out, "\x1bPtmux;\x1b\x1b]52;c;QUJDMTIzNDU=\x07\x1b\\")
    });
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
}

#[test]
fn a_key_binding_conflict_is_reported_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nrefresh = \"y\"\n").expect("the config is written");
    let config = config.display().to_string();
    let mut tui = Tui::start_with_env(&["--config", &config], &[("GENIUS_TOKEN", TOKEN)]);
    assert!(!tui.wait_for_exit(), "genius refuses to start");
    let output = tui.output_after_exit();
    let text = String::from_utf8_lossy(&output);
    assert!(text.contains("y would both refresh and copy"), "{text}");
    assert!(
        !contains(&output, "\x1b[?1049h"),
        "the alternate screen was entered:\n{text}"
    );
}
