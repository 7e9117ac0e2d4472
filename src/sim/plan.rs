//! From a validated request to the [`Change`] it makes: the rules of create, update and the four
//! single-field actions (names split, blank values clear, names checked against the account, tags a
//! set, the email-or-phone rule). Pure: reads the account, changes nothing; `None` when a request
//! would change nothing, so `lastUpdate` stays and nothing is journaled.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::book::AccountBook;
use super::change::{Change, ContactField};
use super::demo::ContactRecord;
use super::input::{ContactFields, split_name};
use super::reply::SimError;

/// The single fields the action endpoints set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `stageName`, one of the account's stages.
    Stage,
    /// `qualityName`, one of the account's qualities.
    Quality,
    /// `ownerEmail`, a member of the team.
    Owner,
}

impl Field {
    /// The request parameter that carries it.
    pub fn parameter(self) -> &'static str {
        match self {
            Field::Stage => "stageName",
            Field::Quality => "qualityName",
            Field::Owner => "ownerEmail",
        }
    }

    fn contact_field(self) -> ContactField {
        match self {
            Field::Stage => ContactField::StageName,
            Field::Quality => ContactField::QualityName,
            Field::Owner => ContactField::OwnerEmail,
        }
    }

    /// The account's spelling of `wanted`, or the 400 naming it.
    pub fn canonical(self, book: &AccountBook, wanted: &str) -> Result<String, SimError> {
        match self {
            Field::Stage => book.stage(wanted),
            Field::Quality => book.quality(wanted),
            Field::Owner => book.owner(wanted),
        }
    }
}

/// `Some(text)` for a non-blank value, `None` for a blank one (which clears the field).
fn non_blank(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// The assignments `fields` ask for, in the order they apply (a later one of the same field wins),
/// with stage, quality and owner checked against the account and spelled its way.
fn assignments(
    book: &AccountBook,
    fields: &ContactFields,
) -> Result<Vec<(ContactField, Option<String>)>, SimError> {
    let mut set = Vec::new();
    if let Some(name) = fields.name.as_deref().filter(|n| !n.trim().is_empty()) {
        let (first, last) = split_name(name);
        set.push((ContactField::FirstName, Some(first)));
        set.push((ContactField::LastName, Some(last)));
    }
    // A first or last name given on its own is kept as sent, even blank.
    if let Some(first) = &fields.first_name {
        set.push((ContactField::FirstName, Some(first.clone())));
    }
    if let Some(last) = &fields.last_name {
        set.push((ContactField::LastName, Some(last.clone())));
    }
    let plain = [
        (ContactField::Email, &fields.email),
        (ContactField::Phone, &fields.phone),
        (ContactField::BusinessName, &fields.business_name),
        (ContactField::Birthday, &fields.birthday),
        (ContactField::Address, &fields.address),
        (ContactField::City, &fields.city),
        (ContactField::State, &fields.state),
        (ContactField::Zipcode, &fields.zipcode),
        (ContactField::TimeZone, &fields.time_zone),
        (ContactField::Value, &fields.value),
        (ContactField::Snapshot, &fields.snapshot),
    ];
    for (field, given) in plain {
        if let Some(text) = given {
            set.push((field, non_blank(text)));
        }
    }
    let named = [
        (Field::Stage, &fields.stage_name),
        (Field::Quality, &fields.quality_name),
        (Field::Owner, &fields.owner_email),
    ];
    for (field, given) in named {
        if let Some(text) = given {
            let value = non_blank(text)
                .map(|name| field.canonical(book, &name))
                .transpose()?;
            set.push((field.contact_field(), value));
        }
    }
    Ok(set)
}

/// The value `field` ends with: the last assignment of it, else what `contact` has.
fn resulting<'a>(
    set: &'a [(ContactField, Option<String>)],
    contact: &'a ContactRecord,
    field: ContactField,
) -> Option<&'a str> {
    match set.iter().rev().find(|(f, _)| *f == field) {
        Some((_, value)) => value.as_deref(),
        None => field.get(contact),
    }
}

/// A contact must keep a way to reach it.
fn check_reachable(
    set: &[(ContactField, Option<String>)],
    contact: &ContactRecord,
) -> Result<(), SimError> {
    let email = resulting(set, contact, ContactField::Email);
    let phone = resulting(set, contact, ContactField::Phone);
    if email.is_none() && phone.is_none() {
        return Err(SimError::bad_request("email or phone is required"));
    }
    Ok(())
}

/// Request tags that are new to `contact`, blank ones dropped, each once, in request order.
fn new_tags(contact: &ContactRecord, tags: &[String]) -> Vec<String> {
    let mut added: Vec<String> = Vec::new();
    for tag in tags.iter().filter(|tag| !tag.trim().is_empty()) {
        if !contact.tags.contains(tag) && !added.contains(tag) {
            added.push(tag.clone());
        }
    }
    added
}

/// POST /api/contact: the new contact, validated.
pub fn create(
    book: &AccountBook,
    fields: &ContactFields,
    note: Option<&str>,
    uid: String,
    now: DateTime<Utc>,
) -> Result<Change, SimError> {
    let has_name = [&fields.name, &fields.first_name, &fields.last_name]
        .into_iter()
        .flatten()
        .any(|part| !part.trim().is_empty());
    if !has_name {
        return Err(SimError::bad_request(
            "either name or firstName/lastName is required",
        ));
    }
    let mut contact = ContactRecord {
        uid,
        created: now,
        last_update: now,
        ..ContactRecord::default()
    };
    let set = assignments(book, fields)?;
    check_reachable(&set, &contact)?;
    for (field, value) in set {
        *field.slot(&mut contact) = value;
    }
    if let Some(note) = note.and_then(non_blank) {
        contact.notes.push((minute(now), note));
    }
    contact.tags = new_tags(&contact, &fields.tags);
    Ok(Change::Create {
        contact: Box::new(contact),
    })
}

/// PUT /api/contact: the fields that differ from what `contact` has and the tags it lacks; `None`
/// when nothing would change.
pub fn update(
    book: &AccountBook,
    contact: &ContactRecord,
    fields: &ContactFields,
    now: DateTime<Utc>,
) -> Result<Option<Change>, SimError> {
    let set = assignments(book, fields)?;
    check_reachable(&set, contact)?;
    let mut changed: Vec<(ContactField, Option<String>)> = Vec::new();
    for (index, (field, value)) in set.iter().enumerate() {
        let overridden = set[index + 1..].iter().any(|(later, _)| later == field);
        if !overridden && field.get(contact) != value.as_deref() {
            changed.push((*field, value.clone()));
        }
    }
    let add_tags = new_tags(contact, &fields.tags);
    if changed.is_empty() && add_tags.is_empty() {
        return Ok(None);
    }
    Ok(Some(Change::Update {
        uid: contact.uid.clone(),
        set: changed,
        add_tags,
        at: now,
    }))
}

/// POST /api/contact/tag/add: `None` when the contact has the tag already.
pub fn add_tag(contact: &ContactRecord, tag: &str, now: DateTime<Utc>) -> Option<Change> {
    let add_tags = new_tags(contact, &[tag.to_string()]);
    (!add_tags.is_empty()).then(|| Change::Update {
        uid: contact.uid.clone(),
        set: Vec::new(),
        add_tags,
        at: now,
    })
}

/// POST /api/contact/note/add: the note, stamped with the current minute.
pub fn add_note(contact: &ContactRecord, note: &str, now: DateTime<Utc>) -> Change {
    Change::AddNote {
        uid: contact.uid.clone(),
        stamp: minute(now),
        text: note.to_string(),
        at: now,
    }
}

/// One of stage / quality / owner set to `value` (already the account's spelling); `None` when it
/// has that value already.
pub fn set_field(
    contact: &ContactRecord,
    field: Field,
    value: &str,
    now: DateTime<Utc>,
) -> Option<Change> {
    let target = field.contact_field();
    (target.get(contact) != Some(value)).then(|| Change::Update {
        uid: contact.uid.clone(),
        set: vec![(target, Some(value.to_string()))],
        add_tags: Vec::new(),
        at: now,
    })
}

/// `now` cut to the whole minute: notes are stored with the minute they were added.
fn minute(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now)
}

#[cfg(test)]
mod tests;
