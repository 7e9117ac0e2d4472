//! What a single-line input shows: its text made safe for the terminal, scrolled so the cursor
//! stays in view, and the cursor's column. The input keeps the text as typed (or as the server sent
//! it, in the edit form); every control or bidi character is drawn as one placeholder, so the
//! cursor is placed by the widths of what is drawn, not of what is held.

use tui_input::Input;
use unicode_width::UnicodeWidthChar;

use crate::text::safe_line;

/// The visible part of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownInput {
    /// The text that fits, safe to draw.
    pub text: String,
    /// The cursor's column within `text` (may be one past its end).
    pub cursor_column: usize,
}

/// The part of `input` to draw in `width` columns, keeping one column free after the cursor.
pub fn shown_input(input: &Input, width: usize) -> ShownInput {
    shown_value(input.value(), input.cursor(), width)
}

/// The part of `value` to draw in `width` columns with the cursor before character `cursor`.
pub fn shown_value(value: &str, cursor: usize, width: usize) -> ShownInput {
    // One placeholder per character: the input's character index is the safe text's too.
    let safe = safe_line(value);
    let widths: Vec<(char, usize)> = safe.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    let cursor = cursor.min(widths.len());
    let cursor_column: usize = widths.iter().take(cursor).map(|(_, w)| w).sum();
    let room = width.max(1);
    let want_scroll = cursor_column.saturating_sub(room - 1);
    let mut skipped = 0;
    let mut first = 0;
    while skipped < want_scroll && first < widths.len() {
        skipped += widths[first].1;
        first += 1;
    }
    let mut text = String::new();
    let mut used = 0;
    for (c, w) in widths.iter().skip(first) {
        if used + w > room {
            break;
        }
        text.push(*c);
        used += w;
    }
    ShownInput {
        text,
        cursor_column: cursor_column.saturating_sub(skipped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tui_input::InputRequest;

    #[test]
    fn controls_show_as_placeholders_and_the_cursor_follows_them() {
        let input = Input::new("a\u{1b}]0;x\u{7}\u{200f}b".to_string());
        let shown = shown_input(&input, 40);
        assert_eq!(shown.text, "a\u{241b}]0;x\u{2407}\u{fffd}b");
        assert_eq!(shown.cursor_column, 9);
    }

    #[test]
    fn a_long_value_scrolls_to_keep_the_cursor_in_view() {
        let mut input = Input::new("北京北京北京北京".to_string());
        input.handle(InputRequest::GoToEnd);
        let shown = shown_input(&input, 7);
        assert!(shown.cursor_column < 7);
        assert_eq!(shown.text, "京北京");
        input.handle(InputRequest::GoToStart);
        assert_eq!(shown_input(&input, 7).cursor_column, 0);
    }
}
