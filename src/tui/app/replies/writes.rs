//! What the answers to writes on a contact's fields do: a save from the edit form, tags added,
//! a stage, quality or owner changed. Success shows the server's answer (the contact it returned,
//! the stage it applied, the owner's name it gave). Failure keeps whatever was typed open and
//! says why where it belongs; a 400 naming a field lands at that field. A write that timed out
//! may or may not have been applied: that is said plainly, the contact is fetched again to show
//! the truth, and nothing is ever re-sent on its own.

use super::{failure_text, refusal_text};
use crate::api::{ApiError, Contact, ContactChange, ErrorKind};
use crate::tui::app::{App, Command, Notice, Screen};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::DraftKey;
use crate::tui::overlays::picker::PickTarget;

impl App {
    pub(super) fn on_save_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        result: Result<Option<Contact>, ApiError>,
    ) -> Vec<Command> {
        let position = self
            .screens
            .iter()
            .rposition(|screen| matches!(screen, Screen::Edit(edit) if edit.saving == Some(id)));
        let mut commands = Vec::new();
        match result {
            Ok(answer) => {
                match answer {
                    Some(updated) if updated.uid == uid => self.show_updated(&updated),
                    // An answer without the contact: fetch it to show what was saved.
                    _ => commands.extend(self.refetch(uid)),
                }
                if let Some(position) = position {
                    self.screens.remove(position);
                }
                let key = DraftKey::edit(self.drafts.profile.as_deref(), uid);
                commands.push(self.forget_draft(&key));
                self.notice = Some(Notice::Info("changes saved".to_string()));
            }
            Err(error) => {
                let maybe_applied = error.maybe_applied();
                if let Some(Screen::Edit(edit)) = position.and_then(|p| self.screens.get_mut(p)) {
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

    pub(super) fn on_tags_reply(
        &mut self,
        uid: &str,
        tags: &[String],
        result: Result<Option<Contact>, ApiError>,
    ) -> Vec<Command> {
        let what = match tags {
            [one] => format!("the tag {one}"),
            many => format!("{} tags", many.len()),
        };
        match result {
            Ok(answer) => {
                let mut commands = Vec::new();
                match answer {
                    Some(updated) if updated.uid == uid => self.show_updated(&updated),
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

    pub(super) fn on_change_reply(
        &mut self,
        uid: &str,
        target: PickTarget,
        value: &str,
        result: Result<ContactChange, ApiError>,
    ) -> Vec<Command> {
        let what = match target {
            PickTarget::Stage => "stage",
            PickTarget::Quality => "quality",
            PickTarget::Owner => "owner",
            PickTarget::Tags => "tags",
        };
        let change = match result {
            Ok(change) => change,
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
        self.vocabulary.learn_change(&change);
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
}
