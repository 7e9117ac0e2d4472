//! The contacts viewed recently, most recent first, each as the server named it (made safe only
//! when drawn), and where a profile keeps them (`recents.json`, or `recents-<profile>.json` for a
//! named profile). The file is read and written by the effects runner (`effects::recents_file`),
//! so `App::update` stays free of IO.
#![deny(clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::Contact;

/// How many contacts the list remembers.
pub const MAX_RECENTS: usize = 50;

/// How long the first contact's "viewed" time may lag before viewing it again moves it (the start
/// screen shows it to the minute).
pub const RESTAMP_AFTER: chrono::Duration = chrono::Duration::minutes(1);

/// What the start screen needs to show and reopen a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentContact {
    /// The contact's uid, used to reopen it.
    pub uid: String,
    /// The display name when it was viewed.
    pub name: String,
    #[serde(default)]
    pub business: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The stage and the owner (name, else email) when it was viewed, shown on its row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it was last opened.
    pub viewed_at: DateTime<Utc>,
}

impl RecentContact {
    /// The entry for a contact just viewed.
    pub fn from_contact(contact: &Contact, viewed_at: DateTime<Utc>) -> RecentContact {
        RecentContact {
            uid: contact.uid.clone(),
            name: contact.display_name(),
            business: contact.business_name.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            stage: contact.stage_name.clone(),
            owner: contact
                .owner_name
                .clone()
                .filter(|name| !name.trim().is_empty())
                .or_else(|| contact.owner_email.clone()),
            viewed_at,
        }
    }

    /// True when every word of `filter` appears (case-insensitively) in the name, business,
    /// email, phone or uid.
    pub fn matches(&self, filter: &str) -> bool {
        // Nothing typed (the start screen as it opens, and every key in its list): all match,
        // with nothing lowercased or copied.
        if filter.trim().is_empty() {
            return true;
        }
        let haystack = format!(
            "{} {} {} {} {}",
            self.name,
            self.business.as_deref().unwrap_or(""),
            self.email.as_deref().unwrap_or(""),
            self.phone.as_deref().unwrap_or(""),
            self.uid
        )
        .to_lowercase();
        filter
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// The recent contacts, most recent first, each uid at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentList {
    /// Most recent first.
    pub entries: Vec<RecentContact>,
}

impl RecentList {
    /// Puts `entry` first, dropping its older appearance and anything past [`MAX_RECENTS`]. True
    /// when the list changed: the same contact viewed again while first, unchanged, within
    /// [`RESTAMP_AFTER`], leaves it as it is, so looking one contact up again and again writes
    /// nothing.
    pub fn record(&mut self, entry: RecentContact) -> bool {
        if let Some(first) = self.entries.first_mut()
            && first.uid == entry.uid
            && first.name == entry.name
            && first.business == entry.business
            && first.email == entry.email
            && first.phone == entry.phone
        {
            if entry.viewed_at.signed_duration_since(first.viewed_at) < RESTAMP_AFTER {
                return false;
            }
            first.viewed_at = entry.viewed_at;
            return true;
        }
        self.entries.retain(|e| e.uid != entry.uid);
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_RECENTS);
        true
    }

    /// Forgets a contact (it was deleted); true when it was listed.
    pub fn remove(&mut self, uid: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.uid != uid);
        self.entries.len() != before
    }

    /// The entries matching a quick filter, in order.
    pub fn filtered<'a>(&'a self, filter: &'a str) -> impl Iterator<Item = &'a RecentContact> + 'a {
        self.entries.iter().filter(move |e| e.matches(filter))
    }
}

/// The recents file of a profile in a data directory: `recents.json` or `recents-<profile>.json`.
pub fn recents_path(data_dir: &Path, profile: Option<&str>) -> PathBuf {
    let name = match profile.map(str::trim).filter(|p| !p.is_empty()) {
        Some(profile) => {
            let safe: String = profile
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            format!("recents-{safe}.json")
        }
        None => "recents.json".to_string(),
    };
    data_dir.join(name)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    fn entry(uid: &str, name: &str) -> RecentContact {
        RecentContact {
            uid: uid.into(),
            name: name.into(),
            business: Some("Acme Corp".into()),
            email: Some(format!("{}@example.com", name.to_lowercase())),
            phone: None,
            stage: None,
            owner: None,
            viewed_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn recording_moves_to_front_once() {
        let mut list = RecentList::default();
        list.record(entry("AAAA1111", "Ana"));
        list.record(entry("BBBB2222", "Bob"));
        list.record(entry("AAAA1111", "Ana"));
        let uids: Vec<&str> = list.entries.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(uids, ["AAAA1111", "BBBB2222"]);
        assert_eq!(list.filtered("bob acme").count(), 1);
        assert_eq!(list.filtered("zed").count(), 0);
    }

    #[test]
    fn viewing_the_first_contact_again_changes_nothing_until_a_minute_passed() {
        let mut list = RecentList::default();
        assert!(list.record(entry("AAAA1111", "Ana")));
        assert!(!list.record(entry("AAAA1111", "Ana")));
        let mut later = entry("AAAA1111", "Ana");
        later.viewed_at += chrono::Duration::seconds(59);
        assert!(!list.record(later.clone()));
        later.viewed_at += chrono::Duration::seconds(1);
        assert!(list.record(later.clone()));
        assert_eq!(list.entries[0].viewed_at, later.viewed_at);
        let renamed = entry("AAAA1111", "Anna");
        assert!(list.record(renamed), "a new name is a change");
        assert!(list.record(entry("BBBB2222", "Bob")));
        assert!(
            list.record(entry("AAAA1111", "Anna")),
            "moving up is a change"
        );
        assert!(list.remove("BBBB2222"));
        assert!(!list.remove("BBBB2222"));
    }
}
