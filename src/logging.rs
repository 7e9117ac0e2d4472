//! Logging to a file: `tracing` events go to `state_dir()/logs/genius.YYYY-MM-DD.log`, one file a
//! day, a week kept. Every line passes through a [`Redactor`] before it is written: the API token is
//! always replaced, and contact data (emails, phone numbers, names) is replaced too unless the config
//! says `redact_logs = false`. Nothing goes to the terminal, which belongs to the TUI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, Utc};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// How many days of log files are kept.
pub const KEEP_DAYS: i64 = 7;

const FILE_PREFIX: &str = "genius";
const FILE_SUFFIX: &str = "log";

/// What redaction leaves in place of a value.
const PLACEHOLDERS: [&str; 4] = ["[token]", "[email]", "[phone]", "[redacted]"];

/// Field names whose values are secrets, redacted in `name=value` form whatever the settings.
const SECRET_FIELDS: [&str; 4] = ["token", "authorization", "Authorization", "password"];

/// Field names whose values are contact data, redacted in `name=value` form.
const CONTACT_FIELDS: [&str; 12] = [
    "email",
    "phone",
    "name",
    "first_name",
    "last_name",
    "firstName",
    "lastName",
    "business_name",
    "businessName",
    "owner_name",
    "address",
    "query",
];

/// The directory of the log files.
pub fn log_dir() -> PathBuf {
    crate::paths::state_dir().join("logs")
}

/// Why logging could not start.
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    #[error(
        "--log-level / GENIUS_LOG {level:?} is not a level (use error, warn, info, debug or trace)"
    )]
    BadLevel { level: String },
    #[error("cannot write log files in {}: {reason}", dir.display())]
    Directory { dir: PathBuf, reason: String },
    #[error("logging was already started")]
    AlreadyStarted,
}

/// Replaces secrets and contact data in log text. Cheap to clone; clones share the secret list, so
/// the TUI can register a name it shows and every later line is cleaned of it.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    shared: Arc<RwLock<RedactorState>>,
}

#[derive(Debug, Default)]
struct RedactorState {
    secrets: Vec<String>,
    contact_words: Vec<String>,
    keep_contact_data: bool,
}

impl Redactor {
    /// A redactor that hides contact data (the default).
    pub fn new() -> Self {
        Redactor::default()
    }

    /// The redactor a connection calls for: its token hidden, contact data per `redact_logs`.
    pub fn for_connection(connection: &crate::config::Connection) -> Self {
        let redactor = Redactor::new().keep_contact_data(!connection.redact_logs());
        if let Some(token) = &connection.token {
            redactor.add_secret(token.expose());
        }
        redactor
    }

    /// Keeps emails, phones and names in the log (`redact_logs = false`); secrets are still hidden.
    pub fn keep_contact_data(self, keep: bool) -> Self {
        if let Ok(mut state) = self.shared.write() {
            state.keep_contact_data = keep;
        }
        self
    }

    /// Hides `secret` (the token) from every line, whatever the settings.
    pub fn add_secret(&self, secret: &str) {
        let secret = secret.trim();
        if secret.len() >= 4
            && let Ok(mut state) = self.shared.write()
            && !state.secrets.iter().any(|s| s == secret)
        {
            state.secrets.push(secret.to_string());
        }
    }

    /// Hides a contact's name or other words once they are known (they match no pattern).
    pub fn add_contact_word(&self, word: &str) {
        let word = word.trim();
        if word.chars().count() >= 2
            && let Ok(mut state) = self.shared.write()
            && !state.contact_words.iter().any(|w| w == word)
        {
            state.contact_words.push(word.to_string());
        }
    }

    /// The text with secrets, and unless kept, contact data replaced by `[token]`, `[email]`,
    /// `[phone]` and `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        let Ok(state) = self.shared.read() else {
            return "[log line dropped: redactor unavailable]".to_string();
        };
        let mut out = text.to_string();
        for secret in &state.secrets {
            out = out.replace(secret.as_str(), "[token]");
        }
        out = redact_fields(&out, &SECRET_FIELDS);
        if state.keep_contact_data {
            return out;
        }
        out = redact_fields(&out, &CONTACT_FIELDS);
        for word in &state.contact_words {
            out = out.replace(word.as_str(), "[redacted]");
        }
        redact_phones(&redact_emails(&out))
    }
}

fn is_email_local(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn is_email_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// Replaces every `local@domain.tld` with `[email]`.
pub fn redact_emails(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut emitted = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let mut start = i;
            while start > emitted && is_email_local(chars[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < chars.len() && is_email_domain(chars[end]) {
                end += 1;
            }
            let domain: String = chars[i + 1..end].iter().collect();
            if start < i && domain.trim_matches('.').contains('.') {
                out.extend(&chars[emitted..start]);
                out.push_str("[email]");
                emitted = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.extend(&chars[emitted.min(chars.len())..]);
    out
}

/// Replaces runs of digits and phone punctuation holding at least 8 digits with `[phone]`.
pub fn redact_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_run = (chars[i].is_ascii_digit() || chars[i] == '+' || chars[i] == '(')
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        if starts_run {
            let mut end = i;
            let mut digits = 0;
            while end < chars.len()
                && (chars[end].is_ascii_digit() || "+()-. ".contains(chars[end]))
            {
                digits += usize::from(chars[end].is_ascii_digit());
                end += 1;
            }
            // Trailing separators belong to the text, not the number.
            while end > i && !chars[end - 1].is_ascii_digit() {
                end -= 1;
            }
            let glued_to_word = end < chars.len() && chars[end].is_alphanumeric();
            if digits >= 8 && !glued_to_word {
                out.push_str("[phone]");
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Replaces the value of `field=value` / `field="value"` for contact-data field names.
fn redact_fields(text: &str, fields: &[&str]) -> String {
    let mut out = text.to_string();
    for field in fields {
        let needle = format!("{field}=");
        let mut search_from = 0;
        while let Some(found) = out.get(search_from..).and_then(|s| s.find(&needle)) {
            let start = search_from + found;
            let at_boundary = out[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let value_start = start + needle.len();
            if !at_boundary {
                search_from = value_start;
                continue;
            }
            let rest = &out[value_start..];
            let value_len = if let Some(quoted) = rest.strip_prefix('"') {
                quoted.find('"').map_or(rest.len(), |end| end + 2)
            } else {
                rest.find(' ').unwrap_or(rest.len())
            };
            let value = out[value_start..value_start + value_len].trim_matches('"');
            if PLACEHOLDERS.contains(&value) {
                // Already a placeholder ("[token]"): keep it, it says more than "[redacted]".
                search_from = value_start + value_len;
                continue;
            }
            out.replace_range(value_start..value_start + value_len, "[redacted]");
            search_from = value_start + "[redacted]".len();
        }
    }
    out
}

/// A writer factory that redacts each formatted line before it reaches the inner writer. The
/// leading timestamp is left alone (its digits are not a phone number).
#[derive(Clone)]
pub struct RedactingMakeWriter<M> {
    inner: M,
    redactor: Redactor,
}

impl<M> RedactingMakeWriter<M> {
    /// Wraps `inner`, cleaning every line with `redactor`.
    pub fn new(inner: M, redactor: Redactor) -> Self {
        RedactingMakeWriter { inner, redactor }
    }
}

/// One line's writer of [`RedactingMakeWriter`].
pub struct RedactingWriter<W> {
    inner: W,
    redactor: Redactor,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (timestamp, rest) = match text.split_once(' ') {
            Some((head, tail)) if head.starts_with(|c: char| c.is_ascii_digit()) => {
                (format!("{head} "), tail.to_string())
            }
            _ => (String::new(), text.into_owned()),
        };
        let cleaned = format!("{timestamp}{}", self.redactor.redact(&rest));
        self.inner.write_all(cleaned.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for RedactingMakeWriter<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer(),
            redactor: self.redactor.clone(),
        }
    }
}

/// Keeps the log writer running; dropping it flushes what is pending. Hold it for the whole run.
pub struct LogGuard {
    _worker: WorkerGuard,
    /// The redactor in force, to register the token and contact names as they become known.
    pub redactor: Redactor,
    /// The directory of the log files.
    pub dir: PathBuf,
}

/// The filter for a level given by `--log-level`, else `GENIUS_LOG`, else `info`.
pub fn level_filter(level: Option<&str>) -> Result<EnvFilter, LoggingError> {
    let chosen = level
        .map(str::to_string)
        .or_else(|| std::env::var("GENIUS_LOG").ok())
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| "info".to_string());
    EnvFilter::try_new(chosen.trim()).map_err(|_| LoggingError::BadLevel { level: chosen })
}

/// A subscriber writing redacted lines to daily files in `dir`, old files pruned. For tests, use it
/// with `tracing::subscriber::with_default`; [`init`] installs it for the process.
pub fn build_subscriber(
    dir: &Path,
    level: Option<&str>,
    redactor: Redactor,
) -> Result<(impl tracing::Subscriber + Send + Sync + 'static, LogGuard), LoggingError> {
    let filter = level_filter(level)?;
    let directory_error = |reason: String| LoggingError::Directory {
        dir: dir.to_path_buf(),
        reason,
    };
    crate::paths::create_private_dir(dir).map_err(|e| directory_error(e.to_string()))?;
    prune_old_logs(dir, Utc::now().date_naive());
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .max_log_files(KEEP_DAYS as usize)
        .build(dir)
        .map_err(|e| directory_error(e.to_string()))?;
    let (writer, worker) = tracing_appender::non_blocking(appender);
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_env_filter(filter)
        .with_writer(RedactingMakeWriter::new(writer, redactor.clone()))
        .finish();
    Ok((
        subscriber,
        LogGuard {
            _worker: worker,
            redactor,
            dir: dir.to_path_buf(),
        },
    ))
}

/// Starts logging to [`log_dir`] for the whole process.
pub fn init(level: Option<&str>, redactor: Redactor) -> Result<LogGuard, LoggingError> {
    let (subscriber, guard) = build_subscriber(&log_dir(), level, redactor)?;
    tracing::subscriber::set_global_default(subscriber)
        .map_err(|_| LoggingError::AlreadyStarted)?;
    Ok(guard)
}

/// Starts logging for a run of genius: the level from `--log-level` (else `GENIUS_LOG`), the
/// connection's token and redaction setting. Call once, before the terminal is touched.
pub fn start(
    global: &crate::cli::GlobalArgs,
    connection: &crate::config::Connection,
) -> Result<LogGuard, LoggingError> {
    init(
        global.log_level.as_deref(),
        Redactor::for_connection(connection),
    )
}

/// Deletes log files more than [`KEEP_DAYS`] days older than `today`; returns how many.
pub fn prune_old_logs(dir: &Path, today: NaiveDate) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let date = name
            .strip_prefix(&format!("{FILE_PREFIX}."))
            .and_then(|rest| rest.strip_suffix(&format!(".{FILE_SUFFIX}")))
            .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
        if let Some(date) = date
            && (today - date).num_days() >= KEEP_DAYS
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_replaced_and_ordinary_numbers_kept() {
        let redactor = Redactor::new();
        let line = "saved ana.souza+crm@example.com.br phone +55 (11) 91234-5678, latency_ms=42 status=404";
        let cleaned = redactor.redact(line);
        assert_eq!(
            cleaned,
            "saved [email] phone [phone], latency_ms=42 status=404"
        );
    }

    #[test]
    fn fields_and_registered_words_are_redacted() {
        let redactor = Redactor::new();
        redactor.add_contact_word("Souza");
        let cleaned = redactor.redact(
            r#"contact first_name="Ana Maria" last_name=Souza uid=ABC12345 path=/api/contact"#,
        );
        assert_eq!(
            cleaned,
            "contact first_name=[redacted] last_name=[redacted] uid=ABC12345 path=/api/contact"
        );
    }

    #[test]
    fn keeping_contact_data_still_hides_the_token() {
        let redactor = Redactor::new().keep_contact_data(true);
        redactor.add_secret("tok-0123456789");
        assert_eq!(
            redactor.redact("auth tok-0123456789 for a@b.co"),
            "auth [token] for a@b.co"
        );
    }

    #[test]
    fn old_files_are_pruned_recent_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "genius.2026-11-01.log",
            "genius.2026-11-20.log",
            "genius.2026-11-26.log",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(prune_old_logs(dir.path(), today), 1);
        assert!(!dir.path().join("genius.2026-11-01.log").exists());
        assert!(dir.path().join("genius.2026-11-20.log").exists());
        assert!(dir.path().join("notes.txt").exists());
    }
}
