//! Logging to a file: `tracing` events go to `state_dir()/logs/genius.YYYY-MM-DD.log`, one file a
//! day (mode 0600 whatever the umask), a week kept. Every line passes through a [`Redactor`] before
//! it is written: the API token is always replaced, and contact data (emails, phone numbers, names)
//! is replaced too unless the redactor is told to keep it (the config's `redact_logs = false`,
//! which the caller reads). Nothing goes to the terminal, which belongs to the TUI.

mod daily_file;
mod redact;

pub use daily_file::{DailyLogFile, open_private_append};
pub use redact::{Redactor, redact_emails, redact_phones};

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;

/// How many days of log files are kept.
pub const KEEP_DAYS: i64 = 7;

const FILE_PREFIX: &str = "genius";
const FILE_SUFFIX: &str = "log";

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

/// The levels `--log-level` accepts.
pub const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// The filter for `--log-level` (one of [`LEVELS`]), else `GENIUS_LOG` (a level, or levels per
/// module such as `genius=debug,hyper=warn`), else `info`. A plain list of targets, not
/// `EnvFilter`'s span and field directives: nothing is compiled before the first frame.
pub fn level_filter(level: Option<&str>) -> Result<Targets, LoggingError> {
    let bad = |level: &str| LoggingError::BadLevel {
        level: level.to_string(),
    };
    if let Some(level) = level {
        let lower = level.trim().to_ascii_lowercase();
        if !LEVELS.contains(&lower.as_str()) {
            return Err(bad(level));
        }
        return lower.parse::<Targets>().map_err(|_| bad(level));
    }
    let chosen = std::env::var("GENIUS_LOG")
        .ok()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| "info".to_string());
    chosen.trim().parse::<Targets>().map_err(|_| bad(&chosen))
}

/// The log lines that may wait for the writer thread at once.
const LOG_LINES_IN_FLIGHT: usize = 4_096;

/// A subscriber writing redacted lines to daily files in `dir`, old files pruned. For tests, use it
/// with `tracing::subscriber::with_default`; [`start`] installs it for the process.
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
    // An existing directory keeps its mode through create_private_dir: tighten it too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    prune_old_logs(dir, Utc::now().date_naive());
    daily_file::tighten_existing_logs(dir);
    let file = DailyLogFile::open(dir).map_err(|e| directory_error(e.to_string()))?;
    // The default queue holds 128,000 lines and its slots are laid out (4 MB, resident) when it
    // is made, before the first frame; a session logs a few lines a second at most, so a short
    // queue is plenty (a line that finds it full is dropped, never waited for).
    let (writer, worker) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_LINES_IN_FLIGHT)
        .lossy(true)
        .finish(file);
    // fmt's own level cap is INFO by default: the targets decide alone.
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::level_filters::LevelFilter::TRACE)
        .with_ansi(false)
        .with_writer(RedactingMakeWriter::new(writer, redactor.clone()))
        .finish()
        .with(filter);
    Ok((
        subscriber,
        LogGuard {
            _worker: worker,
            redactor,
            dir: dir.to_path_buf(),
        },
    ))
}

/// The process's log, once [`start`] started it: its redactor (tokens found later are added) and
/// its directory.
static PROCESS_LOG: std::sync::OnceLock<(Redactor, PathBuf)> = std::sync::OnceLock::new();

/// Starts logging for the whole process to daily files in `dir` (normally [`log_dir`]): the level
/// from `level` (one of [`LEVELS`]), else `GENIUS_LOG`, else `info`; every line cleaned by
/// `redactor`. Call it once, first thing, and hold the guard for the run. A bad level is
/// [`LoggingError::BadLevel`]; the caller decides whether a directory that cannot be written is
/// worth stopping for.
pub fn start(
    level: Option<&str>,
    redactor: Redactor,
    dir: &Path,
) -> Result<LogGuard, LoggingError> {
    let (subscriber, guard) = build_subscriber(dir, level, redactor.clone())?;
    tracing::subscriber::set_global_default(subscriber)
        .map_err(|_| LoggingError::AlreadyStarted)?;
    let _ = PROCESS_LOG.set((redactor, dir.to_path_buf()));
    Ok(guard)
}

/// Hides `secret` (a token just found) from every later line of the process's log. Logging starts
/// before the token is known, so whatever finds a token registers it here; without a log it does
/// nothing.
pub fn register_secret(secret: &str) {
    if let Some((redactor, _)) = PROCESS_LOG.get() {
        redactor.add_secret(secret);
    }
}

/// The log directory when this process logs to files (None before [`start`], or when it failed).
pub fn active_log_dir() -> Option<PathBuf> {
    PROCESS_LOG.get().map(|(_, dir)| dir.clone())
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
