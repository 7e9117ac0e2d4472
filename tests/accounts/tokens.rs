//! Token sources: the documented order, the refusal of a config file others can read, a keyring
//! that is absent or hangs, and `token_command` success, failure and timeout — never the token in a
//! message.

use std::sync::Arc;
use std::time::{Duration, Instant};

use genius::config::keyring::TimeBoxed;
use genius::config::token::{TokenError, run_token_command};
use genius::config::{Connection, TokenSources};

use crate::support::{
    HangingKeyring, MemoryKeyring, absent_keyring, config_in_tempdir, run_config, set_mode, sources,
};

const ALL_SOURCES: &str =
    "[profiles.prod]\ntoken_command = \"printf 'from-command\\n'\"\ntoken = \"from-file\"\n";
const FILE_ONLY: &str = "[profiles.prod]\ntoken = \"from-file\"\n";

fn connect(config: &str, mode: u32, sources: &TokenSources) -> anyhow::Result<Connection> {
    let (_dir, path) = config_in_tempdir(config, mode);
    run_config(&path).connection_with(sources)
}

fn token_and_source(connection: &Connection) -> (String, String) {
    (
        connection
            .token
            .as_ref()
            .map(|t| t.expose().to_string())
            .unwrap_or_default(),
        connection.token_source.clone().unwrap_or_default(),
    )
}

#[test]
fn the_environment_wins_over_everything() {
    let keyring = Arc::new(MemoryKeyring::with("prod", "from-keyring"));
    let connection = connect(ALL_SOURCES, 0o600, &sources(Some(" from-env \n"), keyring)).unwrap();
    assert_eq!(
        token_and_source(&connection),
        ("from-env".into(), "GENIUS_TOKEN".into())
    );
}

#[test]
fn token_command_comes_second() {
    let keyring = Arc::new(MemoryKeyring::with("prod", "from-keyring"));
    let connection = connect(ALL_SOURCES, 0o600, &sources(None, keyring)).unwrap();
    assert_eq!(
        token_and_source(&connection),
        ("from-command".into(), "token_command".into())
    );
}

#[test]
fn the_keyring_comes_before_the_file() {
    let keyring = Arc::new(MemoryKeyring::with("prod", "from-keyring"));
    let connection = connect(FILE_ONLY, 0o600, &sources(Some("   "), keyring)).unwrap();
    assert_eq!(
        token_and_source(&connection),
        ("from-keyring".into(), "keyring".into())
    );
}

#[test]
fn the_file_is_last_and_used_only_when_private() {
    let connection = connect(FILE_ONLY, 0o600, &sources(None, absent_keyring())).unwrap();
    assert_eq!(
        token_and_source(&connection),
        ("from-file".into(), "config file".into())
    );
    assert!(
        connection
            .token_notes
            .iter()
            .any(|n| n.contains("no keyring on this box")),
        "{:?}",
        connection.token_notes
    );
}

#[test]
fn a_token_in_a_file_others_can_read_is_refused_with_the_fix() {
    for (mode, who) in [
        (0o644, "group and others"),
        (0o640, "its group"),
        (0o604, "others"),
    ] {
        let error = connect(FILE_ONLY, mode, &sources(None, absent_keyring())).unwrap_err();
        let message = format!("{error:#}");
        assert!(message.contains(&format!("readable by {who}")), "{message}");
        assert!(message.contains("chmod 600"), "{message}");
        assert!(
            !message.contains("from-file"),
            "the token leaked: {message}"
        );
    }
}

#[test]
fn an_open_file_without_a_token_is_fine() {
    let connection = connect("[profiles.prod]\n", 0o644, &sources(None, absent_keyring())).unwrap();
    assert!(connection.token.is_none());
}

#[test]
fn a_hanging_keyring_is_abandoned_and_the_search_goes_on() {
    let started = Instant::now();
    let connection = connect(FILE_ONLY, 0o600, &sources(None, Arc::new(HangingKeyring))).unwrap();
    // The fake sleeps 30 s; the search must not wait for it.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(
        token_and_source(&connection),
        ("from-file".into(), "config file".into())
    );
    assert!(
        connection
            .token_notes
            .iter()
            .any(|n| n.contains("did not answer within 300 ms")),
        "{:?}",
        connection.token_notes
    );
}

#[test]
fn time_boxed_keyring_calls_pass_answers_through() {
    let keyring = TimeBoxed::new(Arc::new(MemoryKeyring::default()), Duration::from_secs(5));
    assert_eq!(keyring.get("prod"), Ok(None));
    keyring.set("prod", "secret-1").unwrap();
    assert_eq!(keyring.get("prod"), Ok(Some("secret-1".to_string())));
    assert_eq!(keyring.delete("prod"), Ok(true));
    assert_eq!(keyring.delete("prod"), Ok(false));
    let hanging = TimeBoxed::new(Arc::new(HangingKeyring), Duration::from_millis(100));
    assert!(hanging.set("prod", "x").is_err());
}

#[test]
fn token_command_output_is_trimmed() {
    let token = run_token_command("echo '  tok-from-pass  '", Duration::from_secs(5)).unwrap();
    assert_eq!(token.expose(), "tok-from-pass");
}

#[test]
fn a_failing_token_command_shows_its_stderr_never_its_stdout() {
    let error = run_token_command(
        "printf '%s-%s' half-printed secret; echo 'gpg: decryption failed' >&2; exit 2",
        Duration::from_secs(5),
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("gpg: decryption failed"), "{message}");
    assert!(message.contains("exit status: 2"), "{message}");
    assert!(!message.contains("half-printed-secret"), "{message}");
}

#[test]
fn only_the_first_line_of_a_pass_entry_is_the_token() {
    let token = run_token_command(
        "printf '\\ntok-first\\nlogin: ana\\nurl: x\\n'",
        Duration::from_secs(5),
    )
    .unwrap();
    assert_eq!(token.expose(), "tok-first");
}

#[test]
fn a_silent_token_command_is_an_error() {
    let error = run_token_command("true", Duration::from_secs(5)).unwrap_err();
    assert!(error.to_string().contains("printed nothing"), "{error}");
}

#[test]
fn a_slow_token_command_is_stopped() {
    let started = Instant::now();
    let error = run_token_command("sleep 30; echo late", Duration::from_millis(300)).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "waited {:?}",
        started.elapsed()
    );
    assert!(matches!(error, TokenError::Command { .. }));
    assert!(
        error.to_string().contains("did not finish within 0.3 s"),
        "{error}"
    );
}

#[test]
fn a_configured_command_that_fails_stops_the_search() {
    let config = "[profiles.prod]\ntoken_command = \"exit 1\"\ntoken = \"from-file\"\n";
    let error = connect(config, 0o600, &sources(None, absent_keyring())).unwrap_err();
    assert!(
        format!("{error:#}").contains("token_command `exit 1` failed"),
        "{error:#}"
    );
}

#[test]
fn a_connection_printed_for_debugging_holds_no_token() {
    let (_dir, path) = config_in_tempdir(FILE_ONLY, 0o600);
    set_mode(&path, 0o600);
    let connection = run_config(&path)
        .connection_with(&sources(None, absent_keyring()))
        .unwrap();
    let shown = format!("{connection:?} {connection:#?}");
    assert!(!shown.contains("from-file"), "{shown}");
}

#[test]
fn an_open_file_token_is_noted_while_another_source_wins() {
    let connection = connect(
        FILE_ONLY,
        0o644,
        &sources(Some("from-env"), absent_keyring()),
    )
    .unwrap();
    assert_eq!(connection.token_source.as_deref(), Some("GENIUS_TOKEN"));
    assert!(
        connection
            .token_notes
            .iter()
            .any(|n| n.contains("chmod 600")),
        "{:?}",
        connection.token_notes
    );
}

#[test]
fn the_os_keyring_round_trips_or_says_it_is_unavailable() {
    use genius::config::keyring::{KeyringError, OsKeyring};
    let keyring = TimeBoxed::new(Arc::new(OsKeyring), Duration::from_secs(5));
    let account = format!("genius-test-{}", fastrand::u64(..));
    match keyring.set(&account, "tok-round-trip") {
        Ok(()) => {
            assert_eq!(
                keyring.get(&account),
                Ok(Some("tok-round-trip".to_string()))
            );
            assert_eq!(keyring.delete(&account), Ok(true));
            assert_eq!(keyring.get(&account), Ok(None));
        }
        Err(error) => {
            assert!(matches!(error, KeyringError::Unavailable(_)), "{error}");
            assert!(!error.to_string().contains("tok-round-trip"), "{error}");
        }
    }
}
