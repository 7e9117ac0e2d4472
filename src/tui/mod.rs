//! The interactive terminal UI (stub: the TUI issue fills this in).

pub mod theme;
pub mod work;

use crate::cli::{DemoArgs, GlobalArgs};

/// Opens the TUI on the embedded demo account.
pub async fn run_demo(_args: DemoArgs, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("the TUI is not built yet")
}

/// Opens the TUI on the configured account, optionally straight on a lookup.
pub async fn run_live(_query: Option<String>, _global: &GlobalArgs) -> anyhow::Result<()> {
    anyhow::bail!("the TUI is not built yet")
}
