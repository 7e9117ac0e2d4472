//! The flags of the account subcommands (`config path|init`, `login`, `logout`, `status`, `doctor`,
//! `cache clear`), turned into a plain [`Task`].

use clap::{Args, Subcommand, ValueEnum};

use crate::account::{LoginOptions, Task, TokenStore};

/// Account and configuration subcommands.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Show where the config file is, or write a commented example one.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Ask for the API token (hidden input), check it, and store it in the keyring or the config file.
    Login(LoginArgs),
    /// Remove the stored token of the profile from the keyring and the config file.
    Logout,
    /// Say which profile and token source are in use (never the token).
    Status,
    /// Check the config, token, API, terminal, clipboard and keyring; say what to fix.
    Doctor,
    /// Manage the local contact cache.
    Cache {
        #[command(subcommand)]
        command: CacheCommand,
    },
}

/// `genius config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path.
    Path,
    /// Write the commented example config (refuses to overwrite without --force).
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// `genius cache …`
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Delete the cached contacts (of `--profile` only, when given).
    Clear,
}

/// Options of `genius login`.
#[derive(Debug, Clone, Default, Args)]
pub struct LoginArgs {
    /// Store the token without checking it against the API.
    #[arg(long)]
    pub no_check: bool,
    /// Where to keep the token [default: the keyring when reachable, else the config file].
    #[arg(long, value_enum)]
    pub store: Option<TokenStoreArg>,
}

/// Where `genius login` keeps the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenStoreArg {
    /// The OS keyring (on Linux the kernel keyring, which forgets on reboot).
    Keyring,
    /// The config file, rewritten with mode 0600.
    File,
}

impl From<AccountCommand> for Task {
    fn from(command: AccountCommand) -> Self {
        match command {
            AccountCommand::Config {
                command: ConfigCommand::Path,
            } => Task::ConfigPath,
            AccountCommand::Config {
                command: ConfigCommand::Init { force },
            } => Task::ConfigInit { replace: force },
            AccountCommand::Login(args) => Task::Login(LoginOptions {
                check: !args.no_check,
                store: args.store.map(|store| match store {
                    TokenStoreArg::Keyring => TokenStore::Keyring,
                    TokenStoreArg::File => TokenStore::File,
                }),
            }),
            AccountCommand::Logout => Task::Logout,
            AccountCommand::Status => Task::Status,
            AccountCommand::Doctor => Task::Doctor,
            AccountCommand::Cache {
                command: CacheCommand::Clear,
            } => Task::ClearCache,
        }
    }
}
