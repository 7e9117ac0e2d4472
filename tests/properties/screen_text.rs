//! Text on its way to the screen or the log: privacy masking, log redaction, the note editor's
//! text to send, word wrapping, and the display formatting of names, money, dates and ages.

use chrono::{FixedOffset, Offset, TimeZone, Utc};
use genius::logging::Redactor;
use genius::privacy::{SensitiveField, mask, mask_phone};
use genius::text::{safe_block, terminal_width};
use genius::tui::keymap::UserInput;
use genius::tui::model::display::{
    Clock, format_birthday, format_date_relative, format_money, format_short_date,
    format_timestamp, local_time_there, parse_server_time,
};
use genius::tui::model::recents::RecentList;
use genius::tui::screens::note::NoteEditor;
use genius::tui::widgets::safe_text::owned_contact as display_safe_contact;
use genius::tui::widgets::wrap::wrap_text;
use genius::tui::widgets::{Component, Ctx};
use proptest::prelude::*;

use crate::hostile::{config, hostile_contact, hostile_text, hostile_value, is_terminal_unsafe};

fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
        .single()
        .unwrap_or_default();
    Clock::fixed(now, FixedOffset::west_opt(3 * 3600).unwrap_or(Utc.fix()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn masking_keeps_the_shape_and_hides_the_digits(text in hostile_text(), ascii in any::<bool>()) {
        for field in [SensitiveField::Email, SensitiveField::Phone, SensitiveField::Address] {
            let masked = mask(field, &text, ascii);
            prop_assert_eq!(masked.chars().count(), text.chars().count());
        }
        prop_assert!(mask_phone(&text, ascii).chars().filter(char::is_ascii_digit).count() <= 2);
    }

    #[test]
    fn redaction_answers_any_line(line in hostile_text()) {
        let _ = Redactor::new().redact(&line);
        let _ = Redactor::new().keep_contact_data(true).redact(&line);
    }

    #[test]
    fn a_token_never_survives_whatever_surrounds_it(
        token in "[A-Za-z0-9_.-]{8,40}",
        before in hostile_value(),
        after in hostile_value(),
        keep_contact_data in any::<bool>(),
    ) {
        // A token that is part of a placeholder would be found in the placeholder itself.
        prop_assume!(!["[token]", "[email]", "[phone]", "[redacted]"].iter().any(|p| p.contains(&token)));
        let redactor = Redactor::new().keep_contact_data(keep_contact_data);
        redactor.add_secret(&token);
        let cleaned = redactor.redact(&format!("{before}{token}{after}"));
        prop_assert!(!cleaned.contains(&token), "{:?}", cleaned);
    }

    #[test]
    fn an_email_never_survives_among_hostile_words(
        local in "[a-z][a-z0-9._+-]{0,12}",
        domain in "[a-z][a-z0-9-]{0,10}",
        tld in "(com|br|com\\.br|org)",
        before in hostile_value(),
        after in hostile_value(),
    ) {
        let email = format!("{local}@{domain}.{tld}");
        let cleaned = Redactor::new().redact(&format!("{before} {email} {after}"));
        prop_assert!(!cleaned.contains(&email), "{:?}", cleaned);
    }

    #[test]
    fn the_note_sent_starts_at_the_first_written_line(text in hostile_value()) {
        let editor = NoteEditor::with_draft("Ana", &text);
        let note = editor.note_to_send();
        prop_assert_eq!(note.trim_end(), note.as_str());
        let first_line = note.split('\n').next().unwrap_or("");
        prop_assert!(note.is_empty() || !first_line.trim().is_empty(), "{:?}", note);
        prop_assert!(editor.text().contains(note.as_str()));
        prop_assert!(!editor.text().chars().any(|c| c != '\n' && is_terminal_unsafe(c)));
    }

    #[test]
    fn pasting_into_a_note_keeps_the_words(text in hostile_value()) {
        let mut editor = NoteEditor::new("Ana");
        let (clock, recents) = (clock(), RecentList::default());
        let ctx = Ctx {
            body: ratatui::layout::Rect::new(0, 1, 80, 22),
            clock: &clock,
            recents: &recents,
            drafts: &[],
            profiles: &[],
        };
        let _ = editor.handle(UserInput::Paste(text.clone()), &ctx);
        prop_assert!(!editor.text().chars().any(|c| c != '\n' && is_terminal_unsafe(c)));
        let words = |s: &str| s.split_whitespace().filter(|w| !w.chars().any(is_terminal_unsafe))
            .map(str::to_string).collect::<Vec<_>>();
        for word in words(&text) {
            prop_assert!(editor.text().contains(&word), "{:?} lost from {:?}", word, editor.text());
        }
    }

    #[test]
    fn wrapped_display_text_fits_the_width(text in hostile_value(), width in 2usize..40) {
        let shown = safe_block(&text);
        let lines = wrap_text(&shown, width);
        prop_assert!(!lines.is_empty());
        for line in lines {
            prop_assert!(terminal_width(&line) <= width, "{:?} at {}", line, width);
        }
    }

    #[test]
    fn display_formatting_answers_any_text(text in hostile_text()) {
        let clock = clock();
        let _ = format_money(&text);
        let _ = parse_server_time(&text);
        let _ = format_timestamp(&text, &clock);
        let _ = format_date_relative(&text, &clock);
        let _ = format_short_date(&text, &clock);
        let _ = format_birthday(&text, &clock);
        let _ = local_time_there(&text, &clock);
    }

    #[test]
    fn money_is_grouped_digits_with_cents(amount in -1.0e15f64..1.0e15) {
        let shown = format_money(&format!("{amount}"));
        let digits = shown.trim_start_matches('-');
        let (whole, cents) = digits.rsplit_once('.').unwrap_or((digits, ""));
        prop_assert_eq!(cents.len(), 2, "{}", shown);
        prop_assert!(whole.split(',').all(|group| !group.is_empty() && group.len() <= 3), "{}", shown);
    }

    #[test]
    fn a_display_safe_contact_holds_nothing_raw(contact in hostile_contact()) {
        let safe = display_safe_contact(contact);
        let lines = [&safe.email, &safe.phone, &safe.first_name, &safe.last_name, &safe.business_name,
            &safe.city, &safe.stage_name, &safe.owner_email];
        for value in lines.into_iter().flatten() {
            prop_assert!(!value.chars().any(is_terminal_unsafe), "{:?}", value);
        }
        for value in [&safe.notes, &safe.address, &safe.snapshot].into_iter().flatten() {
            prop_assert!(!value.chars().any(|c| c != '\n' && is_terminal_unsafe(c)), "{:?}", value);
        }
        prop_assert!(!safe.display_name().chars().any(is_terminal_unsafe));
    }
}
