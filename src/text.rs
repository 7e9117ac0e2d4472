//! Making untrusted text (anything the server sent) safe and well-measured on a terminal. Owns the
//! display form of outside text: what reaches the screen, and how many columns it takes there.
//!
//! **Safe.** Control characters (C0, ESC, DEL, C1) and bidirectional overrides become visible
//! placeholders, so a contact named `"\x1b]52;c;…"` cannot write the clipboard, move the cursor or
//! retitle the window. Line and paragraph separators (U+2028, U+2029, NEL) never reach the terminal
//! raw: a single line shows them as `␤`, a block turns them into a line break (as it does CRLF).
//!
//! **Widths that agree with the terminal.** ratatui measures a grapheme cluster as one unit
//! (`unicode-width` over the cluster) and moves on by that many cells; a terminal — tmux in
//! particular — advances by each code point's `wcwidth`. Where the two disagree, every column after
//! the text is shifted. Measured in tmux 3.3a (glibc, C.UTF-8; printf a sample, read `cursor_x`):
//!
//! | sample                       | tmux | ratatui | display form here                   |
//! |------------------------------|------|---------|-------------------------------------|
//! | `👍🏽` (skin-tone modifier)    | 4    | 2       | `👍` — modifier dropped: 2          |
//! | `❤️` `©️` (VS16)               | 1    | 2       | `❤` `©` — selector dropped: 1       |
//! | `1️⃣` (keycap)                 | 1    | 2       | `1⃣` — selector dropped: 1          |
//! | `x` ZWJ `🙂`                  | 1    | 3       | `x🙂` — ZWJ dropped: 3              |
//! | `👨‍👩‍👧` (ZWJ family)          | 2    | 2       | `👨👩👧` — ZWJ dropped: 6           |
//! | soft hyphen U+00AD           | 1    | 0       | dropped                             |
//! | Hangul filler U+3164, U+FFA0 | 2, 1 | 0       | dropped                             |
//! | U+FFF9 (annotation), U+FFFE  | 0    | 1       | dropped / `�`                        |
//! | `ｶﾞ` (halfwidth dakuten)      | 2    | 3       | `ｶ゛` — U+309B, wide: 3             |
//! | `🇧🇷` (flag), lone `🇧`         | 2, 1 | 2, 1    | kept: they agree                    |
//! | U+200B, U+2060, U+FEFF, tags | 0    | 0       | dropped (invisible either way)      |
//!
//! ZWJ sequences are split into their component emoji rather than kept whole: tmux 3.3a happens to
//! join them, but tmux 3.2 and most terminals outside it do not, while every one of them agrees on
//! the parts. Flags are kept as they are, since every terminal measured gives a pair two columns.
//! What is left is checked grapheme by grapheme (ratatui's cell width against the sum of the code
//! points' widths) and any cluster that still disagrees is shown as `�`. The one gap is emoji newer
//! than the terminal's own tables (Unicode 15+ in this tmux, which prints them as nothing): no
//! program can know those tables. All of this is display only: the model keeps the verbatim text.
#![deny(clippy::indexing_slicing)]

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Placeholder shown for C1 controls, bidi formatting characters and clusters that cannot be shown
/// at a width the terminal agrees with.
pub const HIDDEN_CHARACTER: char = '\u{FFFD}';

/// What a line or paragraph separator looks like inside a single line: `␤`.
pub const LINE_BREAK_SHOWN: char = '\u{2424}';

/// Safe text for a single line: every control character, line breaks included, becomes visible.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    clean(text, Shape::Line)
}

/// Safe text for a block that may span lines: `\n` is kept (CRLF and the Unicode line and paragraph
/// separators become `\n`), tabs become a space, every other control character becomes visible.
pub fn safe_block(text: &str) -> Cow<'_, str> {
    clean(text, Shape::Block)
}

/// The display form of [`safe_line`] or [`safe_block`] for an ASCII-only terminal (`--ascii`):
/// each control picture in caret notation (`␛` → `^[`, `␇` → `^G`, `␡` → `^?`), a line break
/// shown inside a line as `^J`, and the replacement character as `?`. Other text is left as it
/// is: a person's name keeps its accents.
pub fn ascii_placeholders(text: &str) -> Cow<'_, str> {
    let is_placeholder = |c: char| {
        matches!(
            c,
            '\u{2400}'..='\u{241F}' | '\u{2421}' | LINE_BREAK_SHOWN | HIDDEN_CHARACTER
        )
    };
    if !text.contains(is_placeholder) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2400}'..='\u{241F}' => {
                out.push('^');
                out.push(char::from_u32(c as u32 - 0x2400 + 0x40).unwrap_or('?'));
            }
            '\u{2421}' => out.push_str("^?"),
            LINE_BREAK_SHOWN => out.push_str("^J"),
            HIDDEN_CHARACTER => out.push('?'),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True for characters that must never reach a terminal as they are: C0, DEL, C1, bidi controls
/// and the Unicode line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    let code = c as u32;
    code < 0x20
        || code == 0x7f
        || (0x80..=0x9f).contains(&code)
        || is_bidi_control(c)
        || is_line_separator(c)
}

/// Text typed or pasted by the person, with every line break spelled `\n`: CRLF, NEL and the
/// Unicode line and paragraph separators. A lone CR is left for the caller to treat as a control.
pub fn unify_line_breaks(text: &str) -> Cow<'_, str> {
    if !text.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "\n")
            .replace(['\u{85}', '\u{2028}', '\u{2029}'], "\n"),
    )
}

/// How many columns a terminal advances for `text`: the sum of its code points' widths, which is
/// what tmux counts. For the output of [`safe_line`] it is also what ratatui counts.
pub fn terminal_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// True for invisible format characters that the display form drops: they take no column in one
/// of tmux and ratatui and one in the other, or join what surrounds them into a cluster the two
/// measure differently (ZWJ, variation selectors).
pub fn is_dropped_for_display(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_skin_tone_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

fn is_noncharacter(c: char) -> bool {
    let code = c as u32;
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Whether the text is shown on one line or may span several.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Line,
    Block,
}

/// What one character of outside text becomes on screen.
enum Shown {
    Same,
    Instead(char),
    Nothing,
}

fn shown(c: char, next: Option<char>, after_text: bool, shape: Shape) -> Shown {
    let block = shape == Shape::Block;
    let code = c as u32;
    match c {
        '\n' if block => Shown::Same,
        '\r' if block && next == Some('\n') => Shown::Nothing,
        '\t' if block => Shown::Instead(' '),
        '\u{85}' | '\u{2028}' | '\u{2029}' if block => Shown::Instead('\n'),
        '\u{85}' | '\u{2028}' | '\u{2029}' => Shown::Instead(LINE_BREAK_SHOWN),
        _ if code < 0x20 => {
            Shown::Instead(char::from_u32(0x2400 + code).unwrap_or(HIDDEN_CHARACTER))
        }
        '\u{7f}' => Shown::Instead('\u{2421}'),
        _ if is_unsafe(c) || is_noncharacter(c) => Shown::Instead(HIDDEN_CHARACTER),
        _ if is_dropped_for_display(c) => Shown::Nothing,
        // A modifier joins the emoji before it into a cluster tmux draws four columns wide.
        _ if is_skin_tone_modifier(c) && after_text => Shown::Nothing,
        // ratatui adds a column of its own for these; their wide spacing forms measure the same
        // everywhere.
        '\u{FF9E}' => Shown::Instead('\u{309B}'),
        '\u{FF9F}' => Shown::Instead('\u{309C}'),
        _ => Shown::Same,
    }
}

/// True when ratatui and the terminal give this cluster the same number of columns. Only called
/// on clusters free of control characters.
fn widths_agree(grapheme: &str) -> bool {
    usize::from(grapheme.cell_width()) == terminal_width(grapheme)
}

fn clean(text: &str, shape: Shape) -> Cow<'_, str> {
    if is_display_ready(text, shape) {
        return Cow::Borrowed(text);
    }
    let mut mapped = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let after_text = mapped.chars().next_back().is_some_and(|last| last != '\n');
        match shown(c, chars.peek().copied(), after_text, shape) {
            Shown::Same => mapped.push(c),
            Shown::Instead(visible) => mapped.push(visible),
            Shown::Nothing => {}
        }
    }
    let mut out = String::with_capacity(mapped.len());
    for grapheme in mapped.graphemes(true) {
        if grapheme == "\n" || grapheme.len() == 1 || widths_agree(grapheme) {
            out.push_str(grapheme);
        } else {
            out.push(HIDDEN_CHARACTER);
        }
    }
    Cow::Owned(out)
}

/// True when the text can be shown exactly as it is (the common case, checked without copying).
fn is_display_ready(text: &str, shape: Shape) -> bool {
    // Printable ASCII (with line breaks, in a block) is shown as it is, one column a character:
    // most text on every frame, known without splitting it into clusters.
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || (b == b'\n' && shape == Shape::Block))
    {
        return true;
    }
    text.graphemes(true).all(|grapheme| {
        let mut chars = grapheme.chars();
        let plain_start = chars.next().is_some_and(|first| {
            (first == '\n' && shape == Shape::Block && grapheme.len() == 1)
                || matches!(shown(first, None, false, shape), Shown::Same)
        });
        plain_start
            && chars.all(|c| matches!(shown(c, None, true, shape), Shown::Same))
            && (grapheme == "\n" || widths_agree(grapheme))
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(
            safe_line("Ana\x1b]52;c;aGk=\x07"),
            "Ana\u{241b}]52;c;aGk=\u{2407}"
        );
        assert_eq!(safe_line("a\u{9b}2J\u{202e}b"), "a\u{FFFD}2J\u{FFFD}b");
        assert_eq!(safe_line("line\nbreak"), "line\u{240a}break");
        assert_eq!(safe_block("line\nbreak\tx\r"), "line\nbreak x\u{240d}");
        assert!(matches!(safe_line("José 🙂 北京 🇧🇷"), Cow::Borrowed(_)));
    }

    #[test]
    fn ascii_placeholders_use_caret_notation() {
        let shown = safe_line("Eve\x1b]52;c;aGk=\x07\u{7f}\u{202e}\u{2028}José");
        assert_eq!(ascii_placeholders(&shown), "Eve^[]52;c;aGk=^G^??^JJosé");
        assert!(matches!(ascii_placeholders("José"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_and_paragraph_separators_never_pass_raw() {
        assert_eq!(safe_line("a\u{2028}b\u{2029}c\u{85}d"), "a␤b␤c␤d");
        assert_eq!(safe_block("a\u{2028}b\u{2029}c\u{85}d"), "a\nb\nc\nd");
        assert_eq!(safe_block("one\r\ntwo\r\n\r\nthree"), "one\ntwo\n\nthree");
        assert_eq!(safe_line("one\r\ntwo"), "one\u{240d}\u{240a}two");
    }

    #[test]
    fn emoji_are_shown_in_the_form_the_terminal_measures_like_ratatui() {
        assert_eq!(safe_line("👍🏽 ok"), "👍 ok");
        assert_eq!(safe_line("❤\u{FE0F}"), "❤");
        assert_eq!(safe_line("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(
            safe_line("a\u{200B}b\u{FEFF}c\u{2060}d\u{E0067}e\u{AD}f"),
            "abcdef"
        );
        assert_eq!(safe_line("\u{FF76}\u{FF9E}"), "\u{FF76}\u{309B}");
        assert_eq!(safe_line("🏽 alone"), "🏽 alone");
        for sample in [
            "👍🏽 ok",
            "👩\u{200D}❤\u{FE0F}\u{200D}💋\u{200D}👨",
            "1\u{FE0F}\u{20E3}",
        ] {
            let shown = safe_line(sample);
            assert!(shown.graphemes(true).all(widths_agree), "{shown:?}");
        }
    }
}
