//! What each API reply does to the app. The effects runner decoded it already (the `Msg` says what
//! came back, typed); here it is matched to the request it answers, by id and [`Purpose`]. A reply
//! whose id is no longer awaited is dropped. `lookups`: lookups and refreshes; `writes`: saves,
//! tags and changes; `contacts`: notes, creates, deletes and resumed drafts; `background`: writes
//! nobody waits for on screen any more. Contacts are kept as the server sent them; they are made
//! safe only on their way to the screen.
//!
//! [`Purpose`]: crate::tui::app::requests::Purpose

mod background;
mod contacts;
mod lookups;
mod writes;

use crate::api::{ApiError, Contact, ContactChange, Lookup};
use crate::tui::app::requests::{Purpose, describe_error};
use crate::tui::app::undo::UndoStep;
use crate::tui::app::{Answer, App, Command, Screen};
use crate::tui::model::RequestId;

impl App {
    /// Handles the reply to request `id`.
    pub(crate) fn on_reply(
        &mut self,
        id: RequestId,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        let Some(request) = self.requests.finish(id) else {
            tracing::debug!(%id, "dropping a reply nobody awaits");
            return Vec::new();
        };
        if request.detached && request.purpose.answers_in_background() {
            return self.on_background_reply(request.purpose, result);
        }
        let confirmed = result.is_ok();
        let mut commands = match request.purpose.clone() {
            Purpose::Lead { index, .. } => {
                let lookup = self.learn(matches(result));
                self.on_lead_reply(id, index, lookup)
            }
            Purpose::Change { uid, target, value } => {
                let before = self.contact_before_change(&uid);
                let mut commands = self.on_change_reply(&uid, target, &value, changed(result));
                commands.extend(self.after_change_answer(&uid, target, before, confirmed));
                commands
            }
            Purpose::Save { uid } => {
                let before = self.contact_before_change(&uid);
                let commands = self.on_save_reply(id, &uid, saved(result));
                if confirmed {
                    self.remember_save(&uid, before);
                }
                commands
            }
            purpose => self.on_plain_reply(id, purpose, result),
        };
        if confirmed {
            match &request.purpose {
                Purpose::Note { uid, .. } => {
                    self.undo.push(UndoStep::Note { uid: uid.clone() });
                    commands.extend(self.after_note_confirmed(uid));
                }
                Purpose::AddTags { uid, tags } => self.undo.push(UndoStep::Tags {
                    uid: uid.clone(),
                    tags: tags.clone(),
                }),
                _ => {}
            }
        }
        commands
    }

    /// The replies that only their own handler answers.
    fn on_plain_reply(
        &mut self,
        id: RequestId,
        purpose: Purpose,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        match purpose {
            Purpose::Lookup(identifier) => {
                let lookup = self.learn(matches(result));
                self.on_lookup_reply(identifier, lookup)
            }
            Purpose::Refresh { uid } => {
                let lookup = self.learn(matches(result));
                self.on_refresh_reply(id, &uid, lookup.map(Lookup::into_whole))
            }
            Purpose::Preview { uid } => {
                let lookup = self.learn(matches(result));
                self.on_preview_reply(id, uid, lookup.map(Lookup::into_whole))
            }
            Purpose::Save { uid } => self.on_save_reply(id, &uid, saved(result)),
            Purpose::AddTags { uid, tags } => self.on_tags_reply(&uid, &tags, saved(result)),
            Purpose::Change { uid, target, value } => {
                self.on_change_reply(&uid, target, &value, changed(result))
            }
            Purpose::Note { uid, line } => self.on_note_reply(id, &uid, line, done(result)),
            // The duplicate warning draws only what a summary has (name, email, phone, uid).
            Purpose::DuplicateCheck(_) => {
                self.on_duplicate_reply(id, matches(result).map(Lookup::into_listed_contacts))
            }
            Purpose::Create => self.on_create_reply(id, created(result)),
            Purpose::Delete { uid, name } => self.on_delete_reply(id, &uid, &name, done(result)),
            Purpose::ResumeDraft(key) => {
                self.on_resume_reply(&key, matches(result).map(Lookup::into_whole))
            }
            Purpose::Lead { index, .. } => {
                let lookup = self.learn(matches(result));
                self.on_lead_reply(id, index, lookup)
            }
        }
    }

    /// The account's stages, qualities, owners and tags, learnt from a whole contact fetched
    /// (a summary has none of them).
    fn learn(&mut self, lookup: Result<Lookup, ApiError>) -> Result<Lookup, ApiError> {
        if let Ok(Lookup::One(contact)) = &lookup {
            self.vocabulary.learn_contact(contact);
        }
        lookup
    }

    /// Shows `updated` (as the server sent it) on the contact's screen, over what it showed.
    pub(crate) fn show_updated(&mut self, updated: &Contact) {
        self.vocabulary.learn_contact(updated);
        if let Some(screen) = self.contact_screen_mut(&updated.uid) {
            let mut merged = screen.contact.clone();
            merged.merge_from(updated);
            screen.replace_contact(merged);
        }
    }

    /// The contact's name as the screens or its drafts know it, else its uid.
    pub(crate) fn name_of(&self, uid: &str) -> String {
        let on_screen = self.contact_name(uid);
        let in_drafts = || {
            self.drafts
                .list
                .iter()
                .filter(|draft| draft.key.uid() == Some(uid))
                .find_map(|draft| draft.contact_name.clone())
        };
        on_screen
            .or_else(in_drafts)
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| uid.to_string())
    }

    /// The display name of the contact `uid` if a screen shows it.
    pub(crate) fn contact_name(&self, uid: &str) -> Option<String> {
        self.screens.iter().find_map(|screen| match screen {
            Screen::Contact(contact) if contact.contact.uid == uid => {
                Some(contact.contact.display_name())
            }
            _ => None,
        })
    }
}

/// The words for a write that did not go through, `refused` saying what did not happen ("the
/// stage was not changed"). A write that may have landed is not called refused: it says so, and
/// what the app did about it.
fn refusal_text(refused: &str, error: &ApiError) -> String {
    if error.maybe_applied() {
        failure_text(error)
    } else {
        format!("{refused}: {}", failure_text(error))
    }
}

/// The words for a failed write: the plain description, and for a write that may have landed,
/// what the app did about it.
fn failure_text(error: &ApiError) -> String {
    let described = describe_error(error, None);
    if error.maybe_applied() {
        format!("{described}; the contact was fetched again to show what the server has")
    } else {
        described
    }
}

/// A reply of another kind than the request asked for (the runner answers each operation with
/// its own): nothing in it is believed.
fn unexpected(answer: &Answer) -> ApiError {
    ApiError::Undocumented {
        what: format!("an answer of another kind ({answer:?})"),
        write: !matches!(answer, Answer::Matches(_)),
    }
}

fn matches(result: Result<Answer, ApiError>) -> Result<Lookup, ApiError> {
    result.and_then(|answer| match answer {
        Answer::Matches(lookup) => Ok(lookup),
        other => Err(unexpected(&other)),
    })
}

fn saved(result: Result<Answer, ApiError>) -> Result<Option<Contact>, ApiError> {
    result.and_then(|answer| match answer {
        Answer::Saved(contact) => Ok(contact),
        other => Err(unexpected(&other)),
    })
}

fn created(result: Result<Answer, ApiError>) -> Result<Contact, ApiError> {
    result.and_then(|answer| match answer {
        Answer::Created(contact) => Ok(contact),
        other => Err(unexpected(&other)),
    })
}

fn changed(result: Result<Answer, ApiError>) -> Result<ContactChange, ApiError> {
    result.and_then(|answer| match answer {
        Answer::Changed(change) => Ok(change),
        other => Err(unexpected(&other)),
    })
}

fn done(result: Result<Answer, ApiError>) -> Result<(), ApiError> {
    result.map(|_| ())
}
