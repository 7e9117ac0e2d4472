//! The flags of `genius serve`, turned into the simulator's plain [`SimOptions`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::sim::SimOptions;

/// Options of `genius serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,

    /// Allow at most N requests per second per token (bursts of N); past it, 429 with Retry-After.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit: Option<u32>,

    /// Load the accounts from this file instead of the embedded demo (same format as assets/demo-account.json).
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,

    /// Keep the data across restarts: FILE holds a snapshot, FILE.journal-N the changes since (each
    /// on disk before it is acknowledged); loaded if it exists, compacted now and then.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// Enable the test-only /__sim/ endpoints (fault injection, request counters). No authentication.
    #[arg(long)]
    pub control: bool,

    /// Close a connection that sends no request for this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,

    /// Compact the --state journal once it holds this many bytes (default: as large as the
    /// snapshot, at least 16 MiB). For tests.
    #[arg(long, value_name = "BYTES", hide = true)]
    pub compact_after: Option<u64>,
}

impl From<ServeArgs> for SimOptions {
    fn from(args: ServeArgs) -> Self {
        SimOptions {
            addr: args.addr,
            rate_limit: args.rate_limit,
            data: args.data,
            state: args.state,
            control: args.control,
            idle_timeout: Duration::from_secs(args.idle_timeout),
            compact_after: args.compact_after,
        }
    }
}
