//! Keys, pastes and mouse wheel on the screens: what an input does once it is run (rather than
//! kept for later by `typeahead`) — an open overlay takes it first, then the keymap's action for
//! the top screen, else the text input that has the keyboard.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEventKind};
use ratatui::layout::Rect;

use crate::tui::app::command::Command;
use crate::tui::app::msg::Msg;
use crate::tui::app::trust::is_trust_action;
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::keymap::Action;
use crate::tui::model::display::drawable_contact;
use crate::tui::overlays::help::HelpOverlay;
use crate::tui::overlays::reader::ReaderOverlay;
use crate::tui::screens::contact;
use crate::tui::screens::home::HomeFocus;
use crate::tui::screens::results;
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input;

impl App {
    /// A key, paste or mouse event, run now (`Release` events mean nothing).
    pub(crate) fn handle_input(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.on_action(Action::Down),
                MouseEventKind::ScrollUp => self.on_action(Action::Up),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if let Some(Overlay::Trust(_)) = &self.overlay {
            return self.on_trust_overlay_key(key);
        }
        if self.work_has_keyboard() {
            return self.on_work_key(key);
        }
        if let Some(commands) = self.on_overlay_key(&key) {
            return commands;
        }
        if let Some(action) = self.keymap.resolve(&self.screen_contexts(), &key) {
            return self.on_action(action);
        }
        if let Some(Screen::Home(home)) = self.screens.last_mut()
            && home.focus == HomeFocus::Input
            && text_input::edit(&mut home.input, &key)
        {
            home.selected = None;
        }
        Vec::new()
    }

    fn on_paste(&mut self, text: &str) -> Vec<Command> {
        if let Some(Overlay::Trust(_)) = &self.overlay {
            self.on_trust_paste(text);
            return Vec::new();
        }
        if self.work_has_keyboard() {
            return self.on_work_paste(text);
        }
        if matches!(self.top(), Screen::Setup) || self.overlay.is_some() {
            return Vec::new();
        }
        if !matches!(self.top(), Screen::Home(home) if home.focus == HomeFocus::Input) {
            self.focus_lookup();
        }
        if let Some(Screen::Home(home)) = self.screens.last_mut() {
            text_input::paste(&mut home.input, text);
            home.selected = None;
        }
        Vec::new()
    }

    /// The body area of the screen (between the title line and the status bar).
    pub(crate) fn body_area(&self) -> Rect {
        Rect::new(
            0,
            1,
            self.viewport.width,
            self.viewport.height.saturating_sub(2),
        )
    }

    pub(crate) fn on_action(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::ForceQuit | Action::Quit => return self.quit(),
            Action::Suspend => return vec![Command::Suspend],
            Action::Help => {
                self.overlay = Some(Overlay::Help(HelpOverlay::default()));
                return Vec::new();
            }
            Action::FocusLookup => {
                return self.focus_lookup();
            }
            Action::Back => return self.back(),
            action if action.is_work() => return self.on_work_action(action),
            action if is_trust_action(action) => return self.on_trust_action(action),
            _ => {}
        }
        let body = self.body_area();
        let clock = self.clock;
        let visible_recents = match self.top() {
            Screen::Home(home) => home.visible_recents(self).len(),
            _ => 0,
        };
        match self.screens.last_mut() {
            Some(Screen::Home(home)) => match action {
                // ↓ and Tab are the only ways into the list, and it shows (`home::render`).
                Action::Down => {
                    home.move_selection(1, visible_recents);
                    home.focus = HomeFocus::Recents;
                }
                Action::Up => {
                    home.move_selection(-1, visible_recents);
                    if home.selected.is_none() {
                        home.focus = HomeFocus::Input;
                    }
                }
                Action::Top => home.selected = (visible_recents > 0).then_some(0),
                Action::Bottom => home.selected = visible_recents.checked_sub(1),
                Action::Submit => return self.submit_lookup(),
                _ => {}
            },
            Some(Screen::Results(list)) => {
                let page = results::visible_rows(body);
                let row = list.selected as isize;
                match action {
                    Action::Down => list.select(row + 1, page),
                    Action::Up => list.select(row - 1, page),
                    Action::PageDown => list.select(row + page as isize, page),
                    Action::PageUp => list.select(row - page as isize, page),
                    Action::Top => list.select(0, page),
                    Action::Bottom => list.select(isize::MAX / 2, page),
                    Action::Submit => return self.open_selected_result(),
                    _ => {}
                }
            }
            Some(Screen::Contact(screen)) => {
                let parts = contact::layout(
                    body,
                    &drawable_contact(&screen.contact),
                    &clock,
                    &Theme::default(),
                );
                let (width, height) = (parts.notes.width, parts.notes.height);
                let page = (height as usize).saturating_sub(1).max(1);
                match action {
                    Action::Down => screen.notes.scroll_down(1, width, height),
                    Action::Up => screen.notes.scroll_up(1, width),
                    Action::PageDown => screen.notes.scroll_down(page, width, height),
                    Action::PageUp => screen.notes.scroll_up(page, width),
                    Action::Top => screen.notes.scroll_to_top(),
                    Action::Bottom => screen.notes.scroll_to_bottom(width, height),
                    Action::ToggleNoteOrder => screen.notes.toggle_order(),
                    Action::ShowSnapshot => {
                        let title = format!("Snapshot — {}", screen.contact.display_name());
                        match crate::tui::model::display::present(&screen.contact.snapshot) {
                            Some(text) => {
                                self.overlay =
                                    Some(Overlay::Reader(ReaderOverlay::new(title, text)));
                            }
                            None => {
                                self.notice =
                                    Some(Notice::Info("this contact has no snapshot".into()));
                            }
                        }
                    }
                    Action::Refresh => return self.refresh_contact(),
                    _ => {}
                }
            }
            Some(Screen::Setup) | Some(Screen::Work(_)) | None => {}
        }
        Vec::new()
    }
}
