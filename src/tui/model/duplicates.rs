//! Before creating a contact: which lookups find possible duplicates (the email and the phone
//! typed), and the contacts they found, each once.

use crate::api::{Contact, Identifier, NewContact};

/// The lookups that find contacts sharing the new contact's email or phone.
pub fn duplicate_lookups(contact: &NewContact) -> Vec<Identifier> {
    let mut lookups = Vec::new();
    if let Some(email) = contact.email.as_deref().filter(|e| !e.trim().is_empty()) {
        lookups.push(Identifier::Email(email.trim().to_string()));
    }
    if let Some(phone) = contact.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        lookups.push(Identifier::Phone(phone.trim().to_string()));
    }
    lookups
}

/// Adds `found` to `matches`, skipping contacts already there (the same contact found by email
/// and by phone is listed once).
pub fn merge_matches(matches: &mut Vec<Contact>, found: Vec<Contact>) {
    for contact in found {
        if !matches.iter().any(|known| known.uid == contact.uid) {
            matches.push(contact);
        }
    }
}
