//! Model tests of the work components (issue 4): validation, vocabulary, pickers, the edit and
//! create forms, the note editor, the command line, the delete confirmation, drafts and the
//! external editor. No terminal, no network: keys in, state and outcomes out.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures {
    //! Key and contact builders shared by the component tests.

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use genius::api::Contact;

    pub fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    pub fn ch(c: char) -> KeyEvent {
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(KeyCode::Char(c), modifiers)
    }

    pub fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    pub fn back_tab() -> KeyEvent {
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
    }

    /// The keys that type `text`.
    pub fn typing(text: &str) -> Vec<KeyEvent> {
        text.chars().map(ch).collect()
    }

    /// John Doe as the reference's example returns him.
    pub fn john() -> Contact {
        Contact {
            uid: "ABC12345".into(),
            email: Some("john@example.com".into()),
            phone: Some("+15551234567".into()),
            first_name: Some("John".into()),
            last_name: Some("Doe".into()),
            business_name: Some("Acme Corp".into()),
            city: Some("New York".into()),
            state: Some("NY".into()),
            time_zone: Some("America/New_York".into()),
            value: Some("5000".into()),
            stage_name: Some("New Lead".into()),
            quality_name: Some("High".into()),
            owner_email: Some("sales@yourcompany.com".into()),
            owner_name: Some("Jane Smith".into()),
            tags: vec!["Hot Lead".into(), "Website".into()],
            ..Contact::default()
        }
    }
}

/// The core's harness (app builder, canned replies, rendering), for the tests through `App::update`.
#[path = "support/mod.rs"]
mod support;

#[path = "work_model/app_flow.rs"]
mod app_flow;
#[path = "work_model/app_lifecycle.rs"]
mod app_lifecycle;
#[path = "work_model/command_line.rs"]
mod command_line;
#[path = "work_model/confirm.rs"]
mod confirm;
#[path = "work_model/drafts.rs"]
mod drafts;
#[path = "work_model/duplicates.rs"]
mod duplicates;
#[path = "work_model/form_create.rs"]
mod form_create;
#[path = "work_model/form_edit.rs"]
mod form_edit;
#[path = "work_model/note_editor.rs"]
mod note_editor;
#[path = "work_model/picker.rs"]
mod picker;
#[path = "work_model/validate.rs"]
mod validate;
#[path = "work_model/vocabulary.rs"]
mod vocabulary;
