//! What a scripting command failed with, and the documented exit code it maps to. Every subcommand
//! returns `Result<(), Failure>`; `run` prints the message on stderr and exits with the code.

use std::process::ExitCode;

use crate::api::{ApiError, ErrorKind};

/// The exit codes scripts rely on (listed under `genius --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: everything asked was done.
    Ok = 0,
    /// 1: bad arguments or input (including a request the server refused as invalid).
    Usage = 1,
    /// 2: the contact does not exist.
    NotFound = 2,
    /// 3: no token, the token was rejected, or the plan has no API access.
    Auth = 3,
    /// 4: still rate-limited after every retry.
    RateLimited = 4,
    /// 5: the network or the server failed.
    Network = 5,
    /// 6: a write timed out or broke off: it may or may not have been applied.
    MaybeApplied = 6,
    /// 130: stopped by Ctrl-C (the shell's convention for SIGINT).
    Interrupted = 130,
}

impl Exit {
    /// The exit code of an API failure: the API's error `code` when it sent a documented one, else
    /// the HTTP status, also when the body was not JSON.
    pub fn of(error: &ApiError) -> Exit {
        // Scripts read 2 as "HTTP 404"; the kind stays Server so that nothing inside genius takes a
        // misrouted base URL's 404 page for "no such contact".
        if let ApiError::NotJson { status: 404, .. } = error {
            return Exit::NotFound;
        }
        match error.kind() {
            ErrorKind::BadRequest => Exit::Usage,
            ErrorKind::NotFound => Exit::NotFound,
            ErrorKind::Unauthorized | ErrorKind::Forbidden => Exit::Auth,
            ErrorKind::RateLimited => Exit::RateLimited,
            ErrorKind::MaybeApplied => Exit::MaybeApplied,
            // A bad base URL (the only "other" today) is the user's input.
            ErrorKind::Other if matches!(error, ApiError::Setup(_)) => Exit::Usage,
            ErrorKind::Timeout | ErrorKind::Network | ErrorKind::Server | ErrorKind::Other => {
                Exit::Network
            }
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// A failed command: the exit code and the sentence printed on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    /// A failure with its own message.
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
        }
    }

    /// Bad arguments or input.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }

    /// An API failure, with what was being done ("looking up email a@b.c") in front.
    pub fn api(doing: &str, error: &ApiError) -> Failure {
        Failure::new(Exit::of(error), format!("{doing}: {error}"))
    }
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Failure {
        Failure::new(Exit::of(&error), error.to_string())
    }
}

/// The result of a scripting command.
pub type Outcome = Result<(), Failure>;
