//! An overlay for reading a long text in full — the snapshot, which the contact screen cuts short
//! on small terminals. Wrapped to the box, scrolled with j/k and PgUp/PgDn, closed with Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::text::{safe_block, safe_line};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::widgets::centered;
use crate::tui::widgets::wrap::wrap_text;

/// The widest the reading box gets: lines of ~75 characters read best.
const MAX_WIDTH: u16 = 80;

/// A text being read, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderOverlay {
    /// The box's title.
    pub title: String,
    /// The text as it is (made safe when drawn).
    pub text: String,
    /// Rows scrolled past.
    pub scroll: usize,
}

/// The box and the wrapped lines for a body area.
fn layout(text: &str, body: Rect) -> (Rect, Vec<String>) {
    let width = body.width.saturating_sub(4).clamp(1, MAX_WIDTH);
    let lines = wrap_text(&safe_block(text), width.saturating_sub(4).max(1) as usize);
    let height = (lines.len() as u16 + 2).min(body.height.saturating_sub(2).max(3));
    (centered(body, width, height), lines)
}

impl ReaderOverlay {
    /// Starts reading `text` from the top.
    pub fn new(title: String, text: &str) -> ReaderOverlay {
        ReaderOverlay {
            title,
            text: text.to_string(),
            scroll: 0,
        }
    }

    /// Scrolls for a movement action, within the text as wrapped in `body`.
    pub fn scroll_by(&mut self, action: Action, body: Rect) {
        let (popup, lines) = layout(&self.text, body);
        let page = (popup.height.saturating_sub(2) as usize).max(1);
        let last = lines.len().saturating_sub(page);
        self.scroll = match action {
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + page.saturating_sub(1).max(1),
            Action::PageUp => self.scroll.saturating_sub(page.saturating_sub(1).max(1)),
            _ => self.scroll,
        }
        .min(last);
    }
}

/// Draws the reader over `body`.
pub fn render(app: &App, reader: &ReaderOverlay, body: Rect, buf: &mut Buffer) {
    let (popup, lines) = layout(&reader.text, body);
    let visible = popup.height.saturating_sub(2) as usize;
    let more_below = reader.scroll + visible < lines.len();
    let footer = match (reader.scroll > 0, more_below) {
        (_, true) => " ↓ more: j/k scroll · Esc closes ",
        (true, false) => " ↑ more: j/k scroll · Esc closes ",
        (false, false) => " Esc closes ",
    };
    Clear.render(popup, buf);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(reader.scroll)
        .take(visible)
        .map(|line| Line::styled(format!(" {line}"), app.theme.text))
        .collect();
    Paragraph::new(shown)
        .block(
            Block::bordered()
                .title(format!(" {} ", safe_line(&reader.title)))
                .title_bottom(Line::styled(footer, app.theme.muted).right_aligned())
                .border_style(app.theme.border_focused),
        )
        .render(popup, buf);
}
