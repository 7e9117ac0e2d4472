//! From the run's configuration to a ready API client: the connection is resolved (profile, base
//! URL, token source), a missing token is a clear exit 3, a read-only profile refuses writes, and the
//! command's rate-limit waiting is bounded (`--max-wait`, `GENIUS_MAX_WAIT`, the profile's
//! `max_wait`, 60 s) and announced on stderr.

use std::time::Duration;

use crate::api::{Client, DEFAULT_MAX_WAIT, RetryPolicy};
use crate::config::{Connection, RunConfig};

use super::bulk::rows::Vocabulary;
use super::failure::{Exit, Failure};

/// The per-request timeout in seconds, for scripts on slow links or tests: `GENIUS_TIMEOUT`.
pub use crate::config::TIMEOUT_ENV;

/// Whether the command only reads, or also writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Works out the connection (profile, base URL, token source); a broken config is a usage error.
pub fn connection(config: &RunConfig) -> Result<Connection, Failure> {
    config
        .connection()
        .map_err(|error| Failure::usage(format!("{error:#}")))
}

/// How long a command may wait, in all, on the rate limit: the connection's `max_wait` (already
/// checked when the config was read), else the default.
pub fn max_wait(connection: &Connection) -> Duration {
    connection
        .profile_settings
        .max_wait
        .and_then(|seconds| crate::api::retry::max_wait_from_seconds(seconds).ok())
        .unwrap_or(DEFAULT_MAX_WAIT)
}

/// Builds the client for a command, or says why it cannot.
pub fn client(config: &RunConfig, access: Access) -> Result<Client, Failure> {
    client_for(connection(config)?, access)
}

/// The account's stage and quality names as the profile lists them, to check bulk rows before they
/// cost a request; a list the profile leaves empty is unknown, and the server judges.
pub fn vocabulary(connection: &Connection) -> Vocabulary {
    let known = |names: &Vec<String>| Some(names.clone()).filter(|names| !names.is_empty());
    Vocabulary {
        stages: known(&connection.profile_settings.stages),
        qualities: known(&connection.profile_settings.qualities),
    }
}

/// Builds the client for a resolved connection.
pub fn client_for(connection: Connection, access: Access) -> Result<Client, Failure> {
    let wait_bound = max_wait(&connection);
    if access == Access::Write && connection.read_only {
        let profile = connection
            .profile
            .as_deref()
            .unwrap_or("the current profile");
        return Err(Failure::usage(format!(
            "{profile} is read-only: this command would change data"
        )));
    }
    let Some(token) = connection.token.clone() else {
        return Err(Failure::new(
            Exit::Auth,
            "no API token: set GENIUS_TOKEN (export GENIUS_TOKEN=…, from your 8M Genius account settings) or configure a profile",
        ));
    };
    let mut config = connection.client_config(token);
    config.retry = RetryPolicy::for_command(wait_bound);
    Client::new(config)
        .map(|client| client.with_rate_limit_observer(super::waiting::rate_limit_notice()))
        .map_err(|error| Failure::new(Exit::of(&error), error.to_string()))
}
