//! A JSON string's text turned into the string it stands for, inside the buffer that holds it:
//! the body of a reply with a huge `notes` string becomes that string without a second buffer of
//! its size (a JSON parser would build the unescaped text apart, then copy it once more). The
//! result is exactly what `serde_json` makes of the same string; anything it would refuse (a
//! lone surrogate, a bad escape) is refused here before the buffer is touched.

use std::ops::Range;

/// Turns `buffer[quoted]` — one JSON string, quotes included, already checked to be valid JSON
/// text by a parser — into the string it stands for, reusing `buffer`'s allocation. Returns
/// `Err(buffer)` untouched when the text is not a string `serde_json` would accept.
pub fn unescape_in_place(mut buffer: Vec<u8>, quoted: Range<usize>) -> Result<String, Vec<u8>> {
    let Some(inner) = inner_range(&buffer, &quoted) else {
        return Err(buffer);
    };
    if !escapes_are_valid(buffer.get(inner.clone()).unwrap_or_default()) {
        return Err(buffer);
    }
    let mut write = 0;
    let mut read = inner.start;
    while read < inner.end {
        let rest = buffer.get(read..inner.end).unwrap_or_default();
        let plain = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        // `write` never passes `read`: every escape is at least as long as what it stands for.
        buffer.copy_within(read..read + plain, write);
        write += plain;
        read += plain;
        if read >= inner.end {
            break;
        }
        let (decoded, used) = escape_at(&buffer, read);
        let mut bytes = [0u8; 4];
        let encoded = decoded.encode_utf8(&mut bytes).as_bytes();
        if let Some(slot) = buffer.get_mut(write..write + encoded.len()) {
            slot.copy_from_slice(encoded);
        }
        write += encoded.len();
        read += used;
    }
    buffer.truncate(write);
    buffer.shrink_to_fit();
    // The text was UTF-8 and every escape was turned into a whole character.
    String::from_utf8(buffer).map_err(std::string::FromUtf8Error::into_bytes)
}

/// The range between the quotes, when `quoted` is a quoted string inside `buffer`.
fn inner_range(buffer: &[u8], quoted: &Range<usize>) -> Option<Range<usize>> {
    let text = buffer.get(quoted.clone())?;
    let ([b'"', ..], [.., b'"']) = (text, text) else {
        return None;
    };
    (text.len() >= 2).then(|| quoted.start + 1..quoted.end - 1)
}

/// True when every escape in `inner` is one `serde_json` decodes: the two-character ones, and
/// `\uXXXX` where a high surrogate is followed at once by a low one and no low one stands alone.
fn escapes_are_valid(inner: &[u8]) -> bool {
    let mut at = 0;
    while let Some(offset) = inner
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\\'))
    {
        at += offset;
        match inner.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => at += 2,
            Some(b'u') => match unicode_escape(inner, at) {
                Some((_, used)) => at += used,
                None => return false,
            },
            _ => return false,
        }
    }
    // Control characters are refused by the parser that checked the text; check anyway.
    !inner.iter().any(|&b| b < 0x20)
}

/// The character of the escape starting at `at` (a backslash) and how many bytes it spans;
/// only called on escapes [`escapes_are_valid`] accepted.
fn escape_at(buffer: &[u8], at: usize) -> (char, usize) {
    let simple = |c: char| (c, 2);
    match buffer.get(at + 1) {
        Some(b'b') => simple('\u{8}'),
        Some(b'f') => simple('\u{c}'),
        Some(b'n') => simple('\n'),
        Some(b'r') => simple('\r'),
        Some(b't') => simple('\t'),
        Some(b'u') => unicode_escape(buffer, at).unwrap_or(('\u{fffd}', 6)),
        Some(&other) => simple(char::from(other)),
        None => simple('\u{fffd}'),
    }
}

/// `\uXXXX` (or a surrogate pair of two) at `at`: the character and the bytes it spans.
fn unicode_escape(buffer: &[u8], at: usize) -> Option<(char, usize)> {
    let first = hex4(buffer.get(at + 2..at + 6)?)?;
    match first {
        0xD800..=0xDBFF => {
            let (b'\\', b'u') = (*buffer.get(at + 6)?, *buffer.get(at + 7)?) else {
                return None;
            };
            let second = hex4(buffer.get(at + 8..at + 12)?)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return None;
            }
            let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            Some((char::from_u32(code)?, 12))
        }
        0xDC00..=0xDFFF => None,
        _ => Some((char::from_u32(first)?, 6)),
    }
}

fn hex4(digits: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(digits).ok()?;
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn unescaped(json: &str) -> Result<String, Vec<u8>> {
        let mut buffer = b"{\"notes\":".to_vec();
        let start = buffer.len();
        buffer.extend_from_slice(json.as_bytes());
        let end = buffer.len();
        buffer.extend_from_slice(b"}");
        unescape_in_place(buffer, start..end)
    }

    #[test]
    fn escapes_become_what_they_stand_for() {
        let json = r#""a\"b\\c\/d\b\f\n\r\t \u00e9 \ud83d\ude00 \u0000 end""#;
        let expected: String = serde_json::from_str(json).unwrap();
        assert_eq!(unescaped(json).unwrap(), expected);
        assert_eq!(unescaped(r#""""#).unwrap(), "");
        assert_eq!(unescaped(r#""plain ação""#).unwrap(), "plain ação");
    }

    #[test]
    fn what_serde_json_refuses_is_refused_untouched() {
        for json in [
            r#""\ud83d""#,
            r#""\ud83d x""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\x""#,
            r#""\u12""#,
            "\"tab\there\"",
            "nope",
        ] {
            assert!(serde_json::from_str::<String>(json).is_err(), "{json}");
            let refused = unescaped(json).unwrap_err();
            assert!(refused.ends_with(format!("{json}}}").as_bytes()), "{json}");
        }
    }

    proptest! {
        #[test]
        fn any_string_comes_back_as_serde_json_reads_it(text in any::<String>(), ascii_only in any::<bool>()) {
            // serde_json writes only the escapes it must; force every other kind too.
            let mut json = serde_json::to_string(&text).unwrap();
            if ascii_only {
                json = text.chars().fold(String::from("\""), |mut out, c| {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                    out
                }) + "\"";
            }
            prop_assert_eq!(unescaped(&json).unwrap(), text);
        }

        #[test]
        fn arbitrary_escapes_agree_with_serde_json(pieces in proptest::collection::vec(
            prop_oneof![
                Just("\\n".to_string()), Just("\\\"".to_string()), Just("\\/".to_string()),
                Just("\\ud83d".to_string()), Just("\\ude00".to_string()), Just("\\u00e9".to_string()),
                Just("\\q".to_string()), Just("é".to_string()), Just("a".to_string()),
            ], 0..12)) {
            let json = format!("\"{}\"", pieces.concat());
            match serde_json::from_str::<String>(&json) {
                Ok(expected) => prop_assert_eq!(unescaped(&json).unwrap(), expected),
                Err(_) => prop_assert!(unescaped(&json).is_err()),
            }
        }
    }
}
