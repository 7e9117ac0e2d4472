//! The one table of key bindings: which key does what, where, and how help describes it. Dispatch
//! (`App::update`), the footer hints and the help overlay all read [`BINDINGS`], so they can never
//! disagree. `Action` names are serde snake_case so a config file can rebind them later.
//!
//! Reserved for the lead-working features (issue 4), so nothing here may take them on the contact
//! screen: `e` edit, `s` stage, `o` owner, `Q` quality, `t` tags, `n` note, `c` create, `D` delete,
//! `:` command line. [`RESERVED_FOR_WORK`] lists them and a test keeps this table off them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
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
            Context::HomeInput | Context::Form | Context::Picker | Context::CommandLine
        )
    }
}

/// A key with its modifiers. Letters match regardless of Shift (terminals disagree about
/// reporting it), so `G` is written as `Char('G')` with no modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyChord {
    pub code: KeyCode,
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
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: &'static [KeyChord],
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the footer, when this binding deserves a hint there.
    pub hint: Option<&'static str>,
}

const fn ch(c: char) -> KeyChord {
    KeyChord::plain(KeyCode::Char(c))
}
const ENTER: KeyChord = KeyChord::plain(KeyCode::Enter);
const ESC: KeyChord = KeyChord::plain(KeyCode::Esc);
const UP: KeyChord = KeyChord::plain(KeyCode::Up);
const DOWN: KeyChord = KeyChord::plain(KeyCode::Down);
const PAGE_UP: KeyChord = KeyChord::plain(KeyCode::PageUp);
const PAGE_DOWN: KeyChord = KeyChord::plain(KeyCode::PageDown);
const HOME: KeyChord = KeyChord::plain(KeyCode::Home);
const END: KeyChord = KeyChord::plain(KeyCode::End);
const TAB: KeyChord = KeyChord::plain(KeyCode::Tab);
const F1: KeyChord = KeyChord::plain(KeyCode::F(1));
const BACK_TAB: KeyChord = KeyChord::plain(KeyCode::BackTab);

/// Keys the lead-working features (issue 4) own on the contact screen.
pub const RESERVED_FOR_WORK: &[char] = &['e', 's', 'o', 'Q', 't', 'n', 'c', 'D', ':'];

macro_rules! bind {
    ($context:ident, $action:ident, [$($key:expr),+], $help:expr) => {
        Binding { context: Context::$context, action: Action::$action, keys: &[$($key),+], help: $help, hint: None }
    };
    ($context:ident, $action:ident, [$($key:expr),+], $help:expr, $hint:expr) => {
        Binding { context: Context::$context, action: Action::$action, keys: &[$($key),+], help: $help, hint: Some($hint) }
    };
}

/// Every binding of the TUI. Earlier rows win when two could match.
pub static BINDINGS: &[Binding] = &[
    bind!(
        Anywhere,
        ForceQuit,
        [KeyChord::ctrl('c')],
        "quit genius from anywhere"
    ),
    bind!(
        Anywhere,
        Suspend,
        [KeyChord::ctrl('z')],
        "suspend to the shell (fg returns)"
    ),
    bind!(Anywhere, Help, [F1], "help for this screen"),
    bind!(
        Help,
        CloseOverlay,
        [ESC, ch('?'), ch('q')],
        "close help",
        "close"
    ),
    bind!(Help, Down, [ch('j'), DOWN], "scroll down"),
    bind!(Help, Up, [ch('k'), UP], "scroll up"),
    bind!(
        HomeInput,
        Submit,
        [ENTER],
        "look up what is typed",
        "look up"
    ),
    bind!(
        HomeInput,
        Down,
        [DOWN, TAB],
        "move into the recent contacts",
        "recents"
    ),
    bind!(HomeInput, Up, [UP], "move up the recent contacts"),
    bind!(
        HomeInput,
        Back,
        [ESC],
        "clear the input; again to leave it (then q quits)",
        "clear"
    ),
    // '?' is a character while typing, so the input's help key is F1 (also bound Anywhere).
    bind!(HomeInput, Help, [F1], "help for this screen", "help"),
    bind!(
        HomeRecents,
        Submit,
        [ENTER],
        "open the selected recent contact",
        "open"
    ),
    bind!(HomeRecents, Down, [ch('j'), DOWN], "next recent contact"),
    bind!(HomeRecents, Up, [ch('k'), UP], "previous recent contact"),
    bind!(HomeRecents, Top, [ch('g'), HOME], "first recent contact"),
    bind!(HomeRecents, Bottom, [ch('G'), END], "last recent contact"),
    bind!(
        HomeRecents,
        FocusLookup,
        [ESC, ch('i'), TAB],
        "back to the lookup input",
        "type"
    ),
    bind!(HomeRecents, Quit, [ch('q')], "quit genius", "quit"),
    bind!(
        Results,
        Submit,
        [ENTER],
        "open the selected contact",
        "open"
    ),
    bind!(Results, Down, [ch('j'), DOWN], "next row"),
    bind!(Results, Up, [ch('k'), UP], "previous row"),
    bind!(
        Results,
        PageDown,
        [PAGE_DOWN, KeyChord::ctrl('d')],
        "down a page"
    ),
    bind!(Results, PageUp, [PAGE_UP, KeyChord::ctrl('u')], "up a page"),
    bind!(Results, Top, [ch('g'), HOME], "first row"),
    bind!(Results, Bottom, [ch('G'), END], "last row"),
    bind!(Results, Back, [ESC], "back", "back"),
    bind!(
        Contact,
        Down,
        [ch('j'), DOWN],
        "scroll the notes down a line"
    ),
    bind!(Contact, Up, [ch('k'), UP], "scroll the notes up a line"),
    bind!(
        Contact,
        PageDown,
        [PAGE_DOWN, KeyChord::ctrl('d'), ch(' ')],
        "notes down a page",
        "scroll"
    ),
    bind!(
        Contact,
        PageUp,
        [PAGE_UP, KeyChord::ctrl('u')],
        "notes up a page"
    ),
    bind!(Contact, Top, [ch('g'), HOME], "to the first note"),
    bind!(Contact, Bottom, [ch('G'), END], "to the last note"),
    bind!(
        Contact,
        ToggleNoteOrder,
        [ch('O')],
        "notes newest first / oldest first",
        "order"
    ),
    bind!(
        Contact,
        Refresh,
        [ch('r')],
        "refresh the contact from the server",
        "refresh"
    ),
    bind!(Contact, Back, [ESC], "back", "back"),
    bind!(Contact, Edit, [ch('e')], "edit the contact's fields"),
    bind!(Contact, ChangeStage, [ch('s')], "change the stage"),
    bind!(Contact, ChangeQuality, [ch('Q')], "change the quality"),
    bind!(
        Contact,
        ChangeOwner,
        [ch('o')],
        "give the contact to another owner"
    ),
    bind!(
        Contact,
        AddTags,
        [ch('t')],
        "add tags (the API cannot remove them)"
    ),
    bind!(Contact, AddNote, [ch('n')], "write a note"),
    bind!(Contact, CreateContact, [ch('c')], "create a new contact"),
    bind!(
        Contact,
        Delete,
        [ch('D')],
        "delete the contact (asks first)"
    ),
    bind!(
        HomeInput,
        CreateContact,
        [KeyChord::ctrl('n')],
        "create a new contact"
    ),
    bind!(
        HomeRecents,
        CreateContact,
        [ch('c')],
        "create a new contact"
    ),
    bind!(
        Form,
        Save,
        [KeyChord::ctrl('s')],
        "save (refused with the reason while invalid)"
    ),
    bind!(
        Form,
        NextField,
        [TAB, DOWN, KeyChord::ctrl('n')],
        "next field"
    ),
    bind!(
        Form,
        PreviousField,
        [BACK_TAB, UP, KeyChord::ctrl('p')],
        "previous field"
    ),
    bind!(
        Form,
        Pick,
        [ENTER],
        "pick from a list (stage, quality, owner, tags, time zone); else next field"
    ),
    bind!(
        Form,
        Cancel,
        [ESC],
        "leave the form (asks first when something changed)"
    ),
    bind!(
        Picker,
        Pick,
        [ENTER],
        "choose the highlighted value (tags: add it; on an empty line: save)"
    ),
    bind!(Picker, Down, [DOWN, KeyChord::ctrl('n')], "next value"),
    bind!(Picker, Up, [UP, KeyChord::ctrl('p')], "previous value"),
    bind!(
        Picker,
        Complete,
        [TAB],
        "complete the filter to the highlighted value"
    ),
    bind!(
        Picker,
        Save,
        [KeyChord::ctrl('s')],
        "tags: add everything collected"
    ),
    bind!(Picker, Cancel, [ESC], "close without changing anything"),
    bind!(NoteEditor, Save, [KeyChord::ctrl('s')], "send the note"),
    bind!(
        NoteEditor,
        ExternalEditor,
        [KeyChord::ctrl('x')],
        "then Ctrl-E: write the note in $VISUAL/$EDITOR"
    ),
    bind!(
        NoteEditor,
        Cancel,
        [ESC],
        "leave the editor (asks first when something is written)"
    ),
    bind!(CommandLine, Pick, [ENTER], "run the command"),
    bind!(
        CommandLine,
        Complete,
        [TAB, BACK_TAB],
        "complete the command or value (again: the next one)"
    ),
    bind!(
        CommandLine,
        HistoryPrevious,
        [UP, KeyChord::ctrl('p')],
        "an earlier command"
    ),
    bind!(
        CommandLine,
        HistoryNext,
        [DOWN, KeyChord::ctrl('n')],
        "a later command"
    ),
    bind!(CommandLine, Cancel, [ESC], "close the command line"),
    bind!(
        ConfirmDelete,
        ConfirmDelete,
        [ch('D')],
        "delete the contact for good"
    ),
    bind!(
        ConfirmDelete,
        Cancel,
        [ESC],
        "keep the contact (any other key too)"
    ),
    bind!(
        Duplicates,
        Pick,
        [ENTER],
        "open the highlighted existing contact"
    ),
    bind!(
        Duplicates,
        CreateAnyway,
        [ch('c')],
        "create the new contact anyway"
    ),
    bind!(Duplicates, Down, [ch('j'), DOWN], "next contact"),
    bind!(Duplicates, Up, [ch('k'), UP], "previous contact"),
    bind!(Duplicates, Cancel, [ESC], "back to the form"),
    bind!(Drafts, Pick, [ENTER], "resume the highlighted draft"),
    bind!(
        Drafts,
        DiscardDraft,
        [ch('d')],
        "throw the highlighted draft away"
    ),
    bind!(Drafts, Down, [ch('j'), DOWN], "next draft"),
    bind!(Drafts, Up, [ch('k'), UP], "previous draft"),
    bind!(
        Drafts,
        Cancel,
        [ESC],
        "not now (they are offered again next time)"
    ),
    bind!(Setup, Quit, [ch('q'), ESC], "quit genius", "quit"),
    bind!(
        Browsing,
        FocusLookup,
        [ch('/')],
        "look up another contact",
        "lookup"
    ),
    bind!(Browsing, Help, [ch('?')], "help for this screen", "help"),
    bind!(
        Browsing,
        CommandLine,
        [ch(':')],
        "the command line (:stage, :note, :open…)"
    ),
];

/// The action bound to `event` in the first of `contexts` that binds it.
pub fn resolve(contexts: &[Context], event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|binding| binding.context == *context)
            .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
            .map(|binding| binding.action)
    })
}

/// The bindings of these contexts, in table order, for the help overlay.
pub fn bindings_for(contexts: &[Context]) -> Vec<&'static Binding> {
    let mut seen: Vec<&'static Binding> = Vec::new();
    for binding in contexts
        .iter()
        .flat_map(|context| BINDINGS.iter().filter(move |b| b.context == *context))
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
pub fn hints_for(contexts: &[Context]) -> Vec<(String, &'static str)> {
    bindings_for(contexts)
        .into_iter()
        .filter_map(|b| b.hint.map(|hint| (b.keys[0].label(), hint)))
        .collect()
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
mod tests {
    use super::*;

    #[test]
    fn reserved_keys_stay_free_on_browsing_screens() {
        for binding in BINDINGS.iter().filter(|b| {
            matches!(
                b.context,
                Context::Contact | Context::Browsing | Context::Results
            ) && !b.action.is_work()
        }) {
            for key in binding.keys {
                if let KeyCode::Char(c) = key.code {
                    assert!(
                        !RESERVED_FOR_WORK.contains(&c),
                        "{c} is reserved for issue 4 but bound to {:?}",
                        binding.action
                    );
                }
            }
        }
    }

    #[test]
    fn letters_match_with_or_without_shift_and_ctrl_is_distinct() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            resolve(&[Context::Results], &shifted_g),
            Some(Action::Bottom)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            resolve(&[Context::Anywhere], &ctrl_c),
            Some(Action::ForceQuit)
        );
        let plain_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(
            resolve(&[Context::Anywhere, Context::Contact], &plain_c),
            Some(Action::CreateContact),
            "plain c is not Ctrl-C"
        );
        assert_eq!(KeyChord::ctrl('c').label(), "Ctrl-C");
    }

    #[test]
    fn actions_have_snake_case_names_for_the_config() {
        let name = serde_json::to_string(&Action::ToggleNoteOrder).unwrap_or_default();
        assert_eq!(name, "\"toggle_note_order\"");
    }
}
