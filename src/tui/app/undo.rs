//! `u`: undoing the last change made in this session to the contact on screen, by sending the
//! inverse call after saying what it will do. Stage, quality and owner go back to what they were;
//! fields changed by the edit form get their old values back. A note or a tag cannot be removed
//! through the API, so undo says that instead of pretending. Only changes the server confirmed
//! are remembered, and an undo is not itself remembered (`u` twice does not redo).

use crate::api::{ApiRequest, Contact, ContactPatch};
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::overlays::confirm_undo::UndoConfirm;
use crate::tui::overlays::picker::PickTarget;

/// The most changes remembered: a session's worth.
const MAX_STEPS: usize = 100;

/// One change that was made, and what undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// The stage, quality or owner was changed from `back_to`.
    Change {
        uid: String,
        target: PickTarget,
        back_to: String,
    },
    /// Fields were changed by the edit form; `patch` puts their old values back.
    Fields {
        uid: String,
        patch: Box<ContactPatch>,
        fields: Vec<&'static str>,
    },
    /// A note was added (the API cannot remove it).
    Note { uid: String },
    /// Tags were added (the API cannot remove them).
    Tags { uid: String, tags: Vec<String> },
}

impl UndoStep {
    fn uid(&self) -> &str {
        match self {
            UndoStep::Change { uid, .. }
            | UndoStep::Fields { uid, .. }
            | UndoStep::Note { uid }
            | UndoStep::Tags { uid, .. } => uid,
        }
    }
}

/// The changes of this session, oldest first, and the undo being asked about or sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoHistory {
    pub steps: Vec<UndoStep>,
    /// The step the question on screen is about.
    pub asking: Option<UndoStep>,
    /// The contact whose next confirmed change is an undo (not remembered).
    pub undoing: Option<String>,
}

impl UndoHistory {
    /// Remembers a confirmed change, unless it was an undo.
    pub fn push(&mut self, step: UndoStep) {
        if self.undoing.as_deref() == Some(step.uid()) {
            self.undoing = None;
            return;
        }
        self.steps.push(step);
        if self.steps.len() > MAX_STEPS {
            self.steps.remove(0);
        }
    }

    /// Takes the last step made to `uid`.
    fn take_last(&mut self, uid: &str) -> Option<UndoStep> {
        let position = self.steps.iter().rposition(|step| step.uid() == uid)?;
        Some(self.steps.remove(position))
    }
}

/// The fields the edit form changes, their names and accessors.
type FieldAccess = (
    &'static str,
    fn(&Contact) -> &Option<String>,
    fn(&mut ContactPatch) -> &mut Option<String>,
);

const FIELDS: [FieldAccess; 13] = [
    ("first name", |c| &c.first_name, |p| &mut p.first_name),
    ("last name", |c| &c.last_name, |p| &mut p.last_name),
    ("email", |c| &c.email, |p| &mut p.email),
    ("phone", |c| &c.phone, |p| &mut p.phone),
    ("business", |c| &c.business_name, |p| &mut p.business_name),
    ("birthday", |c| &c.birthday, |p| &mut p.birthday),
    ("address", |c| &c.address, |p| &mut p.address),
    ("city", |c| &c.city, |p| &mut p.city),
    ("state", |c| &c.state, |p| &mut p.state),
    ("zip code", |c| &c.zipcode, |p| &mut p.zipcode),
    ("time zone", |c| &c.time_zone, |p| &mut p.time_zone),
    ("value", |c| &c.value, |p| &mut p.value),
    ("snapshot", |c| &c.snapshot, |p| &mut p.snapshot),
];

/// The patch that puts `before`'s values back where `after` differs, and the fields it touches.
/// A field that was empty before cannot be emptied again through the API: it is left out.
pub fn inverse_patch(before: &Contact, after: &Contact) -> (ContactPatch, Vec<&'static str>) {
    let mut patch = ContactPatch::for_uid(before.uid.clone());
    let mut fields = Vec::new();
    for (name, read, write) in FIELDS {
        let (old, new) = (read(before), read(after));
        if old != new && old.as_deref().is_some_and(|v| !v.is_empty()) {
            *write(&mut patch) = old.clone();
            fields.push(name);
        }
    }
    (patch, fields)
}

impl App {
    /// Remembers a confirmed stage, quality or owner change of `uid` from `before`.
    pub(crate) fn remember_change(
        &mut self,
        uid: &str,
        target: PickTarget,
        before: Option<&Contact>,
    ) {
        let back_to = before.and_then(|c| match target {
            PickTarget::Stage => c.stage_name.clone(),
            PickTarget::Quality => c.quality_name.clone(),
            PickTarget::Owner => c.owner_email.clone(),
            PickTarget::Tags => None,
        });
        if let Some(back_to) = back_to.filter(|v| !v.is_empty()) {
            self.undo.push(UndoStep::Change {
                uid: uid.to_string(),
                target,
                back_to,
            });
        }
    }

    /// Remembers a confirmed save of `uid` (the contact before it as `before`).
    pub(crate) fn remember_save(&mut self, uid: &str, before: Option<Contact>) {
        let (Some(before), Some(after)) = (before, self.contact_before_change(uid)) else {
            return;
        };
        let (patch, fields) = inverse_patch(&before, &after);
        if !fields.is_empty() {
            self.undo.push(UndoStep::Fields {
                uid: uid.to_string(),
                patch: Box::new(patch),
                fields,
            });
        }
    }

    /// `u` on a contact: asks before undoing the last change made to it here.
    pub(crate) fn ask_undo(&mut self) -> Vec<Command> {
        if self.account.read_only {
            self.refuse_read_only();
            return Vec::new();
        }
        let Screen::Contact(screen) = self.top() else {
            return Vec::new();
        };
        let uid = screen.contact.uid.clone();
        let name = screen.contact.display_name();
        let Some(step) = self.undo.take_last(&uid) else {
            self.notice = Some(Notice::Info(format!(
                "nothing to undo: no change was made to {name} in this session"
            )));
            return Vec::new();
        };
        let question = match &step {
            UndoStep::Change {
                target, back_to, ..
            } => {
                let what = match target {
                    PickTarget::Stage => "stage",
                    PickTarget::Quality => "quality",
                    PickTarget::Owner | PickTarget::Tags => "owner",
                };
                format!("Set the {what} of {name} back to {back_to}?")
            }
            UndoStep::Fields { fields, .. } => {
                format!("Put back the old {} of {name}?", fields.join(", "))
            }
            UndoStep::Note { .. } => {
                self.notice = Some(Notice::Info(
                    "the last change was a note, and the API cannot remove a note: nothing was undone (u again reaches the change before)".to_string(),
                ));
                return Vec::new();
            }
            UndoStep::Tags { tags, .. } => {
                self.notice = Some(Notice::Info(format!(
                    "the last change added {} — the API cannot remove tags: nothing was undone (u again reaches the change before)",
                    tags.join(", ")
                )));
                return Vec::new();
            }
        };
        self.undo.asking = Some(step);
        self.overlay = Some(Overlay::ConfirmUndo(UndoConfirm { question }));
        Vec::new()
    }

    /// `y` to the undo question: send the inverse call.
    pub(crate) fn undo_confirmed(&mut self) -> Vec<Command> {
        let Some(step) = self.undo.asking.take() else {
            return Vec::new();
        };
        self.undo.undoing = Some(step.uid().to_string());
        match step {
            UndoStep::Change {
                uid,
                target,
                back_to,
            } => self.send_change(&uid, target, &back_to),
            UndoStep::Fields { uid, patch, .. } => {
                self.notice = None;
                vec![self.send(
                    Purpose::Save { uid },
                    "undoing the last edit".to_string(),
                    ApiRequest::update(&patch),
                )]
            }
            UndoStep::Note { .. } | UndoStep::Tags { .. } => {
                self.undo.undoing = None;
                Vec::new()
            }
        }
    }
}
