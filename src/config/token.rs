//! Finding the API token. Sources, first found wins: `GENIUS_TOKEN`; the profile's `token_command`
//! (first line of stdout, trimmed; killed after a timeout, its stderr shown on failure); the OS keyring (time-boxed,
//! an absent or hanging one is skipped); a `token` in the config file, refused when the file can be
//! read by group or others. No message here ever contains the token.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use super::file::Profile;
use super::keyring::{KeyringError, SecretStore, TimeBoxed};
use super::process::run_captured;
use crate::api::ApiToken;

/// How long a `token_command` may run.
pub const TOKEN_COMMAND_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the token in use came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// The `GENIUS_TOKEN` environment variable.
    Environment,
    /// The profile's `token_command`.
    Command,
    /// The OS keyring.
    Keyring,
    /// The `token` key of the config file.
    ConfigFile,
}

impl TokenSource {
    /// The name shown by `genius status`.
    pub fn label(self) -> &'static str {
        match self {
            TokenSource::Environment => "GENIUS_TOKEN",
            TokenSource::Command => "token_command",
            TokenSource::Keyring => "keyring",
            TokenSource::ConfigFile => "config file",
        }
    }
}

/// Why no token could be had although a source was configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// `token_command` could not start, failed, printed nothing or ran too long.
    #[error("token_command `{command}` {problem}")]
    Command { command: String, problem: String },
    /// The config file holds a token but others can read it.
    #[error(
        "{path} holds an API token but is readable by {who} (mode 0{mode:o}); \
run `chmod 600 {path}`, or better, move the token to the keyring with `genius login`"
    )]
    FileTooOpen {
        path: String,
        who: &'static str,
        mode: u32,
    },
}

/// What the token search needs, so tests can swap each piece.
#[derive(Clone)]
pub struct TokenSources {
    /// The value of `GENIUS_TOKEN`, if set.
    pub env_token: Option<String>,
    /// The keyring to ask.
    pub keyring: Arc<dyn SecretStore>,
    /// Deadline of a keyring call.
    pub keyring_timeout: Duration,
    /// Deadline of `token_command`.
    pub command_timeout: Duration,
}

impl TokenSources {
    /// The process's environment and the OS keyring (or none, with `GENIUS_KEYRING=off`).
    pub fn from_environment() -> Self {
        TokenSources {
            env_token: std::env::var("GENIUS_TOKEN").ok(),
            keyring: super::keyring::store_for_environment(),
            keyring_timeout: super::keyring::KEYRING_TIMEOUT,
            command_timeout: TOKEN_COMMAND_TIMEOUT,
        }
    }

    /// The keyring with its deadline.
    pub fn keyring(&self) -> TimeBoxed {
        TimeBoxed::new(Arc::clone(&self.keyring), self.keyring_timeout)
    }
}

/// The outcome of a search: the token (if any) and notes on sources that were skipped.
#[derive(Debug, Clone, Default)]
pub struct TokenSearch {
    /// The token and where it came from; None when no source had one.
    pub found: Option<(ApiToken, TokenSource)>,
    /// e.g. "keyring: the keyring did not answer within 1500 ms" — for status and doctor.
    pub notes: Vec<String>,
}

/// Looks for the token of profile `account` in every source, in order.
pub fn find_token(
    sources: &TokenSources,
    account: &str,
    profile: &Profile,
    config_path: &Path,
) -> Result<TokenSearch, TokenError> {
    let mut search = TokenSearch::default();
    if profile.token.is_some()
        && let Err(error) = check_private(config_path)
    {
        // Not fatal while another source wins, but the file still exposes a token: say so.
        search.notes.push(error.to_string());
    }
    if let Some(token) = sources.env_token.as_deref().map(ApiToken::new)
        && !token.is_empty()
    {
        search.found = Some((token, TokenSource::Environment));
        return Ok(search);
    }
    if let Some(command) = &profile.token_command {
        let token = run_token_command(command, sources.command_timeout)?;
        search.found = Some((token, TokenSource::Command));
        return Ok(search);
    }
    match sources.keyring().get(account) {
        Ok(Some(secret)) if !ApiToken::new(secret.as_str()).is_empty() => {
            search.found = Some((ApiToken::new(secret), TokenSource::Keyring));
            return Ok(search);
        }
        Ok(_) => {}
        Err(error) => search.notes.push(format!("keyring: {error}")),
    }
    if let Some(secret) = &profile.token {
        check_private(config_path)?;
        let token = ApiToken::new(secret.expose());
        if !token.is_empty() {
            search.found = Some((token, TokenSource::ConfigFile));
        }
    }
    Ok(search)
}

/// Refuses a file that group or others can read (Unix); elsewhere there is nothing to check.
pub fn check_private(path: &Path) -> Result<(), TokenError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(metadata) = std::fs::metadata(path) {
            let mode = metadata.permissions().mode() & 0o777;
            let who = match (mode & 0o040 != 0, mode & 0o004 != 0) {
                (true, true) => Some("group and others"),
                (true, false) => Some("its group"),
                (false, true) => Some("others"),
                (false, false) => None,
            };
            if let Some(who) = who {
                return Err(TokenError::FileTooOpen {
                    path: path.display().to_string(),
                    who,
                    mode,
                });
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Runs `command` through `sh -c` and returns the first non-empty line of its stdout, trimmed, as
/// the token. It is killed after
/// `timeout`. On failure the message carries its exit status and stderr, never its stdout.
pub fn run_token_command(command: &str, timeout: Duration) -> Result<ApiToken, TokenError> {
    let fail = |problem: String| TokenError::Command {
        command: crate::text::safe_line(command).into_owned(),
        problem,
    };
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command);
    let finished = run_captured(shell, timeout).map_err(|problem| fail(problem.to_string()))?;
    if !finished.status.success() {
        let err = finished.stderr.trim();
        let said = if err.is_empty() {
            String::new()
        } else {
            format!(": {}", crate::text::safe_block(&truncate(err, 400)))
        };
        return Err(fail(format!("failed ({})", finished.status) + &said));
    }
    // `pass show` prints the secret on its first line and may add `login: …` lines after it.
    let printed = String::from_utf8_lossy(&finished.stdout).into_owned();
    let first_line = printed.lines().find(|line| !line.trim().is_empty());
    let token = ApiToken::new(first_line.unwrap_or_default());
    if token.is_empty() {
        return Err(fail("printed nothing on stdout".to_string()));
    }
    Ok(token)
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

/// A keyring outcome for messages (used by `doctor`).
pub fn describe_keyring_probe(outcome: &Result<Option<String>, KeyringError>) -> String {
    match outcome {
        Ok(Some(_)) => "reachable, a token is stored".to_string(),
        Ok(None) => "reachable, no token stored".to_string(),
        Err(error) => error.to_string(),
    }
}
