//! Privacy mode (`--privacy` and a key in the TUI): emails, phone numbers and addresses masked for
//! screen-sharing on a call, while staying recognisable to the person who knows the contact — an
//! email keeps its first letters and its top-level domain, a phone its punctuation and last two
//! digits, an address the first letter of each word. Pure functions over display text.
#![deny(clippy::indexing_slicing)]

/// The mask character: a bullet, or `*` on terminals without Unicode (`--ascii`).
pub fn mask_char(ascii: bool) -> char {
    if ascii { '*' } else { '•' }
}

/// Which kind of value is being masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensitiveField {
    /// An email address (the contact's, or an owner's).
    Email,
    /// A phone number, in any format.
    Phone,
    /// A street address.
    Address,
}

/// Masks `text` as the kind of field it is.
pub fn mask(field: SensitiveField, text: &str, ascii: bool) -> String {
    match field {
        SensitiveField::Email => mask_email(text, ascii),
        SensitiveField::Phone => mask_phone(text, ascii),
        SensitiveField::Address => mask_address(text, ascii),
    }
}

/// `ana.souza@example.com.br` → `a••••••••@e••••••.com.br`: the first character of the mailbox
/// and of the domain, and the domain's suffix after its first label, are kept.
pub fn mask_email(text: &str, ascii: bool) -> String {
    let bullet = mask_char(ascii);
    let Some((local, domain)) = text.rsplit_once('@') else {
        return mask_word(text, bullet);
    };
    let (first_label, suffix) = match domain.split_once('.') {
        Some((label, rest)) => (label, format!(".{rest}")),
        None => (domain, String::new()),
    };
    format!(
        "{}@{}{suffix}",
        mask_word(local, bullet),
        mask_word(first_label, bullet)
    )
}

/// `+55 (11) 91234-5678` → `+•• (••) •••••-••78`: every digit but the last two is hidden; the
/// punctuation stays so the number keeps its shape.
pub fn mask_phone(text: &str, ascii: bool) -> String {
    let bullet = mask_char(ascii);
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > digits.saturating_sub(2) {
                    c
                } else {
                    bullet
                }
            } else if c.is_alphanumeric() {
                bullet
            } else {
                c
            }
        })
        .collect()
}

/// `Rua das Flores, 123` → `R•• d•• F•••••, •••`: the first letter of each word is kept, every
/// other letter and every digit hidden.
pub fn mask_address(text: &str, ascii: bool) -> String {
    let bullet = mask_char(ascii);
    let mut out = String::with_capacity(text.len());
    let mut at_word_start = true;
    for c in text.chars() {
        if c.is_alphabetic() && at_word_start {
            out.push(c);
            at_word_start = false;
        } else if c.is_alphanumeric() {
            out.push(bullet);
            at_word_start = false;
        } else {
            out.push(c);
            at_word_start = true;
        }
    }
    out
}

/// Keeps the first character and hides the rest, one mask per character.
fn mask_word(word: &str, bullet: char) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => std::iter::once(first)
            .chain(chars.map(|_| bullet))
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_keep_their_first_letters_and_suffix() {
        assert_eq!(
            mask_email("ana.souza@example.com.br", false),
            "a••••••••@e••••••.com.br"
        );
        assert_eq!(mask_email("x@localhost", true), "x@l********");
        assert_eq!(mask_email("not-an-email", true), "n***********");
    }

    #[test]
    fn phones_keep_their_shape_and_last_two_digits() {
        assert_eq!(
            mask_phone("+55 (11) 91234-5678", false),
            "+•• (••) •••••-••78"
        );
        assert_eq!(mask_phone("11912345678", true), "*********78");
        assert_eq!(mask_phone("12", true), "12");
    }

    #[test]
    fn addresses_keep_the_first_letter_of_each_word() {
        assert_eq!(
            mask_address("Rua das Flores, 123 - Centro", false),
            "R•• d•• F•••••, ••• - C•••••"
        );
        assert_eq!(
            mask(SensitiveField::Address, "Av. Paulista 1000", true),
            "A*. P******* ****"
        );
    }

    proptest! {
        #[test]
        fn masking_keeps_the_character_count(text in "\\PC{0,40}") {
            for field in [SensitiveField::Email, SensitiveField::Phone, SensitiveField::Address] {
                let masked = mask(field, &text, false);
                prop_assert_eq!(masked.chars().count(), text.chars().count());
            }
        }

        #[test]
        fn a_phone_shows_at_most_two_digits(phone in "\\+?[0-9 ()-]{8,20}") {
            let masked = mask_phone(&phone, true);
            prop_assert!(masked.chars().filter(char::is_ascii_digit).count() <= 2);
        }
    }
}
