//! Reading one HTTP answer of the Contact API: the JSON envelope unwrapped (a UTF-8 BOM before it
//! tolerated), `"success": true` required before anything counts as done, failures classified by
//! the API's `code` and the HTTP status, a redirect turned into an error naming where it points, and
//! `data` decoded only in its documented shape.

use reqwest::StatusCode;
use serde_json::Value;

use super::client::ApiSuccess;
use super::documented::Documented;
use super::error::{ApiError, kind_of_code};

/// The byte-order mark some servers put before a UTF-8 body; JSON parsers refuse it.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The longest redirect target quoted back; a longer one is not an address anyone would type.
const LONGEST_LOCATION: usize = 300;

/// Decodes `data` of a success envelope into a typed value, refusing a shape the API does not
/// document (no data, an empty object, a contact without a uid, a list where one contact belongs).
pub fn decode_data<T: Documented>(data: Value) -> Result<T, ApiError> {
    T::from_data(&data).map_err(|what| ApiError::Undocumented { what, write: false })
}

/// Unwraps the API's envelope, turning a non-success status or `"success": false` into an error, a
/// body that is not JSON into [`ApiError::NotJson`], and a 2xx that does not say `"success": true`
/// into [`ApiError::Undocumented`]. `write` says whether the request changes data (so an answer
/// that cannot be believed says the change may have happened).
pub fn decode_envelope(
    status: StatusCode,
    bytes: &[u8],
    write: bool,
) -> Result<ApiSuccess, ApiError> {
    let body = without_bom(bytes);
    let Ok(mut parsed) = serde_json::from_slice::<Value>(body) else {
        return Err(not_json(status));
    };
    let text = |key: &str| parsed.get(key).and_then(Value::as_str).map(str::to_string);
    let fields = EnvelopeFields {
        success: parsed.get("success").and_then(success_flag),
        code: text("code"),
        error: text("error"),
        message: text("message"),
    };
    let message = judge(status, fields, write)?;
    Ok(ApiSuccess {
        status: status.as_u16(),
        message,
        data: parsed
            .get_mut("data")
            .map(Value::take)
            .unwrap_or(Value::Null),
    })
}

/// `bytes` without the byte-order mark some servers put before it.
pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// The error of a body that is not JSON at all.
pub(super) fn not_json(status: StatusCode) -> ApiError {
    ApiError::NotJson {
        status: status.as_u16(),
        reason: status.canonical_reason().unwrap_or("").to_string(),
    }
}

/// The envelope's own fields, each as the API documents it (text, a flag), else absent.
pub(super) struct EnvelopeFields {
    pub success: Option<bool>,
    pub code: Option<String>,
    pub error: Option<String>,
    pub message: Option<String>,
}

/// The success message when the envelope says the request succeeded, else the error it stands for.
pub(super) fn judge(
    status: StatusCode,
    fields: EnvelopeFields,
    write: bool,
) -> Result<String, ApiError> {
    let reason = status.canonical_reason().unwrap_or("").to_string();
    let EnvelopeFields {
        success,
        code,
        error,
        message,
    } = fields;
    let failure_message = error.or_else(|| message.clone());
    if !status.is_success() {
        return Err(ApiError::Api {
            status: status.as_u16(),
            code,
            message: failure_message.unwrap_or(reason),
        });
    }
    match success {
        Some(true) => Ok(message.unwrap_or_default()),
        // A failure the API's code explains is that failure, whatever the status says.
        Some(false) if code.as_deref().and_then(kind_of_code).is_some() => Err(ApiError::Api {
            status: status.as_u16(),
            code,
            message: failure_message.unwrap_or_default(),
        }),
        Some(false) => Err(ApiError::Undocumented {
            what: format!(
                "it says the request failed yet its status is {} {reason}, with no documented error code",
                status.as_u16()
            ),
            write: false,
        }),
        None => Err(ApiError::Undocumented {
            what: "it does not say \"success\": true".to_string(),
            write,
        }),
    }
}

/// `success` as the API sends it: a boolean, or (slop) its spelling as text.
pub(super) fn success_flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) if text.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(text) if text.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The error of a 3xx answer to a request sent to `sent_to` for the API path `api_path`. The target
/// is resolved against the request's URL and stripped of credentials, query and fragment (it could
/// carry a secret, or the email looked up); when it ends with the API path, the base URL it implies
/// is given too.
pub fn redirect_error(
    status: StatusCode,
    location: Option<&str>,
    sent_to: &reqwest::Url,
    api_path: &str,
) -> ApiError {
    let target = location
        .and_then(|raw| sent_to.join(raw.trim()).ok())
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .map(|mut url| {
            // Only fails for URLs that cannot have credentials, which then have none to remove.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url
        })
        .filter(|url| url.as_str().len() <= LONGEST_LOCATION);
    let base_url = target
        .as_ref()
        .and_then(|url| implied_base_url(url, api_path));
    ApiError::Redirected {
        status: status.as_u16(),
        location: target.map(String::from),
        base_url,
    }
}

/// `https://new.example/v2` for a redirect to `https://new.example/v2/api/contact` of `/api/contact`.
fn implied_base_url(target: &reqwest::Url, api_path: &str) -> Option<String> {
    let path = target.path().trim_end_matches('/');
    let prefix = path.strip_suffix(api_path.trim_end_matches('/'))?;
    let mut base = target.clone();
    base.set_path(prefix);
    Some(base.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> reqwest::Url {
        reqwest::Url::parse(text).unwrap_or_else(|_| panic!("{text} is a URL"))
    }

    #[test]
    fn a_bom_before_the_json_is_skipped() {
        let body = b"\xEF\xBB\xBF{\"success\":true,\"data\":{\"uid\":\"ABC12345\"}}";
        let success = decode_envelope(StatusCode::OK, body, false).expect("read");
        assert_eq!(success.data["uid"], "ABC12345");
    }

    #[test]
    fn a_2xx_must_say_success() {
        let missing = decode_envelope(StatusCode::OK, br#"{"data":{"uid":"A"}}"#, true);
        assert!(
            matches!(missing, Err(ApiError::Undocumented { write: true, .. })),
            "{missing:?}"
        );
        let refused = decode_envelope(StatusCode::OK, br#"{"success":false,"error":"no"}"#, true);
        assert!(matches!(
            refused,
            Err(ApiError::Undocumented { write: false, .. })
        ));
        let not_found = decode_envelope(
            StatusCode::OK,
            br#"{"success":false,"error":"Contact not found","code":"NOT_FOUND"}"#,
            false,
        );
        assert_eq!(
            not_found.map_err(|e| e.kind()),
            Err(crate::api::ErrorKind::NotFound)
        );
        let empty = decode_envelope(StatusCode::UNAUTHORIZED, b"", false);
        assert_eq!(
            empty.map_err(|e| e.kind()),
            Err(crate::api::ErrorKind::Unauthorized)
        );
    }

    #[test]
    fn a_redirect_names_the_new_place_without_secrets() {
        let sent_to = url("http://old.example/api/contact?email=ana%40example.com");
        let error = redirect_error(
            StatusCode::MOVED_PERMANENTLY,
            Some("https://user:pw@new.example/api/contact?email=ana%40example.com&token=t#x"),
            &sent_to,
            "/api/contact",
        );
        assert_eq!(
            error,
            ApiError::Redirected {
                status: 301,
                location: Some("https://new.example/api/contact".into()),
                base_url: Some("https://new.example".into()),
            }
        );
        let relative = redirect_error(
            StatusCode::TEMPORARY_REDIRECT,
            Some("/v2/api/contact/note/add"),
            &url("http://old.example/api/contact/note/add"),
            "/api/contact/note/add",
        );
        assert_eq!(
            relative.to_string(),
            "the server redirected to http://old.example/v2/api/contact/note/add: set --base-url to http://old.example/v2"
        );
        let elsewhere = redirect_error(
            StatusCode::FOUND,
            Some("https://login.example/sso"),
            &sent_to,
            "/api/contact",
        );
        assert_eq!(
            elsewhere.to_string(),
            "the server redirected to https://login.example/sso: set --base-url to it"
        );
        let nowhere = redirect_error(
            StatusCode::FOUND,
            Some("javascript:alert(1)"),
            &sent_to,
            "/api/contact",
        );
        assert!(
            nowhere.to_string().contains("without a usable address"),
            "{nowhere}"
        );
    }
}
