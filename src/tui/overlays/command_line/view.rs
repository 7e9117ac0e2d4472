//! Drawing the command line on the last row of its area, with the completions (or the error of the
//! last Enter) on the row above it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use super::CommandLine;
use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{cells, draw_input, line_at};
use crate::tui::widgets::safe_text::line as safe_line;
use crate::tui::widgets::wrap::wrap_words;

/// Draws the command line at the bottom of its area.
pub struct CommandLineView<'a> {
    pub line: &'a CommandLine,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &CommandLineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.line.draw(area, buf, &self.ctx);
    }
}

impl CommandLine {
    /// Draws the line at the bottom of `area`: `:` and the input, and above it the completions or
    /// the error.
    fn draw(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let theme = ctx.theme;
        if area.height == 0 || area.width < 2 {
            return;
        }
        let input_row = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
        Clear.render(input_row, buf);
        line_at(buf, input_row, input_row.y, Line::styled(":", theme.accent));
        draw_input(
            buf,
            Rect::new(area.x + 1, input_row.y, area.width - 1, 1),
            &self.input,
            true,
            theme.text,
        );
        if area.height < 2 {
            return;
        }
        let above = Rect::new(area.x, input_row.y - 1, area.width, 1);
        if let Some(error) = &self.error {
            // A long error wraps upwards rather than being cut.
            let mut lines = wrap_words(&safe_line(error), usize::from(area.width));
            lines.truncate(usize::from(area.height - 1).min(3));
            let top = input_row.y - cells(lines.len());
            for (y, text) in (top..).zip(lines) {
                let row = Rect::new(area.x, y, area.width, 1);
                Clear.render(row, buf);
                line_at(buf, row, y, Line::styled(text, theme.error));
            }
            return;
        }
        let completions = self.completions_shown();
        if completions.is_empty() {
            return;
        }
        Clear.render(above, buf);
        let highlighted = self.completion_index();
        let mut spans = Vec::new();
        let mut used = 0usize;
        let width = usize::from(area.width);
        for (index, word) in completions.iter().enumerate() {
            let shown = safe_line(&self.completion_label(word)).into_owned();
            let cost = shown.width() + 2;
            if used + cost > width {
                spans.push(Span::styled("…", theme.muted));
                break;
            }
            used += cost;
            let style = if Some(index) == highlighted {
                theme.selected
            } else {
                theme.muted
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(shown, style));
            spans.push(Span::raw(" "));
        }
        line_at(buf, above, above.y, Line::from(spans));
    }

    /// While Tab cycles, the list being cycled; otherwise what the typed text would complete to.
    fn completions_shown(&self) -> Vec<String> {
        match &self.cycle {
            Some(cycle) => cycle.candidates.clone(),
            None => self.completions(),
        }
    }
}
