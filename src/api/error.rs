//! The one error type of the API client. It keeps what the server said (HTTP status, the API's
//! `code` and `error` message) and says, in words fit for a salesperson, what went wrong — including
//! whether a write that failed half-way may still have been applied.

use std::time::Duration;

use crate::text::safe_line;

/// Everything that can go wrong talking to the Contact API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with the API's JSON error envelope (or at least a JSON body) and a
    /// non-2xx status, or `"success": false` with an error `code`. `message` is the server's, verbatim.
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
    /// 429 Too Many Requests, still when the client's whole rate-limit waiting budget was spent.
    #[error(
        "still rate-limited after {}: the server kept answering 429 (--max-wait sets how long to wait)",
        whole_seconds(*.waited)
    )]
    RateLimitWaitExceeded { waited: Duration },
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
    /// The body was not JSON (an HTML error page from a proxy, an empty body, say).
    #[error("{}", describe_not_json(*.status, .reason))]
    NotJson { status: u16, reason: String },
    /// The server said "success" but its reply is not of the documented shape (no `data`, a contact
    /// without a uid, an answer about another contact…): nothing in it is believed.
    #[error(
        "the server's reply was not what the API documents: {what}{}",
        if *.write { " — the change may have been saved: look before trying again" } else { "" }
    )]
    Undocumented { what: String, write: bool },
    /// A 3xx: the client never follows one (a POST turned into a GET would lose its body and the
    /// write). `location` is where the server pointed, without credentials or query; `base_url` the
    /// base URL that location implies, when it can be told.
    #[error("{}", describe_redirect(*.status, .location.as_deref(), .base_url.as_deref()))]
    Redirected {
        status: u16,
        location: Option<String>,
        base_url: Option<String>,
    },
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
    /// The class of this failure. The API's `code` decides when it is one of the documented codes,
    /// else the HTTP status does.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Api { status, code, .. } => api_kind(*status, code.as_deref()),
            ApiError::RateLimited { .. } | ApiError::RateLimitWaitExceeded { .. } => {
                ErrorKind::RateLimited
            }
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
            // A page that is not the API's JSON tells the status and nothing else. A 404 page is not
            // "no such contact": a wrong base URL answers every request that way.
            ApiError::NotJson { status: 401, .. } => ErrorKind::Unauthorized,
            ApiError::NotJson { status: 403, .. } => ErrorKind::Forbidden,
            ApiError::NotJson { .. }
            | ApiError::Undocumented { .. }
            | ApiError::Redirected { .. } => ErrorKind::Server,
            ApiError::Setup(_) => ErrorKind::Other,
        }
    }

    /// The HTTP status the server answered, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. }
            | ApiError::NotJson { status, .. }
            | ApiError::Redirected { status, .. } => Some(*status),
            ApiError::RateLimited { .. } | ApiError::RateLimitWaitExceeded { .. } => Some(429),
            _ => None,
        }
    }

    /// The server's own message (the `error` field), verbatim, when there is one.
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

/// The class the API's documented error `code` names, if it is one of them (any case).
pub fn kind_of_code(code: &str) -> Option<ErrorKind> {
    match code.trim().to_ascii_uppercase().as_str() {
        "AUTH_ERROR" | "UNAUTHORIZED" => Some(ErrorKind::Unauthorized),
        "FORBIDDEN" => Some(ErrorKind::Forbidden),
        "NOT_FOUND" => Some(ErrorKind::NotFound),
        "BAD_REQUEST" | "METHOD_NOT_ALLOWED" => Some(ErrorKind::BadRequest),
        "SERVER_ERROR" => Some(ErrorKind::Server),
        // Not in the reference's list, but what its rate limiter (and the simulator) sends.
        "RATE_LIMITED" | "TOO_MANY_REQUESTS" => Some(ErrorKind::RateLimited),
        _ => None,
    }
}

fn api_kind(status: u16, code: Option<&str>) -> ErrorKind {
    if let Some(kind) = code.and_then(kind_of_code) {
        return kind;
    }
    match status {
        400 | 405 | 422 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Other,
    }
}

/// The longest server message quoted in an error; a longer one is left out (it is a page, not a
/// sentence).
const LONGEST_QUOTE: usize = 200;

/// The server's message fit to quote: short, trimmed, and made safe (it is untrusted text).
fn quotable(message: &str) -> Option<String> {
    let trimmed = message.trim();
    if trimmed.is_empty() || trimmed.chars().count() > LONGEST_QUOTE {
        return None;
    }
    Some(safe_line(trimmed).into_owned())
}

fn describe_api_failure(status: u16, code: Option<&str>, message: &str) -> String {
    let quoted = quotable(message);
    let said = quoted
        .as_deref()
        .map(|text| format!(": {text}"))
        .unwrap_or_default();
    let method_refused = status == 405
        || code.is_some_and(|code| code.trim().eq_ignore_ascii_case("METHOD_NOT_ALLOWED"));
    match api_kind(status, code) {
        ErrorKind::BadRequest if method_refused => {
            format!("the server does not allow this method here{said}")
        }
        ErrorKind::BadRequest => format!("the server refused the request{said}"),
        ErrorKind::Unauthorized => format!("the API token was rejected{said}"),
        ErrorKind::Forbidden => {
            format!("your plan has no API access (Starter, Pro or Business needed){said}")
        }
        ErrorKind::NotFound => quoted.unwrap_or_else(|| "not found".to_string()),
        ErrorKind::RateLimited => format!("rate-limited by the server{said}"),
        ErrorKind::Server if (500..=599).contains(&status) => {
            format!("the server failed ({status}){said}")
        }
        ErrorKind::Server => format!("the server reported a failure ({status}){said}"),
        _ => match code.and_then(quotable) {
            Some(code) => format!("the server answered {status} {code}{said}"),
            None => format!("the server answered {status}{said}"),
        },
    }
}

fn describe_not_json(status: u16, reason: &str) -> String {
    let answered = format!("the server answered {status} {reason} (not JSON)");
    match status {
        401 => format!("{answered}: the token was rejected, or something in between wants a login"),
        403 => format!("{answered}: access was refused"),
        404 => format!("{answered}: check --base-url"),
        _ => answered,
    }
}

fn describe_redirect(status: u16, location: Option<&str>, base_url: Option<&str>) -> String {
    match (location, base_url) {
        (Some(location), Some(base)) => {
            format!("the server redirected to {location}: set --base-url to {base}")
        }
        (Some(location), None) => {
            format!("the server redirected to {location}: set --base-url to it")
        }
        (None, _) => format!(
            "the server answered {status} (a redirect) without a usable address: check --base-url"
        ),
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

    #[test]
    fn the_documented_code_decides_the_kind_whatever_the_status() {
        let api = |status: u16, code: &str| ApiError::Api {
            status,
            code: Some(code.into()),
            message: String::new(),
        };
        assert_eq!(api(200, "NOT_FOUND").kind(), ErrorKind::NotFound);
        assert_eq!(api(400, "AUTH_ERROR").kind(), ErrorKind::Unauthorized);
        assert_eq!(api(200, "unauthorized").kind(), ErrorKind::Unauthorized);
        assert_eq!(api(200, "FORBIDDEN").kind(), ErrorKind::Forbidden);
        assert_eq!(api(500, "BAD_REQUEST").kind(), ErrorKind::BadRequest);
        assert_eq!(api(200, "METHOD_NOT_ALLOWED").kind(), ErrorKind::BadRequest);
        assert_eq!(api(200, "SERVER_ERROR").kind(), ErrorKind::Server);
        assert_eq!(api(404, "SOMETHING_NEW").kind(), ErrorKind::NotFound);
        assert_eq!(api(409, "SOMETHING_NEW").kind(), ErrorKind::Other);
        assert_eq!(
            api(200, "METHOD_NOT_ALLOWED").to_string(),
            "the server does not allow this method here"
        );
        assert_eq!(
            api(200, "SERVER_ERROR").to_string(),
            "the server reported a failure (200)"
        );
    }

    #[test]
    fn a_server_message_is_quoted_only_when_short_and_always_made_safe() {
        let said = |message: String| {
            ApiError::Api {
                status: 400,
                code: Some("BAD_REQUEST".into()),
                message,
            }
            .to_string()
        };
        assert_eq!(
            said("bad\u{1b}]0;x\u{7}".into()),
            "the server refused the request: bad\u{241b}]0;x\u{2407}"
        );
        assert_eq!(said("é".repeat(201)), "the server refused the request");
        assert_eq!(said("   ".into()), "the server refused the request");
    }

    #[test]
    fn pages_that_are_not_json_say_what_their_status_means() {
        let page = |status: u16, reason: &str| ApiError::NotJson {
            status,
            reason: reason.into(),
        };
        assert_eq!(page(401, "Unauthorized").kind(), ErrorKind::Unauthorized);
        assert_eq!(page(403, "Forbidden").kind(), ErrorKind::Forbidden);
        assert_eq!(page(404, "Not Found").kind(), ErrorKind::Server);
        assert!(page(404, "Not Found").to_string().contains("--base-url"));
        let redirect = ApiError::Redirected {
            status: 301,
            location: Some("https://api.example/api/contact".into()),
            base_url: Some("https://api.example".into()),
        };
        assert_eq!(
            redirect.to_string(),
            "the server redirected to https://api.example/api/contact: set --base-url to https://api.example"
        );
        let waited = ApiError::RateLimitWaitExceeded {
            waited: Duration::from_secs(60),
        };
        assert!(
            waited
                .to_string()
                .starts_with("still rate-limited after 60 s")
        );
        assert_eq!(waited.kind(), ErrorKind::RateLimited);
    }
}
