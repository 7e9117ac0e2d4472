//! Configuration resolution: which config file, which profile, which base URL and which token —
//! resolved into a [`Connection`] before the terminal is touched, so every problem is a plain
//! message on stderr. The config file is read once per run, into a [`RunConfig`], and everything
//! after reads that. The parts: `file` (the file's shape and its located messages), `keys` (key
//! strings), `colour` (colour names), `token` and `keyring` (where a token comes from), `process`
//! (running a token command with a deadline), `edit` (the changes `login` and `logout` make).

pub mod colour;
pub mod edit;
pub mod file;
pub mod keyring;
pub mod keys;
pub mod process;
pub mod token;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::api::{ApiToken, ClientConfig, DEFAULT_BASE_URL};

pub use file::{ConfigError, ConfigFile, Profile, TeamMember, load_config_file, parse_config};
pub use keys::{KeyBinding, KeyConfigError, validate_keys};
pub use token::{TokenSource, TokenSources};

/// The example config, written by `genius config init` and shown in the README.
pub const EXAMPLE_CONFIG: &str = include_str!("../../assets/config.example.toml");

/// The per-request timeout in seconds, over the profile's `timeout`: `GENIUS_TIMEOUT`.
pub const TIMEOUT_ENV: &str = "GENIUS_TIMEOUT";

/// The longest request timeout a profile may set, in seconds (an hour).
pub const MAX_REQUEST_TIMEOUT_SECONDS: f64 = 3600.0;

/// The per-request timeout: `GENIUS_TIMEOUT` when it is a positive number of seconds, else the
/// profile's `timeout`, else none (the client's default). An hour at most.
pub fn request_timeout(env: Option<&str>, profile: Option<f64>) -> Option<Duration> {
    env.and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
        .or(profile.filter(|seconds| seconds.is_finite() && *seconds > 0.0))
        .map(|seconds| Duration::from_secs_f64(seconds.min(MAX_REQUEST_TIMEOUT_SECONDS)))
}

/// The profile name used for the keyring and the cache when no profile is configured.
pub const UNNAMED_PROFILE: &str = "default";

/// What the command line chose: the config file, the profile, and the profile settings it
/// overrides. Empty: the default file, its default profile, the profile's own settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// The config file [default: `config.toml` in the config directory].
    pub config_path: Option<PathBuf>,
    /// The profile [default: the file's `default_profile`, else its only one].
    pub profile: Option<String>,
    /// The API's base URL, over the profile's.
    pub base_url: Option<String>,
    /// The longest a command waits on the rate limit, over the profile's `max_wait`.
    pub max_wait: Option<Duration>,
}

/// The configuration of one run: what the command line chose, and the config file as read once
/// at start-up — or why it could not be used, which only the commands that need it report (`genius
/// config init --force` must work on a broken file).
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// What the command line chose.
    pub selection: Selection,
    /// The config file (it may not exist).
    pub path: PathBuf,
    /// Its contents (empty when it does not exist), or why they cannot be used.
    pub file: Result<ConfigFile, ConfigError>,
}

impl RunConfig {
    /// Reads the config file the selection names (or the default one). Never fails: a file that
    /// cannot be used is kept as its error.
    pub fn read(selection: Selection) -> RunConfig {
        let path = selection
            .config_path
            .clone()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| crate::paths::config_dir().join("config.toml"));
        let file = load_config_file(&path);
        RunConfig {
            selection,
            path,
            file,
        }
    }

    /// The file's contents, or why they cannot be used.
    pub fn file(&self) -> Result<&ConfigFile, ConfigError> {
        self.file.as_ref().map_err(Clone::clone)
    }

    /// The file and the selected profile.
    pub fn settings(&self) -> Result<Settings, ConfigError> {
        let config = self.file()?.clone();
        let profile = select_profile(&config, self.selection.profile.as_deref(), &self.path)?;
        Ok(Settings {
            config_path: self.path.clone(),
            config,
            profile,
        })
    }

    /// True unless the file says `redact_logs = false` (a file that cannot be used redacts).
    pub fn redact_logs(&self) -> bool {
        self.file
            .as_ref()
            .ok()
            .and_then(|file| file.redact_logs)
            .unwrap_or(true)
    }

    /// The same run as `--profile NAME` would make it, the file not read again. An explicit base
    /// URL is dropped: the profile's own applies.
    pub fn for_profile(&self, name: &str) -> RunConfig {
        let mut other = self.clone();
        other.selection.profile = Some(name.to_string());
        other.selection.base_url = None;
        other
    }

    /// Works out the connection with the environment's token sources.
    pub fn connection(&self) -> anyhow::Result<Connection> {
        self.connection_with(&TokenSources::from_environment())
    }

    /// Works out the connection with the token sources given (tests pass fakes). A token found is
    /// hidden from the log from then on.
    pub fn connection_with(&self, sources: &TokenSources) -> anyhow::Result<Connection> {
        let settings = self.settings()?;
        let account = settings.account_name().to_string();
        let mut profile_settings = settings
            .profile
            .as_ref()
            .map(|(_, profile)| profile.clone())
            .unwrap_or_default();
        let search =
            token::find_token(sources, &account, &profile_settings, &settings.config_path)?;
        let base_url = self
            .selection
            .base_url
            .clone()
            .filter(|url| !url.trim().is_empty())
            .or_else(|| profile_settings.base_url.clone())
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        if let Some(max_wait) = self.selection.max_wait {
            profile_settings.max_wait = Some(max_wait.as_secs_f64());
        }
        let (token, token_source) = match search.found {
            Some((token, source)) => {
                crate::logging::register_secret(token.expose());
                (Some(token), Some(source.label().to_string()))
            }
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
}

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

    /// The zone the account writes note times in: the profile's `account_time_zone` (checked when
    /// the file was read), else America/Sao_Paulo.
    pub fn account_time_zone(&self) -> crate::api::time_zones::Zone {
        self.profile_settings
            .account_time_zone
            .as_deref()
            .and_then(|name| crate::api::time_zones::parse_time_zone(name).ok())
            .unwrap_or(crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE)
    }

    /// The per-request timeout in force: `GENIUS_TIMEOUT`, else the profile's `timeout`.
    pub fn request_timeout(&self) -> Option<Duration> {
        request_timeout(
            std::env::var(TIMEOUT_ENV).ok().as_deref(),
            self.profile_settings.timeout,
        )
    }

    /// The API client's settings for this connection with `token`: its base URL and the
    /// request timeout in force (the TUI and the commands build their clients from this).
    pub fn client_config(&self, token: ApiToken) -> ClientConfig {
        let mut config = ClientConfig::new(self.base_url.clone(), token);
        if let Some(timeout) = self.request_timeout() {
            config.request_timeout = timeout;
            config.connect_timeout = config.connect_timeout.min(timeout);
        }
        config
    }

    /// The region of the profile's `default_phone_region`, when it names one.
    pub fn phone_region(&self) -> Option<crate::api::Region> {
        self.profile_settings.phone_region()
    }

    /// The quick notes of the log-call editor (`quick_notes`, or the defaults).
    pub fn quick_notes(&self) -> Vec<String> {
        file::quick_notes(&self.config, &self.profile_settings)
    }

    /// True unless the config turns the contact cache off.
    pub fn cache_enabled(&self) -> bool {
        self.config.cache.unwrap_or(true)
    }

    /// The bytes of contacts a TUI session keeps in memory (`cache_memory_mb`, default 4 MB).
    pub fn cache_memory_bytes(&self) -> usize {
        self.config
            .cache_memory_mb
            .map_or(crate::cache::DEFAULT_MEMORY_BYTES, |mb| {
                usize::try_from(mb.saturating_mul(crate::cache::MEGABYTE)).unwrap_or(usize::MAX)
            })
    }

    /// The cache's bounds on disk (`cache_disk_mb`, default 64 MB).
    pub fn cache_limits(&self) -> crate::cache::CacheLimits {
        self.config
            .cache_disk_mb
            .map_or_else(crate::cache::CacheLimits::default, |mb| {
                crate::cache::CacheLimits::with_disk_megabytes(mb)
            })
    }

    /// The profile's contact cache with the configured bounds, or a disabled one when the config
    /// switches caching off.
    pub fn contact_cache(&self) -> crate::cache::ContactCache {
        if self.cache_enabled() {
            crate::cache::ContactCache::for_profile_with(self.account_name(), self.cache_limits())
        } else {
            crate::cache::ContactCache::disabled()
        }
    }

    /// The directory relative theme files are found in: the config file's.
    pub fn config_dir(&self) -> PathBuf {
        self.config_path
            .parent()
            .map_or_else(crate::paths::config_dir, Path::to_path_buf)
    }

    /// The `[keys]` table checked against the keymap's action names: the bindings in force, or
    /// every problem found (unknown actions, bad key strings, two actions on one key).
    pub fn key_bindings(
        &self,
        known_actions: &[&str],
    ) -> Result<std::collections::BTreeMap<String, Vec<KeyBinding>>, Vec<KeyConfigError>> {
        validate_keys(&self.config.keys, known_actions)
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
    /// The selected profile's name, or [`UNNAMED_PROFILE`].
    pub fn account_name(&self) -> &str {
        self.profile
            .as_ref()
            .map_or(UNNAMED_PROFILE, |(name, _)| name.as_str())
    }

    /// The region of the selected profile's `default_phone_region`, when it names one.
    pub fn phone_region(&self) -> Option<crate::api::Region> {
        self.profile
            .as_ref()
            .and_then(|(_, profile)| profile.phone_region())
    }
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

#[cfg(test)]
mod timeout_tests {
    use super::*;

    #[test]
    fn the_environment_wins_over_the_profile_and_nonsense_is_ignored() {
        let secs = Duration::from_secs_f64;
        assert_eq!(request_timeout(Some("2.5"), Some(40.0)), Some(secs(2.5)));
        assert_eq!(request_timeout(None, Some(40.0)), Some(secs(40.0)));
        assert_eq!(request_timeout(Some("soon"), Some(40.0)), Some(secs(40.0)));
        assert_eq!(request_timeout(Some("-1"), None), None);
        assert_eq!(request_timeout(Some("99999"), None), Some(secs(3600.0)));
        assert_eq!(request_timeout(None, None), None);
    }

    #[test]
    fn the_client_is_built_with_the_profile_timeout() {
        let mut connection = Connection::new("http://127.0.0.1:1", None);
        connection.profile_settings.timeout = Some(3.0);
        // The test process may run with GENIUS_TIMEOUT set by a caller: it wins, as documented.
        let expected = request_timeout(std::env::var(TIMEOUT_ENV).ok().as_deref(), Some(3.0));
        let config = connection.client_config(ApiToken::new("t"));
        assert_eq!(Some(config.request_timeout), expected);
        assert!(config.connect_timeout <= config.request_timeout);
    }
}
