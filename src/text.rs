//! Making untrusted text (anything the server sent) safe to put on a terminal. Control characters
//! (C0, ESC, DEL, C1) and bidirectional overrides become visible placeholders, so a contact named
//! `"\x1b]52;c;…"` cannot write the clipboard, move the cursor or retitle the window.

use std::borrow::Cow;

/// Placeholder shown for C1 controls and bidi formatting characters.
pub const HIDDEN_CHARACTER: char = '\u{FFFD}';

/// Safe text for a single line: every control character, line breaks included, becomes visible.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// Safe text for a block that may span lines: `\n` is kept, tabs become a space, every other
/// control character becomes visible.
pub fn safe_block(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

fn needs_cleaning(c: char, keep_newlines: bool) -> bool {
    (c == '\n' && !keep_newlines) || (c != '\n' && is_unsafe(c))
}

/// True for characters that must never reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    let code = c as u32;
    code < 0x20
        || code == 0x7f
        || (0x80..=0x9f).contains(&code)
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_cleaning(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_cleaning(c, keep_newlines) {
            out.push(c);
            continue;
        }
        let code = c as u32;
        let visible = match c {
            '\t' if keep_newlines => ' ',
            _ if code < 0x20 => char::from_u32(0x2400 + code).unwrap_or(HIDDEN_CHARACTER),
            '\u{7f}' => '\u{2421}',
            _ => HIDDEN_CHARACTER,
        };
        out.push(visible);
    }
    Cow::Owned(out)
}

#[cfg(test)]
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
        assert!(matches!(safe_line("José 🙂 北京"), Cow::Borrowed(_)));
    }
}
