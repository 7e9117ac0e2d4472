//! Configuration, profiles and token sources (the accounts issue extends this). Today: the base URL
//! from `--base-url`/`GENIUS_BASE_URL` and the token from `GENIUS_TOKEN`.

use std::process::ExitCode;

use clap::Subcommand;

use crate::api::{ApiToken, DEFAULT_BASE_URL};
use crate::cli::GlobalArgs;

/// Where and as whom genius talks to the API.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The profile's name, when one is in use.
    pub profile: Option<String>,
    pub base_url: String,
    /// None when no token source yielded one.
    pub token: Option<ApiToken>,
    /// Where the token came from, for `genius status` ("GENIUS_TOKEN", "keyring", …).
    pub token_source: Option<String>,
    /// No writes at all when true.
    pub read_only: bool,
}

/// Works out the connection from the flags and environment.
pub fn resolve_connection(global: &GlobalArgs) -> anyhow::Result<Connection> {
    let token = std::env::var("GENIUS_TOKEN")
        .ok()
        .map(ApiToken::new)
        .filter(|t| !t.is_empty());
    Ok(Connection {
        profile: global.profile.clone(),
        base_url: global
            .base_url
            .clone()
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        token_source: token.as_ref().map(|_| "GENIUS_TOKEN".to_string()),
        token,
        read_only: false,
    })
}

/// Account and configuration subcommands.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Say which profile and token source are in use (never the token).
    Status,
}

/// Runs an account subcommand.
pub async fn run_account_command(command: AccountCommand, global: &GlobalArgs) -> ExitCode {
    match command {
        AccountCommand::Status => match resolve_connection(global) {
            Ok(connection) => {
                println!("base URL: {}", connection.base_url);
                println!(
                    "token:    {}",
                    connection.token_source.as_deref().unwrap_or("none found")
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("genius: {error:#}");
                ExitCode::from(1)
            }
        },
    }
}
