//! The account's vocabulary — its stages, qualities, owners and tags — which the API has no
//! endpoint to list. It starts from a configured list (profiles can name their pipeline) and
//! learns from every contact and every change the server confirms, so pickers and completion
//! offer what the account really uses. Values are kept exactly as the server spelled them (they
//! are sent back verbatim); duplicates are recognised case-insensitively.

use crate::api::{Contact, ContactChange};

/// A team member who can own contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub email: String,
    /// The name the server gave (`ownerName`), when it gave one.
    pub name: Option<String>,
}

/// Stages, qualities, owners and tags known for the account, in the order first seen (configured
/// values first, so a configured pipeline order is kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    stages: Vec<String>,
    qualities: Vec<String>,
    owners: Vec<Owner>,
    tags: Vec<String>,
    /// How many of the stages, then of the qualities, came from configuration (the account's
    /// own list) rather than from contacts seen: only those can tell a stage is unknown.
    configured_counts: (usize, usize),
}

impl Vocabulary {
    /// An empty vocabulary; it fills as contacts are seen.
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// A vocabulary seeded from configuration.
    pub fn configured(
        stages: impl IntoIterator<Item = String>,
        qualities: impl IntoIterator<Item = String>,
        owners: impl IntoIterator<Item = Owner>,
        tags: impl IntoIterator<Item = String>,
    ) -> Vocabulary {
        let mut vocabulary = Vocabulary::new();
        stages
            .into_iter()
            .for_each(|s| add_word(&mut vocabulary.stages, &s));
        qualities
            .into_iter()
            .for_each(|q| add_word(&mut vocabulary.qualities, &q));
        owners.into_iter().for_each(|o| vocabulary.add_owner(o));
        tags.into_iter()
            .for_each(|t| add_word(&mut vocabulary.tags, &t));
        vocabulary.configured_counts = (vocabulary.stages.len(), vocabulary.qualities.len());
        vocabulary
    }

    /// The stages the configuration lists (the account's pipeline); empty when it lists none.
    pub fn configured_stages(&self) -> &[String] {
        self.stages.get(..self.configured_counts.0).unwrap_or(&[])
    }

    /// The qualities the configuration lists; empty when it lists none.
    pub fn configured_qualities(&self) -> &[String] {
        self.qualities
            .get(..self.configured_counts.1)
            .unwrap_or(&[])
    }

    /// The vocabulary a config profile names: its stages, qualities and team.
    pub fn from_profile(profile: &crate::config::Profile) -> Vocabulary {
        Vocabulary::configured(
            profile.stages.iter().cloned(),
            profile.qualities.iter().cloned(),
            profile.team.iter().map(|member| Owner {
                email: member.email.clone(),
                name: member.name.clone(),
            }),
            [],
        )
    }

    /// The demo account's vocabulary, as the simulator defines it (what `genius demo` offers).
    pub fn from_demo_account(account: &crate::sim::demo::Account) -> Vocabulary {
        Vocabulary::configured(
            account.stages.iter().cloned(),
            account.qualities.iter().cloned(),
            account.team.iter().map(|member| Owner {
                email: member.email.clone(),
                name: Some(member.name.clone()),
            }),
            account.tags.iter().cloned(),
        )
    }

    /// Learns the stage, quality, owner and tags of a contact the server returned.
    pub fn learn_contact(&mut self, contact: &Contact) {
        if let Some(stage) = &contact.stage_name {
            add_word(&mut self.stages, stage);
        }
        if let Some(quality) = &contact.quality_name {
            add_word(&mut self.qualities, quality);
        }
        if let Some(email) = &contact.owner_email {
            self.add_owner(Owner {
                email: email.clone(),
                name: contact.owner_name.clone(),
            });
        }
        for tag in &contact.tags {
            add_word(&mut self.tags, tag);
        }
    }

    /// Learns from the answer of an action endpoint (tag, stage, quality or owner applied).
    pub fn learn_change(&mut self, change: &ContactChange) {
        if let Some(stage) = &change.stage_name {
            add_word(&mut self.stages, stage);
        }
        if let Some(quality) = &change.quality_name {
            add_word(&mut self.qualities, quality);
        }
        if let Some(tag) = &change.tag_name {
            add_word(&mut self.tags, tag);
        }
        if let Some(email) = &change.owner_email {
            self.add_owner(Owner {
                email: email.clone(),
                name: change.owner_name.clone(),
            });
        }
    }

    /// Adds an owner, or fills in the name of one known only by email.
    pub fn add_owner(&mut self, owner: Owner) {
        let email = owner.email.trim();
        if email.is_empty() {
            return;
        }
        let name = owner.name.filter(|n| !n.trim().is_empty());
        match self
            .owners
            .iter_mut()
            .find(|known| known.email.eq_ignore_ascii_case(email))
        {
            Some(known) => {
                if name.is_some() {
                    known.name = name;
                }
            }
            None => self.owners.push(Owner {
                email: email.to_string(),
                name,
            }),
        }
    }

    /// Known stages, configured first.
    pub fn stages(&self) -> &[String] {
        &self.stages
    }

    /// Known qualities, configured first.
    pub fn qualities(&self) -> &[String] {
        &self.qualities
    }

    /// Known owners, configured first.
    pub fn owners(&self) -> &[Owner] {
        &self.owners
    }

    /// Known tags, configured first.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The owner's name for an email, when known.
    pub fn owner_name(&self, email: &str) -> Option<&str> {
        self.owners
            .iter()
            .find(|o| o.email.eq_ignore_ascii_case(email))
            .and_then(|o| o.name.as_deref())
    }
}

fn add_word(list: &mut Vec<String>, word: &str) {
    let word = word.trim();
    let lower = word.to_lowercase();
    if word.is_empty() || list.iter().any(|known| known.to_lowercase() == lower) {
        return;
    }
    list.push(word.to_string());
}
