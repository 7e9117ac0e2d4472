//! What the answers to lead-working requests do. Success shows the server's answer (the contact it
//! returned, the stage it applied, the owner's name it gave). Failure keeps whatever was typed
//! open and says why where it belongs; a 400 naming a field lands at that field. A write that
//! timed out may or may not have been applied: that is said plainly, the contact is fetched again
//! to show the truth, and nothing is ever re-sent on its own.

use crate::api::client::decode_data;
use crate::api::{ApiError, ApiSuccess, Contact, ContactChange, ErrorKind, Lookup};
use crate::text::safe_line;
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::command::{Command, RequestId};
use crate::tui::requests::describe_error;
use crate::tui::work::duplicates::merge_matches;
use crate::tui::work::flow::{
    CreateStep, NoteScreen, PickTarget, WorkOverlay, WorkPurpose, WorkScreen,
};
use crate::tui::work::{DraftKey, DraftKind, DuplicateWarning, NoteEditor};

/// The words for a write that did not go through, `refused` saying what did not happen ("the stage
/// was not changed"). A write that may have landed is not called refused: it says so, and what the
/// app did about it.
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

impl App {
    /// Handles the reply to a lead-working request.
    pub(crate) fn on_work_reply(
        &mut self,
        id: RequestId,
        purpose: WorkPurpose,
        detached: bool,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        if detached && Self::answers_in_background(&purpose) {
            return self.on_background_reply(purpose, result);
        }
        match purpose {
            WorkPurpose::Save { uid } => self.on_save_reply(id, &uid, result),
            WorkPurpose::AddTags { uid, tags } => self.on_tags_reply(&uid, &tags, result),
            WorkPurpose::Change { uid, target, value } => {
                self.on_change_reply(&uid, target, &value, result)
            }
            WorkPurpose::Note { uid, line } => self.on_note_reply(id, &uid, line, result),
            WorkPurpose::DuplicateCheck(_) => self.on_duplicate_reply(id, result),
            WorkPurpose::Create => self.on_create_reply(id, result),
            WorkPurpose::Delete { uid, name } => self.on_delete_reply(id, &uid, &name, result),
            WorkPurpose::ResumeDraft(key) => self.on_resume_reply(key, result),
        }
    }

    /// Shows `updated` (as the server sent it) on the contact's screen, over what it showed.
    pub(super) fn show_updated(&mut self, updated: Contact) {
        self.work.vocabulary.learn_contact(&updated);
        if let Some(screen) = self.contact_screen_mut(&updated.uid) {
            let mut merged = screen.contact.clone();
            merged.merge_from(&updated);
            screen.replace_contact(merged);
        }
    }

    fn on_save_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let position = self.screens.iter().rposition(|screen| match screen {
            Screen::Work(work) => {
                matches!(work.as_ref(), WorkScreen::Edit(edit) if edit.saving == Some(id))
            }
            _ => false,
        });
        let mut commands = Vec::new();
        match result {
            Ok(success) => {
                match decode_data::<Contact>(success.data) {
                    Ok(updated) if updated.uid == uid => self.show_updated(updated),
                    // An answer without the contact: fetch it to show what was saved.
                    _ => commands.extend(self.refetch(uid)),
                }
                if let Some(position) = position {
                    self.screens.remove(position);
                }
                let key = DraftKey::edit(self.work.profile.as_deref(), uid);
                commands.push(self.work.forget_draft(&key));
                self.notice = Some(Notice::Info("changes saved".to_string()));
            }
            Err(error) => {
                let maybe_applied = error.maybe_applied();
                if let Some(Screen::Work(work)) = position.and_then(|p| self.screens.get_mut(p))
                    && let WorkScreen::Edit(edit) = work.as_mut()
                {
                    edit.saving = None;
                    match (error.kind(), error.server_message()) {
                        (ErrorKind::BadRequest, Some(message)) => {
                            edit.form.apply_server_error(message);
                        }
                        _ if maybe_applied => edit.form.set_uncertain(&failure_text(&error)),
                        _ => edit.form.set_failed(&failure_text(&error)),
                    }
                }
                if maybe_applied {
                    commands.extend(self.refetch(uid));
                }
            }
        }
        commands
    }

    fn on_tags_reply(
        &mut self,
        uid: &str,
        tags: &[String],
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let what = match tags {
            [one] => format!("the tag {}", safe_line(one)),
            many => format!("{} tags", many.len()),
        };
        match result {
            Ok(success) => {
                let mut commands = Vec::new();
                match decode_data::<Contact>(success.data) {
                    Ok(updated) if updated.uid == uid => self.show_updated(updated),
                    _ => commands.extend(self.refetch(uid)),
                }
                self.notice = Some(Notice::Info(format!("added {what}")));
                commands
            }
            Err(error) => {
                self.notice = Some(Notice::Error(refusal_text(
                    &format!("{what} not added"),
                    &error,
                )));
                if error.maybe_applied() {
                    return self.refetch(uid);
                }
                Vec::new()
            }
        }
    }

    fn on_change_reply(
        &mut self,
        uid: &str,
        target: PickTarget,
        value: &str,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let what = match target {
            PickTarget::Stage => "stage",
            PickTarget::Quality => "quality",
            PickTarget::Owner => "owner",
            PickTarget::Tags => "tags",
        };
        let change = match result {
            Ok(success) => decode_data::<ContactChange>(success.data).unwrap_or_default(),
            Err(error) => {
                self.notice = Some(Notice::Error(refusal_text(
                    &format!("the {what} was not changed"),
                    &error,
                )));
                if error.maybe_applied() {
                    return self.refetch(uid);
                }
                return Vec::new();
            }
        };
        self.work.vocabulary.learn_change(&change);
        // The model keeps the server's words; the status line makes them safe when drawn.
        let applied = |answer: &Option<String>| answer.as_deref().unwrap_or(value).to_string();
        let notice = match target {
            PickTarget::Stage => {
                let stage = applied(&change.stage_name);
                if let Some(screen) = self.contact_screen_mut(uid) {
                    screen.contact.stage_name = Some(stage.clone());
                }
                format!("stage: {stage}")
            }
            PickTarget::Quality => {
                let quality = applied(&change.quality_name);
                if let Some(screen) = self.contact_screen_mut(uid) {
                    screen.contact.quality_name = Some(quality.clone());
                }
                format!("quality: {quality}")
            }
            PickTarget::Owner | PickTarget::Tags => {
                let email = applied(&change.owner_email);
                let name = change.owner_name.clone();
                if let Some(screen) = self.contact_screen_mut(uid) {
                    screen.contact.owner_email = Some(email.clone());
                    screen.contact.owner_name = name.clone();
                }
                match name {
                    Some(name) => format!("owner: {name} ({email})"),
                    None => format!("owner: {email}"),
                }
            }
        };
        self.notice = Some(Notice::Info(notice));
        Vec::new()
    }

    fn on_note_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        line: Option<String>,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let position = self.screens.iter().rposition(|screen| match screen {
            Screen::Work(work) => {
                matches!(work.as_ref(), WorkScreen::Note(note) if note.sending == Some(id))
            }
            _ => false,
        });
        match result {
            Ok(_) => {
                let mut commands = Vec::new();
                if let Some(position) = position {
                    self.screens.remove(position);
                    let key = DraftKey::note(self.work.profile.as_deref(), uid);
                    commands.push(self.work.forget_draft(&key));
                }
                self.notice = Some(Notice::Info(format!("note added to {}", self.name_of(uid))));
                // The timeline shows the entry as the server stamped it.
                commands.extend(self.refetch(uid));
                commands
            }
            Err(error) => {
                let message = failure_text(&error);
                match position.and_then(|p| self.screens.get_mut(p)) {
                    Some(Screen::Work(work)) => {
                        if let WorkScreen::Note(note) = work.as_mut() {
                            note.sending = None;
                            if error.maybe_applied() {
                                note.editor.set_uncertain(&message);
                            } else {
                                note.editor.set_failed(&message);
                            }
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
                        self.screens
                            .push(Screen::Work(Box::new(WorkScreen::Note(NoteScreen {
                                uid: uid.to_string(),
                                editor,
                                sending: None,
                            }))));
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

    fn on_duplicate_reply(
        &mut self,
        id: RequestId,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let found = result.and_then(|success| decode_data::<Lookup>(success.data));
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
            Ok(lookup) => {
                merge_matches(matches, lookup.into_listed_contacts());
            }
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
            return self.send_create(contact);
        }
        create.step = CreateStep::Warning(Box::new(DuplicateWarning::new(*contact, matches)));
        Vec::new()
    }

    fn on_create_reply(
        &mut self,
        id: RequestId,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let is_ours = |screen: &Screen| match screen {
            Screen::Work(work) => {
                matches!(work.as_ref(), WorkScreen::Create(c) if matches!(c.step, CreateStep::Creating(sent) if sent == id))
            }
            _ => false,
        };
        let Some(position) = self.screens.iter().rposition(is_ours) else {
            return Vec::new();
        };
        match result.and_then(|success| decode_data::<Contact>(success.data)) {
            Ok(created) => {
                self.screens.remove(position);
                let uid = created.uid.clone();
                let name = created.display_name();
                let key = DraftKey::create(self.work.profile.as_deref());
                let mut commands = vec![self.work.forget_draft(&key)];
                commands.extend(self.open_contact(created));
                commands.extend(self.refetch(&uid));
                self.notice = Some(Notice::Info(format!("created {name}")));
                commands
            }
            Err(error) => {
                if let Some(Screen::Work(work)) = self.screens.get_mut(position)
                    && let WorkScreen::Create(create) = work.as_mut()
                {
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

    fn on_delete_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        name: &str,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let gone = match &result {
            Ok(_) => true,
            Err(error) => error.kind() == ErrorKind::NotFound,
        };
        if !gone {
            let Err(error) = result else {
                return Vec::new();
            };
            if let Some(Overlay::Work(overlay)) = &mut self.overlay
                && let WorkOverlay::Confirm { confirm, deleting } = overlay.as_mut()
                && *deleting == Some(id)
            {
                *deleting = None;
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
        if matches!(&self.overlay, Some(Overlay::Work(o)) if matches!(o.as_ref(), WorkOverlay::Confirm { .. }))
        {
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
                results.contacts.retain(|c| c.uid != uid);
                results.selected = results
                    .selected
                    .min(results.contacts.len().saturating_sub(1));
            }
        }
        while matches!(self.screens.last(), Some(Screen::Results(r)) if r.contacts.is_empty()) {
            self.screens.pop();
        }
        self.recents.remove(uid);
        for kind in [DraftKind::Note, DraftKind::Edit] {
            let key = DraftKey {
                profile: self.work.profile.clone(),
                subject: crate::tui::work::DraftSubject::Contact(uid.to_string()),
                kind,
            };
            if self.work.draft(&key).is_some() {
                commands.push(self.work.forget_draft(&key));
            }
        }
        commands.push(Command::SaveRecents(self.recents.clone()));
        self.notice = Some(Notice::Info(match result {
            Ok(_) => format!("deleted {}", safe_line(name)),
            Err(_) => format!("{} was already deleted", safe_line(name)),
        }));
        commands
    }

    fn on_resume_reply(
        &mut self,
        key: DraftKey,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let uid = key.uid().unwrap_or_default().to_string();
        let contact = result
            .and_then(|success| decode_data::<Lookup>(success.data))
            .map(|lookup| lookup.into_whole().filter(|c| c.uid == uid));
        match contact {
            Ok(Some(contact)) => {
                let mut commands = self.open_contact(contact);
                let action = match key.kind {
                    DraftKind::Edit => crate::tui::keymap::Action::Edit,
                    _ => crate::tui::keymap::Action::AddNote,
                };
                commands.extend(self.on_work_action(action));
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
