//! The screens of the TUI, one module each following the one recipe (`widgets::Component`): its
//! state, `handle` answering input with an outcome the app acts on, and a view drawing it. The app
//! keeps them in a stack (`Vec<Screen>`), the start (or setup) screen at the bottom.
//!
//! A new screen goes here: its module, a variant of [`Screen`] (with its title, name and keymap
//! context below), its keymap context and rows in `keymap`, and in `app` the branch that turns its
//! outcomes into commands and the one that draws it. Screens may use widgets, the model, the
//! keymap, the theme and the overlays' vocabulary (what a picker is for); never the app, the
//! effects or the runtime.

pub mod contact;
pub mod create;
pub mod edit;
pub mod home;
pub mod note;
pub mod preview;
pub mod results;
pub mod setup;
pub mod worklist;

use crate::tui::keymap::Context;
use crate::tui::widgets::Component;

use contact::ContactScreen;
use create::CreateScreen;
use edit::EditScreen;
use home::HomeScreen;
use note::NoteScreen;
use results::ResultsScreen;
use worklist::WorklistScreen;

/// One screen of the stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The start screen: lookup input and recent contacts.
    Home(HomeScreen),
    /// Several contacts matched a lookup.
    Results(ResultsScreen),
    /// One contact's detail and notes.
    Contact(Box<ContactScreen>),
    /// No API token: how to set one.
    Setup,
    /// The edit form of a contact.
    Edit(Box<EditScreen>),
    /// The create form, then its duplicate check.
    Create(Box<CreateScreen>),
    /// A note being written for a contact.
    Note(Box<NoteScreen>),
    /// The leads of a worklist.
    Worklist(Box<WorklistScreen>),
}

impl Screen {
    /// The breadcrumb of this screen in the title line.
    pub fn title(&self) -> String {
        match self {
            Screen::Home(_) => "Lookup".to_string(),
            Screen::Contact(screen) => match &screen.lead {
                Some(lead) => format!("{lead} · {}", screen.contact.display_name()),
                None => screen.contact.display_name(),
            },
            Screen::Results(results) => format!("{} matches", results.matches.len()),
            Screen::Setup => "Setup".to_string(),
            Screen::Edit(_) => "Edit".to_string(),
            Screen::Create(_) => "New contact".to_string(),
            Screen::Note(_) => "Note".to_string(),
            Screen::Worklist(_) => "Worklist".to_string(),
        }
    }

    /// The name of the screen in the help title.
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Home(_) => "Lookup",
            Screen::Results(_) => "Matches",
            Screen::Contact(_) => "Contact",
            Screen::Setup => "Setup",
            Screen::Edit(_) => "Edit",
            Screen::Create(_) => "New contact",
            Screen::Note(_) => "Note",
            Screen::Worklist(_) => "Worklist",
        }
    }

    /// Where the keyboard is on this screen: the keymap context its keys are looked up in.
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(home) => home.context(),
            Screen::Results(results) => results.context(),
            Screen::Contact(contact) => contact.context(),
            Screen::Setup => Context::Setup,
            Screen::Edit(edit) => edit.context(),
            Screen::Create(create) => create.context(),
            Screen::Note(note) => note.context(),
            Screen::Worklist(list) => list.context(),
        }
    }

    /// Advances the spinners of forms and editors waiting for the server.
    pub fn tick(&mut self) {
        match self {
            Screen::Edit(edit) => edit.form.tick(),
            Screen::Create(create) => create.form.tick(),
            Screen::Note(note) => note.editor.tick(),
            Screen::Home(_)
            | Screen::Results(_)
            | Screen::Contact(_)
            | Screen::Setup
            | Screen::Worklist(_) => {}
        }
    }
}
