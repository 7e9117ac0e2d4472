//! How stored contacts are shown in answers: the full contact of GET and PUT (fields in the
//! reference's order, absent ones as null, notes joined into one string in the account's time zone),
//! the summary each of several GET matches is listed as, the short form of a create, and the `data`
//! of the five action endpoints.
//!
//! A handler picks what to show under the account's lock ([`Shown::pick`]: a handle on the contact
//! and the little it needs from the account) and formats it after the lock is released, so a
//! megabyte of notes never holds up anyone else.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::book::AccountBook;
use super::demo::ContactRecord;
use crate::api::time_zones::Zone;

/// A contact to show, with what showing it needs from its account.
#[derive(Debug, Clone)]
pub struct Shown {
    pub contact: Arc<ContactRecord>,
    owner_name: Option<String>,
    zone: Zone,
}

impl Shown {
    /// Takes what showing `contact` needs from `book` (cheap: a handle and a name).
    pub fn pick(book: &AccountBook, contact: &Arc<ContactRecord>) -> Shown {
        Shown {
            contact: Arc::clone(contact),
            owner_name: book
                .owner_name(contact.owner_email.as_deref())
                .map(str::to_string),
            zone: book.zone,
        }
    }
}

/// A contact exactly as GET /api/contact answers it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactView<'a> {
    uid: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    business_name: Option<&'a str>,
    birthday: Option<&'a str>,
    address: Option<&'a str>,
    city: Option<&'a str>,
    state: Option<&'a str>,
    zipcode: Option<&'a str>,
    time_zone: Option<&'a str>,
    value: Option<&'a str>,
    stage_name: Option<&'a str>,
    quality_name: Option<&'a str>,
    owner_email: Option<&'a str>,
    owner_name: Option<&'a str>,
    snapshot: Option<&'a str>,
    notes: Option<String>,
    tags: &'a [String],
    created: String,
    last_update: String,
}

/// The full view of a contact.
pub fn contact(shown: &Shown) -> ContactView<'_> {
    let contact = &*shown.contact;
    ContactView {
        uid: &contact.uid,
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        first_name: contact.first_name.as_deref(),
        last_name: contact.last_name.as_deref(),
        business_name: contact.business_name.as_deref(),
        birthday: contact.birthday.as_deref(),
        address: contact.address.as_deref(),
        city: contact.city.as_deref(),
        state: contact.state.as_deref(),
        zipcode: contact.zipcode.as_deref(),
        time_zone: contact.time_zone.as_deref(),
        value: contact.value.as_deref(),
        stage_name: contact.stage_name.as_deref(),
        quality_name: contact.quality_name.as_deref(),
        owner_email: contact.owner_email.as_deref(),
        owner_name: shown.owner_name.as_deref(),
        snapshot: contact.snapshot.as_deref(),
        notes: notes_text(shown.zone, &contact.notes),
        tags: &contact.tags,
        created: timestamp(contact.created),
        last_update: timestamp(contact.last_update),
    }
}

/// The notes as the API returns them: oldest first, `YYYY-MM-DD HH:MM text` in the account's zone,
/// separated by a blank line; `None` when there are none.
pub fn notes_text(zone: Zone, notes: &[(DateTime<Utc>, String)]) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    let mut ordered: Vec<&(DateTime<Utc>, String)> = notes.iter().collect();
    ordered.sort_by_key(|(at, _)| *at); // stable: notes of the same minute keep their order
    let entries: Vec<String> = ordered
        .into_iter()
        .map(|(at, text)| {
            let local = zone.wall_time(*at);
            format!("{} {text}", local.format("%Y-%m-%d %H:%M"))
        })
        .collect();
    Some(entries.join("\n\n"))
}

/// RFC 3339 in UTC with whole seconds: "2024-01-15T10:30:00Z".
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One of several contacts a GET by email or phone matched, exactly as the reference's "Multiple
/// Contacts" example lists them: the identity, nothing else.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryView<'a> {
    uid: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
}

/// The summary of a contact, for a list of several matches.
pub fn summary(contact: &ContactRecord) -> SummaryView<'_> {
    SummaryView {
        uid: &contact.uid,
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        first_name: contact.first_name.as_deref(),
        last_name: contact.last_name.as_deref(),
    }
}

/// The `data` of a create: the new contact's identity.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedView<'a> {
    uid: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
}

/// The short view of a freshly created contact.
pub fn created(contact: &ContactRecord) -> CreatedView<'_> {
    CreatedView {
        uid: &contact.uid,
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        first_name: contact.first_name.as_deref(),
        last_name: contact.last_name.as_deref(),
    }
}

/// How to reach a contact: what an action's answer names it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    uid: String,
    email: Option<String>,
    phone: Option<String>,
}

impl Reach {
    /// A copy of the contact's uid, email and phone.
    pub fn of(contact: &ContactRecord) -> Reach {
        Reach {
            uid: contact.uid.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
        }
    }
}

/// The `data` of an action endpoint: the contact's identifiers and the value applied.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeView<'a> {
    contact_uid: &'a str,
    contact_email: Option<&'a str>,
    contact_phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<&'a str>,
}

/// An action's answer about a contact, with no value set yet (the caller fills the one it applied).
pub fn change(reach: &Reach) -> ChangeView<'_> {
    ChangeView {
        contact_uid: &reach.uid,
        contact_email: reach.email.as_deref(),
        contact_phone: reach.phone.as_deref(),
        ..ChangeView::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_joined_oldest_first_in_the_account_zone() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let notes = vec![
            (
                at("2025-08-14T13:46:00Z"),
                "Called as requested.".to_string(),
            ),
            (at("2025-08-12T12:35:00Z"), "Talked to lead.".to_string()),
        ];
        let text = notes_text(Zone::find_exact("America/Sao_Paulo").unwrap(), &notes).unwrap();
        assert_eq!(
            text,
            "2025-08-12 09:35 Talked to lead.\n\n2025-08-14 10:46 Called as requested."
        );
        assert_eq!(notes_text(Zone::UTC, &[]), None);
    }
}
