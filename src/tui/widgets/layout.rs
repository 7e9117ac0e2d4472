//! Layout helpers every view shares: a box centred over the screen, a single-line input drawn
//! with its cursor (a reversed cell, so a view renders into a plain `Buffer` and shows in
//! snapshots), key hints, the spinner, one line at a row, and cutting or padding text to a width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use crate::text::terminal_width;

use crate::tui::theme::Theme;
use crate::tui::widgets::text_input::{TextInput, shown_value};

/// A count of rows or columns as terminal cells. A terminal has fewer than 65 536 of either, so
/// a larger count (only ever from outside text) saturates instead of wrapping.
pub fn cells(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
}

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

/// A bordered box titled `title` with a hint at its bottom right (the copy menu, the export
/// prompt, the profile switcher).
pub fn popup_block(title: &str, hint: &str, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(Line::styled(format!(" {hint} "), theme.muted).right_aligned())
        .border_style(theme.border_focused)
}

/// Draws a single-line input in `area` (one row): its text scrolled so the cursor shows, underlined
/// so an empty field is still visible, and the cursor as a reversed cell when focused.
pub fn draw_input(buf: &mut Buffer, area: Rect, input: &TextInput, focused: bool, style: Style) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let field_style = style.add_modifier(Modifier::UNDERLINED);
    buf.set_style(Rect { height: 1, ..area }, field_style);
    let width = usize::from(area.width);
    // A focused input scrolls to keep the cursor (and a column after the text) in view; the
    // others show their beginning.
    let shown = if focused {
        input.shown(width)
    } else {
        // Not being edited: its beginning, cut with `…` when it does not fit.
        let mut shown = shown_value(input.value(), 0, width + 1);
        shown.text = truncate(&shown.text, width);
        shown
    };
    let mut x = area.x;
    let right = area.x + area.width;
    for c in shown.text.chars() {
        let char_width = c.width().unwrap_or(0);
        if x + cells(char_width) > right {
            break;
        }
        buf.set_string(x, area.y, c.to_string(), field_style);
        x += cells(char_width);
    }
    if focused {
        let cursor_x = area.x.saturating_add(cells(shown.cursor_column));
        if cursor_x < right {
            let cell_area = Rect::new(cursor_x, area.y, 1, 1);
            buf.set_style(cell_area, field_style.add_modifier(Modifier::REVERSED));
        }
    }
}

/// A line of key hints: `key` in the key style, its meaning muted, pairs separated by two spaces.
/// Keys come from the keymap (`ViewCtx::key`), so a rebinding shows here too.
pub fn hints<K: AsRef<str>>(pairs: &[(K, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::with_capacity(pairs.len() * 3);
    for (index, (key, meaning)) in pairs.iter().enumerate() {
        if index > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key.as_ref().to_string(), theme.key));
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

/// Truncates `text` to at most `width` columns, ending in `…` when cut. The one cutting rule
/// every view uses: whole grapheme clusters only (an accent never loses its letter), measured
/// as the terminal measures them, and never cut without saying so.
pub fn truncate(text: &str, width: usize) -> String {
    if terminal_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = terminal_width(grapheme);
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut (by [`truncate`]) or padded to exactly `width` columns, with a trailing space
/// kept as a column gap.
pub fn pad(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let cut = truncate(text, width - 1);
    let used = terminal_width(&cut);
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// The spans of `line` that fit in `width` columns: the span that overflows is cut by
/// [`truncate`] (so it ends in `…`) and the rest dropped. Styles and alignment are kept.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    let total: usize = line
        .spans
        .iter()
        .map(|span| terminal_width(&span.content))
        .sum();
    if total <= width {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
    } = line;
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for span in spans {
        let span_width = terminal_width(&span.content);
        if used + span_width < width {
            used += span_width;
            out.push(span);
            continue;
        }
        let room = width.saturating_sub(used);
        if room > 0 {
            out.push(Span::styled(truncate(&span.content, room), span.style));
        }
        break;
    }
    Line {
        spans: out,
        style,
        alignment,
    }
}

/// `text` wrapped into lines of at most `width` columns, so a message is read whole rather than
/// cut (status and command-line messages).
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    crate::tui::widgets::wrap::wrap_words(text, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_to_a_width() {
        assert_eq!(truncate("北京北京", 5), "北京…");
        assert_eq!(pad("北京", 6), "北京  ");
        assert_eq!(pad("abcdef", 4), "ab… ");
        // An accent stays with its letter: cut by grapheme clusters.
        assert_eq!(truncate("Joe\u{301}lle", 4), "Joe\u{301}…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[test]
    fn a_line_too_long_is_cut_with_an_ellipsis_and_keeps_its_styles() {
        let line = Line::from(vec![
            Span::styled("Owner ", Style::new().bold()),
            Span::raw("sales@yourcompany.com"),
        ]);
        let cut = fit_line(line, 20);
        let text: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Owner sales@yourcom…");
        assert_eq!(cut.spans[0].style, Style::new().bold());
        let short = fit_line(Line::raw("fits"), 20);
        assert_eq!(short, Line::raw("fits"));
    }

    proptest::proptest! {
        #[test]
        fn a_cut_is_never_wider_than_asked_and_says_so(
            text in "\\PC{0,40}", width in 0usize..30
        ) {
            let cut = truncate(&text, width);
            proptest::prop_assert!(terminal_width(&cut) <= width);
            if cut != text {
                proptest::prop_assert!(width == 0 || cut.ends_with('…'));
            }
            proptest::prop_assert_eq!(terminal_width(&pad(&text, width)), width);
        }
    }
}
