//! Non-interactive subcommands for scripts and bulk work (stub: the scripting issue fills this in).

use std::process::ExitCode;

use clap::Subcommand;

use crate::cli::GlobalArgs;

/// The scripting subcommands.
#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// Print a contact.
    Get,
}

/// Runs a scripting subcommand and returns the documented exit code.
pub async fn run(_command: ScriptCommand, _global: &GlobalArgs) -> ExitCode {
    eprintln!("genius: not built yet");
    ExitCode::from(1)
}
