//! The HTTP connection pool behind a [`Client`](super::Client), built when the first request goes
//! out rather than when the client is made: for an `https://` URL, building it loads the system's
//! certificate store (milliseconds at start-up that the first frame never needs); for an `http://`
//! URL (the simulator, a loopback proxy) no certificate store is loaded at all.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::error::ApiError;

/// How the pool is to be built, and the pool once it is. Clones share one pool.
#[derive(Clone)]
pub struct LazyHttp {
    settings: HttpSettings,
    pool: Arc<OnceLock<Result<reqwest::Client, String>>>,
}

#[derive(Clone, Copy)]
struct HttpSettings {
    connect_timeout: Duration,
    request_timeout: Duration,
    /// True for an `https://` base URL: certificates are verified against the system's roots.
    verifies_certificates: bool,
}

impl LazyHttp {
    /// A pool for requests to a base URL of `scheme`, built on first use.
    pub fn new(scheme: &str, connect_timeout: Duration, request_timeout: Duration) -> LazyHttp {
        LazyHttp {
            settings: HttpSettings {
                connect_timeout,
                request_timeout,
                verifies_certificates: scheme != "http",
            },
            pool: Arc::new(OnceLock::new()),
        }
    }

    /// True once the pool was built (for checking that building a client loads nothing).
    pub fn is_built(&self) -> bool {
        self.pool.get().is_some()
    }

    /// The pool, built now if it was not yet.
    pub fn get(&self) -> Result<&reqwest::Client, ApiError> {
        self.pool
            .get_or_init(|| build(self.settings))
            .as_ref()
            .map_err(|message| ApiError::Setup(message.clone()))
    }
}

fn build(settings: HttpSettings) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .user_agent(concat!("genius/", env!("CARGO_PKG_VERSION")))
        // A followed 301/302 turns a POST into a GET without its body: the write is lost while
        // the answer looks like a success. A redirect is reported instead (see `send_once`).
        .redirect(reqwest::redirect::Policy::none());
    if !settings.verifies_certificates {
        // Plain HTTP never verifies a certificate: an empty set of roots instead of the system's
        // store. (A redirect to https is not followed, so none is ever needed.)
        builder = builder.tls_certs_only(Vec::new());
    }
    builder
        .build()
        .map_err(|e| format!("the HTTP client could not start: {e}"))
}
