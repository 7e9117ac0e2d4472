//! The form's input, as the keymap resolved it: moving between fields, the editing keys of the
//! focused field, Enter opening a picker on fields chosen from a list, save, and leaving with a
//! question before anything typed is thrown away.

use super::{ContactForm, FieldId, FormOutcome, FormState};
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::picker::{Picker, PickerOutcome};
use crate::tui::widgets::text_input::Edit;
use crate::tui::widgets::{Component, Ctx};

impl Component for ContactForm {
    type Outcome = FormOutcome;

    fn context(&self) -> Context {
        match &self.picker {
            Some((_, picker)) => picker.context(),
            None if self.confirm_discard => Context::Question,
            None => Context::Form,
        }
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> FormOutcome {
        if self.picker.is_some() {
            return self.picker_input(input, ctx);
        }
        if let UserInput::Paste(text) = &input {
            return self.paste(text);
        }
        if self.confirm_discard {
            self.confirm_discard = false;
            return match input {
                UserInput::Action(Action::Yes) => FormOutcome::Cancel,
                _ => FormOutcome::Continue,
            };
        }
        if matches!(self.state, FormState::Saving { .. }) {
            // What is sent must stay what is shown until the server answers.
            return FormOutcome::Continue;
        }
        match input {
            UserInput::Action(Action::Save) => self.try_save(),
            UserInput::Action(Action::NextField) => self.moved(1),
            UserInput::Action(Action::PreviousField) => self.moved(-1),
            UserInput::Action(Action::PageDown) => self.moved(5),
            UserInput::Action(Action::PageUp) => self.moved(-5),
            UserInput::Action(Action::Cancel) => {
                if self.is_dirty() {
                    self.confirm_discard = true;
                    FormOutcome::Continue
                } else {
                    FormOutcome::Cancel
                }
            }
            UserInput::Action(Action::Pick) => {
                if self.focused().has_picker() {
                    self.open_picker();
                } else {
                    self.move_focus(1);
                }
                FormOutcome::Continue
            }
            other => {
                let Some(field) = self.fields.get_mut(self.focus) else {
                    return FormOutcome::Ignored;
                };
                match field.input.handle(&other) {
                    Edit::NotAnEdit => FormOutcome::Ignored,
                    Edit::Moved => FormOutcome::Continue,
                    Edit::Changed => {
                        field.revalidate();
                        self.notice = None;
                        FormOutcome::Edited
                    }
                }
            }
        }
    }
}

impl ContactForm {
    /// Pasted text goes into the focused field, flattened to one line.
    fn paste(&mut self, text: &str) -> FormOutcome {
        if matches!(self.state, FormState::Saving { .. }) {
            return FormOutcome::Continue;
        }
        self.confirm_discard = false;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Continue;
        };
        if field.input.paste(text) == Edit::Changed {
            field.revalidate();
            self.notice = None;
            FormOutcome::Edited
        } else {
            FormOutcome::Continue
        }
    }

    fn moved(&mut self, delta: isize) -> FormOutcome {
        self.move_focus(delta);
        FormOutcome::Continue
    }

    /// Tab and Down wrap from the last field to the first, and back; a page stops at the ends.
    fn move_focus(&mut self, delta: isize) {
        let count = self.fields.len();
        if count == 0 {
            return;
        }
        self.focus = if delta.abs() == 1 {
            // One step either way: adding `count` first keeps it above zero.
            (self.focus + count).saturating_add_signed(delta) % count
        } else {
            self.focus.saturating_add_signed(delta).min(count - 1)
        };
    }

    fn open_picker(&mut self) {
        let id = self.focused();
        let text = self
            .fields
            .get(self.focus)
            .map(|field| field.text().to_string())
            .unwrap_or_default();
        let typed = text.trim();
        let current = (!typed.is_empty()).then_some(typed);
        let picker = match id {
            FieldId::Stage => Picker::stage(&self.vocabulary, current),
            FieldId::Quality => Picker::quality(&self.vocabulary, current),
            FieldId::Owner => Picker::owner(&self.vocabulary, current),
            FieldId::TimeZone => {
                let picker = Picker::time_zone(current);
                // A partly typed zone starts the filter; a complete one is just marked.
                if current.is_some()
                    && crate::tui::model::validate::canonical_time_zone(typed).is_none()
                {
                    picker.with_query(typed)
                } else {
                    picker
                }
            }
            FieldId::Tags => {
                let already = super::build::split_tags(&text);
                Picker::tags(&self.vocabulary, &[])
                    .with_chosen(already)
                    .with_note(None)
            }
            _ => return,
        };
        self.picker = Some((id, picker));
    }

    fn picker_input(&mut self, input: UserInput, ctx: &Ctx) -> FormOutcome {
        let Some((id, picker)) = &mut self.picker else {
            return FormOutcome::Continue;
        };
        let id = *id;
        match picker.handle(input, ctx) {
            PickerOutcome::Continue | PickerOutcome::Ignored => FormOutcome::Continue,
            PickerOutcome::Cancel => {
                self.picker = None;
                FormOutcome::Continue
            }
            PickerOutcome::Picked(value) => {
                self.picker = None;
                self.set_value(id, &value);
                self.notice = None;
                FormOutcome::Edited
            }
            PickerOutcome::PickedMany(values) => {
                self.picker = None;
                self.set_value(id, &values.join(", "));
                self.notice = None;
                FormOutcome::Edited
            }
        }
    }
}
