//! Requests in flight and what their replies mean. Every `Command::Send` the app emits is recorded
//! here with its [`Purpose`]; a reply whose id is not recorded any more (a superseded lookup, a
//! screen that was left) is dropped. This is also where failures are put into plain words (made
//! safe where they are drawn, like every notice).

use chrono::{DateTime, Utc};

use crate::api::{ApiError, ErrorKind, Identifier, Operation};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::DraftKey;
use crate::tui::overlays::picker::PickTarget;

/// Why a request was sent, which decides what its reply does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A lookup typed on the start screen or reopened from the recent list: one match opens the
    /// contact, several open the results table.
    Lookup(Identifier),
    /// Fetching the contact shown on a contact screen again (`r`, or the full record after opening
    /// it from the results table).
    Refresh { uid: String },
    /// PUT /api/contact from the edit form.
    Save { uid: String },
    /// PUT /api/contact adding tags.
    AddTags { uid: String, tags: Vec<String> },
    /// PUT /api/contact/stage, /quality or /owner.
    Change {
        uid: String,
        target: PickTarget,
        value: String,
    },
    /// POST /api/contact/note/add, from the editor (`line` is None) or from `:note` (`line` holds
    /// the text, so a failure can reopen it in the editor).
    Note { uid: String, line: Option<String> },
    /// GET by the new contact's email or phone before creating.
    DuplicateCheck(Identifier),
    /// POST /api/contact.
    Create,
    /// DELETE /api/contact.
    Delete { uid: String, name: String },
    /// GET of a contact whose draft is being resumed.
    ResumeDraft(DraftKey),
    /// GET of a worklist lead's identifier: `open` when the lead is to be shown on arrival,
    /// else fetched ahead of time.
    Lead { index: usize, open: bool },
    /// GET of the match highlighted in a matches table, for its preview.
    Preview { uid: String },
}

impl Purpose {
    /// True when the reply will change which screen is shown (open a contact, close a form, leave
    /// an editor…): keys typed meanwhile are meant for the screen the reply leaves, so they wait
    /// for it (`app::typeahead`). A refresh only brings fresher data to the contact already on
    /// screen, and a stage, quality, owner or tag change only a badge: keys go on to what is
    /// shown — a contact opened from the cache is usable at once, as it is meant to be.
    pub fn changes_the_screen(&self) -> bool {
        !matches!(
            self,
            Purpose::Refresh { .. }
                | Purpose::Change { .. }
                | Purpose::AddTags { .. }
                | Purpose::Lead { open: false, .. }
                | Purpose::Preview { .. }
        )
    }

    /// True for the writes whose answer may come after the screen stopped waiting (Esc while it
    /// was on its way): it is then reported on the status line.
    pub fn answers_in_background(&self) -> bool {
        matches!(
            self,
            Purpose::Save { .. } | Purpose::Note { .. } | Purpose::Create
        )
    }
}

/// One request the app is waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    /// The id its reply will carry.
    pub id: RequestId,
    /// What the reply is for.
    pub purpose: Purpose,
    /// Which API operation it is (the effects runner answers each with its typed reply).
    pub operation: Operation,
    /// What the status bar says while it runs ("looking up email john@example.com").
    pub description: String,
    /// When the client will retry after a 429, for the countdown.
    pub retry_at: Option<DateTime<Utc>>,
    /// Nothing on screen waits for it any more (Esc while a write was on its way): its reply is
    /// still reported on the status line, but keys typed meanwhile do not wait for it.
    pub detached: bool,
}

impl InFlight {
    /// True while the screen waits for this reply before taking keys again.
    pub fn holds_the_screen(&self) -> bool {
        !self.detached && self.purpose.changes_the_screen()
    }
}

/// The requests in flight, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requests {
    /// Oldest first.
    pub in_flight: Vec<InFlight>,
    next_id: u64,
}

impl Requests {
    /// Records a new request and returns its id.
    pub fn start(
        &mut self,
        purpose: Purpose,
        operation: Operation,
        description: String,
    ) -> RequestId {
        self.next_id += 1;
        let id = RequestId(self.next_id);
        self.in_flight.push(InFlight {
            id,
            purpose,
            operation,
            description,
            retry_at: None,
            detached: false,
        });
        id
    }

    /// The request `id`, while it is in flight.
    pub fn get(&self, id: RequestId) -> Option<&InFlight> {
        self.in_flight.iter().find(|r| r.id == id)
    }

    /// Stops the screen from waiting for request `id`, which stays in flight so its reply is
    /// still reported.
    pub fn detach(&mut self, id: RequestId) {
        if let Some(request) = self.in_flight.iter_mut().find(|r| r.id == id) {
            request.detached = true;
        }
    }

    /// True while a reply that will change the screen is awaited.
    pub fn hold_the_screen(&self) -> bool {
        self.in_flight.iter().any(InFlight::holds_the_screen)
    }

    /// Forgets a request (answered, superseded or abandoned) and returns what it was for.
    pub fn finish(&mut self, id: RequestId) -> Option<InFlight> {
        let index = self.in_flight.iter().position(|r| r.id == id)?;
        Some(self.in_flight.remove(index))
    }

    /// The lookup in flight, if any (there is at most one: a new one supersedes it).
    pub fn lookup(&self) -> Option<&InFlight> {
        self.in_flight
            .iter()
            .find(|r| matches!(r.purpose, Purpose::Lookup(_)))
    }

    /// Notes the 429 wait of a request.
    pub fn rate_limited(&mut self, id: RequestId, retry_at: DateTime<Utc>) {
        if let Some(request) = self.in_flight.iter_mut().find(|r| r.id == id) {
            request.retry_at = Some(retry_at);
        }
    }

    /// True while anything is in flight (the spinner ticks only then).
    pub fn is_busy(&self) -> bool {
        !self.in_flight.is_empty()
    }

    /// The request the status bar talks about: the most recent one.
    pub fn latest(&self) -> Option<&InFlight> {
        self.in_flight.last()
    }
}

/// A failure in plain words, for the status bar. `looked_up` names what a lookup was for, so a 404
/// reads "no contact with email john@example.com". The status bar draws it safe.
pub fn describe_error(error: &ApiError, looked_up: Option<&Identifier>) -> String {
    match (error.kind(), looked_up) {
        (ErrorKind::NotFound, Some(who)) => {
            format!("no contact with {} {}", who.field(), who.value())
        }
        (ErrorKind::NotFound, None) => "the contact was not found (deleted?)".to_string(),
        (ErrorKind::Unauthorized, _) => {
            "the API token was rejected — check GENIUS_TOKEN".to_string()
        }
        (ErrorKind::Forbidden, _) => {
            "your plan has no API access (Starter, Pro or Business needed)".to_string()
        }
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_plain_words() {
        let not_found = ApiError::Api {
            status: 404,
            code: None,
            message: "Contact not found".into(),
        };
        let who = Identifier::Email("ana@example.com".into());
        assert_eq!(
            describe_error(&not_found, Some(&who)),
            "no contact with email ana@example.com"
        );
        let server = ApiError::Api {
            status: 500,
            code: None,
            message: "boom\x1b[2J".into(),
        };
        assert_eq!(
            describe_error(&server, None),
            "the server failed (500): boom\u{241b}[2J"
        );
    }
}
