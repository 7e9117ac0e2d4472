//! The default key table: every binding of the TUI, with the help text and footer hint each
//! shows. `Keymap` (in `keymap/mod.rs`) starts from here and applies the config's `[keys]`.
//! Within one context's stack (`Context::stack`) a key means one thing; a test holds the table
//! to it.

use std::borrow::Cow;

use ratatui::crossterm::event::KeyCode;

use super::{Action, Binding, Context, KeyChord};

pub(super) const fn ch(c: char) -> KeyChord {
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

/// Every binding of the screens and overlays (the text input's editing keys are in
/// `text_input_keys`). Earlier rows win when two could match.
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
        "clear the input (↓ or Tab moves into the recents)",
        "clear"
    ),
    // '?' is a character while typing, so the input's help key is F1 (also bound Anywhere).
    // While the input is empty, the browsing screens' help key (`?`) opens help too.
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
        [ESC, TAB, ch('i')],
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
    bind!(
        Contact,
        Copy,
        [ch('y')],
        "copy one field (a menu: email, phone, uid, name…)",
        "copy"
    ),
    bind!(
        Contact,
        CopyAll,
        [ch('Y')],
        "copy the whole contact as text"
    ),
    bind!(
        Contact,
        Export,
        [ch('x')],
        "export to a file (vCard 3.0, vCard 4.0, JSON)"
    ),
    bind!(CopyMenu, CloseOverlay, [ESC], "copy nothing", "cancel"),
    bind!(CopyMenu, CopyEmail, [ch('e')], "copy the email"),
    bind!(CopyMenu, CopyPhone, [ch('p')], "copy the phone"),
    bind!(CopyMenu, CopyUid, [ch('u')], "copy the uid"),
    bind!(CopyMenu, CopyName, [ch('n')], "copy the name"),
    bind!(CopyMenu, CopyAddress, [ch('a')], "copy the address"),
    bind!(CopyMenu, CopyBusiness, [ch('b')], "copy the business name"),
    bind!(ExportPrompt, Submit, [ENTER], "write the file", "write"),
    bind!(
        ExportPrompt,
        NextFormat,
        [TAB],
        "the next format (vCard 3.0, vCard 4.0, JSON)",
        "format"
    ),
    bind!(
        ExportPrompt,
        CloseOverlay,
        [ESC],
        "export nothing",
        "cancel"
    ),
    bind!(
        ProfileSwitcher,
        Submit,
        [ENTER],
        "switch to the selected profile",
        "switch"
    ),
    bind!(ProfileSwitcher, Down, [ch('j'), DOWN], "next profile"),
    bind!(ProfileSwitcher, Up, [ch('k'), UP], "previous profile"),
    bind!(
        ProfileSwitcher,
        CloseOverlay,
        [ESC, ch('q')],
        "stay on this profile",
        "cancel"
    ),
    bind!(Contact, ShowSnapshot, [ch('v')], "read the whole snapshot"),
    bind!(
        Reader,
        CloseOverlay,
        [ESC, ch('q'), ch('v')],
        "close",
        "close"
    ),
    bind!(Reader, Down, [ch('j'), DOWN], "scroll down"),
    bind!(Reader, Up, [ch('k'), UP], "scroll up"),
    bind!(Reader, PageDown, [PAGE_DOWN, ch(' ')], "down a page"),
    bind!(Reader, PageUp, [PAGE_UP], "up a page"),
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
    bind!(
        Contact,
        LogCall,
        [ch('l')],
        "log a call: quick note, Ctrl-S, then the next stage"
    ),
    bind!(Contact, NextLead, [ch(']')], "worklist: the next lead"),
    bind!(
        Contact,
        PreviousLead,
        [ch('[')],
        "worklist: the previous lead"
    ),
    bind!(
        Contact,
        Undo,
        [ch('u')],
        "undo the last change made here to this contact (asks first)"
    ),
    bind!(Worklist, Submit, [ENTER], "open the lead", "open"),
    bind!(Worklist, Down, [DOWN, KeyChord::ctrl('n')], "next lead"),
    bind!(Worklist, Up, [UP, KeyChord::ctrl('p')], "previous lead"),
    bind!(Worklist, PageDown, [PAGE_DOWN], "down a page of leads"),
    bind!(Worklist, PageUp, [PAGE_UP], "up a page of leads"),
    bind!(Worklist, Back, [ESC], "clear the filter, or back", "back"),
    bind!(
        QuickNotes,
        QuickNote1,
        [ch('1')],
        "insert quick note 1",
        "quick note"
    ),
    bind!(QuickNotes, QuickNote2, [ch('2')], "insert quick note 2"),
    bind!(QuickNotes, QuickNote3, [ch('3')], "insert quick note 3"),
    bind!(QuickNotes, QuickNote4, [ch('4')], "insert quick note 4"),
    bind!(QuickNotes, QuickNote5, [ch('5')], "insert quick note 5"),
    bind!(QuickNotes, QuickNote6, [ch('6')], "insert quick note 6"),
    bind!(QuickNotes, QuickNote7, [ch('7')], "insert quick note 7"),
    bind!(QuickNotes, QuickNote8, [ch('8')], "insert quick note 8"),
    bind!(QuickNotes, QuickNote9, [ch('9')], "insert quick note 9"),
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
    bind!(Form, PageDown, [PAGE_DOWN], "five fields down"),
    bind!(Form, PageUp, [PAGE_UP], "five fields up"),
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
    bind!(Picker, PageDown, [PAGE_DOWN], "down a page of values"),
    bind!(Picker, PageUp, [PAGE_UP], "up a page of values"),
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
    bind!(
        Picker,
        Cancel,
        [ESC, KeyChord::ctrl('g')],
        "close without changing anything"
    ),
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
        [TAB],
        "complete the command or value (again: the next one)"
    ),
    bind!(
        CommandLine,
        CompletePrevious,
        [BACK_TAB],
        "the previous completion"
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
    bind!(Question, Yes, [ch('y'), ch('Y')], "yes (any other key: no)"),
    bind!(Setup, Quit, [ch('q'), ESC], "quit genius", "quit"),
    bind!(Setup, Help, [ch('?')], "help for this screen", "help"),
    bind!(Reader, Help, [ch('?')], "help for this screen"),
    bind!(
        Setup,
        SwitchProfile,
        [ch('P')],
        "switch to another account profile",
        "profiles"
    ),
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
        TogglePrivacy,
        [ch('p')],
        "privacy mode: mask emails, phones and addresses"
    ),
    bind!(
        Browsing,
        SwitchProfile,
        [ch('P')],
        "switch to another account profile"
    ),
    bind!(
        Browsing,
        CommandLine,
        [ch(':')],
        "the command line (:stage, :note, :open…)"
    ),
];
