//! Test-only controls, served under `/__sim/` when the simulator runs with `--control` (never by
//! default, and without authentication): inject a fault into every API answer — a JSON 500, an HTML
//! 502 from a "proxy", or a request accepted and never answered — and read request counters.
//!
//! `POST /__sim/fault {"mode": "none"|"error500"|"hang"|"html502", "writes_only": bool}`
//! `GET /__sim/stats[?token=T]` → `{"contacts": N, "requests": N, "rate_limited": N, "hanging": N}` for
//! the token's account (default `demo-token`). `requests` counts every API request that carried the
//! token, including those refused by the rate limiter, a fault or the plan; `rate_limited` counts the 429s among
//! them; `hanging` is the number of requests (of any token) held by a `hang` fault right now.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::reply::SimError;

/// What goes wrong with API requests while a fault is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Requests are answered normally.
    #[default]
    None,
    /// 500 SERVER_ERROR in the JSON error envelope.
    Error500,
    /// The request is accepted and never answered, until the fault is cleared (then it is served
    /// normally) or the simulator shuts down (503). A request whose client gives up meanwhile (closes
    /// the connection) is dropped unapplied: a hung write never happens later behind a test's back.
    Hang,
    /// 502 with an HTML body, as a misbehaving proxy sends.
    Html502,
}

/// The fault in force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What goes wrong.
    pub mode: FaultMode,
    /// Only writes (POST, PUT, DELETE) are affected; lookups are answered normally.
    #[serde(default)]
    pub writes_only: bool,
}

/// The fault switch, shared by every request.
#[derive(Debug)]
pub struct Faults {
    current: watch::Sender<Fault>,
    hanging: AtomicUsize,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            current: watch::Sender::new(Fault::default()),
            hanging: AtomicUsize::new(0),
        }
    }
}

/// Counts a request as hanging for as long as it lives — including when hyper drops it because the
/// client went away.
struct HangingGuard<'a>(&'a AtomicUsize);

impl<'a> HangingGuard<'a> {
    fn enter(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        HangingGuard(counter)
    }
}

impl Drop for HangingGuard<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Faults {
    /// The number of requests a `hang` fault holds right now.
    pub fn hanging(&self) -> usize {
        self.hanging.load(Ordering::SeqCst)
    }

    /// Sets the fault; requests hanging under a previous `hang` are released when it is lifted.
    pub fn set(&self, fault: Fault) {
        self.current.send_replace(fault);
    }

    /// The answer a fault imposes on a request, or `None` to serve it normally. A `hang` waits here
    /// until the fault changes or `shutdown` turns true.
    pub async fn intercept(
        &self,
        is_write: bool,
        mut shutdown: watch::Receiver<bool>,
    ) -> Option<Response> {
        let mut fault = self.current.subscribe();
        loop {
            let now = *fault.borrow_and_update();
            if now.writes_only && !is_write {
                return None;
            }
            match now.mode {
                FaultMode::None => return None,
                FaultMode::Error500 => {
                    return Some(
                        SimError::server_error("simulated server error (fault injected)")
                            .into_response(),
                    );
                }
                FaultMode::Html502 => return Some(html_bad_gateway()),
                FaultMode::Hang => {
                    // Look again once the fault changes; answer only if the simulator stops.
                    let _hanging = HangingGuard::enter(&self.hanging);
                    let fault_changed = tokio::select! {
                        changed = fault.changed() => changed.is_ok(),
                        _ = shutdown.wait_for(|stop| *stop) => false,
                    };
                    if !fault_changed {
                        return Some(shutting_down());
                    }
                }
            }
        }
    }
}

fn html_bad_gateway() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
    )
        .into_response()
}

fn shutting_down() -> Response {
    let mut error = SimError::server_error("the simulator is shutting down");
    error.status = StatusCode::SERVICE_UNAVAILABLE;
    error.into_response()
}

/// Request counters, one pair per account (requests with a token no account has are not counted:
/// nothing a caller sends can add an entry).
#[derive(Debug)]
pub struct Stats {
    by_account: Vec<AccountCounters>,
}

#[derive(Debug, Default)]
struct AccountCounters {
    requests: AtomicU64,
    rate_limited: AtomicU64,
}

/// The counters of one account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// API requests that carried the account's token, whatever their answer.
    pub requests: u64,
    /// Those answered 429.
    pub rate_limited: u64,
}

impl Stats {
    /// Zeroed counters for `accounts` accounts.
    pub fn new(accounts: usize) -> Self {
        Stats {
            by_account: (0..accounts).map(|_| AccountCounters::default()).collect(),
        }
    }

    /// Counts a request that carried the token of `account`.
    pub fn count_request(&self, account: usize) {
        if let Some(counters) = self.by_account.get(account) {
            counters.requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a request of `account` refused by the rate limiter.
    pub fn count_rate_limited(&self, account: usize) {
        if let Some(counters) = self.by_account.get(account) {
            counters.rate_limited.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The counters of `account`.
    pub fn of(&self, account: usize) -> Counters {
        self.by_account
            .get(account)
            .map(|c| Counters {
                requests: c.requests.load(Ordering::Relaxed),
                rate_limited: c.rate_limited.load(Ordering::Relaxed),
            })
            .unwrap_or_default()
    }
}
