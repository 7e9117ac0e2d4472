//! Configuration, profiles and token sources: which config file, which profile, which base URL and
//! which token — resolved into a [`Connection`] before the terminal is touched, so every problem is a
//! plain message on stderr. The account subcommands (`config`, `login`, `logout`, `status`,
//! `doctor`, `cache`) live in [`commands`].

pub mod commands;
pub mod doctor;
pub mod edit;
pub mod file;
pub mod keyring;
pub mod keys;
pub mod process;
pub mod token;

use std::path::{Path, PathBuf};

use crate::api::{ApiToken, DEFAULT_BASE_URL};
use crate::cli::GlobalArgs;

pub use commands::{AccountCommand, run_account_command};
pub use file::{ConfigError, ConfigFile, Profile, TeamMember, load_config_file, parse_config};
pub use keys::{KeyBinding, KeyConfigError, validate_keys};
pub use token::{TokenSource, TokenSources};

/// The example config, written by `genius config init` and shown in the README.
pub const EXAMPLE_CONFIG: &str = include_str!("../../assets/config.example.toml");

/// The profile name used for the keyring and the cache when no profile is configured.
pub const UNNAMED_PROFILE: &str = "default";

/// Where and as whom genius talks to the API.
#[derive(Debug, Clone, Default)]
pub struct Connection {
    /// The profile's name, when one is in use.
    pub profile: Option<String>,
    /// The API's base URL: `--base-url`, else the profile's, else production.
    pub base_url: String,
    /// None when no token source yielded one.
    pub token: Option<ApiToken>,
    /// Where the token came from, for `genius status` ("GENIUS_TOKEN", "keyring", …).
    pub token_source: Option<String>,
    /// No writes at all when true.
    pub read_only: bool,
    /// The config file that was read (or would be, when it does not exist).
    pub config_path: PathBuf,
    /// The whole config file (theme, cache switch, `[keys]`, every profile).
    pub config: ConfigFile,
    /// The active profile's settings (stages, qualities, team, accent…); empty when none.
    pub profile_settings: Profile,
    /// Sources that were skipped on the way ("keyring: no keyring is reachable…").
    pub token_notes: Vec<String>,
}

impl Connection {
    /// A connection without a config file (the demo, tests): this base URL and token, no profile.
    pub fn new(base_url: impl Into<String>, token: Option<ApiToken>) -> Self {
        Connection {
            base_url: base_url.into(),
            token_source: token.as_ref().map(|_| "given".to_string()),
            token,
            ..Connection::default()
        }
    }

    /// The name the keyring and the cache file use for this profile.
    pub fn account_name(&self) -> &str {
        self.profile.as_deref().unwrap_or(UNNAMED_PROFILE)
    }

    /// True unless the config turns the contact cache off.
    pub fn cache_enabled(&self) -> bool {
        self.config.cache.unwrap_or(true)
    }

    /// The theme to draw with: the config's choice (default when none) with the profile's accent,
    /// or monochrome when `NO_COLOR` is set. Call it before touching the terminal: a bad theme
    /// file is a located message.
    pub fn theme(&self) -> Result<crate::tui::theme::Theme, ConfigError> {
        let config_dir = self
            .config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(crate::paths::config_dir);
        crate::themes::resolve_theme(
            self.config.theme.as_deref(),
            self.profile_settings.accent.as_deref(),
            crate::themes::no_color_requested(),
            &config_dir,
        )
    }

    /// The `[keys]` table checked against the keymap's action names: the bindings in force, or
    /// every problem found (unknown actions, bad key strings, two actions on one key).
    pub fn key_bindings(
        &self,
        known_actions: &[&str],
    ) -> Result<std::collections::BTreeMap<String, Vec<KeyBinding>>, Vec<KeyConfigError>> {
        validate_keys(&self.config.keys, known_actions)
    }

    /// True unless the config turns redaction of contact data in logs off.
    pub fn redact_logs(&self) -> bool {
        self.config.redact_logs.unwrap_or(true)
    }
}

/// The config file, the chosen profile, and where the file is — everything but the token.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file (it may not exist).
    pub config_path: PathBuf,
    /// Its contents; empty when it does not exist.
    pub config: ConfigFile,
    /// The selected profile's name and settings, if any.
    pub profile: Option<(String, Profile)>,
}

impl Settings {
    /// Reads the config file named by the flags (or the default one) and selects the profile.
    pub fn load(global: &GlobalArgs) -> Result<Settings, ConfigError> {
        let config_path = config_path(global);
        let config = load_config_file(&config_path)?;
        let profile = select_profile(&config, global.profile.as_deref(), &config_path)?;
        Ok(Settings {
            config_path,
            config,
            profile,
        })
    }

    /// The selected profile's name, or [`UNNAMED_PROFILE`].
    pub fn account_name(&self) -> &str {
        self.profile
            .as_ref()
            .map_or(UNNAMED_PROFILE, |(name, _)| name.as_str())
    }
}

/// The config file: `--config`/`GENIUS_CONFIG`, else `config.toml` in the config directory.
pub fn config_path(global: &GlobalArgs) -> PathBuf {
    global
        .config
        .clone()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| crate::paths::config_dir().join("config.toml"))
}

/// Chooses the profile: the one asked for, else `default_profile`, else the only one there is.
/// None when the file has no profiles and none was asked for.
pub fn select_profile(
    config: &ConfigFile,
    requested: Option<&str>,
    path: &Path,
) -> Result<Option<(String, Profile)>, ConfigError> {
    let semantic = |message: String| ConfigError::Semantic {
        path: path.to_path_buf(),
        message,
    };
    let name = match (requested, &config.default_profile) {
        (Some(requested), _) => requested.to_string(),
        (None, Some(default)) => default.clone(),
        (None, None) => match config.profiles.len() {
            0 => return Ok(None),
            1 => config.profiles.keys().next().cloned().unwrap_or_default(),
            _ => {
                return Err(semantic(format!(
                    "there are several profiles ({}) and no default_profile; \
pass --profile NAME or set default_profile",
                    file::profile_list(config)
                )));
            }
        },
    };
    match config.profiles.get(&name) {
        Some(profile) => Ok(Some((name, profile.clone()))),
        None => Err(semantic(format!(
            "no profile named {name:?} (profiles: {})",
            file::profile_list(config)
        ))),
    }
}

/// Works out the connection from the flags and environment.
pub fn resolve_connection(global: &GlobalArgs) -> anyhow::Result<Connection> {
    resolve_connection_with(global, &TokenSources::from_environment())
}

/// [`resolve_connection`] with the token sources given (tests pass fakes).
pub fn resolve_connection_with(
    global: &GlobalArgs,
    sources: &TokenSources,
) -> anyhow::Result<Connection> {
    let settings = Settings::load(global)?;
    let account = settings.account_name().to_string();
    let profile_settings = settings
        .profile
        .as_ref()
        .map(|(_, profile)| profile.clone())
        .unwrap_or_default();
    let search = token::find_token(sources, &account, &profile_settings, &settings.config_path)?;
    let base_url = global
        .base_url
        .clone()
        .filter(|url| !url.trim().is_empty())
        .or_else(|| profile_settings.base_url.clone())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let (token, token_source) = match search.found {
        Some((token, source)) => (Some(token), Some(source.label().to_string())),
        None => (None, None),
    };
    Ok(Connection {
        profile: settings.profile.as_ref().map(|(name, _)| name.clone()),
        base_url,
        token,
        token_source,
        read_only: profile_settings.read_only,
        config_path: settings.config_path,
        config: settings.config,
        profile_settings,
        token_notes: search.notes,
    })
}
