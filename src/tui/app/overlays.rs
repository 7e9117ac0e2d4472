//! Keys while the help or the reader overlay is open: scrolling, closing, and the keys that work
//! everywhere (Ctrl-C, Ctrl-Z). Lead-working overlays take their keys in `work::flow`.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::command::Command;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{Action, Context};
use crate::tui::overlays::help::HelpOverlay;

impl App {
    /// The commands for `key` when the help or the reader is open; `None` when neither is.
    pub(crate) fn on_overlay_key(&mut self, key: &KeyEvent) -> Option<Vec<Command>> {
        let help_max_scroll = match self.overlay {
            Some(Overlay::Help(_)) => {
                crate::tui::overlays::help::max_scroll(self, self.body_area().height)
            }
            _ => 0,
        };
        let body = self.body_area();
        if let Some(Overlay::Reader(reader)) = &mut self.overlay {
            return Some(
                match self
                    .keymap
                    .resolve(&[Context::Reader, Context::Anywhere], key)
                {
                    Some(Action::CloseOverlay) => {
                        self.overlay = None;
                        Vec::new()
                    }
                    Some(
                        action @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp),
                    ) => {
                        reader.scroll_by(action, body);
                        Vec::new()
                    }
                    Some(Action::Help) => {
                        self.overlay = Some(Overlay::Help(HelpOverlay::default()));
                        Vec::new()
                    }
                    Some(action @ (Action::ForceQuit | Action::Suspend)) => self.on_action(action),
                    _ => Vec::new(),
                },
            );
        }
        if let Some(Overlay::Help(help)) = &mut self.overlay {
            return Some(
                match self
                    .keymap
                    .resolve(&[Context::Help, Context::Anywhere], key)
                {
                    Some(Action::CloseOverlay) | Some(Action::Help) => {
                        self.overlay = None;
                        Vec::new()
                    }
                    Some(Action::Down) => {
                        help.scroll = help.scroll.saturating_add(1).min(help_max_scroll);
                        Vec::new()
                    }
                    Some(Action::Up) => {
                        help.scroll = help.scroll.saturating_sub(1);
                        Vec::new()
                    }
                    Some(action @ (Action::ForceQuit | Action::Suspend)) => self.on_action(action),
                    _ => Vec::new(),
                },
            );
        }
        None
    }
}
