//! The help overlay: every key of the current screen, read from the same keymap table that
//! dispatch uses, so help cannot drift from behaviour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::App;
use crate::tui::keymap::{Context, bindings_for, keys_label};
use crate::tui::widgets::centered;

/// The help overlay's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Rows scrolled past.
    pub scroll: u16,
}

/// The lines of help for these contexts.
pub fn help_lines(app: &App, contexts: &[Context]) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let bindings = bindings_for(contexts);
    let key_width = bindings
        .iter()
        .map(|b| keys_label(b).chars().count())
        .max()
        .unwrap_or(0);
    bindings
        .into_iter()
        .map(|binding| {
            Line::from(vec![
                Span::styled(format!(" {:<key_width$}  ", keys_label(binding)), theme.key),
                Span::styled(binding.help, theme.text),
            ])
        })
        .collect()
}

/// Draws the help overlay over `area` for the screen below it.
pub fn render(app: &App, help: &HelpOverlay, area: Rect, buf: &mut Buffer) {
    let contexts = app.screen_contexts();
    let lines = help_lines(app, &contexts);
    let width = lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4;
    let height = lines.len() as u16 + 2;
    let popup = centered(area, width.max(30), height);
    Clear.render(popup, buf);
    let title = format!(" Keys — {} ", app.top_screen_name());
    Paragraph::new(lines)
        .scroll((help.scroll, 0))
        .block(
            Block::bordered()
                .title(title)
                .title_bottom(Line::styled(" Esc closes ", app.theme.muted).right_aligned())
                .border_style(app.theme.border_focused),
        )
        .render(popup, buf);
}
