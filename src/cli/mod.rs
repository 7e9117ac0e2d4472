//! The command line's definition (clap): the global flags every mode understands and the
//! subcommands, with their `--help` text. These types are read only by the binary's dispatch,
//! which turns them into the plain values the library takes ([`GlobalArgs::selection`],
//! [`GlobalArgs::look`], `into_task`, `SimOptions::from`); no library function takes a clap type.

pub mod account;
pub mod script;
pub mod serve;
pub mod shell;
pub mod work;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::config::Selection;
use crate::tui::Look;

/// Exit codes, shown in `--help` and relied on by scripts.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  ok
  1  usage error (bad arguments or input)
  2  not found
  3  token rejected, or the plan has no API access
  4  rate-limited, still after retries or --max-wait
  5  network or server error
  6  the write may or may not have been applied (timeout)";

/// genius — a keyboard-first terminal client for the 8M Genius Contact API.
#[derive(Debug, Parser)]
#[command(name = "genius", version, about, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// A uid, email or phone to open straight away in the TUI.
    pub query: Option<String>,
}

/// Flags every mode understands.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// The API's base URL [default: the profile's, else https://contact-api.8mgenius.com.br].
    #[arg(long, env = "GENIUS_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Which account profile of the config file to use.
    #[arg(long, env = "GENIUS_PROFILE", global = true)]
    pub profile: Option<String>,

    /// The config file [default: config.toml in the platform's config directory].
    #[arg(long, env = "GENIUS_CONFIG", global = true)]
    pub config: Option<PathBuf>,

    /// Log verbosity: error, warn, info, debug or trace.
    #[arg(long, global = true)]
    pub log_level: Option<String>,

    /// Draw with plain ASCII instead of Unicode box drawing.
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Mask emails, phones and addresses on screen (for screen-sharing).
    #[arg(long, global = true)]
    pub privacy: bool,

    /// The longest a command waits, in all, for the API's rate limit to let it through, in seconds;
    /// then it exits 4 [default: the profile's max_wait, else 60]. Import and apply pace themselves.
    #[arg(long, env = "GENIUS_MAX_WAIT", global = true, value_name = "SECONDS",
          value_parser = parse_max_wait)]
    pub max_wait: Option<Duration>,
}

impl GlobalArgs {
    /// What the flags choose of the configuration: the file, the profile, and the profile
    /// settings they override.
    pub fn selection(&self) -> Selection {
        Selection {
            config_path: self.config.clone(),
            profile: self.profile.clone(),
            base_url: self.base_url.clone(),
            max_wait: self.max_wait,
        }
    }

    /// How the TUI draws: `--ascii` and `--privacy`.
    pub fn look(&self) -> Look {
        Look {
            ascii: self.ascii,
            privacy: self.privacy,
        }
    }
}

/// `--max-wait` as a duration, or why it is not one.
fn parse_max_wait(text: &str) -> Result<Duration, String> {
    let seconds = text
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    crate::api::retry::max_wait_from_seconds(seconds)
}

/// What to do; with none, the TUI opens.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Contact API simulator (an HTTP server speaking the documented protocol).
    Serve(serve::ServeArgs),
    /// Open the TUI on the embedded demo account, served by an in-process simulator.
    Demo(DemoArgs),
    /// Work through a list of leads in the TUI (or print what was done on it with --summary).
    Work(work::WorkArgs),
    #[command(flatten)]
    Script(script::ScriptCommand),
    #[command(flatten)]
    Shell(shell::ShellCommand),
    #[command(flatten)]
    Account(account::AccountCommand),
}

/// Options of `genius demo`.
#[derive(Debug, Clone, Default, Args)]
pub struct DemoArgs {
    /// Simulate the API's rate limit at N requests per second.
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,

    /// A uid, email or phone of the demo account to open straight away (e.g. ABC12345).
    pub query: Option<String>,
}
