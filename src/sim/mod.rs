//! The Contact API simulator: a real HTTP server speaking exactly the documented protocol, run by
//! `genius serve` or in-process (`spawn`) by `genius demo` and the tests.
//!
//! Layout: `server` (connections, idle timeout), `routes` (endpoint table, router, the path every
//! request takes), `handlers` (the ten operations), `input` (parameters and their 400s), `plan`
//! (a request's rules, turning it into a `change`), `book` (one account: lookups, applying
//! changes), `contacts` (the indexed contacts), `view` (answer shapes), `reply` (envelopes),
//! `auth`, `rate_limit`, `control` (test-only faults and counters), `state` (what requests share),
//! `store` (the accounts and their locks), `journal` and `persist` (the `--state` files), `demo`
//! (the account file format and the embedded demo).

pub mod auth;
pub mod book;
pub mod change;
pub mod contacts;
pub mod control;
pub mod demo;
pub mod handlers;
pub mod input;
pub mod journal;
mod persist;
pub mod plan;
pub mod rate_limit;
pub mod reply;
pub mod routes;
mod server;
pub mod state;
pub mod store;
pub mod view;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use state::SimState;
use store::Store;

/// The token of the embedded Pro-plan demo account.
pub const DEMO_TOKEN: &str = "demo-token";
/// The token of the embedded Free-plan account (answers 403: no API access on that plan).
pub const FREE_TOKEN: &str = "free-token";

/// How to run a simulator.
#[derive(Debug, Clone)]
pub struct SimOptions {
    /// Where to listen; port 0 picks a free one ([`RunningSimulator::addr`] tells which).
    pub addr: SocketAddr,
    /// Requests per second per token (bursts of as many); `None` for no limit.
    pub rate_limit: Option<u32>,
    /// An account file to serve instead of the embedded demo.
    pub data: Option<PathBuf>,
    /// A snapshot file keeping the data across restarts, with its journals beside it.
    pub state: Option<PathBuf>,
    /// Serve the test-only `/__sim/` endpoints (faults, counters).
    pub control: bool,
    /// How long a connection may stay without sending a request before it is closed.
    pub idle_timeout: Duration,
    /// The journal size that triggers a compaction (`None`: as large as the snapshot, ≥ 16 MiB).
    pub compact_after: Option<u64>,
}

impl SimOptions {
    /// The embedded demo on a free loopback port, no rate limit, data in memory, controls off.
    pub fn demo() -> Self {
        SimOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            rate_limit: None,
            data: None,
            state: None,
            control: false,
            idle_timeout: Duration::from_secs(30),
            compact_after: None,
        }
    }
}

/// A simulator serving in the background. Dropping it shuts it down too; [`RunningSimulator::shutdown`]
/// also waits until it has stopped.
#[derive(Debug)]
pub struct RunningSimulator {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningSimulator {
    /// The address it listens on (the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the base URL for a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, releases hanging requests, lets answers in flight finish, and waits (at most
    /// a few seconds) for the server to stop.
    pub async fn shutdown(self) {
        self.stop.send_replace(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(Duration::from_secs(5), self.task).await {
            Ok(Ok(Err(error))) => tracing::warn!(%error, "the simulator stopped with an error"),
            Ok(_) => {}
            Err(_) => abort.abort(),
        }
    }
}

/// Starts a simulator; returns once it accepts connections.
pub async fn spawn(options: SimOptions) -> anyhow::Result<RunningSimulator> {
    let (data, state_file, compact_after) = (
        options.data.clone(),
        options.state.clone(),
        options.compact_after,
    );
    // Loading a big account and replaying its journal is blocking work.
    let store = tokio::task::spawn_blocking(move || {
        Store::open(data.as_deref(), state_file.as_deref(), compact_after)
    })
    .await
    .context("loading the simulator's accounts was interrupted")??;
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = watch::channel(false);
    let state = Arc::new(SimState::new(
        store,
        options.rate_limit,
        options.control,
        stopped.clone(),
    ));
    let app = routes::router(&state);
    // A dropped `RunningSimulator` (sender gone) also means stop.
    let task = tokio::spawn(server::serve(listener, app, options.idle_timeout, stopped));
    tracing::info!(%addr, "simulator listening");
    Ok(RunningSimulator { addr, stop, task })
}

/// `genius serve`: runs a simulator until Ctrl-C or SIGTERM, after printing `listening on http://ADDR`.
pub async fn serve(options: SimOptions) -> anyhow::Result<()> {
    let running = spawn(options).await?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on {}", running.base_url())?;
        stdout.flush()?;
    }
    wait_for_stop_signal().await?;
    running.shutdown().await;
    Ok(())
}

#[cfg(unix)]
async fn wait_for_stop_signal() -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).context("cannot watch for SIGTERM")?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.context("cannot watch for Ctrl-C")?,
        _ = terminate.recv() => {}
    }
    Ok(())
}

#[cfg(not(unix))]
async fn wait_for_stop_signal() -> anyhow::Result<()> {
    tokio::signal::ctrl_c()
        .await
        .context("cannot watch for Ctrl-C")
}
