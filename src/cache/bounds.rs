//! How big the contact cache may grow, and how a contact too big to keep whole is made to fit:
//! its newest notes are kept up to a bound (the copy flagged "notes cut"), and a contact still
//! over the hard bound without them is not cached at all.

use std::borrow::Cow;

use crate::api::Contact;
use crate::api::notes::NoteTimeline;

/// One mebibyte, the unit of the `cache_memory_mb` / `cache_disk_mb` settings.
pub const MEGABYTE: u64 = 1024 * 1024;

/// How many contacts one profile's cache keeps by default; the least recently fetched go first.
pub const MAX_CACHED_CONTACTS: usize = 2000;

/// How many bytes of contact files one profile's cache keeps on disk by default (`cache_disk_mb`).
pub const DEFAULT_DISK_BYTES: u64 = 64 * MEGABYTE;

/// The newest notes a cached copy keeps by default; older ones are left to the server.
pub const DEFAULT_KEEP_NOTES_BYTES: usize = 256 * 1024;

/// The largest one cached contact may be on disk by default, notes already cut.
pub const DEFAULT_MAX_CONTACT_BYTES: u64 = MEGABYTE;

/// The bounds of one profile's cache on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// At most this many contacts; the least recently fetched are evicted.
    pub max_contacts: usize,
    /// At most this many bytes of contact files; the least recently fetched are evicted.
    pub max_disk_bytes: u64,
    /// A contact's notes longer than this keep only their newest entries up to this many bytes.
    pub keep_notes_bytes: usize,
    /// A contact whose file would still be larger than this (or than `max_disk_bytes`) is not
    /// cached at all.
    pub max_contact_bytes: u64,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits {
            max_contacts: MAX_CACHED_CONTACTS,
            max_disk_bytes: DEFAULT_DISK_BYTES,
            keep_notes_bytes: DEFAULT_KEEP_NOTES_BYTES,
            max_contact_bytes: DEFAULT_MAX_CONTACT_BYTES,
        }
    }
}

impl CacheLimits {
    /// The default limits with the disk bound of the `cache_disk_mb` setting.
    pub fn with_disk_megabytes(megabytes: u64) -> Self {
        CacheLimits {
            max_disk_bytes: megabytes.saturating_mul(MEGABYTE),
            ..CacheLimits::default()
        }
    }

    /// The largest file one contact may have: the smaller of the two bounds.
    pub fn largest_contact(&self) -> u64 {
        self.max_contact_bytes.min(self.max_disk_bytes)
    }
}

/// `contact` as it can be cached under `keep_notes_bytes`: borrowed when its notes fit, else a
/// copy keeping only the newest notes, and whether notes were cut.
pub fn with_newest_notes(contact: &Contact, keep_notes_bytes: usize) -> (Cow<'_, Contact>, bool) {
    let Some(notes) = contact.notes.as_deref() else {
        return (Cow::Borrowed(contact), false);
    };
    if notes.len() <= keep_notes_bytes {
        return (Cow::Borrowed(contact), false);
    }
    let kept = newest_notes_within(notes, keep_notes_bytes).map(str::to_owned);
    // The copy holds the whole notes for a moment; this runs on the disk writer, and only for
    // contacts over the bound.
    let mut copy = contact.clone();
    copy.notes = kept;
    (Cow::Owned(copy), true)
}

/// The newest whole note entries of `notes` that fit in `max_bytes`, as the verbatim suffix of
/// `notes` that starts where an entry starts; `None` when not even the newest entry fits.
pub fn newest_notes_within(notes: &str, max_bytes: usize) -> Option<&str> {
    if notes.len() <= max_bytes {
        return Some(notes);
    }
    let start = safe_parse_start(notes, notes.len() - max_bytes)?;
    let tail = notes.get(start..)?;
    // Parsing from `start` finds the same entry boundaries as parsing the whole string (see
    // `safe_parse_start`); the first entry of the tail is the partial one `start` fell into.
    let timeline = NoteTimeline::parse(tail);
    let mut whole_entries = timeline.entries.iter().skip(1);
    let first = whole_entries.next()?;
    let kept_len = first.source.len()
        + whole_entries
            .map(|entry| entry.separator_before.len() + entry.source.len())
            .sum::<usize>();
    notes.get(notes.len().checked_sub(kept_len)?..)
}

/// The first position at or after `from` where parsing can begin as if from the start: a char
/// boundary whose previous character is not part of a line ending. A blank line between notes is
/// made of `\r` and `\n` only, so none can straddle such a position, and the paragraphs after it
/// split exactly as they do in the whole string.
fn safe_parse_start(notes: &str, from: usize) -> Option<usize> {
    let mut index = from.max(1);
    while !notes.is_char_boundary(index) {
        index += 1;
    }
    loop {
        let next = notes.get(index..)?.chars().next()?;
        let previous = notes.get(..index)?.chars().next_back()?;
        if previous != '\n' && previous != '\r' {
            return Some(index);
        }
        index += next.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_notes_are_kept_whole() {
        assert_eq!(
            newest_notes_within("2025-01-01 10:00 hi", 100),
            Some("2025-01-01 10:00 hi")
        );
    }

    #[test]
    fn the_newest_whole_entries_that_fit_are_kept() {
        let notes = "2025-01-01 10:00 first\n\n2025-01-02 10:00 second\n\n2025-01-03 10:00 third";
        assert_eq!(
            newest_notes_within(notes, 50),
            Some("2025-01-02 10:00 second\n\n2025-01-03 10:00 third")
        );
        assert_eq!(
            newest_notes_within(notes, 30),
            Some("2025-01-03 10:00 third")
        );
        assert_eq!(newest_notes_within(notes, 10), None);
    }
}
