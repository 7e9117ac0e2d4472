//! Who is asking: the Bearer token of the Authorization header, the account it opens, and whether
//! that account's plan includes API access (Starter, Pro, Business) — 401 or 403 otherwise.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;

use super::reply::SimError;
use super::store::Store;

/// The token of an `Authorization: Bearer TOKEN` header, if the request has one.
pub fn bearer_token(headers: &HeaderMap) -> Result<&str, SimError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Err(SimError::unauthorized(
            "Missing Authorization header: send Authorization: Bearer YOUR_API_TOKEN",
        ));
    };
    let value = value.to_str().unwrap_or_default().trim();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(SimError::unauthorized(
            "The Authorization header must use the Bearer scheme: Authorization: Bearer YOUR_API_TOKEN",
        ));
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(SimError::unauthorized(
            "The Bearer token is empty: send Authorization: Bearer YOUR_API_TOKEN",
        ));
    }
    Ok(token)
}

/// The index of the account the request's token opens, when its plan includes the API. Reads no
/// account data, so it takes no lock.
pub fn authorize(store: &Store, headers: &HeaderMap) -> Result<usize, SimError> {
    let token = bearer_token(headers)?;
    let (account, plan) = store
        .account_for_token(token)
        .ok_or_else(|| SimError::auth_error("Invalid API token"))?;
    if !plan.has_api_access() {
        return Err(SimError::forbidden(format!(
            "Your plan ({}) does not include API access: upgrade to Starter, Pro or Business",
            plan.name()
        )));
    }
    Ok(account)
}
