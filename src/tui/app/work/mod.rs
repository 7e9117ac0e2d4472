//! Working a lead inside the app: the screens (edit form, create form with its duplicate check,
//! note editor) and overlays (pickers, delete confirmation, command line, drafts offer) that the
//! core's `App` stacks, the requests they send, and what the replies do. Everything here is part
//! of the pure `App::update`: keys and replies in, state and [`Command`]s out.
//!
//! Split: `actions.rs` (opening things from the contact screen and the command line), `keys.rs`
//! (component outcomes → commands), `replies.rs` (API answers), `view.rs` (drawing).
//!
//! [`Command`]: crate::tui::app::command::Command

mod actions;
mod background;
mod keys;
mod replies;
pub mod view;

use crate::api::{Contact, Identifier, NewContact};
use crate::tui::app::command::{Command, RequestId};
use crate::tui::app::{App, Notice, Overlay};
use crate::tui::keymap::Context;
use crate::tui::model::drafts::{Draft, DraftKey, DraftStore};
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::overlays::command_line::CommandLine;
use crate::tui::overlays::confirm_delete::DeleteConfirm;
use crate::tui::screens::duplicates::DuplicateWarning;
use crate::tui::screens::note::NoteEditor;
use crate::tui::widgets::form::ContactForm;
use crate::tui::widgets::picker::Picker;

/// What working a lead keeps across screens.
#[derive(Debug, Clone, Default)]
pub struct WorkState {
    /// The account's stages, qualities, owners and tags seen so far (and configured).
    pub vocabulary: Vocabulary,
    /// The `:` line, kept so its history lasts the session.
    pub command_line: CommandLine,
    /// The profile drafts are kept under.
    pub profile: Option<String>,
    /// The profile forbids writes: forms, pickers and write commands are refused with a word.
    pub read_only: bool,
    /// The drafts on disk, mirrored here (newest first) so `update` can offer and restore them
    /// without IO. The effects runner writes every change through.
    pub drafts: Vec<Draft>,
}

impl WorkState {
    /// The kept draft for `key`, if any.
    pub fn draft(&self, key: &DraftKey) -> Option<&Draft> {
        self.drafts.iter().find(|draft| &draft.key == key)
    }

    /// Keeps `draft` in the mirror (replacing the one of its key) and returns the command that
    /// writes it to disk.
    pub fn keep_draft(&mut self, draft: Draft) -> Command {
        self.drafts.retain(|kept| kept.key != draft.key);
        if draft.content.is_empty() {
            return Command::DiscardDraft(draft.key);
        }
        self.drafts.insert(0, draft.clone());
        Command::SaveDraft(draft)
    }

    /// Forgets the draft of `key` and returns the command that removes it from disk.
    pub fn forget_draft(&mut self, key: &DraftKey) -> Command {
        self.drafts.retain(|kept| &kept.key != key);
        Command::DiscardDraft(key.clone())
    }
}

/// A lead-working screen on the app's stack.
#[derive(Debug, Clone)]
pub enum WorkScreen {
    /// The edit form of the contact `uid`.
    Edit(EditScreen),
    /// The create form, then its duplicate check.
    Create(CreateScreen),
    /// A note being written for the contact `uid`.
    Note(NoteScreen),
}

/// The edit form of a contact.
#[derive(Debug, Clone)]
pub struct EditScreen {
    pub uid: String,
    pub contact_name: String,
    pub form: ContactForm,
    /// The PUT in flight.
    pub saving: Option<RequestId>,
}

/// The create form and where its save is.
#[derive(Debug, Clone)]
pub struct CreateScreen {
    pub form: ContactForm,
    pub step: CreateStep,
}

/// Where a create is: filling the form, looking for duplicates, warning, or creating.
#[derive(Debug, Clone)]
pub enum CreateStep {
    /// The form is being filled in (or a save failed).
    Filling,
    /// Looking the email and phone up before creating.
    Checking {
        contact: Box<NewContact>,
        pending: Vec<RequestId>,
        matches: Vec<Contact>,
    },
    /// Contacts already have the email or phone: open one of them or create anyway.
    Warning(Box<DuplicateWarning>),
    /// The POST in flight.
    Creating(RequestId),
}

/// The note editor of a contact.
#[derive(Debug, Clone)]
pub struct NoteScreen {
    pub uid: String,
    pub editor: NoteEditor,
    /// The POST in flight.
    pub sending: Option<RequestId>,
}

impl WorkScreen {
    /// The breadcrumb in the title line.
    pub fn title(&self) -> String {
        match self {
            WorkScreen::Edit(_) => "Edit".to_string(),
            WorkScreen::Create(_) => "New contact".to_string(),
            WorkScreen::Note(_) => "Note".to_string(),
        }
    }

    /// The name in the help title.
    pub fn name(&self) -> &'static str {
        match self {
            WorkScreen::Edit(_) => "Edit",
            WorkScreen::Create(_) => "New contact",
            WorkScreen::Note(_) => "Note",
        }
    }

    /// The keymap context, for help and hints.
    pub fn context(&self) -> Context {
        match self {
            WorkScreen::Edit(_) => Context::Form,
            WorkScreen::Create(CreateScreen {
                step: CreateStep::Warning(_),
                ..
            }) => Context::Duplicates,
            WorkScreen::Create(_) => Context::Form,
            WorkScreen::Note(_) => Context::NoteEditor,
        }
    }
}

/// What a picker changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Stage,
    Quality,
    Owner,
    Tags,
}

/// A lead-working overlay on top of the screen.
#[derive(Debug, Clone)]
pub enum WorkOverlay {
    /// A picker changing `target` of the contact `uid`.
    Picker {
        target: PickTarget,
        uid: String,
        picker: Box<Picker>,
    },
    /// The delete confirmation, and the DELETE in flight once confirmed.
    Confirm {
        confirm: DeleteConfirm,
        deleting: Option<RequestId>,
    },
    /// The `:` command line (its state lives in [`WorkState::command_line`]).
    CommandLine,
    /// The drafts kept from an earlier session, offered back; `discarding` while asking whether
    /// to throw the highlighted one away.
    Drafts { selected: usize, discarding: bool },
}

/// Overlays are equal when they are the same kind of box about the same thing in the same state;
/// the text inputs inside (which have no equality of their own) compare by their text.
impl PartialEq for WorkOverlay {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                WorkOverlay::Picker {
                    target,
                    uid,
                    picker,
                },
                WorkOverlay::Picker {
                    target: other_target,
                    uid: other_uid,
                    picker: other_picker,
                },
            ) => {
                target == other_target
                    && uid == other_uid
                    && picker.query() == other_picker.query()
                    && picker.chosen() == other_picker.chosen()
                    && picker.selected() == other_picker.selected()
            }
            (
                WorkOverlay::Confirm { confirm, deleting },
                WorkOverlay::Confirm {
                    confirm: other_confirm,
                    deleting: other_deleting,
                },
            ) => confirm == other_confirm && deleting == other_deleting,
            (WorkOverlay::CommandLine, WorkOverlay::CommandLine) => true,
            (
                WorkOverlay::Drafts {
                    selected,
                    discarding,
                },
                WorkOverlay::Drafts {
                    selected: other,
                    discarding: other_discarding,
                },
            ) => selected == other && discarding == other_discarding,
            _ => false,
        }
    }
}

impl WorkOverlay {
    /// The keymap context, for help and hints.
    pub fn context(&self) -> Context {
        match self {
            WorkOverlay::Picker { .. } => Context::Picker,
            WorkOverlay::Confirm { .. } => Context::ConfirmDelete,
            WorkOverlay::CommandLine => Context::CommandLine,
            WorkOverlay::Drafts { .. } => Context::Drafts,
        }
    }
}

/// Why a lead-working request was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkPurpose {
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
}

/// Messages for the lead-working screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkMsg {
    /// The external editor closed: the new text of the note for `uid`, or why it failed.
    EditedExternally {
        uid: String,
        result: Result<String, String>,
    },
}

/// At start: the profile drafts are kept under, the drafts left by an earlier session (read from
/// `data_dir/drafts`), and, when there are any, the offer to resume them. Damaged draft files are
/// left on disk and reported on the status line.
pub fn restore_drafts(app: &mut App, profile: Option<String>, data_dir: &std::path::Path) {
    let store = DraftStore::new(data_dir.join("drafts"));
    let (drafts, problems) = store.list(profile.as_deref());
    app.work.profile = profile;
    if let Some(problem) = problems.first() {
        app.notice = Some(Notice::Error(problem.to_string()));
    }
    if !drafts.is_empty() && app.overlay.is_none() {
        app.overlay = Some(Overlay::Work(Box::new(WorkOverlay::Drafts {
            selected: 0,
            discarding: false,
        })));
    }
    app.work.drafts = drafts;
}
