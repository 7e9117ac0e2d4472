//! The notes string ⇄ timeline (CRLF, LF and mixed blank lines), and the export formats: vCard
//! lines stay within 75 octets and unfold and unescape back to the value, JSON reads back as the
//! same contacts, and nothing a terminal acts on is written raw. The timeline scrolls the same
//! with the note heights it remembers as when wrapping every note afresh.

use genius::api::{Contact, NoteTimeline};
use genius::export::{ExportFormat, escape, export, fold, json, vcard};
use genius::tui::widgets::timeline::TimelineView;
use proptest::prelude::*;

use crate::hostile::{config, hostile_contact, hostile_text, hostile_value, is_terminal_unsafe};

/// Notes as people and servers write them: timestamped paragraphs, bodies with single line
/// breaks, and blank lines spelled LF, CRLF or a mix.
fn notes_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => Just("2025-08-12 09:35 ".to_string()),
        1 => Just("2025-02-30 10:00 ".to_string()),
        3 => proptest::sample::select(vec!["\n\n", "\r\n\r\n", "\r\n\n", "\n\r\n", "\r\n", "\n", "\r"])
            .prop_map(str::to_string),
        4 => hostile_value(),
    ];
    proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

/// The inverse of the vCard escaping, for checking it.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn notes_format_back_to_exactly_what_was_parsed(text in prop_oneof![notes_text(), hostile_text()]) {
        let timeline = NoteTimeline::parse(&text);
        prop_assert_eq!(timeline.format(), text);
        for entry in &timeline.entries {
            let _ = entry.body();
        }
    }

    #[test]
    fn entry_spans_find_the_entries_parse_finds(text in prop_oneof![notes_text(), hostile_text()]) {
        let timeline = NoteTimeline::parse(&text);
        let spans = genius::api::entry_spans(&text);
        prop_assert_eq!(spans.len(), timeline.entries.len());
        for (span, entry) in spans.iter().zip(&timeline.entries) {
            prop_assert_eq!(span.source(&text), entry.source.as_str());
            prop_assert_eq!(span.body(&text), entry.body());
            prop_assert_eq!(span.timestamp(&text), entry.timestamp);
        }
    }

    /// The timeline remembers each note's wrapped height per width: scrolling with what it
    /// remembers lands exactly where a view that wraps every note afresh lands (a clone starts
    /// with nothing remembered), through any mix of widths, heights and steps.
    #[test]
    fn remembered_heights_scroll_like_wrapping_afresh(
        text in prop_oneof![notes_text(), hostile_text()],
        steps in proptest::collection::vec(
            (any::<bool>(), 0usize..12, proptest::sample::select(vec![1u16, 8, 20, 40, 80, 200]), 1u16..30),
            1..24,
        ),
    ) {
        let mut remembering = TimelineView::new(&text);
        let mut afresh = TimelineView::new(&text);
        for (down, rows, width, height) in steps {
            afresh = afresh.clone();
            if down {
                remembering.scroll_down(&text, rows, width, height);
                afresh.scroll_down(&text, rows, width, height);
            } else {
                remembering.scroll_up(&text, rows, width);
                afresh.scroll_up(&text, rows, width);
            }
            prop_assert_eq!(remembering.top, afresh.top);
            let afresh_range = afresh.clone().visible_range(&text, width, height);
            prop_assert_eq!(remembering.visible_range(&text, width, height), afresh_range);
        }
    }

    #[test]
    fn crlf_notes_split_like_lf_notes(
        bodies in proptest::collection::vec("[a-zà-ÿ ]{1,20}(\r\n[a-z]{1,10})?", 1..8),
    ) {
        let entries: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| format!("2025-01-{:02} 10:{:02} {body}", i % 28 + 1, i % 60))
            .collect();
        let crlf = NoteTimeline::parse(&entries.join("\r\n\r\n"));
        let lf = NoteTimeline::parse(&entries.join("\n\n"));
        prop_assert_eq!(crlf.len(), bodies.len());
        prop_assert_eq!(lf.len(), bodies.len());
        for (a, b) in crlf.entries.iter().zip(&lf.entries) {
            prop_assert_eq!(a.body(), b.body());
            prop_assert_eq!(a.timestamp, b.timestamp);
        }
    }

    #[test]
    fn a_vcard_escape_unescapes_to_the_value(value in hostile_value()) {
        let value = value.replace('\r', "");
        prop_assert_eq!(unescape(&escape(&value)), value);
    }

    #[test]
    fn folding_keeps_lines_short_and_unfolds_to_the_line(line in hostile_text()) {
        let line = line.replace(['\r', '\n'], "");
        let folded = fold(&line);
        let body = folded.strip_suffix("\r\n").unwrap_or(&folded);
        let physical: Vec<&str> = body.split("\r\n").collect();
        prop_assert!(physical.iter().all(|l| l.len() <= 75));
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { l.strip_prefix(' ').unwrap_or(l) })
            .collect();
        prop_assert_eq!(unfolded, line);
    }

    #[test]
    fn a_vcard_holds_one_card_whatever_the_contact_says(contact in hostile_contact(), version4 in any::<bool>()) {
        let card = vcard(&contact, version4);
        prop_assert!(card.starts_with("BEGIN:VCARD\r\n") && card.ends_with("END:VCARD\r\n"));
        prop_assert_eq!(card.matches("BEGIN:VCARD").count(), 1);
        for line in card.split("\r\n") {
            prop_assert!(line.len() <= 75);
            // Tabs and the Unicode separators are text in a file; nothing else of the kind.
            let raw = |c: char| !matches!(c, '\t' | '\u{2028}' | '\u{2029}') && is_terminal_unsafe(c);
            prop_assert!(!line.chars().any(raw), "{:?}", line);
        }
    }

    #[test]
    fn json_reads_back_as_the_same_contacts(contacts in proptest::collection::vec(hostile_contact(), 0..3)) {
        let text = json(&contacts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(!text.chars().any(|c| c != '\n' && is_terminal_unsafe(c)), "{:?}", text);
        let read: Vec<Contact> = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(read, contacts);
    }

    #[test]
    fn every_format_exports_any_contact(contact in hostile_contact()) {
        for (format, _) in ExportFormat::ALL {
            prop_assert!(export(std::slice::from_ref(&contact), format).is_ok());
        }
    }
}
