//! Replies to writes nobody waits for on screen any more: the person pressed Esc while a save, a
//! note or a new contact was on its way (`app::waiting`). The screen has moved on, so the answer
//! is reported on the status line, and what was typed stays kept as a draft until the server has
//! confirmed it — "note added to Camila", or "the note sent earlier failed: … it is kept as a
//! draft".

use crate::api::client::decode_data;
use crate::api::{ApiError, ApiSuccess, Contact};
use crate::tui::app::command::Command;
use crate::tui::app::requests::describe_error;
use crate::tui::app::work::WorkPurpose;
use crate::tui::app::{App, Notice, Screen};
use crate::tui::model::drafts::DraftKey;

impl App {
    /// True for the writes whose answer may come after the screen stopped waiting.
    pub(crate) fn answers_in_background(purpose: &WorkPurpose) -> bool {
        matches!(
            purpose,
            WorkPurpose::Save { .. } | WorkPurpose::Note { .. } | WorkPurpose::Create
        )
    }

    /// The answer to a save, note or create the screen no longer waits for.
    pub(crate) fn on_background_reply(
        &mut self,
        purpose: WorkPurpose,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        match purpose {
            WorkPurpose::Save { uid } => self.on_background_save(&uid, result),
            WorkPurpose::Note { uid, .. } => self.on_background_note(&uid, result),
            WorkPurpose::Create => self.on_background_create(result),
            _ => Vec::new(),
        }
    }

    /// The contact's name as the screens or its drafts know it, else its uid.
    pub(crate) fn name_of(&self, uid: &str) -> String {
        let on_screen = self.screens.iter().find_map(|screen| match screen {
            Screen::Contact(contact) if contact.contact.uid == uid => {
                Some(contact.contact.display_name())
            }
            _ => None,
        });
        let in_drafts = || {
            self.work
                .drafts
                .iter()
                .filter(|draft| draft.key.uid() == Some(uid))
                .find_map(|draft| draft.contact_name.clone())
        };
        on_screen
            .or_else(in_drafts)
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| uid.to_string())
    }

    fn on_background_save(
        &mut self,
        uid: &str,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let name = self.name_of(uid);
        let mut commands = Vec::new();
        match result {
            Ok(success) => {
                match decode_data::<Contact>(success.data) {
                    Ok(updated) if updated.uid == uid => self.show_updated(updated),
                    _ => commands.extend(self.refetch(uid)),
                }
                let key = DraftKey::edit(self.work.profile.as_deref(), uid);
                commands.push(self.work.forget_draft(&key));
                self.notice = Some(Notice::Info(format!("changes to {name} saved")));
            }
            Err(error) => {
                self.notice = Some(Notice::Error(format!(
                    "the changes to {name} sent earlier were not saved: {}; they are kept (e reopens them)",
                    describe_error(&error, None)
                )));
                if error.maybe_applied() {
                    commands.extend(self.refetch(uid));
                }
            }
        }
        commands
    }

    fn on_background_note(
        &mut self,
        uid: &str,
        result: Result<ApiSuccess, ApiError>,
    ) -> Vec<Command> {
        let name = self.name_of(uid);
        let key = DraftKey::note(self.work.profile.as_deref(), uid);
        match result {
            Ok(_) => {
                let mut commands = Vec::new();
                if self.work.draft(&key).is_some() {
                    commands.push(self.work.forget_draft(&key));
                }
                self.notice = Some(Notice::Info(format!("note added to {name}")));
                commands.extend(self.refetch(uid));
                commands
            }
            Err(error) => {
                let mut commands = Vec::new();
                let maybe_applied = error.maybe_applied();
                // Refused for sure: the draft is no longer "may have been saved".
                if !maybe_applied && let Some(mut draft) = self.work.draft(&key).cloned() {
                    draft.may_have_been_saved = false;
                    commands.push(self.work.keep_draft(draft));
                }
                let kept = if maybe_applied {
                    "it may have been saved: check the notes before sending it again (n reopens it)"
                } else {
                    "it is kept as a draft (n reopens it)"
                };
                self.notice = Some(Notice::Error(format!(
                    "the note to {name} sent earlier failed: {}; {kept}",
                    describe_error(&error, None)
                )));
                if maybe_applied {
                    commands.extend(self.refetch(uid));
                }
                commands
            }
        }
    }

    fn on_background_create(&mut self, result: Result<ApiSuccess, ApiError>) -> Vec<Command> {
        match result.and_then(|success| decode_data::<Contact>(success.data)) {
            Ok(created) => {
                let key = DraftKey::create(self.work.profile.as_deref());
                self.notice = Some(Notice::Info(format!(
                    "created {} (uid {})",
                    created.display_name(),
                    created.uid
                )));
                let mut commands = vec![self.work.forget_draft(&key)];
                commands.extend(self.remember(std::slice::from_ref(&created)));
                commands
            }
            Err(error) => {
                let what = if error.maybe_applied() {
                    "may or may not have been created — look its email or phone up before creating it again"
                } else {
                    "was not created; it is kept as a draft (:new reopens it)"
                };
                self.notice = Some(Notice::Error(format!(
                    "the new contact sent earlier {what}: {}",
                    describe_error(&error, None)
                )));
                Vec::new()
            }
        }
    }
}
