//! What every request of one running simulator shares — the store, the rate limiter, the fault
//! switch, the counters, the shutdown signal — and the context a handler is called with.

use std::sync::{Mutex, MutexGuard};

use tokio::sync::watch;

use super::control::{Faults, Stats};
use super::input::Body;
use super::rate_limit::RateLimiter;
use super::reply::SimError;
use super::store::Store;

/// The shared state of one simulator.
#[derive(Debug)]
pub struct SimState {
    store: Mutex<Store>,
    pub limiter: Option<RateLimiter>,
    /// True when the `/__sim/` control endpoints (and faults) are enabled.
    pub control: bool,
    pub faults: Faults,
    pub stats: Stats,
    /// Turns true when the simulator shuts down (releases hanging requests).
    pub shutdown: watch::Receiver<bool>,
}

impl SimState {
    /// State around a loaded store.
    pub fn new(
        store: Store,
        rate_limit: Option<u32>,
        control: bool,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        SimState {
            store: Mutex::new(store),
            limiter: rate_limit.map(RateLimiter::new),
            control,
            faults: Faults::default(),
            stats: Stats::default(),
            shutdown,
        }
    }

    /// The store, locked. A handler that panicked cannot leave it half-changed in a way that matters
    /// more than losing the simulator, so a poisoned lock is simply taken over.
    pub fn lock_store(&self) -> MutexGuard<'_, Store> {
        match self.store.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
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
}

impl Ctx<'_> {
    /// The JSON body (POST and PUT).
    pub fn json_body(&self) -> Result<Body, SimError> {
        Body::parse(self.content_type, self.body)
    }

    /// The query-string parameters (GET and DELETE).
    pub fn query_params(&self) -> Body {
        Body::from_query(self.query.clone())
    }
}
