//! `genius login`: reads the API token (hidden on a terminal, one line from a pipe), checks it
//! against the API with a lookup that cannot match, and stores it in the keyring — or, when asked or
//! when no keyring answers, in the config file (mode 0600). A new profile, or a base URL given on
//! the command line, is written into the config file for the next runs.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::api::{ApiError, ApiToken, Client, ClientConfig, ErrorKind, Identifier};
use crate::config::{Profile, RunConfig, Settings, TokenSources, edit, select_profile};

/// What `genius login` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginOptions {
    /// Check the token against the API before storing it.
    pub check: bool,
    /// Where to keep the token; `None`: the keyring when reachable, else the config file.
    pub store: Option<TokenStore>,
}

/// Where `genius login` keeps the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStore {
    /// The OS keyring (on Linux the kernel keyring, which forgets on reboot).
    Keyring,
    /// The config file, rewritten with mode 0600.
    File,
}

/// The profile `genius login` stores a token for: the one asked for even when the file does not
/// have it yet (login then creates it), else the one that would be selected.
fn login_settings(run_config: &RunConfig) -> anyhow::Result<(Settings, bool)> {
    let config_path = run_config.path.clone();
    let config = run_config.file()?.clone();
    let requested = run_config.selection.profile.as_deref();
    if let Some(requested) = requested
        && !config.profiles.contains_key(requested)
    {
        let profile = (requested.to_string(), Profile::default());
        let settings = Settings {
            config_path,
            config,
            profile: Some(profile),
        };
        return Ok((settings, true));
    }
    let profile = select_profile(&config, requested, &config_path)?;
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

/// Runs `genius login`.
pub async fn run(options: LoginOptions, config: &RunConfig) -> anyhow::Result<ExitCode> {
    let (settings, new_profile) = login_settings(config)?;
    let account = settings.account_name().to_string();
    let given_url = config.selection.base_url.as_deref();
    let base_url = given_url
        .map(str::to_string)
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
    if options.check {
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
    let remembered_url = given_url.filter(|url| {
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
    if options.store == Some(TokenStore::File) {
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
        Err(keyring_error) if options.store == Some(TokenStore::Keyring) => {
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
