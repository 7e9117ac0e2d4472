//! The `notes` string ⇄ a timeline of entries. The API keeps a contact's history as one string of
//! paragraphs separated by a blank line, each starting `YYYY-MM-DD HH:MM `. Parsing never drops a
//! byte: a paragraph without a timestamp joins the entry before it (or stands alone when first),
//! and [`NoteTimeline::format`] gives back exactly the text that was parsed.

use chrono::NaiveDateTime;

/// The separator between paragraphs in the API's `notes` string.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The timestamp layout at the start of an entry.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M";

const TIMESTAMP_LEN: usize = 16;

/// One entry of the history: its timestamp (when it had a valid one) and its exact source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    /// When the note was written, if the entry starts with a valid `YYYY-MM-DD HH:MM`.
    pub timestamp: Option<NaiveDateTime>,
    /// The entry exactly as it appeared, timestamp included, paragraphs joined by a blank line.
    pub source: String,
}

impl NoteEntry {
    /// The entry's text without its leading timestamp, trimmed.
    pub fn body(&self) -> &str {
        match self.timestamp {
            Some(_) => self.source[TIMESTAMP_LEN..].trim(),
            None => self.source.trim(),
        }
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
        for paragraph in notes.split(PARAGRAPH_SEPARATOR) {
            match (leading_timestamp(paragraph), entries.last_mut()) {
                (None, Some(previous)) => {
                    previous.source.push_str(PARAGRAPH_SEPARATOR);
                    previous.source.push_str(paragraph);
                }
                (timestamp, _) => entries.push(NoteEntry {
                    timestamp,
                    source: paragraph.to_string(),
                }),
            }
        }
        NoteTimeline { entries }
    }

    /// The API's `notes` string for these entries: the exact inverse of [`NoteTimeline::parse`].
    pub fn format(&self) -> String {
        let sources: Vec<&str> = self.entries.iter().map(|e| e.source.as_str()).collect();
        sources.join(PARAGRAPH_SEPARATOR)
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

/// The `YYYY-MM-DD HH:MM` at the start of a paragraph, when it is a real date and time followed by
/// whitespace or the end of the paragraph.
fn leading_timestamp(paragraph: &str) -> Option<NaiveDateTime> {
    let head = paragraph.get(..TIMESTAMP_LEN)?;
    let rest = &paragraph[TIMESTAMP_LEN..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let bytes = head.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        10 => *b == b' ',
        13 => *b == b':',
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
}
