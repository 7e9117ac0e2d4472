//! The Contact API simulator (stub: the simulator issue fills this in).

use clap::Args;

/// Options of `genius serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: std::net::SocketAddr,
}

/// Runs the simulator until Ctrl-C or SIGTERM.
pub async fn serve(_args: ServeArgs) -> anyhow::Result<()> {
    anyhow::bail!("the simulator is not built yet")
}
