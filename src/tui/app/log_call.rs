//! Logging a call in a few keys: `l` opens the note editor with the profile's quick notes on
//! `1`…`9`; once the server confirmed the note, the stage picker opens on the next stage of the
//! pipeline (Enter takes it, Esc keeps the stage); once that is settled, on a worklist, the lead is
//! marked done and the next one opens. Notes and stage moves confirmed on the lead's contact are
//! recorded in the list's progress whichever way they were made.

use crate::api::Contact;
use crate::tui::app::actions::ContactChange;
use crate::tui::app::{App, Command, Overlay, Screen};
use crate::tui::overlays::picker::{PickTarget, PickerOverlay};
use crate::tui::widgets::picker::Picker;

/// Where a call being logged is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogCallStep {
    /// The note is being written or sent.
    Note,
    /// The note was saved; the stage picker is open.
    Stage,
    /// The stage change was sent; its answer is awaited.
    ChangingStage,
}

/// A call being logged on the contact `uid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogCall {
    pub uid: String,
    pub step: LogCallStep,
}

/// The stage after `current` in the pipeline `stages` (the first stage when the contact has none
/// or one not in the list; the last stays the last).
pub fn next_stage<'a>(stages: &'a [String], current: Option<&str>) -> Option<&'a String> {
    let position = current.and_then(|now| stages.iter().position(|stage| stage == now));
    match position {
        Some(index) => stages.get(index + 1).or_else(|| stages.get(index)),
        None => stages.first(),
    }
}

impl App {
    /// `l` on a contact: the note editor with the quick notes offered.
    pub(crate) fn start_log_call(&mut self) -> Vec<Command> {
        let commands = self.change_contact(ContactChange::AddNote);
        if let Some(Screen::Note(note)) = self.screens.last_mut() {
            note.quick_notes = self.quick_notes.clone();
            self.log_call = Some(LogCall {
                uid: note.uid.clone(),
                step: LogCallStep::Note,
            });
        }
        commands
    }

    /// The server confirmed a note on `uid`: kept in the worklist's progress, and a call being
    /// logged moves on to the stage picker.
    pub(crate) fn after_note_confirmed(&mut self, uid: &str) -> Vec<Command> {
        let now = self.clock.now;
        let mut commands = Vec::new();
        if let Some(index) = self.lead_at_position(uid)
            && let Some(session) = self.worklist.as_mut()
            && let Ok(event) = session.list.note_logged(index, now)
        {
            commands.push(Command::RecordWorklistProgress(event));
        }
        let logging = self
            .log_call
            .as_ref()
            .is_some_and(|call| call.uid == uid && call.step == LogCallStep::Note);
        if !logging {
            return commands;
        }
        let Some(contact) = self.lead_or_shown_contact(uid) else {
            self.log_call = None;
            return commands;
        };
        self.vocabulary.learn_contact(&contact);
        let current = contact.stage_name.as_deref();
        let mut picker = Picker::stage(&self.vocabulary, current);
        if let Some(next) = next_stage(self.vocabulary.stages(), current) {
            picker = crate::tui::overlays::picker::preselect(picker, next);
        }
        self.overlay = Some(Overlay::Picker(Box::new(PickerOverlay {
            target: PickTarget::Stage,
            uid: uid.to_string(),
            picker,
        })));
        if let Some(call) = self.log_call.as_mut() {
            call.step = LogCallStep::Stage;
        }
        commands
    }

    /// The contact `uid` as its screen shows it.
    fn lead_or_shown_contact(&self, uid: &str) -> Option<Contact> {
        self.screens.iter().rev().find_map(|screen| match screen {
            Screen::Contact(shown) if shown.contact.uid == uid => Some(shown.contact.clone()),
            _ => None,
        })
    }

    /// The stage picker of a call being logged closed without a change: the call is logged.
    pub(crate) fn log_call_stage_kept(&mut self) -> Vec<Command> {
        match self.log_call.take() {
            Some(call) if call.step == LogCallStep::Stage => self.finish_lead(&call.uid),
            other => {
                self.log_call = other;
                Vec::new()
            }
        }
    }

    /// The stage picker of a call being logged asked for a change: its answer ends the call.
    pub(crate) fn log_call_stage_sent(&mut self, uid: &str, target: PickTarget) {
        if let Some(call) = self.log_call.as_mut()
            && call.uid == uid
            && call.step == LogCallStep::Stage
        {
            if target == PickTarget::Stage {
                call.step = LogCallStep::ChangingStage;
            } else {
                self.log_call = None;
            }
        }
    }

    /// The server answered a stage change of `uid` (confirmed with the stage it applied, or not):
    /// the move is kept in the worklist's progress, and a call being logged ends.
    pub(crate) fn after_stage_answer(
        &mut self,
        uid: &str,
        from: Option<String>,
        applied: Option<&str>,
    ) -> Vec<Command> {
        let now = self.clock.now;
        let mut commands = Vec::new();
        if let Some(to) = applied
            && let Some(index) = self.lead_at_position(uid)
            && let Some(session) = self.worklist.as_mut()
            && let Ok(event) = session.list.stage_moved(index, from, to, now)
        {
            commands.push(Command::RecordWorklistProgress(event));
        }
        let waiting = self
            .log_call
            .as_ref()
            .is_some_and(|call| call.uid == uid && call.step == LogCallStep::ChangingStage);
        if waiting {
            self.log_call = None;
            if applied.is_some() {
                commands.extend(self.finish_lead(uid));
            }
        }
        commands
    }

    /// The contact `uid` as shown before a change's answer is applied to it.
    pub(crate) fn contact_before_change(&self, uid: &str) -> Option<Contact> {
        self.lead_or_shown_contact(uid)
    }

    /// After the answer to a stage, quality or owner change of `uid`: what it changes in the
    /// worklist and in a call being logged.
    pub(crate) fn after_change_answer(
        &mut self,
        uid: &str,
        target: PickTarget,
        before: Option<Contact>,
        confirmed: bool,
    ) -> Vec<Command> {
        let after = self.lead_or_shown_contact(uid);
        if confirmed {
            self.remember_change(uid, target, before.as_ref());
            if let Some(after) = &after {
                self.update_lead_contact(after);
            }
        }
        if target != PickTarget::Stage {
            return Vec::new();
        }
        let applied = after
            .as_ref()
            .and_then(|c| c.stage_name.clone())
            .filter(|_| confirmed);
        let from = before.and_then(|c| c.stage_name);
        self.after_stage_answer(uid, from, applied.as_deref())
    }
}
