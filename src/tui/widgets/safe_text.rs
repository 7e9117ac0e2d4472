//! The one door outside text goes through on its way to the terminal. Every widget draws the
//! server's (or the user's) text through these builders, which wrap `crate::text`: control
//! characters, ESC, C1, bidi overrides and line separators become visible placeholders, and widths
//! agree with the terminal's. Behind them, [`guard`] is the second door: run over every finished
//! frame (and over what the note editor's text area drew), it replaces any cell still holding such
//! a character, so no render path can forget. The model keeps text verbatim; only what is drawn
//! changes, so an edit never sends a placeholder back.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use crate::api::Contact;
use crate::text::{safe_block, safe_line};

/// Text drawn on one line: every unsafe character a placeholder, a line break shown as `␤`.
pub fn line(text: &str) -> Cow<'_, str> {
    safe_line(text)
}

/// Text drawn over several lines: line breaks kept, everything else as [`line`].
pub fn block(text: &str) -> Cow<'_, str> {
    safe_block(text)
}

/// A span of one line of outside text (borrowed as it is when nothing needs changing).
pub fn span<'a>(text: &'a str, style: Style) -> Span<'a> {
    Span::styled(line(text), style)
}

/// A span of one line of text the caller built around outside text.
pub fn owned_span(text: String, style: Style) -> Span<'static> {
    let safe = match safe_line(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(safe) => safe,
    };
    Span::styled(safe, style)
}

/// The contact as it may be drawn: borrowed as it is when no field needs cleaning (the usual
/// case, so a frame costs no copy), else a copy made safe by [`owned_contact`], without the notes.
/// The notes are not looked at here: the timeline draws them, and makes each entry safe itself.
pub fn contact(contact: &Contact) -> Cow<'_, Contact> {
    let line_is_safe = |v: &Option<String>| {
        v.as_deref()
            .is_none_or(|text| matches!(safe_line(text), Cow::Borrowed(_)))
    };
    let block_is_safe = |v: &Option<String>| {
        v.as_deref()
            .is_none_or(|text| matches!(safe_block(text), Cow::Borrowed(_)))
    };
    let lines = [
        &contact.email,
        &contact.phone,
        &contact.first_name,
        &contact.last_name,
        &contact.business_name,
        &contact.birthday,
        &contact.city,
        &contact.state,
        &contact.zipcode,
        &contact.time_zone,
        &contact.value,
        &contact.stage_name,
        &contact.quality_name,
        &contact.owner_email,
        &contact.owner_name,
        &contact.created,
        &contact.last_update,
    ];
    let safe = matches!(safe_line(&contact.uid), Cow::Borrowed(_))
        && lines.into_iter().all(line_is_safe)
        && block_is_safe(&contact.address)
        && block_is_safe(&contact.snapshot)
        && contact
            .tags
            .iter()
            .all(|tag| matches!(safe_line(tag), Cow::Borrowed(_)));
    if safe {
        Cow::Borrowed(contact)
    } else {
        // The notes are drawn entry by entry by the timeline: the copy leaves them out.
        Cow::Owned(owned_contact(crate::tui::model::privacy::without_notes(
            contact,
        )))
    }
}

/// The contact with every string made safe for the terminal: single-line fields through
/// [`safe_line`], the multi-line ones (notes, snapshot, address) through [`safe_block`]. Only
/// ever applied to a copy on its way to the screen: the model keeps the server's text, so an
/// edit sends back what the user typed and never these placeholders.
pub fn owned_contact(contact: Contact) -> Contact {
    let line = |v: Option<String>| v.map(|text| safe_line(&text).into_owned());
    let block = |v: Option<String>| v.map(|text| safe_block(&text).into_owned());
    Contact {
        uid: safe_line(&contact.uid).into_owned(),
        email: line(contact.email),
        phone: line(contact.phone),
        first_name: line(contact.first_name),
        last_name: line(contact.last_name),
        business_name: line(contact.business_name),
        birthday: line(contact.birthday),
        address: block(contact.address),
        city: line(contact.city),
        state: line(contact.state),
        zipcode: line(contact.zipcode),
        time_zone: line(contact.time_zone),
        value: line(contact.value),
        stage_name: line(contact.stage_name),
        quality_name: line(contact.quality_name),
        owner_email: line(contact.owner_email),
        owner_name: line(contact.owner_name),
        snapshot: block(contact.snapshot),
        notes: block(contact.notes),
        tags: contact
            .tags
            .iter()
            .map(|t| safe_line(t).into_owned())
            .collect(),
        created: line(contact.created),
        last_update: line(contact.last_update),
    }
}

/// The contact as drawn on an ASCII-only terminal: every placeholder of [`owned_contact`] in its
/// ASCII form (`crate::text::ascii_placeholders`).
pub fn ascii_contact(contact: Contact) -> Contact {
    let ascii = |text: String| match crate::text::ascii_placeholders(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => changed,
    };
    let field = |v: Option<String>| v.map(ascii);
    Contact {
        uid: ascii(contact.uid),
        email: field(contact.email),
        phone: field(contact.phone),
        first_name: field(contact.first_name),
        last_name: field(contact.last_name),
        business_name: field(contact.business_name),
        birthday: field(contact.birthday),
        address: field(contact.address),
        city: field(contact.city),
        state: field(contact.state),
        zipcode: field(contact.zipcode),
        time_zone: field(contact.time_zone),
        value: field(contact.value),
        stage_name: field(contact.stage_name),
        quality_name: field(contact.quality_name),
        owner_email: field(contact.owner_email),
        owner_name: field(contact.owner_name),
        snapshot: field(contact.snapshot),
        notes: field(contact.notes),
        tags: contact.tags.into_iter().map(ascii).collect(),
        created: field(contact.created),
        last_update: field(contact.last_update),
    }
}

/// The second door: every cell of `area` whose symbol holds a character that must never reach a
/// terminal as it is (`crate::text::is_unsafe`: C0/C1 controls, ESC, DEL, bidi controls, line and
/// paragraph separators) shows a placeholder instead.
pub fn guard(buffer: &mut Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            // A printable ASCII symbol (nearly every cell) is safe as it is.
            if let Some(cell) = buffer.cell_mut((x, y))
                && !matches!(cell.symbol().as_bytes(), [0x20..=0x7e])
                && cell.symbol().chars().any(crate::text::is_unsafe)
            {
                cell.set_char(crate::text::HIDDEN_CHARACTER);
            }
        }
    }
}

/// [`guard`] over a whole finished frame.
pub fn guard_frame(buffer: &mut Buffer) {
    let area = buffer.area;
    guard(buffer, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_fields_are_made_visible() {
        let contact = Contact {
            uid: "ABC12345".into(),
            first_name: Some("Eve\x1b]52;c;aGk=\x07".into()),
            notes: Some("2025-01-01 10:00 a\nb\x1b[2J".into()),
            tags: vec!["\u{202e}gat".into()],
            ..Contact::default()
        };
        let safe = owned_contact(contact);
        assert_eq!(
            safe.first_name.as_deref(),
            Some("Eve\u{241b}]52;c;aGk=\u{2407}")
        );
        assert_eq!(
            safe.notes.as_deref(),
            Some("2025-01-01 10:00 a\nb\u{241b}[2J")
        );
        assert_eq!(safe.tags, vec!["\u{FFFD}gat".to_string()]);
    }

    #[test]
    fn the_last_guard_replaces_every_unsafe_cell_and_keeps_the_rest() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        let symbols = ["a", "\u{1b}", "b\u{202e}", "\u{2028}", "北", "\u{9b}"];
        for (x, symbol) in (0u16..).zip(symbols) {
            if let Some(cell) = buffer.cell_mut((x, 0)) {
                cell.set_symbol(symbol);
            }
        }
        guard_frame(&mut buffer);
        let symbols: Vec<&str> = buffer
            .content
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert_eq!(
            symbols,
            ["a", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "北", "\u{FFFD}"]
        );
    }
}
