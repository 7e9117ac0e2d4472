//! What a key can ask for: every action of the TUI, named in snake_case so the config's `[keys]`
//! table names them directly (`toggle_note_order = "ctrl-o"`).

use serde::{Deserialize, Serialize};

/// Something the user can ask for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave genius (from the start screen).
    Quit,
    /// Leave genius from anywhere, whatever is going on.
    ForceQuit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Open the help overlay for the current screen.
    Help,
    /// Close the overlay on top.
    CloseOverlay,
    /// Go back one screen (or clear the input, or cancel the lookup in flight).
    Back,
    /// Start a new lookup: the start screen with its input focused and empty.
    FocusLookup,
    /// Look up what was typed, or open the selected row.
    Submit,
    /// Move the selection (or the view) up one row.
    Up,
    /// Move the selection (or the view) down one row.
    Down,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Fetch the contact again from the server.
    Refresh,
    /// Show the note history newest first or oldest first.
    ToggleNoteOrder,
    /// Read the whole snapshot text in an overlay (it is cut short on small screens).
    ShowSnapshot,
    /// Edit the contact's fields (the edit form).
    Edit,
    /// Change the contact's stage (a picker).
    ChangeStage,
    /// Change the contact's quality (a picker).
    ChangeQuality,
    /// Give the contact to another owner (a picker).
    ChangeOwner,
    /// Add one or several tags (a picker).
    AddTags,
    /// Write a note (the note editor).
    AddNote,
    /// Create a new contact (the create form).
    CreateContact,
    /// Delete the contact (after a confirmation).
    Delete,
    /// Open the `:` command line.
    CommandLine,
    /// Save the form or send the note.
    Save,
    /// The next field of a form.
    NextField,
    /// The previous field of a form.
    PreviousField,
    /// Choose the highlighted value, or open the picker of a field.
    Pick,
    /// Leave the form, editor, picker or command line (asking first if something would be lost).
    Cancel,
    /// Open the note in `$VISUAL`/`$EDITOR`.
    ExternalEditor,
    /// Complete the command or value being typed.
    Complete,
    /// An earlier command line from the history.
    HistoryPrevious,
    /// A later command line from the history.
    HistoryNext,
    /// Confirm the delete.
    ConfirmDelete,
    /// Create the new contact although others have its email or phone.
    CreateAnyway,
    /// Throw a kept draft away.
    DiscardDraft,
    /// Copy one field of the contact (a menu of fields, each under a letter).
    Copy,
    /// Copy the whole contact as text.
    CopyAll,
    /// Write the contact to a file (vCard 3.0, vCard 4.0 or JSON).
    Export,
    /// Mask emails, phones and addresses on screen, or show them again.
    TogglePrivacy,
    /// Switch to another account profile of the config file.
    SwitchProfile,
    /// The next export format.
    NextFormat,
    /// The previous completion (the command line cycles both ways).
    CompletePrevious,
    /// Answer yes to the question on screen ("discard your changes?"); any other key is no.
    Yes,
    /// Copy the contact's email (from the copy menu).
    CopyEmail,
    /// Copy the contact's phone.
    CopyPhone,
    /// Copy the contact's uid.
    CopyUid,
    /// Copy the contact's name.
    CopyName,
    /// Copy the contact's postal address.
    CopyAddress,
    /// Copy the contact's business name.
    CopyBusiness,
    /// Text input: the cursor one character left.
    CursorLeft,
    /// Text input: the cursor one character right.
    CursorRight,
    /// Text input: the cursor one word left.
    WordLeft,
    /// Text input: the cursor one word right.
    WordRight,
    /// Text input: the cursor to the start of the line.
    LineStart,
    /// Text input: the cursor to the end of the line.
    LineEnd,
    /// Text input: delete the character before the cursor.
    DeleteBefore,
    /// Text input: delete the character under the cursor.
    DeleteAfter,
    /// Text input: delete the word before the cursor.
    DeleteWordBefore,
    /// Text input: delete the word after the cursor.
    DeleteWordAfter,
    /// Text input: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Text input: delete from the cursor to the end of the line.
    DeleteToEnd,
    /// Text input: put back the text deleted last.
    Yank,
    /// On a contact opened from a worklist: the next lead.
    NextLead,
    /// On a contact opened from a worklist: the previous lead.
    PreviousLead,
    /// Log a call: the note editor with quick notes, then the stage picker on the next stage.
    LogCall,
    /// Undo the last change made to this contact in this session (asks first).
    Undo,
    /// Insert the first quick note (the log-call editor, while empty).
    QuickNote1,
    /// Insert the second quick note.
    QuickNote2,
    /// Insert the third quick note.
    QuickNote3,
    /// Insert the fourth quick note.
    QuickNote4,
    /// Insert the fifth quick note.
    QuickNote5,
    /// Insert the sixth quick note.
    QuickNote6,
    /// Insert the seventh quick note.
    QuickNote7,
    /// Insert the eighth quick note.
    QuickNote8,
    /// Insert the ninth quick note.
    QuickNote9,
}

impl Action {
    /// Every action, for the config's `[keys]` validation and for tests.
    pub const ALL: &'static [Action] = &[
        Action::Quit,
        Action::ForceQuit,
        Action::Suspend,
        Action::Help,
        Action::CloseOverlay,
        Action::Back,
        Action::FocusLookup,
        Action::Submit,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Refresh,
        Action::ToggleNoteOrder,
        Action::ShowSnapshot,
        Action::Edit,
        Action::ChangeStage,
        Action::ChangeQuality,
        Action::ChangeOwner,
        Action::AddTags,
        Action::AddNote,
        Action::CreateContact,
        Action::Delete,
        Action::CommandLine,
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::Pick,
        Action::Cancel,
        Action::ExternalEditor,
        Action::Complete,
        Action::HistoryPrevious,
        Action::HistoryNext,
        Action::ConfirmDelete,
        Action::CreateAnyway,
        Action::DiscardDraft,
        Action::Copy,
        Action::CopyAll,
        Action::Export,
        Action::TogglePrivacy,
        Action::SwitchProfile,
        Action::NextFormat,
        Action::CompletePrevious,
        Action::Yes,
        Action::CopyEmail,
        Action::CopyPhone,
        Action::CopyUid,
        Action::CopyName,
        Action::CopyAddress,
        Action::CopyBusiness,
        Action::CursorLeft,
        Action::CursorRight,
        Action::WordLeft,
        Action::WordRight,
        Action::LineStart,
        Action::LineEnd,
        Action::DeleteBefore,
        Action::DeleteWordBefore,
        Action::DeleteAfter,
        Action::DeleteWordAfter,
        Action::DeleteToStart,
        Action::DeleteToEnd,
        Action::Yank,
        Action::NextLead,
        Action::PreviousLead,
        Action::LogCall,
        Action::Undo,
        Action::QuickNote1,
        Action::QuickNote2,
        Action::QuickNote3,
        Action::QuickNote4,
        Action::QuickNote5,
        Action::QuickNote6,
        Action::QuickNote7,
        Action::QuickNote8,
        Action::QuickNote9,
    ];

    /// The action's name in the config (`toggle_note_order`).
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// Which quick note (0 for the first) this action inserts, when it is one.
    pub fn quick_note(self) -> Option<usize> {
        const QUICK: [Action; 9] = [
            Action::QuickNote1,
            Action::QuickNote2,
            Action::QuickNote3,
            Action::QuickNote4,
            Action::QuickNote5,
            Action::QuickNote6,
            Action::QuickNote7,
            Action::QuickNote8,
            Action::QuickNote9,
        ];
        QUICK.iter().position(|action| *action == self)
    }

    /// The action a config name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}
