//! Privacy mode on screen: the contact, the recents and any free text (status lines) with emails,
//! phones and addresses masked (`crate::privacy` does the masking), applied where screens draw so
//! the state itself always holds the real values — copying still copies what the user chose.

use std::borrow::Cow;

use crate::api::Contact;
use crate::privacy::{SensitiveField, mask, mask_address, mask_email, mask_phone};
use crate::tui::app::App;

/// `text` as the screen may show it: masked as `field` in privacy mode.
pub fn shown<'a>(app: &App, field: SensitiveField, text: &'a str) -> Cow<'a, str> {
    if app.trust.privacy {
        Cow::Owned(mask(field, text, app.trust.ascii))
    } else {
        Cow::Borrowed(text)
    }
}

/// The contact as the screen may show it: in privacy mode its emails (its own and its owner's),
/// phone and address block (street, city, state, zip) are masked.
pub fn shown_contact<'a>(app: &App, contact: &'a Contact) -> Cow<'a, Contact> {
    if !app.trust.privacy {
        return Cow::Borrowed(contact);
    }
    let ascii = app.trust.ascii;
    let masked = |value: &Option<String>, how: fn(&str, bool) -> String| {
        value.as_deref().map(|text| how(text, ascii))
    };
    Cow::Owned(Contact {
        email: masked(&contact.email, mask_email),
        phone: masked(&contact.phone, mask_phone),
        address: masked(&contact.address, mask_address),
        city: masked(&contact.city, mask_address),
        state: masked(&contact.state, mask_address),
        zipcode: masked(&contact.zipcode, mask_address),
        owner_email: masked(&contact.owner_email, mask_email),
        ..contact.clone()
    })
}

/// Free text (a status line, a heading) with every word that looks like an email or a phone
/// number masked in privacy mode.
pub fn shown_text<'a>(app: &App, text: &'a str) -> Cow<'a, str> {
    if app.trust.privacy {
        Cow::Owned(mask_free_text(text, app.trust.ascii))
    } else {
        Cow::Borrowed(text)
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
    digits >= 7
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
