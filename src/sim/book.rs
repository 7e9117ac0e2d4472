//! The operations of the API on one account's contacts: finding by uid / email / phone, creating,
//! updating, deleting, and the five single-field actions. Pure data changes — no HTTP, no files —
//! each returning whether anything changed so the caller knows when to bump `lastUpdate` and save.

use chrono::{DateTime, Utc};

use super::demo::{Account, ContactRecord};
use super::input::{ContactFields, Who, phone_digits, split_name};
use super::reply::SimError;

/// Indices of the contacts `who` names: at most one for a uid; any number for an email (compared
/// case-insensitively) or a phone (compared by digits only).
pub fn find(account: &Account, who: &Who) -> Vec<usize> {
    let matches = |contact: &ContactRecord| match who {
        Who::Uid(uid) => contact.uid.eq_ignore_ascii_case(uid),
        Who::Email(email) => contact
            .email
            .as_deref()
            .is_some_and(|mine| mine.trim().eq_ignore_ascii_case(email.trim())),
        Who::Phone(phone) => {
            let wanted = phone_digits(phone);
            !wanted.is_empty()
                && contact
                    .phone
                    .as_deref()
                    .is_some_and(|mine| phone_digits(mine) == wanted)
        }
    };
    account
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, contact)| matches(contact))
        .map(|(index, _)| index)
        .collect()
}

/// The one contact an action names; 404 when none matches, 400 when an email or phone matches several.
pub fn resolve_one(account: &Account, who: &Who) -> Result<usize, SimError> {
    let found = find(account, who);
    match found.as_slice() {
        [] => Err(SimError::not_found("Contact not found")),
        [only] => Ok(*only),
        several => Err(SimError::bad_request(format!(
            "{} contacts have this {}; name the contact by uid",
            several.len(),
            who.field()
        ))),
    }
}

/// The account's spelling of a stage, matched case-insensitively.
pub fn stage(account: &Account, name: &str) -> Result<String, SimError> {
    canonical(&account.stages, name).ok_or_else(|| {
        SimError::bad_request(format!("stageName '{name}' does not exist in this account"))
    })
}

/// The account's spelling of a quality, matched case-insensitively.
pub fn quality(account: &Account, name: &str) -> Result<String, SimError> {
    canonical(&account.qualities, name).ok_or_else(|| {
        SimError::bad_request(format!(
            "qualityName '{name}' does not exist in this account"
        ))
    })
}

/// The team member's email as the account spells it.
pub fn owner(account: &Account, email: &str) -> Result<String, SimError> {
    account
        .team
        .iter()
        .find(|member| member.email.eq_ignore_ascii_case(email.trim()))
        .map(|member| member.email.clone())
        .ok_or_else(|| {
            SimError::bad_request(format!("ownerEmail '{email}' is not a member of the team"))
        })
}

fn canonical(names: &[String], wanted: &str) -> Option<String> {
    names
        .iter()
        .find(|name| name.eq_ignore_ascii_case(wanted.trim()))
        .cloned()
}

/// `Some(text)` for a non-blank value, `None` for a blank one (which clears the field on update).
fn non_blank(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// Adds `tags` to the contact (a set: duplicates ignored) and to the account's list of tags.
fn add_tags(account_tags: &mut Vec<String>, contact: &mut ContactRecord, tags: &[String]) {
    for tag in tags.iter().filter(|tag| !tag.trim().is_empty()) {
        if !contact.tags.contains(tag) {
            contact.tags.push(tag.clone());
        }
        if !account_tags.contains(tag) {
            account_tags.push(tag.clone());
        }
    }
}

/// Applies the given fields to a copy of `contact`, validating names against the account.
fn apply_fields(
    account: &Account,
    mut contact: ContactRecord,
    fields: &ContactFields,
) -> Result<ContactRecord, SimError> {
    if let Some(name) = fields.name.as_deref().filter(|n| !n.trim().is_empty()) {
        let (first, last) = split_name(name);
        contact.first_name = Some(first);
        contact.last_name = Some(last);
    }
    if let Some(first) = &fields.first_name {
        contact.first_name = Some(first.clone());
    }
    if let Some(last) = &fields.last_name {
        contact.last_name = Some(last.clone());
    }
    let plain = [
        (&fields.email, &mut contact.email),
        (&fields.phone, &mut contact.phone),
        (&fields.business_name, &mut contact.business_name),
        (&fields.birthday, &mut contact.birthday),
        (&fields.address, &mut contact.address),
        (&fields.city, &mut contact.city),
        (&fields.state, &mut contact.state),
        (&fields.zipcode, &mut contact.zipcode),
        (&fields.time_zone, &mut contact.time_zone),
        (&fields.value, &mut contact.value),
        (&fields.snapshot, &mut contact.snapshot),
    ];
    for (given, slot) in plain {
        if let Some(text) = given {
            *slot = non_blank(text.clone());
        }
    }
    if let Some(name) = fields.stage_name.clone() {
        contact.stage_name = non_blank(name).map(|n| stage(account, &n)).transpose()?;
    }
    if let Some(name) = fields.quality_name.clone() {
        contact.quality_name = non_blank(name).map(|n| quality(account, &n)).transpose()?;
    }
    if let Some(email) = fields.owner_email.clone() {
        contact.owner_email = non_blank(email).map(|e| owner(account, &e)).transpose()?;
    }
    if contact.email.is_none() && contact.phone.is_none() {
        return Err(SimError::bad_request("email or phone is required"));
    }
    Ok(contact)
}

/// POST /api/contact: validates and appends a new contact; returns its index.
pub fn create(
    account: &mut Account,
    fields: &ContactFields,
    note: Option<String>,
    uid: String,
    now: DateTime<Utc>,
) -> Result<usize, SimError> {
    let has_name = [&fields.name, &fields.first_name, &fields.last_name]
        .into_iter()
        .flatten()
        .any(|part| !part.trim().is_empty());
    if !has_name {
        return Err(SimError::bad_request(
            "either name or firstName/lastName is required",
        ));
    }
    let blank = ContactRecord {
        uid,
        created: now,
        last_update: now,
        ..ContactRecord::default()
    };
    let mut contact = apply_fields(account, blank, fields)?;
    if let Some(note) = note.and_then(non_blank) {
        contact.notes.push((minute(now), note));
    }
    add_tags(&mut account.tags, &mut contact, &fields.tags);
    account.contacts.push(contact);
    Ok(account.contacts.len() - 1)
}

/// PUT /api/contact: applies the given fields (tags are added, never removed). Returns whether
/// anything changed; `lastUpdate` moves only then.
pub fn update(
    account: &mut Account,
    index: usize,
    fields: &ContactFields,
    now: DateTime<Utc>,
) -> Result<bool, SimError> {
    let original = account.contacts[index].clone();
    let mut updated = apply_fields(account, original.clone(), fields)?;
    add_tags(&mut account.tags, &mut updated, &fields.tags);
    let changed = updated != original;
    if changed {
        updated.last_update = now;
        account.contacts[index] = updated;
    }
    Ok(changed)
}

/// POST /api/contact/tag/add: true when the contact did not have the tag yet.
pub fn add_tag(account: &mut Account, index: usize, tag: &str, now: DateTime<Utc>) -> bool {
    let contact = &mut account.contacts[index];
    if contact.tags.iter().any(|t| t == tag) {
        return false;
    }
    add_tags(&mut account.tags, contact, &[tag.to_string()]);
    contact.last_update = now;
    true
}

/// POST /api/contact/note/add: appends the note, stamped with the current minute.
pub fn add_note(account: &mut Account, index: usize, note: &str, now: DateTime<Utc>) {
    let contact = &mut account.contacts[index];
    contact.notes.push((minute(now), note.to_string()));
    contact.last_update = now;
}

/// Sets one of stage / quality / owner; true when the value changed.
pub fn set_field(
    account: &mut Account,
    index: usize,
    field: Field,
    value: String,
    now: DateTime<Utc>,
) -> bool {
    let contact = &mut account.contacts[index];
    let slot = match field {
        Field::Stage => &mut contact.stage_name,
        Field::Quality => &mut contact.quality_name,
        Field::Owner => &mut contact.owner_email,
    };
    if slot.as_deref() == Some(value.as_str()) {
        return false;
    }
    *slot = Some(value);
    contact.last_update = now;
    true
}

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

/// `now` cut to the whole minute: notes are stored with the minute they were added.
fn minute(now: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::{DurationRound, TimeDelta};
    now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::demo::TeamMember;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn account() -> Account {
        let contact = |uid: &str, email: &str, phone: &str| ContactRecord {
            uid: uid.into(),
            email: Some(email.into()),
            phone: Some(phone.into()),
            first_name: Some("A".into()),
            created: at("2024-01-01T00:00:00Z"),
            last_update: at("2024-01-01T00:00:00Z"),
            ..ContactRecord::default()
        };
        Account {
            token: "t".into(),
            plan: crate::sim::demo::Plan::Pro,
            name: "n".into(),
            time_zone: "UTC".into(),
            stages: vec!["New Lead".into(), "Won".into()],
            qualities: vec!["High".into()],
            team: vec![TeamMember {
                email: "sales@yourcompany.com".into(),
                name: "Jane Smith".into(),
            }],
            tags: vec![],
            contacts: vec![
                contact("AAAA0001", "Shared@Example.com", "+55 (11) 3456-7890"),
                contact("AAAA0002", "shared@example.com", "+55.11.3456.7890"),
                contact("AAAA0003", "solo@example.com", "+1 555 000 0003"),
            ],
        }
    }

    #[test]
    fn emails_match_ignoring_case_and_phones_by_digits() {
        let account = account();
        assert_eq!(
            find(&account, &Who::Email("SHARED@example.COM".into())),
            [0, 1]
        );
        assert_eq!(find(&account, &Who::Phone("551134567890".into())), [0, 1]);
        assert_eq!(find(&account, &Who::Phone("+1-555-000-0003".into())), [2]);
        assert_eq!(find(&account, &Who::Uid("aaaa0003".into())), [2]);
        assert!(find(&account, &Who::Phone("()".into())).is_empty());
        let several = resolve_one(&account, &Who::Phone("551134567890".into())).unwrap_err();
        assert_eq!(
            several.message,
            "2 contacts have this phone; name the contact by uid"
        );
        assert_eq!(
            resolve_one(&account, &Who::Uid("NONE".into()))
                .unwrap_err()
                .code,
            "NOT_FOUND"
        );
    }

    #[test]
    fn an_update_that_changes_nothing_keeps_last_update() {
        let mut account = account();
        let same = ContactFields {
            email: Some("solo@example.com".into()),
            ..ContactFields::default()
        };
        assert!(!update(&mut account, 2, &same, at("2025-01-01T00:00:00Z")).unwrap());
        assert_eq!(account.contacts[2].last_update, at("2024-01-01T00:00:00Z"));
        let stage = ContactFields {
            stage_name: Some("won".into()),
            ..ContactFields::default()
        };
        assert!(update(&mut account, 2, &stage, at("2025-01-01T00:00:00Z")).unwrap());
        assert_eq!(account.contacts[2].stage_name.as_deref(), Some("Won"));
        assert_eq!(account.contacts[2].last_update, at("2025-01-01T00:00:00Z"));
    }

    #[test]
    fn a_rejected_update_leaves_the_contact_untouched() {
        let mut account = account();
        let before = account.contacts[0].clone();
        let fields = ContactFields {
            city: Some("Recife".into()),
            owner_email: Some("nobody@example.com".into()),
            ..ContactFields::default()
        };
        let error = update(&mut account, 0, &fields, at("2025-01-01T00:00:00Z")).unwrap_err();
        assert_eq!(
            error.message,
            "ownerEmail 'nobody@example.com' is not a member of the team"
        );
        assert_eq!(account.contacts[0], before);
    }

    #[test]
    fn notes_are_stamped_with_the_minute_and_tags_join_the_account() {
        let mut account = account();
        add_note(&mut account, 0, "hello", at("2025-03-04T05:06:59Z"));
        assert_eq!(
            account.contacts[0].notes,
            [(at("2025-03-04T05:06:00Z"), "hello".to_string())]
        );
        assert!(add_tag(&mut account, 0, "VIP", at("2025-03-04T05:07:00Z")));
        assert!(!add_tag(&mut account, 0, "VIP", at("2025-03-04T05:08:00Z")));
        assert_eq!(account.tags, ["VIP"]);
        assert_eq!(account.contacts[0].last_update, at("2025-03-04T05:07:00Z"));
    }
}
