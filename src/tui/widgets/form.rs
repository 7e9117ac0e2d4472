//! The contact form, in two modes: **Edit** (the 13 fields PUT /api/contact updates, starting from
//! the contact the server returned; only changed fields are sent) and **Create** (every field of
//! POST /api/contact, with the reference's rules: a first or last name, and an email or a phone).
//! Each field is a text input with the keymap's editing keys, validated as it is typed. The form never loses
//! what was typed: saving keeps the inputs (with a spinner), a failure keeps them and shows the
//! error at the field the server named, and leaving with changes asks first.
//!
//! Split: `field.rs` (the fields), `keys.rs` (input), `build.rs` (patch, new contact, draft,
//! server errors), `view.rs` (drawing, [`FormView`]).

mod build;
mod field;
mod keys;
mod view;

pub use field::{FieldId, FormField};
pub use view::FormView;

use crate::api::{Contact, ContactPatch, NewContact};
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::widgets::picker::Picker;

/// Which form this is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormMode {
    /// Editing the contact with this uid.
    Edit { uid: String },
    /// Creating a new contact.
    Create,
}

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormState {
    /// Being filled in.
    Editing,
    /// Sent; waiting for the server. The inputs stay as they are.
    Saving { frame: usize },
    /// The save failed; everything typed is still here and Ctrl-S tries again.
    Failed(String),
    /// No answer came: the save may or may not have been applied. Everything typed is still here;
    /// Ctrl-S would send it again, which the person decides after looking.
    Uncertain(String),
}

/// What the form asks the app to send.
#[derive(Debug, Clone, PartialEq)]
pub enum FormSubmission {
    /// PUT /api/contact with the changed fields.
    Update(ContactPatch),
    /// POST /api/contact (after the duplicate check).
    Create(NewContact),
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    /// Nothing for the app to do.
    Continue,
    /// A value changed: keep the draft on disk.
    Edited,
    /// Send this; the form is now saving. Answer with `set_failed`/`apply_server_error`, or close it.
    Save(Box<FormSubmission>),
    /// Leave the form; its draft is no longer wanted (nothing changed, or discarding confirmed).
    Cancel,
    /// The key means nothing here.
    Ignored,
}

/// The edit or create form; see the module docs.
#[derive(Debug, Clone)]
pub struct ContactForm {
    mode: FormMode,
    title: String,
    fields: Vec<FormField>,
    focus: usize,
    state: FormState,
    confirm_discard: bool,
    notice: Option<String>,
    picker: Option<(FieldId, Picker)>,
    vocabulary: Vocabulary,
}

impl ContactForm {
    /// The edit form of `contact`, its fields holding the contact's values.
    pub fn edit(contact: &Contact, vocabulary: &Vocabulary) -> ContactForm {
        let fields = FieldId::EDIT
            .into_iter()
            .map(|id| FormField::new(id, id.value_of(contact)))
            .collect();
        ContactForm {
            mode: FormMode::Edit {
                uid: contact.uid.clone(),
            },
            title: format!("Edit {} · {}", contact.display_name(), contact.uid),
            fields,
            focus: 0,
            state: FormState::Editing,
            confirm_discard: false,
            notice: None,
            picker: None,
            vocabulary: vocabulary.clone(),
        }
    }

    /// An empty create form.
    pub fn create(vocabulary: &Vocabulary) -> ContactForm {
        let fields = FieldId::CREATE
            .into_iter()
            .map(|id| FormField::new(id, String::new()))
            .collect();
        ContactForm {
            mode: FormMode::Create,
            title: "New contact".to_string(),
            fields,
            focus: 0,
            state: FormState::Editing,
            confirm_discard: false,
            notice: None,
            picker: None,
            vocabulary: vocabulary.clone(),
        }
    }

    /// Phones typed without a country code are read in `region` (the profile's
    /// `default_phone_region`): checked by libphonenumber, sent in E.164, shown international.
    pub fn with_phone_region(mut self, region: Option<crate::api::Region>) -> ContactForm {
        for field in &mut self.fields {
            field.read_phones_in(region);
        }
        self
    }

    /// Edit or create.
    pub fn mode(&self) -> &FormMode {
        &self.mode
    }

    /// Where the form is.
    pub fn state(&self) -> &FormState {
        &self.state
    }

    /// The fields in order.
    pub fn fields(&self) -> &[FormField] {
        &self.fields
    }

    /// The field with the cursor.
    pub fn focused(&self) -> FieldId {
        self.fields
            .get(self.focus)
            .map_or(FieldId::FirstName, |field| field.id)
    }

    /// Moves the cursor to `id` (when the form has it).
    pub fn focus(&mut self, id: FieldId) {
        if let Some(index) = self.index_of(id) {
            self.focus = index;
        }
    }

    /// The field `id`, when this form has it.
    pub fn field(&self, id: FieldId) -> Option<&FormField> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The text typed in `id`.
    pub fn value(&self, id: FieldId) -> Option<&str> {
        self.field(id).map(FormField::text)
    }

    /// Sets the text of `id` as if typed (validated; a server error about it is forgotten).
    pub fn set_value(&mut self, id: FieldId, text: &str) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.id == id) {
            field.set_text(text);
        }
    }

    fn index_of(&self, id: FieldId) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    /// The message on the status line (why a save was refused), if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The picker open over the form (Enter on stage, quality, owner, tags or time zone).
    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref().map(|(_, picker)| picker)
    }

    /// True when something was changed from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(FormField::is_changed)
    }

    /// True while asking whether to throw the changes away.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirm_discard
    }

    /// The request was sent: show the spinner, keep the inputs.
    pub fn set_saving(&mut self) {
        self.state = FormState::Saving { frame: 0 };
        self.notice = None;
    }

    /// Back to editing without a message (the person chose to review the form again).
    pub fn set_editing(&mut self) {
        self.state = FormState::Editing;
    }

    /// The save failed (network, 403, 429, 5xx, timeout…): editing resumes with everything kept.
    pub fn set_failed(&mut self, message: &str) {
        self.state = FormState::Failed(message.to_string());
    }

    /// The save timed out: it may or may not have been applied (see [`FormState::Uncertain`]).
    pub fn set_uncertain(&mut self, message: &str) {
        self.state = FormState::Uncertain(message.to_string());
    }

    /// Advances the spinner while saving.
    pub fn tick(&mut self) {
        if let FormState::Saving { frame } = &mut self.state {
            *frame = frame.wrapping_add(1);
        }
    }
}
