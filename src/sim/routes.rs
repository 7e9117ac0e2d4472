//! The simulator's HTTP surface: the table of API endpoints (which the OpenAPI test checks against
//! `assets/openapi.json`), the router built from it, and what every API request goes through around
//! its handler — counting, injected faults, authentication, the rate limit, reading the body, and
//! waiting for a change to be on disk. Unknown paths answer 404 NOT_FOUND and known paths asked with
//! another method 405 METHOD_NOT_ALLOWED, both in the JSON error envelope.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, Request};
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, get, post};

use super::auth;
use super::control::Fault;
use super::handlers;
use super::reply::{self, SimError};
use super::state::{Ctx, SimState};
use super::store::Pending;

/// The OpenAPI description served at `/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../../assets/openapi.json");

/// The largest request body read (a contact with a long note fits many times over).
const BODY_LIMIT: usize = 1024 * 1024;

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    /// The method's name, upper case.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Delete => "DELETE",
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Put => MethodFilter::PUT,
            Verb::Delete => MethodFilter::DELETE,
        }
    }
}

/// A handler of one endpoint, called with the authenticated request.
pub type Handler = fn(&Ctx<'_>) -> Result<Response, SimError>;

/// One endpoint of the API.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// The method it answers.
    pub verb: Verb,
    /// Its path, exactly as in the reference.
    pub path: &'static str,
    /// What runs once the request is authenticated.
    pub handler: Handler,
}

/// Every endpoint of the reference, in its order.
pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        verb: Verb::Post,
        path: "/api/contact",
        handler: handlers::create,
    },
    Endpoint {
        verb: Verb::Get,
        path: "/api/contact",
        handler: handlers::get,
    },
    Endpoint {
        verb: Verb::Put,
        path: "/api/contact",
        handler: handlers::update,
    },
    Endpoint {
        verb: Verb::Delete,
        path: "/api/contact",
        handler: handlers::delete,
    },
    Endpoint {
        verb: Verb::Post,
        path: "/api/contact/tag/add",
        handler: handlers::add_tag,
    },
    Endpoint {
        verb: Verb::Post,
        path: "/api/contact/note/add",
        handler: handlers::add_note,
    },
    Endpoint {
        verb: Verb::Put,
        path: "/api/contact/stage",
        handler: handlers::change_stage,
    },
    Endpoint {
        verb: Verb::Put,
        path: "/api/contact/quality",
        handler: handlers::change_quality,
    },
    Endpoint {
        verb: Verb::Put,
        path: "/api/contact/owner",
        handler: handlers::change_owner,
    },
];

/// The path of the OpenAPI document (served without authentication).
pub const OPENAPI_PATH: &str = "/openapi.json";

/// Every (method, path) the router serves besides the test-only `/__sim/` controls: the API's
/// endpoints and the OpenAPI document. The OpenAPI consistency test compares this with the document.
pub fn served_routes() -> Vec<(&'static str, &'static str)> {
    ENDPOINTS
        .iter()
        .map(|e| (e.verb.as_str(), e.path))
        .chain([("GET", OPENAPI_PATH)])
        .collect()
}

/// The test-only control routes (with `--control`).
const CONTROL_ROUTES: &[(&str, &str)] = &[("POST", "/__sim/fault"), ("GET", "/__sim/stats")];

/// The router of a simulator sharing `state`.
pub fn router(state: &Arc<SimState>) -> Router {
    let mut router = Router::new();
    let mut paths: Vec<&'static str> = ENDPOINTS.iter().map(|e| e.path).collect();
    paths.sort_unstable();
    paths.dedup();
    for path in paths {
        let mut methods = MethodRouter::new();
        for endpoint in ENDPOINTS.iter().filter(|e| e.path == path) {
            let state = state.clone();
            methods = methods.on(endpoint.verb.filter(), move |request: Request| {
                dispatch(state, endpoint, request)
            });
        }
        router = router.route(path, methods);
    }
    router = router.route(
        OPENAPI_PATH,
        get(|| async { ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON) }),
    );
    if state.control {
        let (fault_state, stats_state) = (state.clone(), state.clone());
        router = router
            .route(
                "/__sim/fault",
                post(move |body: Bytes| async move { set_fault(&fault_state, &body) }),
            )
            .route(
                "/__sim/stats",
                get(move |request: Request| async move { stats(&stats_state, &request) }),
            );
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Everything an API request goes through: counting, faults, authentication, the rate limit, the
/// body, the handler, and — for a change — the wait until it is on disk. Authentication comes
/// before the rate limit, so a caller without a valid token is told 401 and never spends (or
/// creates) anyone's bucket.
async fn dispatch(state: Arc<SimState>, endpoint: &'static Endpoint, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let known = auth::bearer_token(&parts.headers)
        .ok()
        .and_then(|token| state.store.account_for_token(token));
    if let Some((account, _)) = known {
        state.stats.count_request(account);
    }

    if state.control
        && let Some(answer) = state
            .faults
            .intercept(endpoint.verb != Verb::Get, state.shutdown.clone())
            .await
    {
        return answer;
    }

    let account = match auth::authorize(&state.store, &parts.headers) {
        Ok(account) => account,
        Err(error) => return error.into_response(),
    };
    let decision = state
        .limiter
        .as_ref()
        .map(|limiter| limiter.check(account, Instant::now()));
    let mut response = match decision {
        Some(refused) if !refused.allowed => {
            state.stats.count_rate_limited(account);
            let mut response = SimError::rate_limited(format!(
                "Rate limit exceeded: at most {} requests per second; retry in {} s",
                refused.limit, refused.retry_after_secs
            ))
            .into_response();
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(refused.retry_after_secs),
            );
            response
        }
        _ => serve_endpoint(&state, endpoint, account, parts, body).await,
    };
    tracing::debug!(
        method = endpoint.verb.as_str(),
        path = endpoint.path,
        status = response.status().as_u16(),
        "simulator answered"
    );
    if let Some(decision) = decision {
        let headers = response.headers_mut();
        headers.insert("x-ratelimit-limit", HeaderValue::from(decision.limit));
        headers.insert(
            "x-ratelimit-remaining",
            HeaderValue::from(decision.remaining),
        );
    }
    response
}

async fn serve_endpoint(
    state: &SimState,
    endpoint: &Endpoint,
    account: usize,
    parts: axum::http::request::Parts,
    body: axum::body::Body,
) -> Response {
    let query = match Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
        Ok(Query(pairs)) => pairs,
        Err(_) => return SimError::bad_request("the query string is malformed").into_response(),
    };
    let body = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return SimError::bad_request("the request body is too large or could not be read")
                .into_response();
        }
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap_or("?"));
    let ctx = Ctx::new(state, account, query, content_type, &body);
    let response = match (endpoint.handler)(&ctx) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    match ctx.take_pending() {
        Some(pending) => match durable(state, pending).await {
            Ok(()) => response,
            Err(error) => error.into_response(),
        },
        None => response,
    }
}

/// Waits (off the async threads) until a change is on disk, and starts a compaction in the
/// background when the change made the journal big enough for one.
async fn durable(state: &SimState, pending: Pending) -> Result<(), SimError> {
    if pending.compact {
        let store = state.store.clone();
        tokio::task::spawn_blocking(move || {
            if let Err(error) = store.compact() {
                tracing::error!(error = %format!("{error:#}"), "cannot compact the simulator state");
            }
        });
    }
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || store.sync(pending))
        .await
        .unwrap_or_else(|_| Err(SimError::server_error("the journal sync was interrupted")))
}

async fn not_found(method: Method, uri: axum::http::Uri) -> Response {
    SimError::not_found(format!(
        "Not found: {method} {} is not an endpoint of this API",
        uri.path()
    ))
    .into_response()
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    let allowed: Vec<&str> = served_routes()
        .into_iter()
        .chain(CONTROL_ROUTES.iter().copied())
        .filter(|(_, p)| *p == path)
        .map(|(verb, _)| verb)
        .collect();
    let choices = match allowed.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "another method".to_string(),
    };
    let mut response = SimError::method_not_allowed(format!(
        "Method {method} is not allowed on {path}; use {choices}"
    ))
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&allowed.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

fn set_fault(state: &SimState, body: &[u8]) -> Response {
    match serde_json::from_slice::<Fault>(body) {
        Ok(fault) => {
            state.faults.set(fault);
            reply::ok("Fault set", fault)
        }
        Err(error) => SimError::bad_request(format!(
            "expected {{\"mode\": \"none\"|\"error500\"|\"hang\"|\"html502\", \"writes_only\": bool}}: {error}"
        ))
        .into_response(),
    }
}

fn stats(state: &SimState, request: &Request) -> Response {
    let token = Query::<Vec<(String, String)>>::try_from_uri(request.uri())
        .ok()
        .and_then(|Query(pairs)| pairs.into_iter().find(|(k, _)| k == "token"))
        .map(|(_, token)| token)
        .unwrap_or_else(|| super::DEMO_TOKEN.to_string());
    let (Some(contacts), Some((account, _))) = (
        state.store.contact_count(&token),
        state.store.account_for_token(&token),
    ) else {
        return SimError::not_found("no account has this token").into_response();
    };
    let counters = state.stats.of(account);
    axum::Json(serde_json::json!({
        "contacts": contacts,
        "requests": counters.requests,
        "rate_limited": counters.rate_limited,
        "hanging": state.faults.hanging(),
    }))
    .into_response()
}
