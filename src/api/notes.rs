//! The `notes` string ⇄ a timeline of entries. The API keeps a contact's history as one string of
//! paragraphs separated by a blank line, each starting `YYYY-MM-DD HH:MM `. A blank line is two line
//! endings in a row, each `\n` or `\r\n` (notes written on Windows or pasted from a mail client
//! carry CRLF). Parsing never drops a byte: a paragraph without a timestamp joins the entry before
//! it (or stands alone when first), each entry remembers the exact blank line that preceded it, and
//! [`NoteTimeline::format`] gives back exactly the text that was parsed.
#![deny(clippy::indexing_slicing)]

use chrono::NaiveDateTime;

/// The separator the API writes between paragraphs in its `notes` string.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The timestamp layout at the start of an entry.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M";

const TIMESTAMP_LEN: usize = 16;

/// Every spelling of a blank line between paragraphs: two line endings, each LF or CRLF.
const BLANK_LINES: [&str; 4] = ["\r\n\r\n", "\r\n\n", "\n\r\n", "\n\n"];

/// One entry of the history: its timestamp (when it had a valid one) and its exact source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    /// When the note was written, if the entry starts with a valid `YYYY-MM-DD HH:MM`.
    pub timestamp: Option<NaiveDateTime>,
    /// The entry exactly as it appeared, timestamp included, paragraphs joined by their blank line.
    pub source: String,
    /// The blank line that came before this entry in the `notes` string (`\n\n`, or a CRLF
    /// spelling of it); empty for the first entry.
    pub separator_before: &'static str,
}

impl NoteEntry {
    /// The entry's text without its leading timestamp, trimmed.
    pub fn body(&self) -> &str {
        let text = match self.timestamp {
            // A parsed timestamp is 16 ASCII bytes, so the cut is on a character boundary.
            Some(_) => self.source.get(TIMESTAMP_LEN..).unwrap_or(&self.source),
            None => &self.source,
        };
        text.trim()
    }
}

/// A contact's note history in the order the API gives it (oldest first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteTimeline {
    pub entries: Vec<NoteEntry>,
}

impl NoteTimeline {
    /// Splits the API's `notes` string into entries. Never fails; an empty string has no entries.
    pub fn parse(notes: &str) -> NoteTimeline {
        let mut entries: Vec<NoteEntry> = Vec::new();
        if notes.is_empty() {
            return NoteTimeline { entries };
        }
        for (separator_before, paragraph) in Paragraphs::new(notes) {
            match (leading_timestamp(paragraph), entries.last_mut()) {
                (None, Some(previous)) => {
                    previous.source.push_str(separator_before);
                    previous.source.push_str(paragraph);
                }
                (timestamp, _) => entries.push(NoteEntry {
                    timestamp,
                    source: paragraph.to_string(),
                    separator_before,
                }),
            }
        }
        NoteTimeline { entries }
    }

    /// The API's `notes` string for these entries: the exact inverse of [`NoteTimeline::parse`].
    pub fn format(&self) -> String {
        let mut notes =
            String::with_capacity(self.entries.iter().map(|e| e.source.len() + 4).sum());
        for (index, entry) in self.entries.iter().enumerate() {
            if index > 0 {
                notes.push_str(match entry.separator_before {
                    "" => PARAGRAPH_SEPARATOR,
                    separator => separator,
                });
            }
            notes.push_str(&entry.source);
        }
        notes
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Where one entry lies in a `notes` string: an index into the one string, so a history of
/// megabytes is looked at without copying its entries. Its timestamp is read from the string when
/// asked (only the entries on screen are), so a span is two offsets: 16 bytes a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntrySpan {
    /// The entry's first byte in the notes string.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl EntrySpan {
    /// The entry as it appears in `notes` (the string it was found in).
    pub fn source<'a>(&self, notes: &'a str) -> &'a str {
        notes.get(self.start..self.end).unwrap_or("")
    }

    /// When the note was written, if the entry starts with a valid `YYYY-MM-DD HH:MM`.
    pub fn timestamp(&self, notes: &str) -> Option<NaiveDateTime> {
        leading_timestamp(self.source(notes))
    }

    /// The entry's text without its leading timestamp, trimmed, as [`NoteEntry::body`].
    pub fn body<'a>(&self, notes: &'a str) -> &'a str {
        let source = self.source(notes);
        let text = match leading_timestamp(source) {
            Some(_) => source.get(TIMESTAMP_LEN..).unwrap_or(source),
            None => source,
        };
        text.trim()
    }
}

/// The entries of `notes` as [`NoteTimeline::parse`] finds them (oldest first), as spans of the
/// string instead of copies.
pub fn entry_spans(notes: &str) -> Vec<EntrySpan> {
    let mut spans: Vec<EntrySpan> = Vec::new();
    if notes.is_empty() {
        return spans;
    }
    // The paragraphs and the blank lines between them spell the whole string, in order.
    let mut position = 0;
    for (separator_before, paragraph) in Paragraphs::new(notes) {
        let start = position + separator_before.len();
        let end = start + paragraph.len();
        position = end;
        match (leading_timestamp(paragraph), spans.last_mut()) {
            (None, Some(previous)) => previous.end = end,
            _ => spans.push(EntrySpan { start, end }),
        }
    }
    spans
}

/// The paragraphs of a `notes` string, each with the blank line before it (empty for the first).
struct Paragraphs<'a> {
    rest: Option<&'a str>,
    separator_before: &'static str,
}

impl<'a> Paragraphs<'a> {
    fn new(notes: &'a str) -> Self {
        Paragraphs {
            rest: Some(notes),
            separator_before: "",
        }
    }
}

impl<'a> Iterator for Paragraphs<'a> {
    type Item = (&'static str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest.take()?;
        let before = self.separator_before;
        match next_blank_line(rest) {
            Some((paragraph, separator, after)) => {
                self.rest = Some(after);
                self.separator_before = separator;
                Some((before, paragraph))
            }
            None => Some((before, rest)),
        }
    }
}

/// Splits `text` at its first blank line: (the text before, the blank line's spelling, the text
/// after). A `\r` right before the first `\n` belongs to the blank line, not to the paragraph.
fn next_blank_line(text: &str) -> Option<(&str, &'static str, &str)> {
    let mut search_from = 0;
    while let Some(found) = text.get(search_from..)?.find('\n') {
        let newline = search_from + found;
        let line_start = if newline > 0 && text.get(newline - 1..newline) == Some("\r") {
            newline - 1
        } else {
            newline
        };
        let from_line_end = text.get(line_start..)?;
        if let Some(separator) = BLANK_LINES.iter().find(|b| from_line_end.starts_with(**b)) {
            let paragraph = text.get(..line_start)?;
            let after = from_line_end.get(separator.len()..)?;
            return Some((paragraph, separator, after));
        }
        search_from = newline + 1;
    }
    None
}

/// The `YYYY-MM-DD HH:MM` at the start of a paragraph, when it is a real date and time followed by
/// whitespace or the end of the paragraph.
fn leading_timestamp(paragraph: &str) -> Option<NaiveDateTime> {
    let head = paragraph.get(..TIMESTAMP_LEN)?;
    let rest = paragraph.get(TIMESTAMP_LEN..)?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let shape_ok = head.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b' ',
        13 => b == b':',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(head, TIMESTAMP_FORMAT).ok()
}

/// Formats a timestamp the way the API writes it at the head of a note.
pub fn format_timestamp(at: NaiveDateTime) -> String {
    at.format(TIMESTAMP_FORMAT).to_string()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn parses_the_reference_example() {
        let text = "2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n2025-08-14 10:46 Called as requested and sent the prices.";
        let timeline = NoteTimeline::parse(text);
        assert_eq!(timeline.len(), 2);
        assert_eq!(
            timeline.entries[0].body(),
            "Talked to lead and he said to call back in 2 days."
        );
        assert_eq!(
            timeline.entries[1]
                .timestamp
                .map(format_timestamp)
                .as_deref(),
            Some("2025-08-14 10:46")
        );
        assert_eq!(timeline.format(), text);
    }

    #[test]
    fn untimestamped_paragraphs_join_the_entry_before_or_stand_alone() {
        let text = "imported from the old CRM\n\n2025-01-02 08:00 Call\n\nsecond paragraph\n\n2025-13-40 10:00 not a date";
        let timeline = NoteTimeline::parse(text);
        assert_eq!(timeline.len(), 2);
        assert_eq!(timeline.entries[0].timestamp, None);
        assert_eq!(
            timeline.entries[1].body(),
            "Call\n\nsecond paragraph\n\n2025-13-40 10:00 not a date"
        );
        assert_eq!(timeline.format(), text);
    }

    #[test]
    fn crlf_blank_lines_separate_entries_and_round_trip() {
        let text = "2025-08-12 09:35 Called.\r\nLeft a message.\r\n\r\n2025-08-14 10:46 Sent prices.\r\n\r\nP.S. in euros\n\r\n2025-08-15 08:00 Closed.";
        let timeline = NoteTimeline::parse(text);
        assert_eq!(timeline.len(), 3);
        assert_eq!(timeline.entries[0].body(), "Called.\r\nLeft a message.");
        assert_eq!(
            timeline.entries[1].body(),
            "Sent prices.\r\n\r\nP.S. in euros"
        );
        assert_eq!(timeline.entries[2].separator_before, "\n\r\n");
        assert_eq!(timeline.entries[2].body(), "Closed.");
        assert_eq!(timeline.format(), text);
    }
}
