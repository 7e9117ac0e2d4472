//! The edit form of a contact: the contact form in edit mode, whose save the app sends as a PUT
//! of the changed fields. What is typed is kept as a draft on every change.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::api::ContactPatch;
use crate::tui::keymap::{Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::DraftContent;
use crate::tui::widgets::form::{ContactForm, FormOutcome, FormSubmission, FormView};
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// The edit form of a contact.
#[derive(Debug, Clone)]
pub struct EditScreen {
    pub uid: String,
    pub contact_name: String,
    pub form: ContactForm,
    /// The PUT in flight.
    pub saving: Option<RequestId>,
}

/// What the edit form asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum EditOutcome {
    /// Nothing to do.
    None,
    /// A value changed: keep this draft.
    KeepDraft(DraftContent),
    /// Send these changes.
    Save(Box<ContactPatch>),
    /// Leave the form and forget its draft.
    Leave,
}

impl Component for EditScreen {
    type Outcome = EditOutcome;

    fn context(&self) -> Context {
        self.form.context()
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> EditOutcome {
        match self.form.handle(input, ctx) {
            FormOutcome::Edited => EditOutcome::KeepDraft(self.form.draft()),
            FormOutcome::Save(submission) => match *submission {
                FormSubmission::Update(patch) => EditOutcome::Save(Box::new(patch)),
                FormSubmission::Create(_) => EditOutcome::None,
            },
            FormOutcome::Cancel => EditOutcome::Leave,
            FormOutcome::Continue | FormOutcome::Ignored => EditOutcome::None,
        }
    }
}

/// Draws the edit form.
pub struct EditView<'a> {
    pub screen: &'a EditScreen,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &EditView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        FormView {
            form: &self.screen.form,
            ctx: self.ctx,
        }
        .render(area, buf);
    }
}
