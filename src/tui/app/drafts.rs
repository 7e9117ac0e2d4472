//! Drafts in the app: stamping what is typed with the clock, keeping and forgetting drafts (the
//! mirror changes here, the disk through `Command::SaveDraft`/`DiscardDraft`), offering the
//! drafts of an earlier session back, and resuming one.

use crate::api::{ApiRequest, Identifier};
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Overlay};
use crate::tui::model::drafts::{Draft, DraftContent, DraftKey, DraftKind};
use crate::tui::overlays::drafts::DraftsOverlay;

impl App {
    /// A draft of `content` stamped with the app's clock.
    pub(crate) fn draft_now(&self, key: DraftKey, content: DraftContent, name: &str) -> Draft {
        Draft {
            key,
            content,
            contact_name: Some(name.to_string()),
            saved_at: Some(self.clock.now),
            may_have_been_saved: false,
        }
    }

    /// Keeps `draft` (replacing the one of its key) and returns the command that writes it, or
    /// that removes it when there is nothing worth keeping.
    pub(crate) fn keep_draft(&mut self, draft: Draft) -> Command {
        let key = draft.key.clone();
        if self.drafts.keep(draft.clone()) {
            Command::SaveDraft(draft)
        } else {
            Command::DiscardDraft(key)
        }
    }

    /// Forgets the draft of `key` and returns the command that removes it from disk.
    pub(crate) fn forget_draft(&mut self, key: &DraftKey) -> Command {
        self.drafts.forget(key);
        Command::DiscardDraft(key.clone())
    }

    /// At start: the profile drafts are kept under, the drafts left by an earlier session, and,
    /// when there are any, the offer to resume them. `problem` says why a draft file could not be
    /// read (it is left on disk).
    pub fn offer_drafts(
        &mut self,
        profile: Option<String>,
        drafts: Vec<Draft>,
        problem: Option<String>,
    ) {
        self.drafts.profile = profile;
        if let Some(problem) = problem {
            self.notice = Some(Notice::Error(problem));
        }
        if !drafts.is_empty() && self.overlay.is_none() {
            self.overlay = Some(Overlay::Drafts(DraftsOverlay::default()));
        }
        self.drafts.list = drafts;
    }

    /// Opens what a kept draft belongs to: the create form, or the contact (fetched) and then its
    /// note editor or edit form with the draft in it.
    pub(crate) fn resume_draft(&mut self, key: DraftKey) -> Vec<Command> {
        match (key.kind, key.uid().map(str::to_string)) {
            (DraftKind::Create, _) | (_, None) => self.open_create(),
            (_, Some(uid)) => {
                let request = ApiRequest::get(&Identifier::Uid(uid.clone()));
                vec![self.send(
                    Purpose::ResumeDraft(key),
                    format!("opening {uid} to resume its draft"),
                    request,
                )]
            }
        }
    }
}
