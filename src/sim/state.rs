//! What every request of one running simulator shares — the store, the rate limiter, the fault
//! switch, the counters, the shutdown signal — and the context a handler is called with.

use std::cell::Cell;
use std::sync::Arc;

use tokio::sync::watch;

use super::control::{Faults, Stats};
use super::input::Body;
use super::rate_limit::RateLimiter;
use super::reply::SimError;
use super::store::{Pending, Store, Writing};

/// The shared state of one simulator.
#[derive(Debug)]
pub struct SimState {
    pub store: Arc<Store>,
    pub limiter: Option<RateLimiter>,
    /// True when the `/__sim/` control endpoints (and faults) are enabled.
    pub control: bool,
    pub faults: Faults,
    pub stats: Stats,
    /// Turns true when the simulator shuts down (releases hanging requests).
    pub shutdown: watch::Receiver<bool>,
}

impl SimState {
    /// State around a loaded store. The limiter and the counters have one slot per account and
    /// none for anything else, so no caller can make them grow.
    pub fn new(
        store: Store,
        rate_limit: Option<u32>,
        control: bool,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let accounts = store.account_count();
        SimState {
            store: Arc::new(store),
            limiter: rate_limit.map(|limit| RateLimiter::new(limit, accounts)),
            control,
            faults: Faults::default(),
            stats: Stats::new(accounts),
            shutdown,
        }
    }
}

/// An authenticated API request, as a handler sees it.
pub struct Ctx<'a> {
    pub state: &'a SimState,
    /// The index of the caller's account in the store.
    pub account: usize,
    pub query: Vec<(String, String)>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    /// The journal append this request's answer must wait for (with `--state`).
    pending: Cell<Option<Pending>>,
}

impl<'a> Ctx<'a> {
    /// The context of a request to `account`.
    pub fn new(
        state: &'a SimState,
        account: usize,
        query: Vec<(String, String)>,
        content_type: Option<&'a str>,
        body: &'a [u8],
    ) -> Self {
        Ctx {
            state,
            account,
            query,
            content_type,
            body,
            pending: Cell::new(None),
        }
    }

    /// The JSON body (POST and PUT).
    pub fn json_body(&self) -> Result<Body, SimError> {
        Body::parse(self.content_type, self.body)
    }

    /// The query-string parameters (GET and DELETE).
    pub fn query_params(&self) -> Body {
        Body::from_query(self.query.clone())
    }

    /// Runs a write on the caller's account (see [`Store::write`]); the answer is held back until
    /// the change is on disk.
    pub fn write<R>(
        &self,
        op: impl FnOnce(&mut Writing<'_>) -> Result<R, SimError>,
    ) -> Result<R, SimError> {
        let written = self.state.store.write(self.account, op)?;
        if written.pending.is_some() {
            self.pending.set(written.pending);
        }
        Ok(written.value)
    }

    /// The journal append to wait for before answering, if the handler made a change.
    pub fn take_pending(&self) -> Option<Pending> {
        self.pending.take()
    }
}
