//! What a GET answers: the whole contact when one matches, or — when an email or phone is shared —
//! a list of [`ContactSummary`]s, each exactly the identity the reference's "Multiple Contacts"
//! example shows (uid, email, phone, first and last name). A summary is not a contact with empty
//! fields: whoever needs more of a match fetches it by uid.
#![deny(clippy::indexing_slicing)]

use serde::{Deserialize, Deserializer, Serialize};

use super::model::{Contact, Identifier, display_name, lenient_opt_string, lenient_string};

/// One of several contacts a lookup matched, as the API lists it. Decoded leniently like a
/// [`Contact`] (scalars for strings, `null` or missing for absent); fields beyond the five are
/// not kept, so nothing a server adds to a list is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactSummary {
    #[serde(deserialize_with = "lenient_string")]
    pub uid: String,
    #[serde(deserialize_with = "lenient_opt_string")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient_opt_string")]
    pub phone: Option<String>,
    #[serde(deserialize_with = "lenient_opt_string")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "lenient_opt_string")]
    pub last_name: Option<String>,
}

impl ContactSummary {
    /// "First Last", falling back as [`Contact::display_name`] does.
    pub fn display_name(&self) -> String {
        display_name(
            &self.uid,
            [&self.first_name, &self.last_name],
            [&self.email, &self.phone],
        )
    }

    /// The identifier that fetches this match in full (its uid).
    pub fn identifier(&self) -> Identifier {
        Identifier::Uid(self.uid.clone())
    }

    /// A contact holding only what the summary knows, every other field absent — for a consumer
    /// whose rows are still contacts. Such a contact must not be cached or shown as the whole
    /// record: fetch it by uid for that.
    pub fn into_partial_contact(self) -> Contact {
        Contact {
            uid: self.uid,
            email: self.email,
            phone: self.phone,
            first_name: self.first_name,
            last_name: self.last_name,
            ..Contact::default()
        }
    }
}

impl From<&Contact> for ContactSummary {
    fn from(contact: &Contact) -> Self {
        ContactSummary {
            uid: contact.uid.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            first_name: contact.first_name.clone(),
            last_name: contact.last_name.clone(),
        }
    }
}

/// What a GET answered: one whole contact (by uid, or the only match) or several summaries (an
/// email or phone shared).
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    One(Box<Contact>),
    Several(Vec<ContactSummary>),
}

impl Lookup {
    /// How many contacts matched.
    pub fn len(&self) -> usize {
        match self {
            Lookup::One(_) => 1,
            Lookup::Several(summaries) => summaries.len(),
        }
    }

    /// True when nothing matched (a server may answer an empty list rather than a 404).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The uids of the matches.
    pub fn uids(&self) -> Vec<&str> {
        match self {
            Lookup::One(contact) => vec![contact.uid.as_str()],
            Lookup::Several(summaries) => summaries.iter().map(|s| s.uid.as_str()).collect(),
        }
    }

    /// Every match as a summary (the one whole contact's taken from it).
    pub fn summaries(&self) -> Vec<ContactSummary> {
        match self {
            Lookup::One(contact) => vec![ContactSummary::from(contact.as_ref())],
            Lookup::Several(summaries) => summaries.clone(),
        }
    }

    /// The whole contact, when that is what was answered.
    pub fn into_whole(self) -> Option<Contact> {
        match self {
            Lookup::One(contact) => Some(*contact),
            Lookup::Several(_) => None,
        }
    }

    /// The matches as contacts for a list whose rows are contacts: the whole contact, or each
    /// summary as [`ContactSummary::into_partial_contact`] makes it. Only [`Lookup::One`] is a
    /// record worth keeping.
    pub fn into_listed_contacts(self) -> Vec<Contact> {
        match self {
            Lookup::One(contact) => vec![*contact],
            Lookup::Several(summaries) => summaries
                .into_iter()
                .map(ContactSummary::into_partial_contact)
                .collect(),
        }
    }
}

/// Decoded only when it has the documented shape: a contact with a uid, or a list of summaries
/// each with a uid.
impl<'de> Deserialize<'de> for Lookup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use super::documented::Documented;
        let data = serde_json::Value::deserialize(deserializer)?;
        Lookup::from_data(&data).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    fn summary(uid: &str, first: Option<&str>, email: Option<&str>) -> ContactSummary {
        ContactSummary {
            uid: uid.into(),
            first_name: first.map(str::to_string),
            email: email.map(str::to_string),
            ..ContactSummary::default()
        }
    }

    #[test]
    fn a_summary_is_named_like_a_contact() {
        assert_eq!(
            summary("A", Some(" John "), None).display_name(),
            "John".to_string()
        );
        assert_eq!(summary("A", None, Some("j@x.y")).display_name(), "j@x.y");
        assert_eq!(summary("A", Some(" "), Some(" ")).display_name(), "A");
    }

    #[test]
    fn a_lookup_tells_one_whole_contact_from_several_summaries() {
        let contact = Contact {
            uid: "ABC12345".into(),
            first_name: Some("John".into()),
            stage_name: Some("Won".into()),
            ..Contact::default()
        };
        let one = Lookup::One(Box::new(contact.clone()));
        assert_eq!(one.len(), 1);
        assert_eq!(one.uids(), ["ABC12345"]);
        assert_eq!(one.summaries()[..], [ContactSummary::from(&contact)]);
        assert_eq!(one.clone().into_whole(), Some(contact.clone()));
        assert_eq!(one.into_listed_contacts(), [contact]);

        let several = Lookup::Several(vec![
            summary("ABC12345", Some("John"), None),
            summary("XYZ67890", None, Some("j@x.y")),
        ]);
        assert_eq!(several.len(), 2);
        assert_eq!(several.uids(), ["ABC12345", "XYZ67890"]);
        assert_eq!(several.clone().into_whole(), None);
        let listed = several.into_listed_contacts();
        assert_eq!(listed[1].email.as_deref(), Some("j@x.y"));
        assert_eq!(listed[0].stage_name, None);
        assert!(Lookup::Several(Vec::new()).is_empty());
    }
}
