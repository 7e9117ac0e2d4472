//! An overlay for reading a long text in full — the snapshot, which the contact screen cuts short
//! on small terminals. Wrapped to the box, scrolled with j/k and PgUp/PgDn, closed with Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::layout::{cells, centered};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::wrap::wrap_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

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
    let lines = wrap_text(
        &safe_text::block(text),
        width.saturating_sub(4).max(1) as usize,
    );
    let height = (cells(lines.len()) + 2).min(body.height.saturating_sub(2).max(3));
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
    fn scroll_by(&mut self, action: Action, body: Rect) {
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

/// What the reader asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderOutcome {
    /// Still reading.
    Stay,
    /// Close it.
    Close,
    /// Show the help instead.
    Help,
}

impl Component for ReaderOverlay {
    type Outcome = ReaderOutcome;

    fn context(&self) -> Context {
        Context::Reader
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> ReaderOutcome {
        match input {
            UserInput::Action(Action::CloseOverlay) => ReaderOutcome::Close,
            UserInput::Action(Action::Help) => ReaderOutcome::Help,
            UserInput::Action(
                action @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp),
            ) => {
                self.scroll_by(action, ctx.body);
                ReaderOutcome::Stay
            }
            _ => ReaderOutcome::Stay,
        }
    }
}

/// Draws the reader over the body.
pub struct ReaderView<'a> {
    pub reader: &'a ReaderOverlay,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &ReaderView<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let reader = self.reader;
        let (popup, lines) = layout(&reader.text, body);
        let visible = popup.height.saturating_sub(2) as usize;
        let more_below = reader.scroll + visible < lines.len();
        let key = |action| self.ctx.key(Context::Reader, action);
        let scrolling = format!(
            "{}/{} scroll · {} closes",
            key(Action::Down),
            key(Action::Up),
            key(Action::CloseOverlay)
        );
        let footer = match (reader.scroll > 0, more_below) {
            (_, true) => format!(" ↓ more: {scrolling} "),
            (true, false) => format!(" ↑ more: {scrolling} "),
            (false, false) => format!(" {} closes ", key(Action::CloseOverlay)),
        };
        Clear.render(popup, buf);
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(reader.scroll)
            .take(visible)
            .map(|line| Line::styled(format!(" {line}"), theme.text))
            .collect();
        Paragraph::new(shown)
            .block(
                Block::bordered()
                    .title(format!(" {} ", safe_text::line(&reader.title)))
                    .title_bottom(Line::styled(footer, theme.muted).right_aligned())
                    .border_style(theme.border_focused),
            )
            .render(popup, buf);
    }
}
