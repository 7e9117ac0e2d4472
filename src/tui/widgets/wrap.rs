//! Word wrapping by display width (CJK and emoji count two columns), used wherever the TUI needs to
//! know how many rows a text takes before drawing it — the note timeline scrolls by these rows.
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

    proptest::proptest! {
        #[test]
        fn no_line_is_wider_than_asked(text in "[a-z 北🙂\n]{0,80}", width in 2usize..30) {
            for line in wrap_text(&text, width) {
                proptest::prop_assert!(line.width() <= width);
            }
        }
    }
}
