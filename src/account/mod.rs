//! The account subcommands: `config path|init`, `login`, `logout`, `status`, `doctor` and
//! `cache clear`. Each takes a plain [`Task`] and the run's configuration, prints plain lines for a
//! person, never the token, and returns the documented exit code. `login` lives in [`login`],
//! `doctor` in [`doctor`].

pub mod doctor;
pub mod login;

use std::process::ExitCode;

use crate::config::{RunConfig, TokenSources, edit};

pub use login::{LoginOptions, TokenStore};

/// One account subcommand, as plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// Print the config file's path.
    ConfigPath,
    /// Write the commented example config; `replace` overwrites an existing file.
    ConfigInit { replace: bool },
    /// Ask for the token, check it, store it.
    Login(LoginOptions),
    /// Remove the profile's stored token.
    Logout,
    /// Say which profile and token source are in use.
    Status,
    /// Check everything genius needs and say what to fix.
    Doctor,
    /// Delete the cached contacts (of the selected profile only, when one was named).
    ClearCache,
}

/// Runs an account task.
pub async fn run(task: Task, config: &RunConfig) -> ExitCode {
    let outcome = match task {
        Task::ConfigPath => config_path(config),
        Task::ConfigInit { replace } => config_init(config, replace),
        Task::Login(options) => login::run(options, config).await,
        Task::Logout => logout(config),
        Task::Status => status(config),
        Task::Doctor => return doctor::run(config).await,
        Task::ClearCache => clear_cache(config),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("genius: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn config_path(config: &RunConfig) -> anyhow::Result<ExitCode> {
    println!("{}", config.path.display());
    Ok(ExitCode::SUCCESS)
}

fn config_init(config: &RunConfig, replace: bool) -> anyhow::Result<ExitCode> {
    let path = &config.path;
    if path.exists() && !replace {
        anyhow::bail!(
            "{} already exists; pass --force to replace it",
            path.display()
        );
    }
    crate::paths::write_private_file(path, crate::config::EXAMPLE_CONFIG.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn status(config: &RunConfig) -> anyhow::Result<ExitCode> {
    let connection = config.connection()?;
    let profile = match &connection.profile {
        Some(name) if connection.read_only => format!("{name} (read-only)"),
        Some(name) => name.clone(),
        None => "none (no profile in the config file)".to_string(),
    };
    let found = if connection.config_path.exists() {
        ""
    } else {
        " (not found; `genius config init` writes one)"
    };
    let token = connection
        .token_source
        .clone()
        .unwrap_or_else(|| "none found — run `genius login`".to_string());
    let cache = if connection.cache_enabled() {
        crate::cache::cache_path(connection.account_name())
            .display()
            .to_string()
    } else {
        "off (cache = false)".to_string()
    };
    println!("profile:     {profile}");
    println!(
        "base URL:    {}",
        crate::text::safe_line(&connection.base_url)
    );
    println!("token:       {token}");
    for note in &connection.token_notes {
        println!("             ({note})");
    }
    println!("config file: {}{found}", connection.config_path.display());
    println!("log files:   {}", crate::logging::log_dir().display());
    println!("cache:       {cache}");
    Ok(ExitCode::SUCCESS)
}

fn logout(config: &RunConfig) -> anyhow::Result<ExitCode> {
    let settings = config.settings()?;
    let account = settings.account_name().to_string();
    let sources = TokenSources::from_environment();
    let mut removed_any = false;
    match sources.keyring().delete(&account) {
        Ok(true) => {
            println!("removed the token of profile {account:?} from the keyring.");
            removed_any = true;
        }
        Ok(false) => {}
        Err(error) => println!("keyring: {error} (nothing removed there)."),
    }
    if edit::remove_file_token(&settings.config_path, &account)? {
        println!(
            "removed the token of profile {account:?} from {}.",
            settings.config_path.display()
        );
        removed_any = true;
    }
    if !removed_any {
        println!("no stored token for profile {account:?}.");
    }
    if sources
        .env_token
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
    {
        println!("note: GENIUS_TOKEN is still set in this environment.");
    }
    if let Some((_, profile)) = &settings.profile
        && profile.token_command.is_some()
    {
        println!("note: the profile's token_command still provides a token.");
    }
    Ok(ExitCode::SUCCESS)
}

fn clear_cache(config: &RunConfig) -> anyhow::Result<ExitCode> {
    let profile = &config.selection.profile;
    let removed = match profile {
        Some(profile) => crate::cache::ContactCache::for_profile(profile).clear()?,
        None => crate::cache::clear_all()?,
    };
    let whose = profile
        .as_ref()
        .map_or("every profile".to_string(), |p| format!("profile {p:?}"));
    println!("cleared the contact cache of {whose} ({removed} contacts).");
    Ok(ExitCode::SUCCESS)
}
