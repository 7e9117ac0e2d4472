//! One account in memory: its name, zone and vocabulary (stages, qualities, team, tags) and its
//! indexed contacts. Finding the contact a request names, checking names against the account, and
//! applying a [`Change`] — the one way anything in an account changes, live or replayed.

use std::collections::HashSet;
use std::sync::Arc;

use crate::api::time_zones::Zone;

use super::change::Change;
use super::contacts::ContactIndex;
use super::demo::{Account, ContactRecord, Plan, TeamMember};
use super::input::Who;
use super::reply::SimError;

/// An account's data, as requests see and change it.
#[derive(Debug, Clone)]
pub struct AccountBook {
    pub name: String,
    /// The IANA name of the zone note times are written in, as the account file spells it.
    pub time_zone: String,
    /// That zone, parsed.
    pub zone: Zone,
    pub stages: Vec<String>,
    pub qualities: Vec<String>,
    pub team: Vec<TeamMember>,
    /// Every tag used in the account, in the order first used.
    tags: Vec<String>,
    tag_set: HashSet<String>,
    pub contacts: ContactIndex,
}

/// A failure to apply a change: only a journal that does not fit its snapshot can cause one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ApplyError(String);

impl AccountBook {
    /// The book of a loaded account, with its token and plan (which never change while serving).
    pub fn from_account(account: Account) -> (String, Plan, AccountBook) {
        let zone = account.time_zone.parse().unwrap_or(Zone::UTC);
        let tag_set = account.tags.iter().cloned().collect();
        let book = AccountBook {
            name: account.name,
            time_zone: account.time_zone,
            zone,
            stages: account.stages,
            qualities: account.qualities,
            team: account.team,
            tags: account.tags,
            tag_set,
            contacts: ContactIndex::from_records(account.contacts),
        };
        (account.token, account.plan, book)
    }

    /// The account's tags, in the order first used.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The contacts `who` names: at most one for a uid; any number for an email (compared
    /// case-insensitively) or a phone (compared by digits), oldest first.
    pub fn find(&self, who: &Who) -> Vec<&Arc<ContactRecord>> {
        match who {
            Who::Uid(uid) => self.contacts.by_uid(uid).into_iter().collect(),
            Who::Email(email) => self.contacts.by_email(email),
            Who::Phone(phone) => self.contacts.by_phone(phone),
        }
    }

    /// The one contact an action names; 404 when none matches, 400 when an email or phone matches
    /// several.
    pub fn resolve_one(&self, who: &Who) -> Result<&Arc<ContactRecord>, SimError> {
        let found = self.find(who);
        match found.as_slice() {
            [] => Err(SimError::not_found("Contact not found")),
            [only] => Ok(only),
            several => Err(SimError::bad_request(format!(
                "{} contacts have this {}; name the contact by uid",
                several.len(),
                who.field()
            ))),
        }
    }

    /// The account's spelling of a stage, matched case-insensitively.
    pub fn stage(&self, name: &str) -> Result<String, SimError> {
        canonical(&self.stages, name).ok_or_else(|| {
            SimError::bad_request(format!("stageName '{name}' does not exist in this account"))
        })
    }

    /// The account's spelling of a quality, matched case-insensitively.
    pub fn quality(&self, name: &str) -> Result<String, SimError> {
        canonical(&self.qualities, name).ok_or_else(|| {
            SimError::bad_request(format!(
                "qualityName '{name}' does not exist in this account"
            ))
        })
    }

    /// The team member's email as the account spells it.
    pub fn owner(&self, email: &str) -> Result<String, SimError> {
        self.team
            .iter()
            .find(|member| member.email.eq_ignore_ascii_case(email.trim()))
            .map(|member| member.email.clone())
            .ok_or_else(|| {
                SimError::bad_request(format!("ownerEmail '{email}' is not a member of the team"))
            })
    }

    /// The team member's name for an owner email.
    pub fn owner_name(&self, owner_email: Option<&str>) -> Option<&str> {
        let email = owner_email?;
        self.team
            .iter()
            .find(|member| member.email.eq_ignore_ascii_case(email))
            .map(|member| member.name.as_str())
    }

    /// Whether a change applies: a new contact's uid is free, any other change's contact exists.
    /// A change planned against this book always does; one read from a journal that does not
    /// belong to this snapshot may not.
    pub fn check(&self, change: &Change) -> Result<(), ApplyError> {
        let uid = change.uid();
        let exists = self.contacts.contains_uid(uid);
        match change {
            Change::Create { .. } if exists => Err(ApplyError(format!(
                "a contact with uid {uid} already exists"
            ))),
            Change::Create { .. } => Ok(()),
            _ if !exists => Err(ApplyError(format!("no contact has uid {uid}"))),
            _ => Ok(()),
        }
    }

    /// Applies a change (after [`AccountBook::check`]: nothing is changed when it does not apply).
    pub fn apply(&mut self, change: &Change) -> Result<(), ApplyError> {
        self.check(change)?;
        let missing = |uid: &str| ApplyError(format!("no contact has uid {uid}"));
        match change {
            Change::Create { contact } => {
                self.contacts.insert(ContactRecord::clone(contact));
                self.join_tags(&contact.tags);
            }
            Change::Update {
                uid,
                set,
                add_tags,
                at,
            } => {
                self.contacts
                    .update(uid, |contact| {
                        for (field, value) in set {
                            *field.slot(contact) = value.clone();
                        }
                        for tag in add_tags {
                            if !contact.tags.contains(tag) {
                                contact.tags.push(tag.clone());
                            }
                        }
                        contact.last_update = *at;
                    })
                    .ok_or_else(|| missing(uid))?;
                self.join_tags(add_tags);
            }
            Change::AddNote {
                uid,
                stamp,
                text,
                at,
            } => self
                .contacts
                .update(uid, |contact| {
                    contact.notes.push((*stamp, text.clone()));
                    contact.last_update = *at;
                })
                .ok_or_else(|| missing(uid))?,
            Change::Delete { uid } => {
                self.contacts.remove(uid).ok_or_else(|| missing(uid))?;
            }
        }
        Ok(())
    }

    /// Adds tags new to the account to its list.
    fn join_tags(&mut self, tags: &[String]) {
        for tag in tags {
            if self.tag_set.insert(tag.clone()) {
                self.tags.push(tag.clone());
            }
        }
    }
}

fn canonical(names: &[String], wanted: &str) -> Option<String> {
    names
        .iter()
        .find(|name| name.eq_ignore_ascii_case(wanted.trim()))
        .cloned()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sim::change::ContactField;
    use chrono::{DateTime, Utc};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    pub(crate) fn account() -> AccountBook {
        let contact = |uid: &str, email: &str, phone: &str| ContactRecord {
            uid: uid.into(),
            email: Some(email.into()),
            phone: Some(phone.into()),
            first_name: Some("A".into()),
            created: at("2024-01-01T00:00:00Z"),
            last_update: at("2024-01-01T00:00:00Z"),
            ..ContactRecord::default()
        };
        let account = Account {
            token: "t".into(),
            plan: Plan::Pro,
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
        };
        AccountBook::from_account(account).2
    }

    fn uids(found: Vec<&Arc<ContactRecord>>) -> Vec<&str> {
        found.into_iter().map(|c| c.uid.as_str()).collect()
    }

    #[test]
    fn emails_match_ignoring_case_and_phones_by_digits() {
        let book = account();
        let email = Who::Email("SHARED@example.COM".into());
        assert_eq!(uids(book.find(&email)), ["AAAA0001", "AAAA0002"]);
        let phone = Who::Phone("551134567890".into());
        assert_eq!(uids(book.find(&phone)), ["AAAA0001", "AAAA0002"]);
        let other = Who::Phone("+1-555-000-0003".into());
        assert_eq!(uids(book.find(&other)), ["AAAA0003"]);
        assert_eq!(uids(book.find(&Who::Uid("aaaa0003".into()))), ["AAAA0003"]);
        assert!(book.find(&Who::Phone("()".into())).is_empty());
        let several = book.resolve_one(&phone).unwrap_err();
        assert_eq!(
            several.message,
            "2 contacts have this phone; name the contact by uid"
        );
        let none = book.resolve_one(&Who::Uid("NONE".into())).unwrap_err();
        assert_eq!(none.code, "NOT_FOUND");
    }

    #[test]
    fn changes_apply_and_keep_the_indexes_true() {
        let mut book = account();
        let change = Change::Update {
            uid: "AAAA0003".into(),
            set: vec![(ContactField::Email, Some("shared@EXAMPLE.com".into()))],
            add_tags: vec!["VIP".into()],
            at: at("2025-01-01T00:00:00Z"),
        };
        book.apply(&change).unwrap();
        let email = Who::Email("shared@example.com".into());
        assert_eq!(
            uids(book.find(&email)),
            ["AAAA0001", "AAAA0002", "AAAA0003"]
        );
        assert!(book.find(&Who::Email("solo@example.com".into())).is_empty());
        assert_eq!(book.tags(), ["VIP"]);
        book.apply(&Change::Delete {
            uid: "AAAA0001".into(),
        })
        .unwrap();
        assert_eq!(uids(book.find(&email)), ["AAAA0002", "AAAA0003"]);
        let again = book.apply(&Change::Delete {
            uid: "AAAA0001".into(),
        });
        assert_eq!(
            again.unwrap_err().to_string(),
            "no contact has uid AAAA0001"
        );
    }
}
