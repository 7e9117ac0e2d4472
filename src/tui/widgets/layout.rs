//! Drawing pieces shared by the work components: a single-line input with its cursor, key hints,
//! the spinner, and the boxed overlay placed over the screen. The cursor is drawn as a reversed
//! cell so a component renders into a plain `Buffer` (and shows in snapshots).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};
use tui_input::Input;
use unicode_width::UnicodeWidthChar;

use crate::tui::theme::Theme;
use crate::tui::widgets::shown_input::{shown_input, shown_value};

/// Frames of the "working" spinner, advanced by the component's `tick`.
pub const SPINNER_FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner glyph for a frame counter.
pub fn spinner(frame: usize) -> &'static str {
    SPINNER_FRAMES[frame % SPINNER_FRAMES.len()]
}

/// A rectangle of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Clears `area`, draws a bordered box titled `title` and returns the inside.
pub fn overlay_box(area: Rect, buf: &mut Buffer, title: &str, theme: &Theme) -> Rect {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(format!(" {title} "), theme.accent));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Draws a single-line input in `area` (one row): its text scrolled so the cursor shows, underlined
/// so an empty field is still visible, and the cursor as a reversed cell when focused.
pub fn draw_input(buf: &mut Buffer, area: Rect, input: &Input, focused: bool, style: Style) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let field_style = style.add_modifier(Modifier::UNDERLINED);
    buf.set_style(Rect { height: 1, ..area }, field_style);
    let width = usize::from(area.width);
    // A focused input scrolls to keep the cursor (and a column after the text) in view; the
    // others show their beginning.
    let shown = if focused {
        shown_input(input, width)
    } else {
        shown_value(input.value(), 0, width)
    };
    let mut x = area.x;
    let right = area.x + area.width;
    for c in shown.text.chars() {
        let char_width = c.width().unwrap_or(0);
        if x + char_width as u16 > right {
            break;
        }
        buf.set_string(x, area.y, c.to_string(), field_style);
        x += char_width as u16;
    }
    if focused {
        let cursor_x = area.x.saturating_add(shown.cursor_column as u16);
        if cursor_x < right {
            let cell_area = Rect::new(cursor_x, area.y, 1, 1);
            buf.set_style(cell_area, field_style.add_modifier(Modifier::REVERSED));
        }
    }
}

/// A line of key hints: `key` in the key style, its meaning muted, pairs separated by two spaces.
pub fn hints<'a>(pairs: &[(&'a str, &'a str)], theme: &Theme) -> Line<'a> {
    let mut spans = Vec::with_capacity(pairs.len() * 3);
    for (index, (key, meaning)) in pairs.iter().enumerate() {
        if index > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {meaning}"), theme.muted));
    }
    Line::from(spans)
}

/// Renders one line at row `y` of `area` (nothing when the row is outside).
pub fn line_at(buf: &mut Buffer, area: Rect, y: u16, line: Line<'_>) {
    if y >= area.y + area.height || area.width == 0 {
        return;
    }
    line.render(Rect::new(area.x, y, area.width, 1), buf);
}

/// Truncates `text` to at most `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Greedy word wrap of one paragraph to `width` columns; words longer than a line are cut.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used > 0 && used + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap_text("the server failed (500)", 12),
            ["the server", "failed (500)"]
        );
        assert_eq!(wrap_text("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_text("", 5), [""]);
        assert_eq!(truncate("北京北京", 5), "北京…");
    }
}
