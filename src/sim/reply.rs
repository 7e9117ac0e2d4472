//! The API's two envelopes as HTTP responses: success `{"success": true, "message", "data"}` and
//! error `{"success": false, "error", "code"}`. Every answer the simulator gives goes through here,
//! so no path can produce an empty or HTML body.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer: its HTTP status, the API's `code`, and a message naming the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl SimError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        SimError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400 BAD_REQUEST: a missing or invalid parameter, named in the message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
    }

    /// 401 UNAUTHORIZED: no token, or not a Bearer token.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message)
    }

    /// 401 AUTH_ERROR: a Bearer token that opens no account.
    pub fn auth_error(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "AUTH_ERROR", message)
    }

    /// 403 FORBIDDEN: a valid token whose plan has no API access.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "FORBIDDEN", message)
    }

    /// 404 NOT_FOUND: an unknown contact or path.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", message)
    }

    /// 405 METHOD_NOT_ALLOWED: a known path asked with a method it does not support.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            message,
        )
    }

    /// 429 RATE_LIMITED (the `Retry-After` header is added by the rate limiter).
    pub fn rate_limited(message: impl Into<String>) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", message)
    }

    /// 500 SERVER_ERROR.
    pub fn server_error(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "SERVER_ERROR", message)
    }
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for SimError {}

#[derive(Serialize)]
struct ErrorEnvelope<'a> {
    success: bool,
    error: &'a str,
    code: &'a str,
}

impl IntoResponse for SimError {
    fn into_response(self) -> Response {
        let body = ErrorEnvelope {
            success: false,
            error: &self.message,
            code: self.code,
        };
        (self.status, Json(body)).into_response()
    }
}

#[derive(Serialize)]
struct SuccessEnvelope<'a, T: Serialize> {
    success: bool,
    message: &'a str,
    data: T,
}

/// A success answer with the given status (200 or 201), message and data.
pub fn success<T: Serialize>(status: StatusCode, message: &str, data: T) -> Response {
    let body = SuccessEnvelope {
        success: true,
        message,
        data,
    };
    (status, Json(body)).into_response()
}

/// A 200 success answer.
pub fn ok<T: Serialize>(message: &str, data: T) -> Response {
    success(StatusCode::OK, message, data)
}
