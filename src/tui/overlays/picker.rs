//! Changing a contact's stage, quality, owner or tags from its screen: the picker widget over the
//! contact, and which change its choice asks for. Choosing the value the contact already has asks
//! for nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::keymap::{Context, UserInput};
use crate::tui::widgets::picker::{Picker, PickerOutcome, PickerView};
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// What a picker changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Stage,
    Quality,
    Owner,
    Tags,
}

/// A picker changing `target` of the contact `uid`.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerOverlay {
    pub target: PickTarget,
    pub uid: String,
    pub picker: Picker,
}

/// What the picker overlay asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOverlayOutcome {
    /// Still choosing.
    Stay,
    /// Closed without choosing.
    Close,
    /// The value chosen is the one the contact has: nothing to send.
    Unchanged(String),
    /// Change the stage, quality or owner of `uid` to `value`.
    Change {
        uid: String,
        target: PickTarget,
        value: String,
    },
    /// Add these tags to `uid`.
    AddTags { uid: String, tags: Vec<String> },
}

impl Component for PickerOverlay {
    type Outcome = PickerOverlayOutcome;

    fn context(&self) -> Context {
        self.picker.context()
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> PickerOverlayOutcome {
        match self.picker.handle(input, ctx) {
            PickerOutcome::Continue | PickerOutcome::Ignored => PickerOverlayOutcome::Stay,
            PickerOutcome::Cancel => PickerOverlayOutcome::Close,
            PickerOutcome::Picked(value)
                if self.picker.is_current(&value) && self.target != PickTarget::Tags =>
            {
                PickerOverlayOutcome::Unchanged(value)
            }
            PickerOutcome::Picked(value) => PickerOverlayOutcome::Change {
                uid: self.uid.clone(),
                target: self.target,
                value,
            },
            PickerOutcome::PickedMany(tags) => PickerOverlayOutcome::AddTags {
                uid: self.uid.clone(),
                tags,
            },
        }
    }
}

/// Draws the picker over the contact.
pub struct PickerOverlayView<'a> {
    pub overlay: &'a PickerOverlay,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &PickerOverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        PickerView {
            picker: &self.overlay.picker,
            ctx: self.ctx,
        }
        .render(area, buf);
    }
}

/// `picker` with `value` highlighted (when it is one of its items), so Enter takes it: the log-call
/// flow offers the next stage of the pipeline this way.
pub fn preselect(mut picker: Picker, value: &str) -> Picker {
    let row = picker.rows().iter().position(|row| {
        matches!(row, crate::tui::widgets::picker::PickerRow::Item(index)
            if picker.item(*index).is_some_and(|item| item.value == value))
    });
    if let Some(row) = row {
        picker.selected = row;
    }
    picker
}
