//! What the answers to the requests that make or unmake a contact do: a note added (or a `:note`
//! that failed, reopened in the editor so its text is not lost), the duplicate check and the
//! create, a delete (the contact's screens, rows, recents and drafts go), and the contact
//! fetched to resume a draft.

use super::{failure_text, refusal_text};
use crate::api::{ApiError, Contact, ErrorKind};
use crate::tui::app::actions::ContactChange;
use crate::tui::app::requests::describe_error;
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::{DraftKey, DraftKind, DraftSubject};
use crate::tui::model::duplicates::merge_matches;
use crate::tui::screens::create::CreateStep;
use crate::tui::screens::create::duplicates::DuplicateWarning;
use crate::tui::screens::note::{NoteEditor, NoteScreen};

impl App {
    pub(super) fn on_note_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        line: Option<String>,
        result: Result<(), ApiError>,
    ) -> Vec<Command> {
        let position = self
            .screens
            .iter()
            .rposition(|screen| matches!(screen, Screen::Note(note) if note.sending == Some(id)));
        match result {
            Ok(_) => {
                let mut commands = Vec::new();
                if let Some(position) = position {
                    self.screens.remove(position);
                    let key = DraftKey::note(self.drafts.profile.as_deref(), uid);
                    commands.push(self.forget_draft(&key));
                }
                self.notice = Some(Notice::Info(format!("note added to {}", self.name_of(uid))));
                // The timeline shows the entry as the server stamped it.
                commands.extend(self.refetch(uid));
                commands
            }
            Err(error) => {
                let message = failure_text(&error);
                match position.and_then(|p| self.screens.get_mut(p)) {
                    Some(Screen::Note(note)) => {
                        note.sending = None;
                        if error.maybe_applied() {
                            note.editor.set_uncertain(&message);
                        } else {
                            note.editor.set_failed(&message);
                        }
                    }
                    _ if line.is_some() => {
                        // A `:note` that failed: open it in the editor so the text is not lost.
                        let name = self
                            .contact_screen_mut(uid)
                            .map(|s| s.contact.display_name())
                            .unwrap_or_else(|| uid.to_string());
                        let text = line.unwrap_or_default();
                        let mut editor = NoteEditor::with_draft(&name, &text);
                        if error.maybe_applied() {
                            editor.set_uncertain(&message);
                        } else {
                            editor.set_failed(&message);
                        }
                        self.screens.push(Screen::Note(Box::new(NoteScreen {
                            uid: uid.to_string(),
                            editor,
                            sending: None,
                            quick_notes: Vec::new(),
                        })));
                    }
                    _ => {
                        self.notice = Some(Notice::Error(refusal_text(
                            "the note was not saved",
                            &error,
                        )))
                    }
                }
                if error.maybe_applied() {
                    return self.refetch(uid);
                }
                Vec::new()
            }
        }
    }

    pub(super) fn on_duplicate_reply(
        &mut self,
        id: RequestId,
        found: Result<Vec<Contact>, ApiError>,
    ) -> Vec<Command> {
        let Some(create) = self.create_screen_mut() else {
            return Vec::new();
        };
        let CreateStep::Checking {
            contact,
            pending,
            matches,
        } = &mut create.step
        else {
            return Vec::new();
        };
        if !pending.contains(&id) {
            return Vec::new();
        }
        pending.retain(|p| *p != id);
        match found {
            Ok(contacts) => merge_matches(matches, contacts),
            Err(error) if error.kind() == ErrorKind::NotFound => {}
            Err(error) => {
                let others: Vec<Command> =
                    pending.drain(..).map(|id| Command::Cancel { id }).collect();
                create.step = CreateStep::Filling;
                create.form.set_failed(&format!(
                    "could not check whether it already exists: {}",
                    describe_error(&error, None)
                ));
                return others;
            }
        }
        if !pending.is_empty() {
            return Vec::new();
        }
        let contact = contact.clone();
        let matches = std::mem::take(matches);
        if matches.is_empty() {
            return self.send_create(&contact);
        }
        create.step = CreateStep::Warning(Box::new(DuplicateWarning::new(*contact, matches)));
        // Nothing is being sent while the person decides: the form behind must not spin.
        create.form.set_editing();
        Vec::new()
    }

    pub(super) fn on_create_reply(
        &mut self,
        id: RequestId,
        result: Result<Contact, ApiError>,
    ) -> Vec<Command> {
        let is_ours = |screen: &Screen| {
            matches!(screen, Screen::Create(c)
                if matches!(c.step, CreateStep::Creating(sent) if sent == id))
        };
        let Some(position) = self.screens.iter().rposition(is_ours) else {
            return Vec::new();
        };
        match result {
            Ok(created) => {
                self.screens.remove(position);
                let uid = created.uid.clone();
                let name = created.display_name();
                let key = DraftKey::create(self.drafts.profile.as_deref());
                let mut commands = vec![self.forget_draft(&key)];
                commands.extend(self.open_contact(created));
                commands.extend(self.refetch(&uid));
                self.notice = Some(Notice::Info(format!("created {name}")));
                commands
            }
            Err(error) => {
                if let Some(Screen::Create(create)) = self.screens.get_mut(position) {
                    create.step = CreateStep::Filling;
                    match (error.kind(), error.server_message()) {
                        (ErrorKind::BadRequest, Some(message)) => {
                            create.form.apply_server_error(message);
                        }
                        _ if error.maybe_applied() => create.form.set_uncertain(&format!(
                            "{} — look the email or phone up before creating it again",
                            describe_error(&error, None)
                        )),
                        _ => create.form.set_failed(&describe_error(&error, None)),
                    }
                }
                Vec::new()
            }
        }
    }

    pub(super) fn on_delete_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        name: &str,
        result: Result<(), ApiError>,
    ) -> Vec<Command> {
        let gone = match &result {
            Ok(_) => true,
            Err(error) => error.kind() == ErrorKind::NotFound,
        };
        if !gone {
            let Err(error) = result else {
                return Vec::new();
            };
            if let Some(Overlay::ConfirmDelete(confirm)) = &mut self.overlay
                && confirm.deleting == Some(id)
            {
                confirm.set_failed(&failure_text(&error));
            } else {
                // The confirmation was left while the delete was on its way.
                self.notice = Some(Notice::Error(refusal_text(
                    &format!("{name} was not deleted"),
                    &error,
                )));
            }
            if error.maybe_applied() {
                return self.refetch(uid);
            }
            return Vec::new();
        }
        if matches!(&self.overlay, Some(Overlay::ConfirmDelete(_))) {
            self.overlay = None;
        }
        // Back to where the person came from: the screens of this contact go, and so does its row
        // in a results table and in the recents.
        let mut commands = Vec::new();
        if let Some(position) = self.screens.iter().position(
            |screen| matches!(screen, Screen::Contact(contact) if contact.contact.uid == uid),
        ) {
            while self.screens.len() > position {
                commands.extend(self.pop_screen());
            }
        }
        for screen in &mut self.screens {
            if let Screen::Results(results) = screen {
                results.remove(uid);
            }
        }
        while matches!(self.screens.last(), Some(Screen::Results(r)) if r.matches.is_empty()) {
            self.screens.pop();
        }
        commands.extend(self.forget_contact(uid));
        for kind in [DraftKind::Note, DraftKind::Edit] {
            let key = DraftKey {
                profile: self.drafts.profile.clone(),
                subject: DraftSubject::Contact(uid.to_string()),
                kind,
            };
            if self.drafts.get(&key).is_some() {
                commands.push(self.forget_draft(&key));
            }
        }
        self.notice = Some(Notice::Info(match result {
            Ok(()) => format!("deleted {name}"),
            Err(_) => format!("{name} was already deleted"),
        }));
        commands
    }

    pub(super) fn on_resume_reply(
        &mut self,
        key: &DraftKey,
        result: Result<Option<Contact>, ApiError>,
    ) -> Vec<Command> {
        let uid = key.uid().unwrap_or_default().to_string();
        // Several matches are summaries, never the whole contact to show.
        let contact = result.map(|contact| contact.filter(|c| c.uid == uid));
        match contact {
            Ok(Some(contact)) => {
                // The contact may already be open under the drafts list: go back to that
                // screen rather than stack a second one (the breadcrumb names each screen once).
                let open_at = self.screens.iter().rposition(
                    |screen| matches!(screen, Screen::Contact(open) if open.contact.uid == uid),
                );
                let mut commands = match open_at {
                    Some(position) => {
                        self.screens.truncate(position + 1);
                        if let Some(Screen::Contact(open)) = self.screens.last_mut() {
                            open.replace_contact(contact);
                        }
                        Vec::new()
                    }
                    None => self.open_contact(contact),
                };
                let change = match key.kind {
                    DraftKind::Edit => ContactChange::Edit,
                    _ => ContactChange::AddNote,
                };
                commands.extend(self.change_contact(change));
                commands
            }
            Ok(None) => {
                self.notice = Some(Notice::Error(format!(
                    "{uid} was not found; its draft is kept"
                )));
                Vec::new()
            }
            Err(error) => {
                self.notice = Some(Notice::Error(format!(
                    "could not open {uid}: {}; its draft is kept",
                    describe_error(&error, None)
                )));
                Vec::new()
            }
        }
    }
}
