//! From a CSV record to a request body, with the checks that catch bad data before it costs a
//! request: a name, an email or phone, a real birthday, and — when the account's lists are known — a
//! stage and quality that exist. Anything else the server judges (its 400 becomes a reject).
#![deny(clippy::indexing_slicing)]

use chrono::NaiveDate;

use crate::api::{ContactPatch, Identifier, NewContact};

use super::columns::{ColumnMap, Field, Record};

/// The account's stage and quality names, when known (from the profile); `None` lets the server judge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub stages: Option<Vec<String>>,
    pub qualities: Option<Vec<String>>,
}

/// Splits a `tags` cell on `;`, trimming and dropping empty tags.
pub fn split_tags(cell: Option<&str>) -> Vec<String> {
    cell.unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// A birthday must be a real `YYYY-MM-DD` date.
pub fn check_birthday(birthday: &str) -> Result<(), String> {
    NaiveDate::parse_from_str(birthday.trim(), "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| {
            format!(
                "birthday {:?} is not a real date (YYYY-MM-DD)",
                birthday.trim()
            )
        })
}

fn check_email(email: &str) -> Result<(), String> {
    match email.split_once('@') {
        Some((user, domain)) if !user.is_empty() && !domain.is_empty() && !email.contains(' ') => {
            Ok(())
        }
        _ => Err(format!("email {email:?} is not an email address")),
    }
}

fn check_phone(phone: &str) -> Result<(), String> {
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' '));
    if allowed && phone.chars().filter(char::is_ascii_digit).count() >= 3 {
        Ok(())
    } else {
        Err(format!("phone {phone:?} is not a phone number"))
    }
}

fn check_listed(what: &str, value: &str, known: &Option<Vec<String>>) -> Result<(), String> {
    match known {
        Some(names) if !names.iter().any(|n| n.eq_ignore_ascii_case(value)) => Err(format!(
            "unknown {what} {value:?} (known: {})",
            names.join(", ")
        )),
        _ => Ok(()),
    }
}

/// The checks of a contact about to be created; the reason is a sentence for the rejects file.
pub fn check_new_contact(
    contact: &NewContact,
    vocabulary: Option<&Vocabulary>,
) -> Result<(), String> {
    let present = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    if !present(&contact.name) && !present(&contact.first_name) && !present(&contact.last_name) {
        return Err("no name (a name, first name or last name is needed)".into());
    }
    if !present(&contact.email) && !present(&contact.phone) {
        return Err("no email or phone (one of them is needed)".into());
    }
    if let Some(email) = contact.email.as_deref().filter(|v| !v.trim().is_empty()) {
        check_email(email.trim())?;
    }
    if let Some(phone) = contact.phone.as_deref().filter(|v| !v.trim().is_empty()) {
        check_phone(phone.trim())?;
    }
    if let Some(birthday) = &contact.birthday {
        check_birthday(birthday)?;
    }
    if let Some(vocabulary) = vocabulary {
        if let Some(stage) = &contact.stage_name {
            check_listed("stage", stage, &vocabulary.stages)?;
        }
        if let Some(quality) = &contact.quality_name {
            check_listed("quality", quality, &vocabulary.qualities)?;
        }
    }
    Ok(())
}

/// The create body of an import row, checked.
pub fn new_contact(
    columns: &ColumnMap,
    record: &Record,
    vocabulary: &Vocabulary,
) -> Result<NewContact, String> {
    if let Some(reason) = &record.unreadable {
        return Err(reason.clone());
    }
    let contact = row_body(columns, record);
    check_new_contact(&contact, Some(vocabulary))?;
    Ok(contact)
}

/// Every body column of a row, read once for `import` (a create) and `apply` (an update).
fn row_body(columns: &ColumnMap, record: &Record) -> NewContact {
    let cell = |field| columns.get(record, field).map(str::to_string);
    NewContact {
        name: cell(Field::Name),
        first_name: cell(Field::FirstName),
        last_name: cell(Field::LastName),
        email: cell(Field::Email),
        phone: cell(Field::Phone),
        business_name: cell(Field::BusinessName),
        birthday: cell(Field::Birthday),
        address: cell(Field::Address),
        city: cell(Field::City),
        state: cell(Field::State),
        zipcode: cell(Field::Zipcode),
        time_zone: cell(Field::TimeZone),
        value: cell(Field::Value),
        stage_name: cell(Field::Stage),
        quality_name: cell(Field::Quality),
        owner_email: cell(Field::Owner),
        snapshot: cell(Field::Snapshot),
        note: cell(Field::Note),
        tags: split_tags(columns.get(record, Field::Tags)),
    }
}

/// One row of `apply`: which contact, what changes, and a note to add.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub who: Identifier,
    /// The changed fields (its uid is filled in once the contact is found).
    pub patch: ContactPatch,
    pub note: Option<String>,
}

/// The change of an apply row: keyed by uid when given, else email, else phone; the other two
/// identifier columns are then changes.
pub fn change(
    columns: &ColumnMap,
    record: &Record,
    vocabulary: &Vocabulary,
) -> Result<Change, String> {
    if let Some(reason) = &record.unreadable {
        return Err(reason.clone());
    }
    let cell = |field| columns.get(record, field).map(str::to_string);
    let (who, email, phone) = if let Some(uid) = cell(Field::Uid) {
        (
            Identifier::Uid(uid.to_ascii_uppercase()),
            cell(Field::Email),
            cell(Field::Phone),
        )
    } else if let Some(email) = cell(Field::Email) {
        (Identifier::Email(email), None, cell(Field::Phone))
    } else if let Some(phone) = cell(Field::Phone) {
        (Identifier::Phone(phone), None, None)
    } else {
        return Err("no uid, email or phone to find the contact by".into());
    };
    let body = row_body(columns, record);
    // The identifier that finds the contact is not also a change to it.
    let patch = ContactPatch {
        email,
        phone,
        ..body.to_patch("")
    };
    let note = body.note;
    if patch.is_empty() && note.is_none() {
        return Err("nothing to change in this row".into());
    }
    if let Some(email) = &patch.email {
        check_email(email)?;
    }
    if let Some(phone) = &patch.phone {
        check_phone(phone)?;
    }
    if let Some(birthday) = &patch.birthday {
        check_birthday(birthday)?;
    }
    if let Some(stage) = &patch.stage_name {
        check_listed("stage", stage, &vocabulary.stages)?;
    }
    if let Some(quality) = &patch.quality_name {
        check_listed("quality", quality, &vocabulary.qualities)?;
    }
    Ok(Change { who, patch, note })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::super::columns::read_table;
    use super::*;

    #[test]
    fn import_rows_are_checked_with_reasons() {
        let text = "Name,Email,Phone,Birthday,Stage,Tags\n\
                    Ana Lima,ana@x.io,,1990-02-28,New Lead,Hot; Web ;\n\
                    ,bia@x.io,,,,\n\
                    Caio,,,,,\n\
                    Dora,dora@x.io,,1990-02-30,,\n\
                    Eva,eva@x.io,,,Nope,\n\
                    Fê,not-an-email,,,,\n";
        let table = read_table(text.as_bytes()).unwrap();
        let vocabulary = Vocabulary {
            stages: Some(vec!["New Lead".into()]),
            qualities: None,
        };
        let results: Vec<Result<NewContact, String>> = table
            .records
            .iter()
            .map(|r| new_contact(&table.columns, r, &vocabulary))
            .collect();
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.tags, vec!["Hot".to_string(), "Web".to_string()]);
        assert_eq!(first.phone, None);
        let reasons: Vec<String> = results[1..]
            .iter()
            .map(|r| r.clone().unwrap_err())
            .collect();
        assert!(reasons[0].starts_with("no name"));
        assert!(reasons[1].starts_with("no email or phone"));
        assert!(reasons[2].contains("not a real date"));
        assert!(reasons[3].starts_with("unknown stage \"Nope\""));
        assert!(reasons[4].contains("not an email"));
        assert!(new_contact(&table.columns, &table.records[4], &Vocabulary::default()).is_ok());
    }

    #[test]
    fn apply_rows_key_by_uid_then_email_then_phone() {
        let text = "uid,email,phone,stage,note\n\
                    abc12345,new@x.io,,Won,\n\
                    ,ana@x.io,+55 11 9999-0000,,called\n\
                    ,,+55 11 8888-0000,Lost,\n\
                    ,,,Lost,\n\
                    ,ana@x.io,,,\n";
        let table = read_table(text.as_bytes()).unwrap();
        let v = Vocabulary::default();
        let c: Vec<Result<Change, String>> = table
            .records
            .iter()
            .map(|r| change(&table.columns, r, &v))
            .collect();
        let first = c[0].as_ref().unwrap();
        assert_eq!(first.who, Identifier::Uid("ABC12345".into()));
        assert_eq!(first.patch.email.as_deref(), Some("new@x.io"));
        let second = c[1].as_ref().unwrap();
        assert_eq!(second.who, Identifier::Email("ana@x.io".into()));
        assert_eq!(second.patch.phone.as_deref(), Some("+55 11 9999-0000"));
        assert_eq!(second.note.as_deref(), Some("called"));
        assert_eq!(
            c[2].as_ref().unwrap().who,
            Identifier::Phone("+55 11 8888-0000".into())
        );
        assert!(c[3].as_ref().unwrap_err().starts_with("no uid"));
        assert!(c[4].as_ref().unwrap_err().starts_with("nothing to change"));
    }
}
