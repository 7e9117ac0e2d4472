//! Privacy mode beyond the contact fields (`App::for_display` masks those): free text such as the
//! status line and the title's breadcrumbs, where a lookup or a nameless contact carries an email
//! or a phone, and single values such as the copy menu's. Applied where things are drawn, so the
//! state keeps the real values — copying still copies what the user chose. Free text comes out
//! of [`shown_text`] safe for the terminal too, as it is on its way there.

use std::borrow::Cow;

use crate::privacy::{SensitiveField, mask, mask_email, mask_phone};
use crate::text::safe_line;
use crate::tui::app::App;

/// `text` as the screen may show it: masked as `field` in privacy mode.
pub fn shown<'a>(app: &App, field: SensitiveField, text: &'a str) -> Cow<'a, str> {
    if app.privacy {
        Cow::Owned(mask(field, text, app.ascii))
    } else {
        Cow::Borrowed(text)
    }
}

/// Free text (a status line, a heading) as it may be drawn: on one line, safe for the terminal,
/// and with every word that looks like an email or a phone number masked in privacy mode.
pub fn shown_text<'a>(app: &App, text: &'a str) -> Cow<'a, str> {
    if app.privacy {
        Cow::Owned(safe_line(&mask_free_text(text, app.ascii)).into_owned())
    } else {
        safe_line(text)
    }
}

/// Masks the emails and phone numbers found in `text`, keeping everything else.
pub fn mask_free_text(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str(&mask_email(word, ascii));
        } else if looks_like_phone(word) {
            out.push_str(&mask_phone(word, ascii));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn looks_like_phone(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let is_date = chrono::NaiveDate::parse_from_str(word, "%Y-%m-%d").is_ok();
    digits >= 7
        && !is_date
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "+()-.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_masks_emails_and_phones_only() {
        assert_eq!(
            mask_free_text("looking up email john@example.com", true),
            "looking up email j***@e******.com"
        );
        assert_eq!(
            mask_free_text("no contact with phone +15551234567", true),
            "no contact with phone +*********67"
        );
        assert_eq!(
            mask_free_text("uid ABC12345 2026", true),
            "uid ABC12345 2026"
        );
    }
}
