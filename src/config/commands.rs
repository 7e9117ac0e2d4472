//! The account subcommands: `config path|init`, `login`, `logout`, `status`, `doctor` and
//! `cache clear`. Each prints plain lines for a person, never the token, and returns the documented
//! exit code.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::token::TokenSources;
use super::{Settings, edit};
use crate::api::{ApiError, ApiToken, Client, ClientConfig, ErrorKind, Identifier};
use crate::cli::GlobalArgs;

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
    pub store: Option<TokenStore>,
}

/// Where `genius login` keeps the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TokenStore {
    /// The OS keyring (on Linux the kernel keyring, which forgets on reboot).
    Keyring,
    /// The config file, rewritten with mode 0600.
    File,
}

/// Runs an account subcommand.
pub async fn run_account_command(command: AccountCommand, global: &GlobalArgs) -> ExitCode {
    let outcome = match command {
        AccountCommand::Config { command } => config_command(command, global),
        AccountCommand::Login(args) => login(args, global).await,
        AccountCommand::Logout => logout(global),
        AccountCommand::Status => status(global),
        AccountCommand::Doctor => return super::doctor::run(global).await,
        AccountCommand::Cache { command } => cache_command(command, global),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("genius: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn config_command(command: ConfigCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let path = super::config_path(global);
    match command {
        ConfigCommand::Path => {
            println!("{}", path.display());
        }
        ConfigCommand::Init { force } => {
            if path.exists() && !force {
                anyhow::bail!(
                    "{} already exists; pass --force to replace it",
                    path.display()
                );
            }
            crate::paths::write_private_file(&path, super::EXAMPLE_CONFIG.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn status(global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let connection = super::resolve_connection(global)?;
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

/// The profile `genius login` stores a token for: the one asked for even when the file does not
/// have it yet (login then creates it), else the one that would be selected.
fn login_settings(global: &GlobalArgs) -> anyhow::Result<(Settings, bool)> {
    let config_path = super::config_path(global);
    let config = super::load_config_file(&config_path)?;
    if let Some(requested) = &global.profile
        && !config.profiles.contains_key(requested)
    {
        let profile = (requested.clone(), super::Profile::default());
        let settings = Settings {
            config_path,
            config,
            profile: Some(profile),
        };
        return Ok((settings, true));
    }
    let profile = super::select_profile(&config, global.profile.as_deref(), &config_path)?;
    let is_new = profile.is_none();
    Ok((
        Settings {
            config_path,
            config,
            profile,
        },
        is_new,
    ))
}

async fn login(args: LoginArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let (settings, new_profile) = login_settings(global)?;
    let account = settings.account_name().to_string();
    let base_url = global
        .base_url
        .clone()
        .or_else(|| {
            settings
                .profile
                .as_ref()
                .and_then(|(_, p)| p.base_url.clone())
        })
        .unwrap_or_else(|| crate::api::DEFAULT_BASE_URL.to_string());
    let token = read_token(&account)?;
    if token.is_empty() {
        anyhow::bail!("no token given; nothing was stored");
    }
    if !args.no_check {
        eprintln!(
            "checking the token against {} …",
            crate::text::safe_line(&base_url)
        );
        if let Err(code) = check_token(&base_url, &token).await {
            return Ok(code);
        }
        eprintln!("the token works.");
    }
    // A new profile, or a base URL given on the command line, is remembered for the next runs.
    let remembered_url = global.base_url.as_deref().filter(|url| {
        settings
            .profile
            .as_ref()
            .and_then(|(_, p)| p.base_url.as_deref())
            != Some(*url)
    });
    if new_profile || remembered_url.is_some() {
        edit::ensure_profile(&settings.config_path, &account, remembered_url)?;
        println!(
            "saved profile {account:?} in {}.",
            settings.config_path.display()
        );
    }
    let in_file = |why: String| -> anyhow::Result<ExitCode> {
        edit::set_file_token(&settings.config_path, &account, &token)?;
        println!(
            "{why}stored the token in {} (mode 0600, [profiles.{account}]).",
            settings.config_path.display()
        );
        Ok(ExitCode::SUCCESS)
    };
    if args.store == Some(TokenStore::File) {
        return in_file(String::new());
    }
    let sources = TokenSources::from_environment();
    match sources.keyring().set(&account, token.expose()) {
        Ok(()) => {
            println!("stored the token of profile {account:?} in the keyring.");
            if cfg!(target_os = "linux") {
                println!(
                    "note: Linux's kernel keyring forgets it on reboot (or after days unused); `genius login --store file` keeps it in the config file instead."
                );
            }
            // An older copy in the file would outlive a later logout; the keyring copy wins anyway.
            if edit::remove_file_token(&settings.config_path, &account)? {
                println!(
                    "removed the older token from {}.",
                    settings.config_path.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(keyring_error) if args.store == Some(TokenStore::Keyring) => {
            anyhow::bail!("{keyring_error}; nothing was stored (try --store file)")
        }
        Err(keyring_error) => in_file(format!("{keyring_error}; ")),
    }
}

/// Checks a token with a lookup of a uid that cannot exist: 404 means the token was accepted.
async fn check_token(base_url: &str, token: &ApiToken) -> Result<(), ExitCode> {
    let client = Client::new(ClientConfig::new(base_url, token.clone())).map_err(|error| {
        eprintln!("genius: {error}");
        ExitCode::from(1)
    })?;
    let probe = Identifier::Uid("00000000".to_string());
    match client.get(&probe).await {
        Ok(_) => Ok(()),
        Err(error) => explain_check_failure(&error),
    }
}

fn explain_check_failure(error: &ApiError) -> Result<(), ExitCode> {
    match error.kind() {
        ErrorKind::NotFound => Ok(()),
        ErrorKind::Unauthorized => {
            eprintln!(
                "genius: the API rejected this token (401). Copy it again from 8M Genius \
(Settings → API) — the whole token, nothing around it — and run `genius login` again."
            );
            Err(ExitCode::from(3))
        }
        ErrorKind::Forbidden => {
            eprintln!(
                "genius: the token is valid but the account's plan has no API access (403); \
the Starter, Pro or Business plan is needed. Nothing was stored."
            );
            Err(ExitCode::from(3))
        }
        _ => {
            eprintln!(
                "genius: could not check the token: {error}. Nothing was stored; \
try again, or pass --no-check to store it unchecked."
            );
            Err(ExitCode::from(5))
        }
    }
}

/// Reads the token: hidden from a terminal, or one line from a pipe (`pass show x | genius login`).
fn read_token(account: &str) -> anyhow::Result<ApiToken> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        return Ok(ApiToken::new(line));
    }
    let mut stderr = std::io::stderr();
    write!(stderr, "API token for profile {account:?} (input hidden): ")?;
    stderr.flush()?;
    let typed = read_hidden_line()?;
    writeln!(stderr)?;
    Ok(ApiToken::new(typed))
}

/// Restores cooked mode on every way out of [`read_hidden_line`].
struct RawModeGuard;

impl Drop for RawModeGuard {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

fn read_hidden_line() -> anyhow::Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    crossterm::terminal::enable_raw_mode()?;
    let _guard = RawModeGuard;
    let mut typed = String::new();
    loop {
        match read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Enter => return Ok(typed),
                KeyCode::Esc => anyhow::bail!("cancelled; nothing was stored"),
                KeyCode::Char('c' | 'd') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    anyhow::bail!("cancelled; nothing was stored")
                }
                KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    typed.clear()
                }
                KeyCode::Backspace => {
                    typed.pop();
                }
                KeyCode::Char(c) => typed.push(c),
                _ => {}
            },
            Event::Paste(text) => typed.push_str(&text),
            _ => {}
        }
    }
}

fn logout(global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global)?;
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

fn cache_command(command: CacheCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    match command {
        CacheCommand::Clear => {
            let removed = match &global.profile {
                Some(profile) => crate::cache::ContactCache::for_profile(profile).clear()?,
                None => crate::cache::clear_all()?,
            };
            let whose = global
                .profile
                .as_ref()
                .map_or("every profile".to_string(), |p| format!("profile {p:?}"));
            println!("cleared the contact cache of {whose} ({removed} contacts).");
        }
    }
    Ok(ExitCode::SUCCESS)
}
