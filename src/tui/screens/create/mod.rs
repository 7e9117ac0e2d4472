//! Creating a contact: the contact form in create mode, then — before anything is sent — a lookup
//! of its email and phone, and when they are in use a warning listing those contacts, to open one
//! of them instead or create anyway ([`duplicates`]). What is typed is kept as a draft.

pub mod duplicates;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::api::{Contact, NewContact};
use crate::tui::keymap::{Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::model::drafts::DraftContent;
use crate::tui::widgets::form::{ContactForm, FieldId, FormOutcome, FormSubmission, FormView};
use crate::tui::widgets::{Component, Ctx, ViewCtx};

use duplicates::{DuplicateOutcome, DuplicateWarning, DuplicatesView};

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

/// What the create screen asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    /// Nothing to do.
    None,
    /// A value changed: keep this draft, whose contact is named `name` so far.
    KeepDraft { content: DraftContent, name: String },
    /// Look the email and phone up before creating this contact.
    CheckDuplicates(Box<NewContact>),
    /// Create it (no duplicate, or the person chose to).
    Create(Box<NewContact>),
    /// Open this existing contact instead (the draft stays).
    OpenInstead(Box<Contact>),
    /// Leave the form and forget its draft.
    Leave,
}

impl CreateScreen {
    /// An empty create form.
    pub fn new(form: ContactForm) -> CreateScreen {
        CreateScreen {
            form,
            step: CreateStep::Filling,
        }
    }

    /// The name typed so far, to say whose draft it is.
    pub fn typed_name(&self) -> String {
        let part = |id| self.form.value(id).unwrap_or("").trim().to_string();
        format!("{} {}", part(FieldId::FirstName), part(FieldId::LastName))
            .trim()
            .to_string()
    }
}

impl Component for CreateScreen {
    type Outcome = CreateOutcome;

    fn context(&self) -> Context {
        match &self.step {
            CreateStep::Warning(warning) => warning.context(),
            _ => self.form.context(),
        }
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> CreateOutcome {
        if let CreateStep::Warning(warning) = &mut self.step {
            return match warning.handle(input, ctx) {
                DuplicateOutcome::Continue => CreateOutcome::None,
                DuplicateOutcome::Open(contact) => CreateOutcome::OpenInstead(contact),
                DuplicateOutcome::CreateAnyway(contact) => CreateOutcome::Create(contact),
                DuplicateOutcome::BackToForm => {
                    self.step = CreateStep::Filling;
                    self.form.set_editing();
                    CreateOutcome::None
                }
            };
        }
        match self.form.handle(input, ctx) {
            FormOutcome::Edited => CreateOutcome::KeepDraft {
                content: self.form.draft(),
                name: self.typed_name(),
            },
            FormOutcome::Save(submission) => match *submission {
                FormSubmission::Create(contact) => {
                    CreateOutcome::CheckDuplicates(Box::new(contact))
                }
                FormSubmission::Update(_) => CreateOutcome::None,
            },
            FormOutcome::Cancel => CreateOutcome::Leave,
            FormOutcome::Continue | FormOutcome::Ignored => CreateOutcome::None,
        }
    }
}

/// Draws the create form, and the duplicates warning over it.
pub struct CreateView<'a> {
    pub screen: &'a CreateScreen,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &CreateView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        FormView {
            form: &self.screen.form,
            ctx: self.ctx,
        }
        .render(area, buf);
        if let CreateStep::Warning(warning) = &self.screen.step {
            DuplicatesView {
                warning,
                ctx: self.ctx,
            }
            .render(area, buf);
        }
    }
}
