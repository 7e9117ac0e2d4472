//! Logging redaction: a session's worth of log lines — the API client's own at trace level included,
//! talking to a local server with the real token — leaves no token, email, phone or name in any
//! byte of the log directory; with `redact_logs = false` contact data stays but the token does not.

use std::path::Path;

use genius::api::{ApiToken, Client, ClientConfig, Identifier};
use genius::logging::{Redactor, build_subscriber};

use crate::support::{GOOD_TOKEN, server_runtime, start_fake_api};

const EMAIL: &str = "ana.souza@example.com.br";
const PHONE: &str = "+55 (11) 91234-5678";
const PHONE_DIGITS: &str = "11912345678";
const NAME: &str = "Anabela Quintanilha";

fn all_log_bytes(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).expect("log dir").flatten() {
        all.push_str(&String::from_utf8_lossy(
            &std::fs::read(entry.path()).expect("read log"),
        ));
    }
    all
}

/// Logs what a session logs: requests through the real client, and lines naming contact data.
fn log_a_session(base_url: &str, runtime: &tokio::runtime::Runtime) {
    let client =
        Client::new(ClientConfig::new(base_url, ApiToken::new(GOOD_TOKEN))).expect("client");
    tracing::info!(profile = "prod", "session started");
    tracing::debug!(token = GOOD_TOKEN, "token found (a careless line)");
    for who in [
        Identifier::Email(EMAIL.to_string()),
        Identifier::Phone(PHONE.to_string()),
        Identifier::Uid("ZZZZ9999".to_string()),
    ] {
        let outcome = runtime.block_on(client.get(&who));
        tracing::info!(query = %who.value(), found = outcome.is_ok(), "lookup finished");
    }
    tracing::info!(email = EMAIL, phone = PHONE, "contact opened");
    tracing::info!("saving {NAME} <{EMAIL}> tel {PHONE_DIGITS}");
    tracing::warn!(
        first_name = "Anabela",
        last_name = "Quintanilha",
        "note saved"
    );
    tracing::error!("Authorization: Bearer {GOOD_TOKEN} was rejected");
}

#[test]
fn a_session_log_holds_no_token_and_no_contact_data() {
    let runtime = server_runtime();
    let base_url = start_fake_api(&runtime);
    let dir = tempfile::tempdir().unwrap();
    let redactor = Redactor::new();
    redactor.add_secret(GOOD_TOKEN);
    redactor.add_contact_word(NAME);
    let (subscriber, guard) = build_subscriber(dir.path(), Some("trace"), redactor).unwrap();
    tracing::subscriber::with_default(subscriber, || log_a_session(&base_url, &runtime));
    drop(guard);
    let logged = all_log_bytes(dir.path());
    assert!(
        logged.contains("api request"),
        "the client's lines are missing:\n{logged}"
    );
    assert!(logged.contains("lookup finished"), "{logged}");
    for secret in [
        GOOD_TOKEN,
        EMAIL,
        "ana.souza",
        PHONE,
        "91234-5678",
        PHONE_DIGITS,
        NAME,
        "Anabela",
        "Quintanilha",
    ] {
        assert!(
            !logged.contains(secret),
            "{secret:?} reached the log:\n{logged}"
        );
    }
    assert!(logged.contains("[token]") && logged.contains("[email]") && logged.contains("[phone]"));
}

#[test]
fn keeping_contact_data_never_keeps_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let redactor = Redactor::new().keep_contact_data(true);
    redactor.add_secret(GOOD_TOKEN);
    let (subscriber, guard) = build_subscriber(dir.path(), Some("info"), redactor).unwrap();
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!(email = EMAIL, "opened with token {GOOD_TOKEN}");
        tracing::debug!("below the level, never written: {EMAIL}");
    });
    drop(guard);
    let logged = all_log_bytes(dir.path());
    assert!(logged.contains(EMAIL), "{logged}");
    assert!(!logged.contains(GOOD_TOKEN), "{logged}");
    assert!(!logged.contains("below the level"), "{logged}");
}

#[test]
fn log_files_are_daily_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let (subscriber, guard) =
        build_subscriber(&dir.path().join("logs"), None, Redactor::new()).unwrap();
    tracing::subscriber::with_default(subscriber, || tracing::info!("hello"));
    drop(guard);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("logs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let today = chrono::Utc::now().format("genius.%Y-%m-%d.log").to_string();
    assert_eq!(names, [today]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("logs"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn a_bad_level_is_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let error = build_subscriber(dir.path(), Some("loud=="), Redactor::new())
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("\"loud==\" is not a level"),
        "{error}"
    );
    let word = build_subscriber(dir.path(), Some("loud"), Redactor::new())
        .err()
        .unwrap();
    assert!(
        word.to_string().contains("\"loud\" is not a level"),
        "{word}"
    );
    assert!(build_subscriber(dir.path(), Some("DEBUG"), Redactor::new()).is_ok());
}

#[test]
fn a_redactor_hides_the_token_and_follows_the_switch() {
    let line = format!("token={GOOD_TOKEN} seen with {EMAIL}");
    let redacting = Redactor::new();
    redacting.add_secret(GOOD_TOKEN);
    assert_eq!(redacting.redact(&line), "token=[token] seen with [email]");
    let keeping = Redactor::new().keep_contact_data(true);
    keeping.add_secret(ApiToken::new(GOOD_TOKEN).expose());
    assert_eq!(
        keeping.redact(&line),
        format!("token=[token] seen with {EMAIL}")
    );
    let unknown_secret = Redactor::new().redact("authorization=Bearer-abc token=\"xyz\"");
    assert_eq!(unknown_secret, "authorization=[redacted] token=[redacted]");
}
