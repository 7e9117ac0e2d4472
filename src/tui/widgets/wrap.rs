//! Word wrapping by display width (CJK and emoji count two columns), used wherever the TUI needs to
//! know how many rows a text takes before drawing it — the note timeline scrolls by these rows.
//! [`wrap_text`] keeps the text's own line breaks and spaces; [`wrap_words`] flows one paragraph
//! of words (status lines, messages in boxes).
#![deny(clippy::indexing_slicing)]

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` into lines at most `width` columns wide. Line breaks in the text are kept (a blank
/// line stays blank); words longer than the width are split. Never returns an empty vector.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, width, &mut lines);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn wrap_paragraph(paragraph: &str, width: usize, lines: &mut Vec<String>) {
    let mut current = String::new();
    let mut current_width = 0;
    for word in paragraph.split(' ') {
        let word_width = word.width();
        let space = usize::from(!current.is_empty());
        if current_width + space + word_width <= width {
            if space == 1 {
                current.push(' ');
            }
            current.push_str(word);
            current_width += space + word_width;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            current_width = 0;
        }
        if word_width <= width {
            current.push_str(word);
            current_width = word_width;
            continue;
        }
        for c in word.chars() {
            let char_width = c.width().unwrap_or(0);
            if current_width + char_width > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                current_width = 0;
            }
            current.push(c);
            current_width += char_width;
        }
    }
    lines.push(current);
}

/// Greedy word wrap of one paragraph to `width` columns; words longer than a line are cut.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
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
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn wraps_words_keeps_breaks_and_splits_long_words() {
        assert_eq!(wrap_text("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_text("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap_text("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_text("北京北京", 5), ["北京", "北京"]);
        assert_eq!(wrap_text("", 5), [""]);
    }

    #[test]
    fn wrapping_words_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap_words("the server failed (500)", 12),
            ["the server", "failed (500)"]
        );
        assert_eq!(wrap_words("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 5), [""]);
    }

    proptest::proptest! {
        #[test]
        fn no_line_is_wider_than_asked(text in "[a-z 北🙂\n]{0,80}", width in 2usize..30) {
            for line in wrap_text(&text, width) {
                proptest::prop_assert!(line.width() <= width);
            }
        }
    }
}
