//! Privacy mode's masking (for screen-sharing), applied where things are drawn so the state keeps
//! the real values — copying still copies what the user chose: a contact's emails, phone and
//! address, and free text such as the status line and the title's breadcrumbs, where a lookup or a
//! nameless contact carries an email or a phone. The masks themselves are `crate::privacy`'s.

use crate::api::Contact;
use crate::privacy::{SensitiveField, mask, mask_email, mask_phone};

/// The contact as privacy mode shows it: emails (the contact's and its owner's), phone and
/// street address masked by `crate::privacy`, everything else as it is — but its notes, which the
/// timeline masks as it draws them, one visible entry at a time ([`mask_free_text`]): a frame
/// never copies a history of megabytes.
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
        ..without_notes(contact)
    }
}

/// A copy of `contact` without its notes, for drawing: everything but the notes is small, and
/// the notes are drawn from the screen's timeline, never from this copy.
pub fn without_notes(contact: &Contact) -> Contact {
    let Contact {
        uid,
        email,
        phone,
        first_name,
        last_name,
        business_name,
        birthday,
        address,
        city,
        state,
        zipcode,
        time_zone,
        value,
        stage_name,
        quality_name,
        owner_email,
        owner_name,
        snapshot,
        notes: _,
        tags,
        created,
        last_update,
    } = contact;
    Contact {
        uid: uid.clone(),
        email: email.clone(),
        phone: phone.clone(),
        first_name: first_name.clone(),
        last_name: last_name.clone(),
        business_name: business_name.clone(),
        birthday: birthday.clone(),
        address: address.clone(),
        city: city.clone(),
        state: state.clone(),
        zipcode: zipcode.clone(),
        time_zone: time_zone.clone(),
        value: value.clone(),
        stage_name: stage_name.clone(),
        quality_name: quality_name.clone(),
        owner_email: owner_email.clone(),
        owner_name: owner_name.clone(),
        snapshot: snapshot.clone(),
        notes: None,
        tags: tags.clone(),
        created: created.clone(),
        last_update: last_update.clone(),
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
