//! The colours and text styles of the TUI, by role (title, label, badge, error…), so screens never
//! pick raw colours. The default reads on 16-colour terminals, dark or light; `NO_COLOR` gives a
//! monochrome theme that uses only bold, underline and reverse. [`files`] loads the built-in and
//! user theme files and resolves the theme a connection calls for.

pub mod files;

use ratatui::style::{Color, Modifier, Style};

pub use files::{
    BUILT_IN_THEMES, ROLES, RoleStyle, load_theme, no_color_requested, parse_theme, resolve_theme,
    theme_for,
};

/// Styles by role. Screens and widgets ask the theme; they never name a colour themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// The top line saying where you are.
    pub title_bar: Style,
    /// The accent of the active profile (production vs test look different).
    pub accent: Style,
    /// Field labels ("Email", "Phone"…).
    pub label: Style,
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: hints, timestamps, "3 days ago".
    pub muted: Style,
    /// The selected row of a list or table.
    pub selected: Style,
    /// Borders of panes and overlays.
    pub border: Style,
    /// A focused input's border.
    pub border_focused: Style,
    /// Stage, quality and owner badges.
    pub badge_stage: Style,
    pub badge_quality: Style,
    pub badge_owner: Style,
    /// Tags.
    pub tag: Style,
    /// Errors and validation messages.
    pub error: Style,
    /// Warnings (rate-limited, stale data).
    pub warning: Style,
    /// Confirmations of success.
    pub success: Style,
    /// The status bar at the bottom.
    pub status_bar: Style,
    /// Keys shown in help and hints.
    pub key: Style,
}

impl Theme {
    /// The default theme: the 16 ANSI colours only, legible on dark and light backgrounds.
    pub fn default_16() -> Theme {
        Theme {
            name: "default".to_string(),
            title_bar: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().add_modifier(Modifier::DIM),
            border_focused: Style::new().fg(Color::Cyan),
            badge_stage: Style::new().fg(Color::Black).bg(Color::Blue),
            badge_quality: Style::new().fg(Color::Black).bg(Color::Yellow),
            badge_owner: Style::new().fg(Color::Black).bg(Color::Magenta),
            tag: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            success: Style::new().fg(Color::Green),
            status_bar: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all, for `NO_COLOR`: only bold, dim, underline and reverse.
    pub fn monochrome() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            name: "monochrome".to_string(),
            title_bar: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            accent: bold,
            label: bold,
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            border_focused: bold,
            badge_stage: Style::new().add_modifier(Modifier::REVERSED),
            badge_quality: Style::new().add_modifier(Modifier::REVERSED),
            badge_owner: Style::new().add_modifier(Modifier::REVERSED),
            tag: Style::new().add_modifier(Modifier::UNDERLINED),
            error: bold,
            warning: bold,
            success: Style::new(),
            status_bar: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
        }
    }

    /// The theme for this environment: monochrome when `NO_COLOR` is set (to anything non-empty).
    pub fn for_environment() -> Theme {
        if no_color_requested() {
            Theme::monochrome()
        } else {
            Theme::default_16()
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::default_16()
    }
}
