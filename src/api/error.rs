//! The one error type of the API client. It keeps what the server said (HTTP status, the API's
//! `code` and `error` message) and says, in words fit for a salesperson, what went wrong — including
//! whether a write that failed half-way may still have been applied.

use std::time::Duration;

/// Everything that can go wrong talking to the Contact API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with the API's JSON error envelope (or at least a JSON body) and a non-2xx status.
    #[error("{}", describe_api_failure(*.status, .code.as_deref(), .message))]
    Api {
        status: u16,
        code: Option<String>,
        message: String,
    },
    /// 429 Too Many Requests, still after every allowed retry.
    #[error("rate-limited by the server: gave up after {attempts} tries{}", retry_hint(*.retry_after))]
    RateLimited {
        attempts: u32,
        retry_after: Option<Duration>,
    },
    /// No answer in time. For a write that is not safe to repeat, the server may have applied it.
    #[error("the server did not answer within {}{}", whole_seconds(*.after), maybe_applied_suffix(*.maybe_applied))]
    Timeout {
        after: Duration,
        maybe_applied: bool,
    },
    /// The connection could not be made, or broke before an answer arrived.
    #[error("{message}{}", maybe_applied_suffix(*.maybe_applied))]
    Network {
        message: String,
        maybe_applied: bool,
    },
    /// The body was not JSON (an HTML error page from a proxy, say).
    #[error("the server answered {status} {reason} (not JSON)")]
    NotJson { status: u16, reason: String },
    /// The body was JSON but not of the documented shape.
    #[error("the server's answer could not be read: {0}")]
    Decode(String),
    /// The request could not even be built (a bad base URL, say).
    #[error("{0}")]
    Setup(String),
}

/// Broad classes of failure, for choosing an exit code or a screen reaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    /// A write may or may not have been applied (timeout or broken connection mid-request).
    MaybeApplied,
    Timeout,
    Network,
    Server,
    Other,
}

impl ApiError {
    /// The class of this failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Api { status, .. } => match status {
                400 | 405 | 422 => ErrorKind::BadRequest,
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                429 => ErrorKind::RateLimited,
                500..=599 => ErrorKind::Server,
                _ => ErrorKind::Other,
            },
            ApiError::RateLimited { .. } => ErrorKind::RateLimited,
            ApiError::Timeout {
                maybe_applied: true,
                ..
            }
            | ApiError::Network {
                maybe_applied: true,
                ..
            } => ErrorKind::MaybeApplied,
            ApiError::Timeout { .. } => ErrorKind::Timeout,
            ApiError::Network { .. } => ErrorKind::Network,
            ApiError::NotJson { .. } | ApiError::Decode(_) => ErrorKind::Server,
            ApiError::Setup(_) => ErrorKind::Other,
        }
    }

    /// The HTTP status the server answered, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. } | ApiError::NotJson { status, .. } => Some(*status),
            ApiError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// The server's own message (the `error` field), when there is one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Api { message, .. } if !message.is_empty() => Some(message),
            _ => None,
        }
    }

    /// True when a write may have reached the server although no answer confirmed it.
    pub fn maybe_applied(&self) -> bool {
        self.kind() == ErrorKind::MaybeApplied
    }
}

fn describe_api_failure(status: u16, code: Option<&str>, message: &str) -> String {
    let said = if message.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", message.trim())
    };
    match status {
        400 => format!("the server refused the request{said}"),
        401 => format!("the API token was rejected{said}"),
        403 => format!("your plan has no API access (Starter, Pro or Business needed){said}"),
        404 => {
            if said.is_empty() {
                "not found".to_string()
            } else {
                message.trim().to_string()
            }
        }
        405 => format!("the server does not allow this method here{said}"),
        429 => format!("rate-limited by the server{said}"),
        500..=599 => format!("the server failed ({status}){said}"),
        _ => match code {
            Some(code) => format!("the server answered {status} {code}{said}"),
            None => format!("the server answered {status}{said}"),
        },
    }
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("; it asks to wait {}", whole_seconds(wait)),
        None => String::new(),
    }
}

fn maybe_applied_suffix(maybe_applied: bool) -> &'static str {
    if maybe_applied {
        " — the change may or may not have been saved"
    } else {
        ""
    }
}

/// "3 s", rounding up so a 2.1 s wait is never shown as "2 s".
pub fn whole_seconds(duration: Duration) -> String {
    let secs = duration.as_secs() + u64::from(duration.subsec_nanos() > 0);
    format!("{secs} s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_plain_words() {
        let unauthorized = ApiError::Api {
            status: 401,
            code: Some("UNAUTHORIZED".into()),
            message: "Invalid token".into(),
        };
        assert_eq!(
            unauthorized.to_string(),
            "the API token was rejected: Invalid token"
        );
        let proxy = ApiError::NotJson {
            status: 502,
            reason: "Bad Gateway".into(),
        };
        assert_eq!(
            proxy.to_string(),
            "the server answered 502 Bad Gateway (not JSON)"
        );
        let timeout = ApiError::Timeout {
            after: Duration::from_millis(2500),
            maybe_applied: true,
        };
        assert_eq!(
            timeout.to_string(),
            "the server did not answer within 3 s — the change may or may not have been saved"
        );
        assert_eq!(timeout.kind(), ErrorKind::MaybeApplied);
    }
}
