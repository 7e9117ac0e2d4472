//! What sits on top of a screen and takes the keys first, one module each following the one recipe
//! (`widgets::Component`): its state, `handle` answering input with an outcome the app acts on,
//! and a view drawing it over the body.
//!
//! A new overlay goes here: its module, a variant of [`Overlay`] (and its keymap context below),
//! its keymap context and rows in `keymap`, and in `app` the branch that turns its outcomes into
//! commands and the one that draws it. Overlays may use widgets, the model, the keymap and the
//! theme; never the app, the screens, the effects or the runtime.

pub mod command_line;
pub mod confirm_delete;
pub mod confirm_undo;
pub mod copy_menu;
pub mod drafts;
pub mod export;
pub mod help;
pub mod picker;
pub mod profiles;
pub mod reader;

use crate::tui::keymap::Context;
use crate::tui::widgets::Component;

use command_line::CommandLine;
use confirm_delete::DeleteConfirm;
use confirm_undo::UndoConfirm;
use copy_menu::CopyMenu;
use drafts::DraftsOverlay;
use export::ExportPrompt;
use help::HelpOverlay;
use picker::PickerOverlay;
use profiles::ProfileSwitcher;
use reader::ReaderOverlay;

/// What sits on top of the screen and takes the keys first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help of the current screen.
    Help(HelpOverlay),
    /// A long text read in full (the snapshot).
    Reader(ReaderOverlay),
    /// A stage, quality, owner or tags picker over a contact.
    Picker(Box<PickerOverlay>),
    /// The delete confirmation, and the DELETE in flight once confirmed.
    ConfirmDelete(DeleteConfirm),
    /// The `:` command line.
    CommandLine(Box<CommandLine>),
    /// The drafts kept from an earlier session, offered back.
    Drafts(DraftsOverlay),
    /// Which field of the contact to copy.
    CopyMenu(CopyMenu),
    /// Format and file of an export.
    Export(Box<ExportPrompt>),
    /// The profiles of the config file.
    Profiles(ProfileSwitcher),
    /// The question before an undo.
    ConfirmUndo(UndoConfirm),
}

impl Overlay {
    /// Where the keyboard is in this overlay: the keymap context its keys are looked up in.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(help) => help.context(),
            Overlay::Reader(reader) => reader.context(),
            Overlay::Picker(picker) => picker.context(),
            Overlay::ConfirmDelete(confirm) => confirm.context(),
            Overlay::CommandLine(line) => line.context(),
            Overlay::Drafts(drafts) => drafts.context(),
            Overlay::CopyMenu(menu) => menu.context(),
            Overlay::Export(prompt) => prompt.context(),
            Overlay::Profiles(switcher) => switcher.context(),
            Overlay::ConfirmUndo(confirm) => confirm.context(),
        }
    }
}
