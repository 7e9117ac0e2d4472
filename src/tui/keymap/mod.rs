//! The one table of key bindings: which key does what, where, and how help describes it. Dispatch
//! (`App::update`), the footer hints and the help overlay all read [`BINDINGS`], so they can never
//! disagree. `Action` names are serde snake_case so a config file can rebind them later.
//!
//! Reserved for the lead-working features (issue 4), so nothing here may take them on the contact
//! screen: `e` edit, `s` stage, `o` owner, `Q` quality, `t` tags, `n` note, `c` create, `D` delete,
//! `:` command line. [`RESERVED_FOR_WORK`] lists them and a test keeps this table off them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod table;

use serde::{Deserialize, Serialize};
#[cfg(test)]
use table::ch;
pub use table::{BINDINGS, RESERVED_FOR_WORK};

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
}

impl Action {
    /// True for the actions that start working a lead (handled in `work::flow`).
    pub fn is_work(self) -> bool {
        matches!(
            self,
            Action::Edit
                | Action::ChangeStage
                | Action::ChangeQuality
                | Action::ChangeOwner
                | Action::AddTags
                | Action::AddNote
                | Action::CreateContact
                | Action::Delete
                | Action::CommandLine
        )
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere, even while typing in an input or with an overlay open.
    Anywhere,
    /// On every screen while no text input has the keyboard and no overlay is open.
    Browsing,
    /// The start screen, typing in the lookup input.
    HomeInput,
    /// The start screen, moving through the recent contacts.
    HomeRecents,
    /// The table of several matches.
    Results,
    /// A contact's detail and note history.
    Contact,
    /// The screen shown when no API token is configured.
    Setup,
    /// The help overlay.
    Help,
    /// The overlay showing a long text (the whole snapshot).
    Reader,
    /// The edit or create form (its keys are handled by `work::form`; rows here are for help).
    Form,
    /// A stage, quality, owner, tags or time zone picker.
    Picker,
    /// The note editor.
    NoteEditor,
    /// The `:` command line.
    CommandLine,
    /// The delete confirmation.
    ConfirmDelete,
    /// The warning that the new contact's email or phone is already in use.
    Duplicates,
    /// The list of kept drafts offered back on start.
    Drafts,
    /// The copy menu (which field to copy).
    CopyMenu,
    /// The export prompt (format and file).
    ExportPrompt,
    /// The profile switcher.
    ProfileSwitcher,
}

impl Context {
    /// True for the contexts of the lead-working screens and overlays.
    pub fn is_work(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::Picker
                | Context::NoteEditor
                | Context::CommandLine
                | Context::ConfirmDelete
                | Context::Duplicates
                | Context::Drafts
        )
    }

    /// True where a text input has the keyboard (help lists the editing keys there).
    pub fn has_text_input(self) -> bool {
        matches!(
            self,
            Context::HomeInput
                | Context::Form
                | Context::Picker
                | Context::CommandLine
                | Context::ExportPrompt
        )
    }
}

/// A key with its modifiers. Letters match regardless of Shift (terminals disagree about
/// reporting it), so `G` is written as `Char('G')` with no modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyChord {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is ignored for characters).
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    /// A key pressed alone.
    pub const fn plain(code: KeyCode) -> KeyChord {
        KeyChord {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A key pressed with Ctrl.
    pub const fn ctrl(c: char) -> KeyChord {
        KeyChord {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// True when the event is this chord.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self.code, event.code) {
            (KeyCode::Char(want), KeyCode::Char(got)) => {
                let got = if relevant.contains(KeyModifiers::CONTROL) {
                    got.to_ascii_lowercase()
                } else {
                    got
                };
                want == got && relevant == self.modifiers
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (want, got) => want == got && (event.modifiers - KeyModifiers::SHIFT) == self.modifiers,
        }
    }

    /// How help and hints write this key: `Ctrl-C`, `Enter`, `↓`, `G`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", key.to_ascii_uppercase())
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{key}")
        } else {
            key
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where the binding applies.
    pub context: Context,
    /// What the keys do there.
    pub action: Action,
    /// The keys, first one shown in hints; replaced as a whole by a `[keys]` entry of the config.
    pub keys: Cow<'static, [KeyChord]>,
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the footer, when this binding deserves a hint there.
    pub hint: Option<&'static str>,
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
    ];

    /// The action's name in the config (`toggle_note_order`).
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// The action a config name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

/// The key bindings in force: the table above with the config's `[keys]` applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The default keymap with some actions bound to other keys (`action name → keys`). Every
    /// row of a rebound action takes the new keys. Unknown actions, and a key that would then do
    /// two things on one screen, are reported together.
    pub fn with_overrides(
        overrides: &BTreeMap<String, Vec<KeyChord>>,
    ) -> Result<Keymap, Vec<String>> {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                problems.push(format!("[keys] {name}: no such action"));
                continue;
            };
            if keys.is_empty() {
                problems.push(format!("[keys] {name}: no key given"));
                continue;
            }
            for binding in keymap.bindings.iter_mut().filter(|b| b.action == action) {
                binding.keys = Cow::Owned(keys.clone());
            }
        }
        problems.extend(keymap.conflicts());
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    /// Keys that would mean two actions on the same screen.
    fn conflicts(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, first) in self.bindings.iter().enumerate() {
            for second in &self.bindings[i + 1..] {
                let shared = first.action != second.action
                    && (first.context == second.context
                        || first.context == Context::Anywhere
                        || second.context == Context::Anywhere);
                if !shared {
                    continue;
                }
                for key in first.keys.iter().filter(|k| second.keys.contains(k)) {
                    problems.push(format!(
                        "[keys] {} would both {} and {}",
                        key.label(),
                        first.action.name(),
                        second.action.name()
                    ));
                }
            }
        }
        problems
    }

    /// The action bound to `event` in the first of `contexts` that binds it.
    pub fn resolve(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        contexts.iter().find_map(|context| {
            self.bindings
                .iter()
                .filter(|binding| binding.context == *context)
                .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
                .map(|binding| binding.action)
        })
    }

    /// The bindings of these contexts in table order, each key-and-action pair once, for help.
    pub fn bindings_for(&self, contexts: &[Context]) -> Vec<&Binding> {
        let mut seen: Vec<&Binding> = Vec::new();
        for binding in contexts
            .iter()
            .flat_map(|context| self.bindings.iter().filter(move |b| b.context == *context))
        {
            // The same keys doing the same thing in two contexts are listed once.
            if !seen
                .iter()
                .any(|b| b.action == binding.action && b.keys == binding.keys)
            {
                seen.push(binding);
            }
        }
        seen
    }

    /// The footer hints of these contexts: (first key's label, hint word).
    pub fn hints_for(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        self.bindings_for(contexts)
            .into_iter()
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
            .collect()
    }
}

/// All key labels of a binding joined for help: `j/↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(KeyChord::label)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
