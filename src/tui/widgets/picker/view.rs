//! Drawing a picker: a box centred over the screen with the filter line, the matching rows (the
//! current value marked ●, the highlighted row reversed), the free-entry row, the tags collected
//! so far, a plain note, the last refusal and the key hints; when the rows do not all fit, the
//! borders say how many more there are above and below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Picker, PickerRow};
use crate::tui::keymap::{Action, Context};
use crate::tui::theme::Theme;
use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{self, cells, centered, draw_input, hints, line_at, overlay_box};
use crate::tui::widgets::safe_text::line as safe_line;
use crate::tui::widgets::wrap::wrap_words;

/// Draws a picker as a box centred in its area.
pub struct PickerView<'a> {
    pub picker: &'a Picker,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.picker.draw(area, buf, &self.ctx);
    }
}

const MAX_WIDTH: u16 = 64;
const MAX_HEIGHT: u16 = 18;

impl Picker {
    fn draw(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let theme = ctx.theme;
        // As tall as the rows need (at least a few, for the empty text), at most MAX_HEIGHT.
        let footer_rows = cells(self.footer_lines(ctx).len());
        let list_rows = cells(self.rows.len()).clamp(3, 10);
        let height = (2 + 1 + list_rows + footer_rows).min(MAX_HEIGHT);
        let boxed = centered(area, MAX_WIDTH, height);
        let inner = overlay_box(boxed, buf, &self.title, theme);
        if inner.height == 0 || inner.width < 4 {
            return;
        }
        let footer = self.footer_lines(ctx);
        let mut y = inner.y;
        line_at(buf, inner, y, Line::styled("›", theme.accent));
        draw_input(
            buf,
            Rect::new(inner.x + 2, y, inner.width - 2, 1),
            &self.query,
            true,
            theme.text,
        );
        y += 1;
        let list_height = inner
            .height
            .saturating_sub(1)
            .saturating_sub(cells(footer.len()));
        let list_area = Rect::new(inner.x, y, inner.width, list_height);
        self.render_rows(list_area, buf, theme);
        self.render_scroll_hint(boxed, list_height, buf, theme);
        let footer_top = (inner.y + inner.height)
            .saturating_sub(cells(footer.len()))
            .max(inner.y + 1);
        for (footer_y, line) in (footer_top..).zip(footer) {
            line_at(buf, inner, footer_y, line);
        }
    }

    /// The first row shown when `visible` rows fit: the highlighted row is always in view.
    fn first_shown(&self, visible: usize) -> usize {
        self.selected.saturating_sub(visible.saturating_sub(1))
    }

    /// When not every row fits, the box's borders say how many more there are above and below
    /// ("↓ 2 more"), so a short window does not silently hide "Lost".
    fn render_scroll_hint(&self, boxed: Rect, visible: u16, buf: &mut Buffer, theme: &Theme) {
        let visible = usize::from(visible);
        if visible == 0 || self.rows.len() <= visible || boxed.width < 14 || boxed.height < 2 {
            return;
        }
        let first = self.first_shown(visible);
        let below = self.rows.len().saturating_sub(first + visible);
        let mut hint = |count: usize, arrow: &str, y: u16| {
            if count == 0 {
                return;
            }
            let text = format!(" {arrow} {count} more ");
            let width = cells(unicode_width::UnicodeWidthStr::width(text.as_str()));
            let x = boxed.right().saturating_sub(width + 2);
            buf.set_string(x, y, text, theme.muted);
        };
        hint(first, "↑", boxed.y);
        hint(below, "↓", boxed.bottom() - 1);
    }

    fn render_rows(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        if self.items.is_empty() && self.query.value().trim().is_empty() {
            let lines = wrap_words(&self.empty_text, usize::from(area.width));
            for (y, text) in (area.y..area.y + area.height).zip(lines) {
                line_at(buf, area, y, Line::styled(text, theme.muted));
            }
            return;
        }
        if self.rows.is_empty() {
            line_at(
                buf,
                area,
                area.y,
                Line::styled("nothing matches", theme.muted),
            );
            return;
        }
        let visible = usize::from(area.height);
        // Keep the highlighted row in view without remembering a scroll position.
        let first = self.first_shown(visible);
        let width = usize::from(area.width);
        for (offset, row) in self.rows.iter().skip(first).take(visible).enumerate() {
            let index = first + offset;
            let line = self.row_line(row, width, theme);
            let y = area.y + cells(offset);
            let row_area = Rect::new(area.x, y, area.width, 1);
            line_at(buf, area, y, line);
            if index == self.selected {
                buf.set_style(row_area, theme.selected);
            }
        }
    }

    fn row_line(&self, row: &PickerRow, width: usize, theme: &Theme) -> Line<'static> {
        match row {
            PickerRow::Item(index) => {
                let item = &self.items[*index];
                let marker = if self.is_current(&item.value) {
                    "● "
                } else if self.chosen.iter().any(|c| c == &item.value) {
                    "+ "
                } else {
                    "  "
                };
                let label = layout::truncate(&safe_line(&item.label), width.saturating_sub(2));
                let used = 2 + unicode_width::UnicodeWidthStr::width(label.as_str());
                let mut spans = vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(label, theme.text),
                ];
                if let Some(detail) = &item.detail {
                    let room = width.saturating_sub(used + 2);
                    if room > 3 {
                        let detail = layout::truncate(&safe_line(detail), room);
                        spans.push(Span::styled(format!("  {detail}"), theme.muted));
                    }
                }
                Line::from(spans)
            }
            PickerRow::Free(text) => {
                let what = if self.multiple { "new tag" } else { "use" };
                let shown = layout::truncate(&safe_line(text), width.saturating_sub(12));
                Line::from(vec![
                    Span::styled("+ ", theme.accent),
                    Span::styled(format!("{what} \"{shown}\""), theme.text),
                ])
            }
        }
    }

    fn footer_lines(&self, ctx: &ViewCtx) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let key = |action| ctx.key(Context::Picker, action);
        let mut lines = Vec::new();
        if self.multiple {
            let chosen = if self.chosen.is_empty() {
                Span::styled("none yet", theme.muted)
            } else {
                Span::styled(safe_line(&self.chosen.join(", ")).into_owned(), theme.tag)
            };
            lines.push(Line::from(vec![
                Span::styled("Adding: ", theme.label),
                chosen,
            ]));
        }
        if let Some(note) = &self.note {
            lines.push(Line::styled(note.clone(), theme.muted));
        }
        if let Some(error) = &self.error {
            lines.push(Line::styled(safe_line(error).into_owned(), theme.error));
        }
        let pairs = if self.multiple {
            vec![
                (key(Action::Pick), "add"),
                (",".to_string(), "add typed"),
                (key(Action::Save), "save"),
                (key(Action::Cancel), "cancel"),
            ]
        } else {
            vec![
                (ctx.up_down(Context::Picker), "move"),
                (key(Action::Complete), "complete"),
                (key(Action::Pick), "choose"),
                (key(Action::Cancel), "cancel"),
            ]
        };
        lines.push(hints(&pairs, theme));
        lines
    }
}
