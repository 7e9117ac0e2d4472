//! Where a binding applies, and which contexts a key is looked up in, most specific first: a
//! contact's keys, then the keys of every browsing screen, then the keys that work anywhere.

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere, even while typing in an input or with an overlay open.
    Anywhere,
    /// On every screen while no text input has the keyboard and no overlay is open.
    Browsing,
    /// Every single-line text input (the lookup, form fields, the command line, a picker's
    /// filter, the export prompt's file): its editing keys.
    TextInput,
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
    /// The edit or create form.
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
    /// A yes-or-no question ("discard your changes?"): yes, or any other key for no.
    Question,
    /// The copy menu (which field to copy).
    CopyMenu,
    /// The export prompt (format and file).
    ExportPrompt,
    /// The profile switcher.
    ProfileSwitcher,
    /// The list of leads of a worklist, its filter typed in.
    Worklist,
    /// The note editor of a call being logged, while it is empty: digits insert quick notes.
    QuickNotes,
}

impl Context {
    /// Every context, for checking the table.
    pub const ALL: &'static [Context] = &[
        Context::Anywhere,
        Context::Browsing,
        Context::TextInput,
        Context::HomeInput,
        Context::HomeRecents,
        Context::Results,
        Context::Contact,
        Context::Setup,
        Context::Help,
        Context::Reader,
        Context::Form,
        Context::Picker,
        Context::NoteEditor,
        Context::CommandLine,
        Context::ConfirmDelete,
        Context::Duplicates,
        Context::Drafts,
        Context::Question,
        Context::CopyMenu,
        Context::ExportPrompt,
        Context::ProfileSwitcher,
        Context::Worklist,
        Context::QuickNotes,
    ];

    /// The contexts a key is looked up in while this one has the keyboard, most specific first.
    /// A key means one thing in the whole stack (`Keymap::with_overrides` checks it).
    pub fn stack(self) -> &'static [Context] {
        use Context::*;
        match self {
            Anywhere => &[Anywhere],
            Browsing => &[Browsing, Anywhere],
            TextInput => &[TextInput, Anywhere],
            HomeInput => &[HomeInput, TextInput, Anywhere],
            Form => &[Form, TextInput, Anywhere],
            Picker => &[Picker, TextInput, Anywhere],
            CommandLine => &[CommandLine, TextInput, Anywhere],
            ExportPrompt => &[ExportPrompt, TextInput, Anywhere],
            HomeRecents => &[HomeRecents, Browsing, Anywhere],
            Results => &[Results, Browsing, Anywhere],
            Contact => &[Contact, Browsing, Anywhere],
            Setup => &[Setup, Anywhere],
            Help => &[Help, Anywhere],
            Reader => &[Reader, Anywhere],
            NoteEditor => &[NoteEditor, Anywhere],
            ConfirmDelete => &[ConfirmDelete, Anywhere],
            Duplicates => &[Duplicates, Anywhere],
            Drafts => &[Drafts, Anywhere],
            Question => &[Question, Anywhere],
            CopyMenu => &[CopyMenu, Anywhere],
            ProfileSwitcher => &[ProfileSwitcher, Anywhere],
            Worklist => &[Worklist, TextInput, Anywhere],
            QuickNotes => &[QuickNotes, NoteEditor, Anywhere],
        }
    }

    /// True where a single-line text input has the keyboard: a printable character is text
    /// there, never a command, and help lists the editing keys.
    pub fn has_text_input(self) -> bool {
        self.stack().contains(&Context::TextInput)
    }

    /// Where this context is, in words, for a message about the keys.
    pub fn describe(self) -> &'static str {
        match self {
            Context::Anywhere => "everywhere",
            Context::Browsing => "every screen",
            Context::TextInput => "every text input",
            Context::HomeInput => "the lookup input",
            Context::HomeRecents => "the recent contacts",
            Context::Results => "the matches",
            Context::Contact => "a contact",
            Context::Setup => "the setup screen",
            Context::Help => "the help",
            Context::Reader => "the reader",
            Context::Form => "the contact form",
            Context::Picker => "a picker",
            Context::NoteEditor => "the note editor",
            Context::CommandLine => "the command line",
            Context::ConfirmDelete => "the delete confirmation",
            Context::Duplicates => "the duplicates warning",
            Context::Drafts => "the drafts list",
            Context::Question => "a yes-or-no question",
            Context::CopyMenu => "the copy menu",
            Context::ExportPrompt => "the export prompt",
            Context::ProfileSwitcher => "the profile switcher",
            Context::Worklist => "the worklist",
            Context::QuickNotes => "the quick notes of a call being logged",
        }
    }
}
