//! The help overlay: every key of the current screen, read from the same keymap table that
//! dispatch uses, so help cannot drift from behaviour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::App;
use crate::tui::keymap::{Context, keys_label};
use crate::tui::widgets::centered;

/// The editing keys of every text input (`text_input::edit_request`), listed where an input has focus.
const EDITING_KEYS: &[(&str, &str)] = &[
    ("Ctrl-A/Ctrl-E", "start / end of the line (also Home/End)"),
    ("Alt-B/Alt-F", "back / forward a word"),
    ("Ctrl-U/Ctrl-K", "delete to the start / to the end"),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-Y", "paste back what was deleted"),
];

/// The help overlay's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Rows scrolled past.
    pub scroll: u16,
}

/// The lines of help for these contexts.
pub fn help_lines(app: &App, contexts: &[Context]) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut rows: Vec<(String, &'static str)> = app
        .keymap
        .bindings_for(contexts)
        .into_iter()
        .map(|binding| (keys_label(binding), binding.help))
        .collect();
    if contexts.iter().any(|context| context.has_text_input()) {
        rows.extend(
            EDITING_KEYS
                .iter()
                .map(|(keys, help)| (keys.to_string(), *help)),
        );
    }
    let key_width = rows
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    rows.into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.key),
                Span::styled(help, theme.text),
            ])
        })
        .collect()
}

/// Every line the help overlay shows for the current screen.
fn all_lines(app: &App) -> Vec<Line<'static>> {
    let contexts = app.screen_contexts();
    let mut lines = help_lines(app, &contexts);
    if let Some(dir) = &app.log_dir {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(" Logs: {}", dir.display()),
            app.theme.muted,
        ));
    }
    lines
}

/// The furthest the help can scroll in a body of `body_height` rows (0 when it all fits).
pub fn max_scroll(app: &App, body_height: u16) -> u16 {
    let rows = all_lines(app).len() as u16;
    rows.saturating_sub(body_height.saturating_sub(2))
}

/// Draws the help overlay over `area` for the screen below it.
pub fn render(app: &App, help: &HelpOverlay, area: Rect, buf: &mut Buffer) {
    let lines = all_lines(app);
    let width = lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
    let height = lines.len() as u16 + 2;
    let popup = centered(area, width.max(30), height);
    Clear.render(popup, buf);
    let title = format!(" Keys — {} ", app.top_screen_name());
    let hidden = lines
        .len()
        .saturating_sub(popup.height.saturating_sub(2) as usize);
    let scroll = help.scroll.min(hidden as u16);
    // When the list does not fit, say so and how to see the rest.
    let footer = match (scroll > 0, (scroll as usize) < hidden) {
        (_, true) => " ↓ more: j/k scroll · Esc closes ",
        (true, false) => " ↑ more: j/k scroll · Esc closes ",
        (false, false) => " Esc closes ",
    };
    Paragraph::new(lines)
        .scroll((scroll, 0))
        .block(
            Block::bordered()
                .title(title)
                .title_bottom(Line::styled(footer, app.theme.muted).right_aligned())
                .border_style(app.theme.border_focused),
        )
        .render(popup, buf);
}
