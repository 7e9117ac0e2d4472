//! The config file's shape (`config.toml`): global settings, the `[keys]` table and the
//! `[profiles.NAME]` accounts, parsed strictly. A bad file yields a [`ConfigError`] naming the file,
//! line and column and what was expected, so it can be shown before the terminal is touched.
#![deny(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The whole config file. Every field is optional; a missing file is the same as an empty one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when `--profile` is not given.
    pub default_profile: Option<String>,
    /// A built-in theme name (`default`, `high-contrast`, `monochrome`) or a theme file's path.
    pub theme: Option<String>,
    /// Keep contacts seen in the data directory (on unless set to false).
    pub cache: Option<bool>,
    /// Megabytes of contacts a session keeps in memory (least recently used go first).
    pub cache_memory_mb: Option<u64>,
    /// Megabytes of contact files the cache keeps on disk per profile (least recently fetched go
    /// first).
    pub cache_disk_mb: Option<u64>,
    /// Also redact contact data (emails, phones, names) in the log file; on unless set to false.
    pub redact_logs: Option<bool>,
    /// Action name → key string, or a list of key strings.
    #[serde(default)]
    pub keys: BTreeMap<String, KeySpec>,
    /// The accounts, by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
    /// The texts `1`…`9` insert in the note editor when logging a call, for every profile that
    /// names none of its own.
    #[serde(default)]
    pub quick_notes: Vec<String>,
}

/// One or several key strings for one action.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum KeySpec {
    /// `quit = "q"`
    One(String),
    /// `quit = ["q", "ctrl-c"]`
    Many(Vec<String>),
}

impl KeySpec {
    /// The key strings, whichever way they were written.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeySpec::One(key) => vec![key.as_str()],
            KeySpec::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

/// One account: where it lives, how its token is found, and what its pickers offer.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The API's base URL for this account.
    pub base_url: Option<String>,
    /// A shell command printing the token on stdout (e.g. `pass show 8mg`).
    pub token_command: Option<String>,
    /// The token itself. Discouraged: the file must then be readable by its owner only.
    pub token: Option<SecretString>,
    /// The region assumed for phone numbers typed without a country code (e.g. `BR`).
    pub default_phone_region: Option<String>,
    /// The account's pipeline stages, for the stage picker.
    #[serde(default)]
    pub stages: Vec<String>,
    /// The account's quality levels, for the quality picker.
    #[serde(default)]
    pub qualities: Vec<String>,
    /// The account's team, for the owner picker.
    #[serde(default)]
    pub team: Vec<TeamMember>,
    /// No writes at all when true (shown in the title bar).
    #[serde(default)]
    pub read_only: bool,
    /// The accent colour of this profile (so production looks different from a test account).
    pub accent: Option<String>,
    /// The longest one command waits, in all, on the API's rate limit, in seconds (`--max-wait`
    /// and `GENIUS_MAX_WAIT` override it; 60 when none is given).
    pub max_wait: Option<f64>,
    /// The IANA zone the account writes note times in (they carry no zone); America/Sao_Paulo
    /// when absent.
    pub account_time_zone: Option<String>,
    /// How long one request may take, in seconds, in the TUI and the commands alike
    /// (`GENIUS_TIMEOUT` overrides it; 20 when none is given).
    pub timeout: Option<f64>,
    /// The texts `1`…`9` insert in the note editor when logging a call (the file's top-level
    /// `quick_notes`, else [`DEFAULT_QUICK_NOTES`], when empty).
    #[serde(default)]
    pub quick_notes: Vec<String>,
}

/// The quick notes offered when the config names none.
pub const DEFAULT_QUICK_NOTES: [&str; 5] = [
    "No answer",
    "Left voicemail",
    "Call back later",
    "Meeting booked",
    "Not interested",
];

impl Profile {
    /// The region phone numbers typed without a country code are read in, when the profile names
    /// one libphonenumber knows.
    pub fn phone_region(&self) -> Option<crate::api::Region> {
        self.default_phone_region
            .as_deref()
            .and_then(|code| code.parse().ok())
    }
}

/// The quick notes of `profile`: its own, else the file's, else the defaults; nine at most (one
/// per digit key).
pub fn quick_notes(file: &ConfigFile, profile: &Profile) -> Vec<String> {
    let chosen: Vec<String> = if !profile.quick_notes.is_empty() {
        profile.quick_notes.clone()
    } else if !file.quick_notes.is_empty() {
        file.quick_notes.clone()
    } else {
        DEFAULT_QUICK_NOTES
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    };
    chosen
        .into_iter()
        .filter(|note| !note.trim().is_empty())
        .take(9)
        .collect()
}

/// A team member offered by the owner picker.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// The address the API knows the member by (what `change owner` sends).
    pub email: String,
    /// The name shown in the picker; the email when absent.
    pub name: Option<String>,
}

/// A secret read from the config file: never printed, only exposed on purpose.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct SecretString(String);

impl SecretString {
    /// The secret itself. Never display it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A config file that could not be read or understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read the config file {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    /// The file is not valid TOML, or not of the expected shape.
    #[error("{}", describe_invalid(path, *line, *column, message, snippet))]
    Invalid {
        path: PathBuf,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// What was wrong or expected, as the parser said it.
        message: String,
        /// The offending line of the file with a caret under the column.
        snippet: String,
    },
    /// The file parsed but a value makes no sense (an unknown default profile, a bad colour…).
    #[error("{}: {message}", path.display())]
    Semantic { path: PathBuf, message: String },
}

fn describe_invalid(
    path: &Path,
    line: usize,
    column: usize,
    message: &str,
    snippet: &str,
) -> String {
    let place = if line > 0 {
        format!("{}:{line}:{column}", path.display())
    } else {
        path.display().to_string()
    };
    if snippet.is_empty() {
        format!("{place}: {message}")
    } else {
        format!("{place}: {message}\n{snippet}")
    }
}

/// Reads and parses the config file; a missing file is an empty config.
pub fn load_config_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_config(&text, path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
        Err(error) => Err(ConfigError::Unreadable {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }),
    }
}

/// Parses config text; `path` is only used in messages.
pub fn parse_config(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
    let config: ConfigFile =
        toml::from_str(text).map_err(|error| located_error(text, path, &error))?;
    check_semantics(&config, path)?;
    Ok(config)
}

/// Turns a toml error into a [`ConfigError::Invalid`] with line, column and the offending line.
pub fn located_error(text: &str, path: &Path, error: &toml::de::Error) -> ConfigError {
    // The parser quotes the file (an unknown key, say), which may hold anything.
    let message = crate::text::safe_line(error.message().trim()).into_owned();
    let Some(span) = error.span() else {
        return ConfigError::Invalid {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message,
            snippet: String::new(),
        };
    };
    let (line, column, before_on_line) = line_and_column(text, span.start);
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let shown = crate::text::safe_line(source_line);
    let gutter = format!("{line} | ");
    // The caret goes under the column as the terminal shows it: CJK and emoji take two columns.
    let shown_before = crate::text::safe_line(before_on_line);
    let caret_pad = " ".repeat(gutter.len() + crate::text::terminal_width(&shown_before));
    ConfigError::Invalid {
        path: path.to_path_buf(),
        line,
        column,
        message,
        snippet: format!("{gutter}{shown}\n{caret_pad}^"),
    }
}

/// 1-based line and column (in characters) of a byte offset, and the text of that line before it.
fn line_and_column(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let before_on_line = before.rsplit_once('\n').map_or(before, |(_, rest)| rest);
    let column = before_on_line.chars().count() + 1;
    (line, column, before_on_line)
}

fn check_semantics(config: &ConfigFile, path: &Path) -> Result<(), ConfigError> {
    // Profile names and values come from the file: the message shows them, never raw.
    let semantic = |message: String| ConfigError::Semantic {
        path: path.to_path_buf(),
        message: crate::text::safe_line(&message).into_owned(),
    };
    if let Some(default) = &config.default_profile
        && !config.profiles.contains_key(default)
    {
        return Err(semantic(format!(
            "default_profile = {default:?}, but there is no [profiles.{default}] (profiles: {})",
            profile_list(config)
        )));
    }
    for (name, profile) in &config.profiles {
        if let Some(accent) = &profile.accent
            && let Err(error) = super::colour::parse_color(accent)
        {
            return Err(semantic(format!("[profiles.{name}] accent: {error}")));
        }
        if let Some(url) = &profile.base_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(semantic(format!(
                "[profiles.{name}] base_url = {url:?} must start with http:// or https://"
            )));
        }
        if let Some(command) = &profile.token_command
            && command.trim().is_empty()
        {
            return Err(semantic(format!(
                "[profiles.{name}] token_command is empty"
            )));
        }
        if let Some(region) = &profile.default_phone_region
            && !(region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return Err(semantic(format!(
                "[profiles.{name}] default_phone_region = {region:?} is not a two-letter country code (e.g. \"BR\")"
            )));
        }
        if let Some(seconds) = profile.max_wait
            && let Err(problem) = crate::api::retry::max_wait_from_seconds(seconds)
        {
            return Err(semantic(format!(
                "[profiles.{name}] max_wait = {seconds}: {problem}"
            )));
        }
        if let Some(zone) = &profile.account_time_zone
            && let Err(error) = crate::api::time_zones::parse_time_zone(zone)
        {
            return Err(semantic(format!(
                "[profiles.{name}] account_time_zone: {error}"
            )));
        }
        if let Some(seconds) = profile.timeout
            && !(seconds.is_finite()
                && seconds > 0.0
                && seconds <= super::MAX_REQUEST_TIMEOUT_SECONDS)
        {
            return Err(semantic(format!(
                "[profiles.{name}] timeout = {seconds}: a request timeout is more than 0 and at most {} seconds",
                super::MAX_REQUEST_TIMEOUT_SECONDS
            )));
        }
        for member in &profile.team {
            if !member.email.contains('@') {
                return Err(semantic(format!(
                    "[profiles.{name}] team: {:?} is not an email",
                    member.email
                )));
            }
        }
    }
    Ok(())
}

/// The profile names, comma-separated, or "none" — for messages.
pub fn profile_list(config: &ConfigFile) -> String {
    if config.profiles.is_empty() {
        "none".to_string()
    } else {
        config
            .profiles
            .keys()
            .map(|name| crate::text::safe_line(name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_a_config_or_a_located_message(text in "\\PC{0,200}") {
            if let Err(ConfigError::Invalid { line, snippet, .. }) = parse_config(&text, Path::new("c.toml")) {
                prop_assert!(line == 0 || line <= text.lines().count() + 1);
                prop_assert!(line == 0 || snippet.contains('^'));
            }
        }

        #[test]
        fn config_like_text_never_panics(
            lines in proptest::collection::vec("(\\[profiles\\.[a-z]{1,5}\\]|[a-z_]{1,12} = (\"[a-z:/.]{0,10}\"|true|[0-9]{1,3}|\\[\\]))", 0..8)
        ) {
            let _ = parse_config(&lines.join("\n"), Path::new("c.toml"));
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_and_column(text, 0), (1, 1, ""));
        let second_equals = text.rfind('=').unwrap();
        assert_eq!(line_and_column(text, second_equals), (2, 4, "bé "));
        assert_eq!(line_and_column(text, text.len() + 10), (3, 1, ""));
    }

    #[test]
    fn the_caret_sits_under_the_error_after_wide_characters() {
        let text = "theme = \"张伟🙂\" x\n";
        let Err(ConfigError::Invalid { snippet, .. }) = parse_config(text, Path::new("c.toml"))
        else {
            panic!("a located error");
        };
        let (shown, caret) = snippet.split_once('\n').unwrap();
        let x_column = unicode_width::UnicodeWidthStr::width(shown.split(" x").next().unwrap()) + 1;
        assert_eq!(caret.find('^'), Some(x_column), "{snippet}");
    }

    #[test]
    fn a_profile_timeout_is_positive_seconds_within_an_hour() {
        let parse = |text: &str| parse_config(text, Path::new("c.toml"));
        let config = parse("[profiles.p]\ntimeout = 45").expect("an integer is seconds");
        assert_eq!(config.profiles["p"].timeout, Some(45.0));
        assert!(parse("[profiles.p]\ntimeout = 0.5").is_ok());
        for bad in ["0", "-3", "3601"] {
            assert!(
                parse(&format!("[profiles.p]\ntimeout = {bad}")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_profile_max_wait_is_seconds_within_an_hour() {
        let parse = |text: &str| parse_config(text, Path::new("c.toml"));
        let config = parse("[profiles.p]\nmax_wait = 30").expect("an integer is seconds");
        assert_eq!(config.profiles["p"].max_wait, Some(30.0));
        assert!(parse("[profiles.p]\nmax_wait = 2.5").is_ok());
        for bad in ["-1", "4000", "\"soon\""] {
            assert!(
                parse(&format!("[profiles.p]\nmax_wait = {bad}")).is_err(),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn the_account_time_zone_is_an_iana_name() {
        let parse = |text: &str| parse_config(text, Path::new("c.toml"));
        let config = parse("[profiles.p]\naccount_time_zone = \"America/New_York\"").unwrap();
        assert_eq!(
            config.profiles["p"].account_time_zone.as_deref(),
            Some("America/New_York")
        );
        let error = parse("[profiles.p]\naccount_time_zone = \"Brasilia\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "c.toml: [profiles.p] account_time_zone: \"Brasilia\" is not a time zone: \
use an IANA name such as America/Sao_Paulo or UTC"
        );
    }

    #[test]
    fn secrets_never_print() {
        let profile: Profile = toml::from_str("token = \"tok-123\"").unwrap();
        let shown = format!("{profile:?}");
        assert!(!shown.contains("tok-123"), "{shown}");
        assert_eq!(profile.token.unwrap().expose(), "tok-123");
    }
}
