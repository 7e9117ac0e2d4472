//! Theme files: TOML of role → style (`[title_bar] fg = "black" bg = "cyan" bold = true`) loaded
//! into a [`Theme`]. Three are built in and embedded (`default`, `high-contrast`, `monochrome`); a
//! user may name a file of their own. Unknown roles and colours are reported with their line and
//! column; `NO_COLOR` forces the monochrome theme whatever the config says.

use std::path::{Path, PathBuf};

use ratatui::style::{Modifier, Style};
use serde::Deserialize;

use super::Theme;
use crate::config::Connection;
use crate::config::colour::parse_color;
use crate::config::file::ConfigError;

/// The built-in themes: name and embedded TOML.
pub const BUILT_IN_THEMES: [(&str, &str); 3] = [
    (
        "default",
        include_str!("../../../assets/themes/default.toml"),
    ),
    (
        "high-contrast",
        include_str!("../../../assets/themes/high-contrast.toml"),
    ),
    (
        "monochrome",
        include_str!("../../../assets/themes/monochrome.toml"),
    ),
];

/// Every role a theme file may style, as named in the file (the field names of `Theme`).
pub const ROLES: [&str; 17] = [
    "title_bar",
    "accent",
    "label",
    "text",
    "muted",
    "selected",
    "border",
    "border_focused",
    "badge_stage",
    "badge_quality",
    "badge_owner",
    "tag",
    "error",
    "warning",
    "success",
    "status_bar",
    "key",
];

/// One role's style as written in a theme file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleStyle {
    /// Foreground colour.
    pub fg: Option<String>,
    /// Background colour.
    pub bg: Option<String>,
    /// Bold (bright on many 16-colour terminals).
    #[serde(default)]
    pub bold: bool,
    /// Dim (faint).
    #[serde(default)]
    pub dim: bool,
    /// Italic (not shown by every terminal).
    #[serde(default)]
    pub italic: bool,
    /// Underlined.
    #[serde(default)]
    pub underlined: bool,
    /// Foreground and background swapped.
    #[serde(default)]
    pub reversed: bool,
}

/// A theme file. A role left out keeps the default theme's style for it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    title_bar: Option<RoleStyle>,
    accent: Option<RoleStyle>,
    label: Option<RoleStyle>,
    text: Option<RoleStyle>,
    muted: Option<RoleStyle>,
    selected: Option<RoleStyle>,
    border: Option<RoleStyle>,
    border_focused: Option<RoleStyle>,
    badge_stage: Option<RoleStyle>,
    badge_quality: Option<RoleStyle>,
    badge_owner: Option<RoleStyle>,
    tag: Option<RoleStyle>,
    error: Option<RoleStyle>,
    warning: Option<RoleStyle>,
    success: Option<RoleStyle>,
    status_bar: Option<RoleStyle>,
    key: Option<RoleStyle>,
}

impl RoleStyle {
    /// The ratatui style, or a message naming the bad colour.
    pub fn to_style(&self) -> Result<Style, String> {
        let mut style = Style::new();
        if let Some(fg) = &self.fg {
            style = style.fg(parse_color(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(parse_color(bg)?);
        }
        let flags = [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ];
        for (on, modifier) in flags {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        Ok(style)
    }
}

/// Parses theme TOML; `origin` names the file in messages.
pub fn parse_theme(text: &str, origin: &Path, fallback_name: &str) -> Result<Theme, ConfigError> {
    let file: ThemeFile = toml::from_str(text)
        .map_err(|error| crate::config::file::located_error(text, origin, &error))?;
    let mut theme = Theme::default_16();
    theme.name = file
        .name
        .clone()
        .unwrap_or_else(|| fallback_name.to_string());
    let slots: [(&str, &Option<RoleStyle>, &mut Style); 17] = [
        ("title_bar", &file.title_bar, &mut theme.title_bar),
        ("accent", &file.accent, &mut theme.accent),
        ("label", &file.label, &mut theme.label),
        ("text", &file.text, &mut theme.text),
        ("muted", &file.muted, &mut theme.muted),
        ("selected", &file.selected, &mut theme.selected),
        ("border", &file.border, &mut theme.border),
        (
            "border_focused",
            &file.border_focused,
            &mut theme.border_focused,
        ),
        ("badge_stage", &file.badge_stage, &mut theme.badge_stage),
        (
            "badge_quality",
            &file.badge_quality,
            &mut theme.badge_quality,
        ),
        ("badge_owner", &file.badge_owner, &mut theme.badge_owner),
        ("tag", &file.tag, &mut theme.tag),
        ("error", &file.error, &mut theme.error),
        ("warning", &file.warning, &mut theme.warning),
        ("success", &file.success, &mut theme.success),
        ("status_bar", &file.status_bar, &mut theme.status_bar),
        ("key", &file.key, &mut theme.key),
    ];
    for (role, written, slot) in slots {
        if let Some(role_style) = written {
            *slot = role_style
                .to_style()
                .map_err(|message| ConfigError::Semantic {
                    path: origin.to_path_buf(),
                    message: format!("[{role}] {message}"),
                })?;
        }
    }
    Ok(theme)
}

/// The embedded TOML of a built-in theme.
pub fn built_in_source(name: &str) -> Option<&'static str> {
    BUILT_IN_THEMES
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .map(|(_, source)| *source)
}

/// Loads a theme by built-in name or file path (relative paths are taken from `config_dir`).
pub fn load_theme(choice: &str, config_dir: &Path) -> Result<Theme, ConfigError> {
    if let Some(source) = built_in_source(choice) {
        return parse_theme(
            source,
            &PathBuf::from(format!("<built-in theme {choice}>")),
            choice,
        );
    }
    let looks_like_path = choice.contains('/')
        || Path::new(choice)
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"));
    if !looks_like_path {
        let names: Vec<&str> = BUILT_IN_THEMES.iter().map(|(name, _)| *name).collect();
        return Err(ConfigError::Semantic {
            path: config_dir.join("config.toml"),
            message: format!(
                "theme = {choice:?} is neither a built-in theme ({}) nor a .toml file",
                names.join(", ")
            ),
        });
    }
    let path = config_dir.join(choice);
    let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Unreadable {
        path: path.clone(),
        reason: error.to_string(),
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| choice.to_string());
    parse_theme(&text, &path, &stem)
}

/// True when the `NO_COLOR` convention asks for no colour (set to anything non-empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// The theme to draw with: monochrome when `no_color`, else the chosen one (default when none),
/// with the profile's accent colour on the accent role and behind the title bar.
pub fn resolve_theme(
    choice: Option<&str>,
    accent: Option<&str>,
    no_color: bool,
    config_dir: &Path,
) -> Result<Theme, ConfigError> {
    if no_color {
        return Ok(Theme::monochrome());
    }
    let mut theme = load_theme(choice.unwrap_or("default"), config_dir)?;
    if let Some(accent) = accent {
        let color = parse_color(accent).map_err(|message| ConfigError::Semantic {
            path: config_dir.join("config.toml"),
            message: format!("accent: {message}"),
        })?;
        theme.accent = theme.accent.fg(color);
        // The title bar is what is always in view: it carries the accent as its background.
        if theme.title_bar.bg.is_some() {
            theme.title_bar = theme.title_bar.bg(color);
        }
    }
    Ok(theme)
}

/// The theme a connection calls for: the config's choice (default when none) with the profile's
/// accent, or monochrome when `NO_COLOR` is set. Call it before touching the terminal: a bad theme
/// file is a located message.
pub fn theme_for(connection: &Connection) -> Result<Theme, ConfigError> {
    resolve_theme(
        connection.config.theme.as_deref(),
        connection.profile_settings.accent.as_deref(),
        no_color_requested(),
        &connection.config_dir(),
    )
}
