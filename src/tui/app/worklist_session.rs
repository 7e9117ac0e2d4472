//! The worklist being worked in this session, as state: the list and its progress, what the
//! server answered for each lead (one contact, several, none), which leads are being fetched, and
//! the rows the list screen draws from them. The app's handling of it is in `worklist.rs`.

use std::collections::{BTreeMap, VecDeque};

use chrono::NaiveDateTime;

use crate::api::{Contact, NoteTimeline};
use crate::tui::model::RequestId;
use crate::tui::screens::worklist::LeadRow;
use crate::worklist::{LeadTarget, Worklist};
/// How many leads are fetched ahead at once: enough that the next lead is there when wanted,
/// few enough to leave the account's rate limit to what the user does.
pub const PREFETCH_IN_FLIGHT: usize = 2;

/// What the server answered for a lead's identifier.
#[derive(Debug, Clone, PartialEq)]
pub enum LeadContacts {
    /// Its contact (one match, or the one chosen among several).
    One(Box<Contact>),
    /// Several contacts match it.
    Several(Vec<Contact>),
    /// No contact has it.
    NotFound,
}

/// The worklist being worked in this session.
#[derive(Debug, Clone, PartialEq)]
pub struct WorklistSession {
    /// The list and its progress (already resumed from the journal).
    pub list: Worklist,
    /// What was fetched for each lead, by index.
    pub fetched: BTreeMap<usize, LeadContacts>,
    /// Fetches in flight, by lead index.
    pub fetching: BTreeMap<usize, RequestId>,
    /// Leads waiting to be fetched ahead of time, in order.
    pub queue: VecDeque<usize>,
    /// The lead to show as soon as its fetch answers.
    pub opening: Option<usize>,
    /// The lead whose matches the results table shows, to choose from.
    pub choosing: Option<usize>,
}

impl WorklistSession {
    /// A session on `list` (resumed already).
    pub fn new(list: Worklist) -> WorklistSession {
        WorklistSession {
            list,
            fetched: BTreeMap::new(),
            fetching: BTreeMap::new(),
            queue: VecDeque::new(),
            opening: None,
            choosing: None,
        }
    }

    /// The list screen's rows, from the list and what was fetched.
    pub fn rows(&self) -> Vec<LeadRow> {
        self.list
            .leads()
            .enumerate()
            .map(|(index, (lead, progress))| {
                let contact = match self.fetched.get(&index) {
                    Some(LeadContacts::One(contact)) => Some(contact.as_ref()),
                    Some(LeadContacts::Several(contacts)) => progress
                        .uid
                        .as_ref()
                        .and_then(|uid| contacts.iter().find(|c| &c.uid == uid)),
                    Some(LeadContacts::NotFound) | None => None,
                };
                LeadRow {
                    index,
                    identifier: lead.raw.clone(),
                    name: contact
                        .map(Contact::display_name)
                        .or_else(|| lead.name_hint.clone()),
                    business: contact.and_then(|c| c.business_name.clone()),
                    stage: contact.and_then(|c| c.stage_name.clone()),
                    quality: contact.and_then(|c| c.quality_name.clone()),
                    owner: contact.and_then(|c| c.owner_name.clone().or(c.owner_email.clone())),
                    last_note: contact.and_then(last_note_date),
                    state: progress.state,
                    fetching: self.fetching.contains_key(&index),
                }
            })
            .collect()
    }

    /// `lead 7 of 30 · calls.csv`.
    pub fn lead_title(&self) -> String {
        format!("{} · {}", self.list.title(), self.list.name())
    }

    /// The lead's contact, when it is known.
    pub(crate) fn contact_of(&self, index: usize) -> Option<&Contact> {
        match self.fetched.get(&index)? {
            LeadContacts::One(contact) => Some(contact),
            LeadContacts::Several(contacts) => {
                let uid = self.list.progress(index)?.uid.as_ref()?;
                contacts.iter().find(|c| &c.uid == uid)
            }
            LeadContacts::NotFound => None,
        }
    }

    /// True when the lead names something to fetch and nothing was fetched or asked yet.
    pub(crate) fn wants_fetch(&self, index: usize) -> bool {
        let names_contact = matches!(
            self.list.lead(index).map(|lead| &lead.target),
            Some(LeadTarget::Contact(_))
        );
        names_contact && !self.fetched.contains_key(&index) && !self.fetching.contains_key(&index)
    }
}

/// The date of the newest timestamped note, `YYYY-MM-DD`.
fn last_note_date(contact: &Contact) -> Option<String> {
    let notes = contact.notes.as_deref()?;
    NoteTimeline::parse(notes)
        .entries
        .iter()
        .filter_map(|entry| entry.timestamp)
        .max()
        .map(|at: NaiveDateTime| at.format("%Y-%m-%d").to_string())
}
