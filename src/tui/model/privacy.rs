//! Privacy mode's masking (for screen-sharing), applied where things are drawn so the state keeps
//! the real values — copying still copies what the user chose: a contact's emails, phone and
//! address, and free text such as the status line and the title's breadcrumbs, where a lookup or a
//! nameless contact carries an email or a phone. The masks themselves are `crate::privacy`'s.

use crate::api::Contact;
use crate::privacy::{SensitiveField, mask, mask_email, mask_phone};

/// The contact as privacy mode shows it: emails (the contact's and its owner's), phone and
/// street address masked by `crate::privacy`, everything else as it is.
pub fn masked_contact(contact: &Contact, ascii: bool) -> Contact {
    let masked = |value: &Option<String>, field| value.as_deref().map(|v| mask(field, v, ascii));
    Contact {
        email: masked(&contact.email, SensitiveField::Email),
        owner_email: masked(&contact.owner_email, SensitiveField::Email),
        phone: masked(&contact.phone, SensitiveField::Phone),
        address: masked(&contact.address, SensitiveField::Address),
        // The rest of the address block: the street alone would still say where they live.
        city: masked(&contact.city, SensitiveField::Address),
        state: masked(&contact.state, SensitiveField::Address),
        zipcode: masked(&contact.zipcode, SensitiveField::Address),
        ..contact.clone()
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
