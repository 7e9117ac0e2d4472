//! The worklist in the app: the list being worked, the contacts fetched for its leads, and moving
//! between leads — the list screen, opening a lead (asking which when its identifier matches
//! several contacts, once), `]` and `[` from a contact, and marking a lead done, which opens the
//! next one or, after the last, the summary. Leads are fetched as they come into view and the
//! next one ahead of time, a few at a time so the account's rate limit is not spent on prefetching
//! (a small queue). Every change to the list's progress is returned as a command for the effects
//! runner to append to the list's journal; nothing here writes.

use crate::api::{ApiError, ApiRequest, Contact, ContactSummary, Identifier, Lookup};
use crate::tui::app::requests::{Purpose, describe_error};
pub use crate::tui::app::worklist_session::{LeadContacts, PREFETCH_IN_FLIGHT, WorklistSession};
use crate::tui::app::{App, Command, Notice, Screen};
use crate::tui::model::RequestId;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::reader::ReaderOverlay;
use crate::tui::screens::results::ResultsScreen;
use crate::tui::screens::worklist::{WorklistOutcome, WorklistScreen};
use crate::worklist::{LeadTarget, ProgressEvent, Worklist, WorklistError, WorklistSummary};

impl App {
    /// Starts working `list` (its progress resumed): the list screen over the start screen, and
    /// the first lead not done opened — or, when every lead is handled, the summary.
    pub fn start_worklist(&mut self, list: Worklist) -> Vec<Command> {
        while self.screens.len() > 1 {
            self.screens.pop();
        }
        let resume = list.resume_position();
        let session = WorklistSession::new(list);
        let screen = WorklistScreen::new(
            session.list.name().to_string(),
            session.rows(),
            resume.unwrap_or(0),
        );
        self.screens.push(Screen::Worklist(Box::new(screen)));
        self.worklist = Some(session);
        match resume {
            Some(index) => self.open_lead(index),
            None => {
                self.show_worklist_summary();
                self.fetch_leads_in_view()
            }
        }
    }

    /// The outcome of the list screen.
    pub(crate) fn on_worklist_outcome(&mut self, outcome: WorklistOutcome) -> Vec<Command> {
        match outcome {
            WorklistOutcome::None => self.fetch_leads_in_view(),
            WorklistOutcome::Open(index) => self.open_lead(index),
            WorklistOutcome::Leave => self.pop_screen(),
        }
    }

    /// Records a change of the list's progress and asks for it to be kept.
    fn record(
        &mut self,
        change: impl FnOnce(&mut Worklist) -> Result<ProgressEvent, WorklistError>,
    ) -> Vec<Command> {
        let Some(session) = self.worklist.as_mut() else {
            return Vec::new();
        };
        match change(&mut session.list) {
            Ok(event) => vec![Command::RecordWorklistProgress(event)],
            Err(error) => {
                tracing::debug!(%error, "a worklist change was refused");
                Vec::new()
            }
        }
    }

    /// Shows the lead at `index`: its contact, a choice among its matches, or why it cannot be
    /// shown. Fetches it first when it is not here yet.
    pub(crate) fn open_lead(&mut self, index: usize) -> Vec<Command> {
        let now = self.clock.now;
        // A lead whose fetch was awaited was recorded as opened when it was asked for.
        let awaited = self
            .worklist
            .as_ref()
            .is_some_and(|session| session.opening == Some(index));
        let mut commands = if awaited {
            Vec::new()
        } else {
            self.record(|list| list.open(index, now))
        };
        let Some(session) = self.worklist.as_mut() else {
            return commands;
        };
        session.opening = None;
        if let Some(LeadTarget::NotRecognised(reason)) =
            session.list.lead(index).map(|lead| lead.target.clone())
        {
            let title = session.list.title();
            self.pass_over_lead(index);
            self.notice = Some(Notice::Error(format!("{title}: {reason}")));
            return commands;
        }
        match session.fetched.get(&index).cloned() {
            None => {
                // A prefetch of this lead would answer in the background: ask again, waited for.
                if let Some(id) = session.fetching.remove(&index)
                    && self.requests.finish(id).is_some()
                {
                    commands.push(Command::Cancel { id });
                }
                if let Some(session) = self.worklist.as_mut() {
                    session.opening = Some(index);
                }
                commands.extend(self.fetch_lead(index, true));
            }
            Some(LeadContacts::NotFound) => {
                let title = session.list.title();
                let what = session
                    .list
                    .lead(index)
                    .map(|lead| lead.raw.clone())
                    .unwrap_or_default();
                self.pass_over_lead(index);
                self.notice = Some(Notice::Error(format!("{title}: no contact with {what}")));
            }
            Some(LeadContacts::Several(contacts)) => match session.contact_of(index).cloned() {
                Some(contact) => commands.extend(self.show_lead_contact(contact)),
                None => {
                    session.choosing = Some(index);
                    let identifier = match session.list.lead(index).map(|l| &l.target) {
                        Some(LeadTarget::Contact(identifier)) => identifier.clone(),
                        _ => Identifier::Uid(String::new()),
                    };
                    let title = session.list.title();
                    self.back_to_worklist(index);
                    self.screens.push(Screen::Results(ResultsScreen::new(
                        identifier,
                        contacts.iter().map(ContactSummary::from).collect(),
                    )));
                    self.notice = Some(Notice::Info(format!(
                        "{title} matches several contacts: choose one (asked once)"
                    )));
                }
            },
            Some(LeadContacts::One(contact)) => commands.extend(self.show_lead_contact(*contact)),
        }
        commands.extend(self.prefetch_next());
        commands
    }

    /// A lead with no contact to show: from a lead's contact the contact stays (`]` goes on past
    /// it); elsewhere the list shows it selected.
    fn pass_over_lead(&mut self, index: usize) {
        let on_lead = matches!(self.top(), Screen::Contact(contact) if contact.lead.is_some());
        if on_lead {
            self.refresh_worklist_rows();
        } else {
            self.back_to_worklist(index);
        }
    }

    /// Pops back to the list screen, the lead `index` selected.
    fn back_to_worklist(&mut self, index: usize) {
        while self.screens.len() > 1 && !matches!(self.top(), Screen::Worklist(_)) {
            self.screens.pop();
        }
        self.refresh_worklist_rows();
        if let Some(Screen::Worklist(screen)) = self.screens.last_mut() {
            screen.select_lead(index);
        }
    }

    /// Shows the lead's contact in place of the lead shown before (the list stays under it).
    fn show_lead_contact(&mut self, contact: Contact) -> Vec<Command> {
        let Some(session) = self.worklist.as_ref() else {
            return Vec::new();
        };
        let title = session.lead_title();
        let position = session.list.position();
        self.back_to_worklist(position);
        let mut commands = self.open_contact(contact);
        if let Some(Screen::Contact(screen)) = self.screens.last_mut() {
            screen.lead = Some(title);
        }
        self.notice = None;
        commands.extend(self.fetch_leads_in_view());
        commands
    }

    /// `]` or `[` on a contact: the next or previous lead.
    pub(crate) fn step_lead(&mut self, forward: bool) -> Vec<Command> {
        let Some(session) = self.worklist.as_ref() else {
            self.notice = Some(Notice::Error(
                "no worklist is open (genius work FILE, or :work FILE)".to_string(),
            ));
            return Vec::new();
        };
        let target = if forward {
            session.list.next()
        } else {
            session.list.previous()
        };
        match target {
            Some(index) => self.open_lead(index),
            None => {
                self.notice = Some(Notice::Info(
                    if forward {
                        "this is the last lead"
                    } else {
                        "this is the first lead"
                    }
                    .to_string(),
                ));
                Vec::new()
            }
        }
    }

    /// The lead on screen was worked: mark it done, then open the next one still to do, or show
    /// the summary after the last.
    pub(crate) fn finish_lead(&mut self, uid: &str) -> Vec<Command> {
        let Some(session) = self.worklist.as_ref() else {
            return Vec::new();
        };
        let position = session.list.position();
        if session.contact_of(position).map(|c| c.uid.as_str()) != Some(uid) {
            return Vec::new();
        }
        let now = self.clock.now;
        let mut commands = self.record(|list| list.mark_done(position, now));
        let Some(session) = self.worklist.as_ref() else {
            return commands;
        };
        match session.list.next_pending() {
            Some(next) => commands.extend(self.open_lead(next)),
            None => {
                self.back_to_worklist(position);
                self.show_worklist_summary();
            }
        }
        commands
    }

    /// The summary of the list, over the list screen.
    pub(crate) fn show_worklist_summary(&mut self) {
        let Some(session) = self.worklist.as_ref() else {
            return;
        };
        let summary = WorklistSummary::of(&session.list);
        let title = format!("Worklist done — {}", session.list.name());
        self.overlay = Some(Overlay::Reader(ReaderOverlay::new(
            title,
            &summary.render_plain(),
        )));
    }

    /// Records what happened on the lead the results table asked about: the contact chosen.
    pub(crate) fn choose_lead_contact(&mut self, contact: &ContactSummary) -> Vec<Command> {
        let Some(index) = self.worklist.as_mut().and_then(|s| s.choosing.take()) else {
            return Vec::new();
        };
        let now = self.clock.now;
        let uid = contact.uid.clone();
        let mut commands = self.record(|list| list.choose(index, &uid, now));
        commands.extend(self.open_lead(index));
        commands
    }

    /// True when the results table on top asks which contact a lead is.
    pub(crate) fn is_choosing_lead(&self) -> bool {
        matches!(self.top(), Screen::Results(_))
            && self.worklist.as_ref().is_some_and(|s| s.choosing.is_some())
    }

    /// Sends the lookup of lead `index`; `open` when the user waits for it.
    fn fetch_lead(&mut self, index: usize, open: bool) -> Vec<Command> {
        let Some(session) = self.worklist.as_ref() else {
            return Vec::new();
        };
        let Some(LeadTarget::Contact(identifier)) =
            session.list.lead(index).map(|lead| lead.target.clone())
        else {
            return Vec::new();
        };
        let description = format!("fetching lead {} ({identifier})", index + 1);
        let command = self.send(
            Purpose::Lead { index, open },
            description,
            ApiRequest::get(&identifier),
        );
        if let (Some(session), Command::Send { id, .. }) = (self.worklist.as_mut(), &command) {
            session.fetching.insert(index, *id);
        }
        self.refresh_worklist_rows();
        vec![command]
    }

    /// Queues the lead after the one shown.
    fn prefetch_next(&mut self) -> Vec<Command> {
        if let Some(session) = self.worklist.as_mut()
            && let Some(next) = session.list.next_pending().or(session.list.next())
            && session.wants_fetch(next)
            && !session.queue.contains(&next)
        {
            session.queue.push_front(next);
        }
        self.pump_prefetch()
    }

    /// Queues the leads the list screen shows.
    pub(crate) fn fetch_leads_in_view(&mut self) -> Vec<Command> {
        let height = self.body_area().height;
        let in_view = match self.screens.iter().rev().find_map(|s| match s {
            Screen::Worklist(screen) => Some(screen.leads_in_view(height)),
            _ => None,
        }) {
            Some(leads) => leads,
            None => return Vec::new(),
        };
        if let Some(session) = self.worklist.as_mut() {
            for index in in_view {
                if session.wants_fetch(index) && !session.queue.contains(&index) {
                    session.queue.push_back(index);
                }
            }
        }
        self.pump_prefetch()
    }

    /// Sends queued fetches while fewer than [`PREFETCH_IN_FLIGHT`] are on their way and the
    /// account is not making us wait (a 429 pauses prefetching until its wait is over).
    fn pump_prefetch(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.requests.in_flight.iter().any(|r| r.retry_at.is_some()) {
            return commands;
        }
        loop {
            let Some(session) = self.worklist.as_mut() else {
                return commands;
            };
            if session.fetching.len() >= PREFETCH_IN_FLIGHT {
                return commands;
            }
            let Some(index) = session.queue.pop_front() else {
                return commands;
            };
            if session.wants_fetch(index) {
                commands.extend(self.fetch_lead(index, false));
            }
        }
    }

    /// The list screen shows the worklist as it is now.
    pub(crate) fn refresh_worklist_rows(&mut self) {
        let Some(session) = self.worklist.as_ref() else {
            return;
        };
        let rows = session.rows();
        for screen in &mut self.screens {
            if let Screen::Worklist(list) = screen {
                list.set_rows(rows.clone());
            }
        }
    }

    /// The answer to the lookup of lead `index`.
    pub(crate) fn on_lead_reply(
        &mut self,
        id: RequestId,
        index: usize,
        result: Result<Lookup, ApiError>,
    ) -> Vec<Command> {
        // Several matches are summaries: each kept as a partial contact until one is chosen and
        // fetched whole; only a whole contact is remembered.
        let result = result.map(|lookup| match lookup {
            Lookup::One(contact) => vec![*contact],
            Lookup::Several(summaries) => summaries
                .into_iter()
                .map(ContactSummary::into_partial_contact)
                .collect(),
        });
        let Some(session) = self.worklist.as_mut() else {
            return Vec::new();
        };
        if session.fetching.get(&index) == Some(&id) {
            session.fetching.remove(&index);
        }
        let opening = session.opening == Some(index);
        let now = self.clock.now;
        let mut commands = Vec::new();
        match result {
            Ok(contacts) => {
                if contacts.len() == 1 {
                    commands.extend(self.remember(&contacts));
                }
                let (fetched, change): (LeadContacts, Vec<Command>) = match contacts.len() {
                    0 => (
                        LeadContacts::NotFound,
                        self.record(|list| list.not_found(index, now)),
                    ),
                    1 => {
                        let contact = contacts.into_iter().next();
                        let uid = contact.as_ref().map(|c| c.uid.clone()).unwrap_or_default();
                        let recorded = self.record(|list| list.found(index, &uid, now));
                        match contact {
                            Some(contact) => (LeadContacts::One(Box::new(contact)), recorded),
                            None => (LeadContacts::NotFound, recorded),
                        }
                    }
                    _ => {
                        let uids = contacts.iter().map(|c| c.uid.clone()).collect();
                        let recorded = self.record(|list| list.several(index, uids, now));
                        (LeadContacts::Several(contacts), recorded)
                    }
                };
                commands.extend(change);
                if let Some(session) = self.worklist.as_mut() {
                    session.fetched.insert(index, fetched);
                }
                if opening {
                    commands.extend(self.open_lead(index));
                }
            }
            Err(error) => {
                if let Some(session) = self.worklist.as_mut() {
                    session.opening = session.opening.filter(|o| *o != index);
                }
                if opening {
                    self.notice = Some(Notice::Error(format!(
                        "lead {}: {}",
                        index + 1,
                        describe_error(&error, None)
                    )));
                }
            }
        }
        self.refresh_worklist_rows();
        commands.extend(self.pump_prefetch());
        commands
    }

    /// The lead `uid` is, when it is the lead at the position (its contact was confirmed).
    pub(crate) fn lead_at_position(&self, uid: &str) -> Option<usize> {
        let session = self.worklist.as_ref()?;
        let position = session.list.position();
        (session.contact_of(position).map(|c| c.uid.as_str()) == Some(uid)).then_some(position)
    }

    /// Keeps the worklist's copy of a lead's contact in step with what the server confirmed.
    pub(crate) fn update_lead_contact(&mut self, updated: &Contact) {
        let Some(session) = self.worklist.as_mut() else {
            return;
        };
        for fetched in session.fetched.values_mut() {
            match fetched {
                LeadContacts::One(contact) if contact.uid == updated.uid => {
                    **contact = updated.clone();
                }
                LeadContacts::Several(contacts) => {
                    for contact in contacts.iter_mut().filter(|c| c.uid == updated.uid) {
                        *contact = updated.clone();
                    }
                }
                _ => {}
            }
        }
        self.refresh_worklist_rows();
    }
}
