//! Where input reaches the components: a key is looked up once in the keymap, in the context of
//! whatever has the keyboard (`App::contexts`), then acted on in this order — the keys that work
//! anywhere (Ctrl-C, Ctrl-Z), an open overlay, the app's own actions on a screen (help, a new
//! lookup, back, privacy, profiles, the command line, create), and finally the top screen. A paste
//! goes the same way; the mouse wheel scrolls as ↑/↓ do. Outcomes are acted on in `screens.rs`
//! and `overlays.rs`.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEventKind};

use crate::tui::app::{App, Command, Msg, Notice, Overlay, Screen};
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::overlays::help::{HelpOverlay, help_lines};
use crate::tui::screens::home::HomeFocus;

impl App {
    /// A key, paste or mouse event, run now (`Release` events mean nothing).
    pub(crate) fn handle_input(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Msg::Paste(text) => self.on_paste(text),
            Msg::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.dispatch(UserInput::Action(Action::Down)),
                MouseEventKind::ScrollUp => self.dispatch(UserInput::Action(Action::Up)),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let input = match self.keymap.resolve(&self.contexts(), &key) {
            Some(action) => UserInput::Action(action),
            // On the empty lookup input nothing is being typed yet: the browsing screens'
            // help key (`?`) is help there too, as it is one `↓` away in the recents.
            None if self.lookup_is_empty()
                && self.keymap.resolve(&[Context::Browsing], &key) == Some(Action::Help) =>
            {
                UserInput::Action(Action::Help)
            }
            None => UserInput::Key(key),
        };
        self.dispatch(input)
    }

    /// True while the start screen's lookup input has the keyboard and holds nothing.
    fn lookup_is_empty(&self) -> bool {
        self.overlay.is_none()
            && matches!(self.top(), Screen::Home(home)
                if home.focus == HomeFocus::Input && home.input.value().is_empty())
    }

    fn on_paste(&mut self, text: String) -> Vec<Command> {
        // On a browsing screen a paste is a lookup: it lands in the start screen's input.
        let browsing = matches!(
            self.top(),
            Screen::Results(_) | Screen::Contact(_) | Screen::Home(_)
        );
        let typing = matches!(self.top(), Screen::Home(home) if home.focus == HomeFocus::Input);
        if self.overlay.is_none() && browsing && !typing {
            self.focus_lookup();
        }
        self.dispatch(UserInput::Paste(text))
    }

    /// Input as the keymap resolved it, to whatever has the keyboard.
    pub(crate) fn dispatch(&mut self, input: UserInput) -> Vec<Command> {
        match input {
            UserInput::Action(Action::ForceQuit) => return self.quit(),
            UserInput::Action(Action::Suspend) => return vec![Command::Suspend],
            _ => {}
        }
        if let Some(overlay) = self.overlay.take() {
            return self.overlay_input(overlay, input);
        }
        if let UserInput::Action(action) = input
            && let Some(commands) = self.app_action(action)
        {
            return commands;
        }
        self.screen_input(input)
    }

    /// The actions the app answers itself on every screen, whichever screen is on top; `None`
    /// for the others, which the top screen takes.
    fn app_action(&mut self, action: Action) -> Option<Vec<Command>> {
        Some(match action {
            Action::Quit => self.quit(),
            Action::Help => {
                self.open_help();
                Vec::new()
            }
            Action::FocusLookup => self.focus_lookup(),
            Action::Back => self.back(),
            Action::TogglePrivacy => {
                self.toggle_privacy();
                Vec::new()
            }
            Action::SwitchProfile => {
                self.open_profile_switcher();
                Vec::new()
            }
            Action::CommandLine => {
                self.open_command_line();
                Vec::new()
            }
            Action::CreateContact => self.create_contact(),
            _ => return None,
        })
    }

    /// Opens the help of the screen on top.
    pub(crate) fn open_help(&mut self) {
        let lines = help_lines(
            &self.keymap,
            &self.screen_contexts(),
            self.log_dir.as_deref(),
            &self.theme,
        );
        self.overlay = Some(Overlay::Help(HelpOverlay::new(lines.len())));
    }

    fn toggle_privacy(&mut self) {
        self.privacy = !self.privacy;
        let state = if self.privacy {
            "on: emails, phones and addresses are masked"
        } else {
            "off"
        };
        self.notice = Some(Notice::Info(format!("privacy mode {state}")));
    }

    /// True when the keys go to a text input that shows what is typed.
    pub(crate) fn has_a_focused_text_input(&self) -> bool {
        matches!(
            self.contexts().first(),
            Some(
                Context::HomeInput
                    | Context::Form
                    | Context::Picker
                    | Context::CommandLine
                    | Context::ExportPrompt
                    | Context::NoteEditor
            )
        )
    }
}
