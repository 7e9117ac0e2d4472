//! What Esc does while the screen waits for a reply, and what quitting does to a note on its way.
//!
//! Esc stops waiting. A read is cancelled (a lookup, a draft being reopened, the duplicate check
//! of a new contact). A write
//! cannot be called back once sent, so it goes on without the screen: the form, editor or
//! confirmation waiting for it closes, what was typed stays kept as a draft, and the reply, when
//! it comes, is reported on the status line ("note added to Camila", "the note sent earlier
//! failed: …"). A note whose answer never came — Esc, or quitting — is kept as a draft marked
//! "may have been saved", so sending it again asks first.

use crate::tui::app::requests::{InFlight, Purpose};
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::{DraftContent, DraftKey};
use crate::tui::screens::create::CreateStep;

impl App {
    /// Esc while the screen waits: see the module docs.
    pub(crate) fn stop_waiting(&mut self) -> Vec<Command> {
        let held: Vec<InFlight> = self
            .requests
            .in_flight
            .iter()
            .filter(|request| request.holds_the_screen())
            .cloned()
            .collect();
        let mut commands = Vec::new();
        for request in held {
            // Leaving a screen may already have ended another of them.
            if self.requests.get(request.id).is_none() {
                continue;
            }
            commands.extend(self.stop_waiting_for(request.id, request.purpose));
        }
        commands
    }

    /// Forgets request `id` and stops it.
    fn cancel(&mut self, id: RequestId) -> Vec<Command> {
        match self.requests.finish(id) {
            Some(_) => vec![Command::Cancel { id }],
            None => Vec::new(),
        }
    }

    fn stop_waiting_for(&mut self, id: RequestId, purpose: Purpose) -> Vec<Command> {
        match purpose {
            Purpose::Lookup(_) => {
                self.notice = Some(Notice::Info("lookup cancelled".to_string()));
                self.cancel(id)
            }
            Purpose::Lead { index, .. } => {
                if let Some(session) = self.worklist.as_mut() {
                    session.fetching.remove(&index);
                    session.opening = None;
                }
                self.refresh_worklist_rows();
                self.notice = Some(Notice::Info(format!(
                    "stopped fetching lead {}; Enter on it tries again",
                    index + 1
                )));
                self.cancel(id)
            }
            Purpose::ResumeDraft(_) => {
                self.notice = Some(Notice::Info(
                    "stopped opening the draft; it is kept".to_string(),
                ));
                self.cancel(id)
            }
            Purpose::DuplicateCheck(_) => {
                let mut commands = Vec::new();
                if let Some(create) = self.create_screen_mut()
                    && let CreateStep::Checking { pending, .. } = &mut create.step
                {
                    commands.extend(pending.drain(..).map(|id| Command::Cancel { id }));
                    create.step = CreateStep::Filling;
                    create.form.set_editing();
                }
                for command in &commands {
                    if let Command::Cancel { id } = command {
                        self.requests.finish(*id);
                    }
                }
                commands.extend(self.cancel(id));
                self.notice = Some(Notice::Info(
                    "stopped checking for duplicates: nothing was created".to_string(),
                ));
                commands
            }
            Purpose::Save { .. } => {
                self.requests.detach(id);
                self.close_screen(
                    |screen| matches!(screen, Screen::Edit(edit) if edit.saving == Some(id)),
                );
                self.notice = Some(Notice::Info(
                    "the save is still on its way (your changes are kept)".to_string(),
                ));
                Vec::new()
            }
            Purpose::Create => {
                self.requests.detach(id);
                self.close_screen(|screen| {
                    matches!(screen, Screen::Create(create)
                        if matches!(create.step, CreateStep::Creating(sent) if sent == id))
                });
                self.notice = Some(Notice::Info(
                    "the new contact is still on its way".to_string(),
                ));
                Vec::new()
            }
            Purpose::Note { uid, line } => {
                self.requests.detach(id);
                self.close_screen(
                    |screen| matches!(screen, Screen::Note(note) if note.sending == Some(id)),
                );
                self.notice = Some(Notice::Info("the note is still on its way".to_string()));
                self.flag_note_draft(&uid, line).into_iter().collect()
            }
            Purpose::Delete { .. } => {
                self.requests.detach(id);
                if matches!(&self.overlay, Some(Overlay::ConfirmDelete(confirm))
                    if confirm.deleting == Some(id))
                {
                    self.overlay = None;
                }
                self.notice = Some(Notice::Info("the delete is still on its way".to_string()));
                Vec::new()
            }
            // These never hold the screen (`Purpose::changes_the_screen`).
            Purpose::Refresh { .. }
            | Purpose::Change { .. }
            | Purpose::AddTags { .. }
            | Purpose::Preview { .. } => Vec::new(),
        }
    }

    /// Takes off the stack the screen `is_it` picks (and nothing else).
    fn close_screen(&mut self, is_it: impl Fn(&Screen) -> bool) {
        if let Some(position) = self.screens.iter().rposition(is_it) {
            self.screens.remove(position);
        }
    }

    /// The notes sent and not answered, kept as drafts marked "may have been saved" (on quit).
    pub(crate) fn keep_notes_in_flight(&mut self) -> Vec<Command> {
        let notes: Vec<(String, Option<String>)> = self
            .requests
            .in_flight
            .iter()
            .filter_map(|request| match &request.purpose {
                Purpose::Note { uid, line } => Some((uid.clone(), line.clone())),
                _ => None,
            })
            .collect();
        notes
            .into_iter()
            .filter_map(|(uid, line)| self.flag_note_draft(&uid, line))
            .collect()
    }

    /// Keeps the note of `uid` (the editor's draft, or the text of a `:note`) as a draft marked
    /// "may have been saved"; returns the command that writes it.
    pub(crate) fn flag_note_draft(&mut self, uid: &str, line: Option<String>) -> Option<Command> {
        let key = DraftKey::note(self.drafts.profile.as_deref(), uid);
        let mut draft = match (self.drafts.get(&key).cloned(), line) {
            (_, Some(text)) => {
                let name = self
                    .contact_screen_mut(uid)
                    .map(|screen| screen.contact.display_name())
                    .unwrap_or_default();
                self.draft_now(key, DraftContent::Note { text }, &name)
            }
            (Some(draft), None) => draft,
            (None, None) => return None,
        };
        draft.may_have_been_saved = true;
        draft.saved_at = Some(self.clock.now);
        Some(self.keep_draft(draft))
    }
}
