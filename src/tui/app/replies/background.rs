//! Replies to writes nobody waits for on screen any more: the person pressed Esc while a save, a
//! note or a new contact was on its way (`app::waiting`). The screen has moved on, so the answer
//! is reported on the status line, and what was typed stays kept as a draft until the server has
//! confirmed it — "note added to Camila", or "the note sent earlier failed: … it is kept as a
//! draft".

use super::{created, done, saved};
use crate::api::ApiError;
use crate::tui::app::requests::{Purpose, describe_error};
use crate::tui::app::{Answer, App, Command, Notice};
use crate::tui::model::drafts::DraftKey;

impl App {
    /// The answer to a save, note or create the screen no longer waits for.
    pub(super) fn on_background_reply(
        &mut self,
        purpose: Purpose,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        match purpose {
            Purpose::Save { uid } => self.on_background_save(&uid, saved(result)),
            Purpose::Note { uid, .. } => self.on_background_note(&uid, done(result)),
            Purpose::Create => self.on_background_create(created(result)),
            _ => Vec::new(),
        }
    }

    fn on_background_save(
        &mut self,
        uid: &str,
        result: Result<Option<crate::api::Contact>, ApiError>,
    ) -> Vec<Command> {
        let name = self.name_of(uid);
        let mut commands = Vec::new();
        match result {
            Ok(answer) => {
                match answer {
                    Some(updated) if updated.uid == uid => self.show_updated(&updated),
                    _ => commands.extend(self.refetch(uid)),
                }
                let key = DraftKey::edit(self.drafts.profile.as_deref(), uid);
                commands.push(self.forget_draft(&key));
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

    fn on_background_note(&mut self, uid: &str, result: Result<(), ApiError>) -> Vec<Command> {
        let name = self.name_of(uid);
        let key = DraftKey::note(self.drafts.profile.as_deref(), uid);
        match result {
            Ok(_) => {
                let mut commands = Vec::new();
                if self.drafts.get(&key).is_some() {
                    commands.push(self.forget_draft(&key));
                }
                self.notice = Some(Notice::Info(format!("note added to {name}")));
                commands.extend(self.refetch(uid));
                commands
            }
            Err(error) => {
                let mut commands = Vec::new();
                let maybe_applied = error.maybe_applied();
                // Refused for sure: the draft is no longer "may have been saved".
                if !maybe_applied && let Some(mut draft) = self.drafts.get(&key).cloned() {
                    draft.may_have_been_saved = false;
                    commands.push(self.keep_draft(draft));
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

    fn on_background_create(
        &mut self,
        result: Result<crate::api::Contact, ApiError>,
    ) -> Vec<Command> {
        match result {
            Ok(created) => {
                let key = DraftKey::create(self.drafts.profile.as_deref());
                self.notice = Some(Notice::Info(format!(
                    "created {} (uid {})",
                    created.display_name(),
                    created.uid
                )));
                let mut commands = vec![self.forget_draft(&key)];
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
