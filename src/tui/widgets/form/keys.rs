//! The form's keys: moving between fields, readline editing, Enter opening a picker on fields
//! chosen from a list, Ctrl-S, and Esc asking before anything typed is thrown away.

use crossterm::event::{KeyCode, KeyEvent};

use super::{ContactForm, FieldId, FormOutcome, FormState};
use crate::tui::widgets::picker::{Picker, PickerOutcome};
use crate::tui::widgets::readline::{self as keys, InputEdit};

impl ContactForm {
    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        if !keys::is_press(&key) {
            return FormOutcome::Continue;
        }
        if self.picker.is_some() {
            return self.picker_key(key);
        }
        if self.confirm_discard {
            self.confirm_discard = false;
            return match key.code {
                KeyCode::Char('y' | 'Y') => FormOutcome::Cancel,
                _ => FormOutcome::Continue,
            };
        }
        if matches!(self.state, FormState::Saving { .. }) {
            // What is sent must stay what is shown until the server answers.
            return FormOutcome::Continue;
        }
        if keys::is_ctrl(&key, 's') {
            return self.try_save();
        }
        if keys::is_back_tab(&key) || keys::is_ctrl(&key, 'p') {
            self.move_focus(-1);
            return FormOutcome::Continue;
        }
        if keys::is_ctrl(&key, 'n') {
            self.move_focus(1);
            return FormOutcome::Continue;
        }
        match key.code {
            KeyCode::Esc => {
                if self.is_dirty() {
                    self.confirm_discard = true;
                    FormOutcome::Continue
                } else {
                    FormOutcome::Cancel
                }
            }
            KeyCode::Tab | KeyCode::Down => {
                self.move_focus(1);
                FormOutcome::Continue
            }
            KeyCode::Up => {
                self.move_focus(-1);
                FormOutcome::Continue
            }
            KeyCode::PageDown => {
                self.move_focus(5);
                FormOutcome::Continue
            }
            KeyCode::PageUp => {
                self.move_focus(-5);
                FormOutcome::Continue
            }
            KeyCode::Enter => {
                if self.focused().has_picker() {
                    self.open_picker();
                } else {
                    self.move_focus(1);
                }
                FormOutcome::Continue
            }
            _ => {
                let field = &mut self.fields[self.focus];
                match keys::edit_input(&mut field.input, &key) {
                    InputEdit::NotAnEdit => FormOutcome::Ignored,
                    InputEdit::Moved => FormOutcome::Continue,
                    InputEdit::Changed => {
                        field.revalidate();
                        self.notice = None;
                        FormOutcome::Edited
                    }
                }
            }
        }
    }

    /// Pasted text goes into the focused field (or the open picker), flattened to one line.
    pub fn handle_paste(&mut self, text: &str) -> FormOutcome {
        if let Some((_, picker)) = &mut self.picker {
            picker.handle_paste(text);
            return FormOutcome::Continue;
        }
        if matches!(self.state, FormState::Saving { .. }) {
            return FormOutcome::Continue;
        }
        self.confirm_discard = false;
        let field = &mut self.fields[self.focus];
        if keys::paste_into(&mut field.input, text) {
            field.revalidate();
            self.notice = None;
            FormOutcome::Edited
        } else {
            FormOutcome::Continue
        }
    }

    /// Tab and Down wrap from the last field to the first, and back.
    fn move_focus(&mut self, delta: isize) {
        let count = self.fields.len() as isize;
        let target = self.focus as isize + delta;
        self.focus = if delta.abs() == 1 {
            target.rem_euclid(count) as usize
        } else {
            target.clamp(0, count - 1) as usize
        };
    }

    fn open_picker(&mut self) {
        let id = self.focused();
        let text = self.fields[self.focus].text().to_string();
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

    fn picker_key(&mut self, key: KeyEvent) -> FormOutcome {
        let Some((id, picker)) = &mut self.picker else {
            return FormOutcome::Continue;
        };
        let id = *id;
        match picker.handle_key(key) {
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
