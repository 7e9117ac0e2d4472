//! What the cache keeps: a contact as last fetched ([`CachedContact`], one file each) and the
//! small searchable summary of it the index holds ([`ContactSummary`]), with the one rule for
//! matching a typed query against either.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::Contact;

/// A contact as last fetched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedContact {
    /// When the server sent this version.
    pub fetched_at: DateTime<Utc>,
    /// The contact as the server sent it then (its notes cut to the newest when `notes_cut`).
    pub contact: Contact,
    /// True when the copy keeps only the newest notes: the server has older ones this copy lacks,
    /// so the contact view can say "older notes not cached" until a refresh brings them all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notes_cut: bool,
}

impl CachedContact {
    /// A whole contact as fetched at `fetched_at`.
    pub fn new(contact: Contact, fetched_at: DateTime<Utc>) -> Self {
        CachedContact {
            fetched_at,
            contact,
            notes_cut: false,
        }
    }

    /// How old the data is at `now`.
    pub fn age(&self, now: DateTime<Utc>) -> chrono::Duration {
        now.signed_duration_since(self.fetched_at)
    }

    /// About how many bytes of memory this copy holds: its text plus the fixed size of the
    /// structs. An estimate for sizing the in-memory cache, not an exact allocation count.
    pub fn memory_size(&self) -> usize {
        CachedContact::memory_size_of(&self.contact)
    }

    /// What [`CachedContact::memory_size`] would say of a copy of `contact`, without making one:
    /// so a contact too big for the memory budget is never copied just to be refused.
    pub fn memory_size_of(contact: &Contact) -> usize {
        std::mem::size_of::<CachedContact>() + contact_text_bytes(contact)
    }
}

/// The bytes of text a contact holds. Destructured without `..` so a field added to [`Contact`]
/// does not compile until it is counted here.
fn contact_text_bytes(contact: &Contact) -> usize {
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
        notes,
        tags,
        created,
        last_update,
    } = contact;
    let optional = [
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
        notes,
        created,
        last_update,
    ];
    uid.capacity()
        + optional
            .iter()
            .map(|field| field.as_ref().map_or(0, String::capacity))
            .sum::<usize>()
        + tags
            .iter()
            .map(|tag| tag.capacity() + std::mem::size_of::<String>())
            .sum::<usize>()
}

/// The searchable summary of a cached contact, kept in the index so a search, a recents list or
/// eviction never has to read the contacts' own files. Text is the server's, verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactSummary {
    /// The contact's uid (also names its file).
    pub uid: String,
    /// "First Last", or what stands for it ([`Contact::display_name`]).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The owner's name, or their email when the server gave no name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When the server sent the cached version.
    pub fetched_at: DateTime<Utc>,
    /// Bytes the contact's file takes on disk.
    pub size: u64,
    /// The cached copy keeps only the newest notes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notes_cut: bool,
}

impl ContactSummary {
    /// The summary of `cached`, whose file takes `size` bytes.
    pub fn of(cached: &CachedContact, size: u64) -> Self {
        ContactSummary::new(&cached.contact, cached.fetched_at, cached.notes_cut, size)
    }

    /// The summary of `contact` as fetched at `fetched_at`, whose file takes `size` bytes.
    pub fn new(contact: &Contact, fetched_at: DateTime<Utc>, notes_cut: bool, size: u64) -> Self {
        ContactSummary {
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
            fetched_at,
            size,
            notes_cut,
        }
    }

    /// True when every word of `query` is in the name, email, phone or business (ignoring case):
    /// the same fields and rule `genius query` applies to whole contacts.
    pub fn matches(&self, query: &QueryWords) -> bool {
        query.found_in(&[
            Some(self.name.as_str()),
            self.email.as_deref(),
            self.phone.as_deref(),
            self.business.as_deref(),
        ])
    }
}

/// A typed query split into lower-case words, matched by containment.
#[derive(Debug, Clone)]
pub struct QueryWords {
    words: Vec<String>,
}

impl QueryWords {
    /// The words of `query`; a blank query has none and matches nothing.
    pub fn new(query: &str) -> Self {
        QueryWords {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// True when the query has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word is inside the fields joined by spaces (so a word may span two).
    pub fn found_in(&self, fields: &[Option<&str>]) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let haystack = fields
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }
}
