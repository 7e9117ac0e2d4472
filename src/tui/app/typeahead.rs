//! Keys typed ahead. While a reply that will change the screen is awaited (a lookup, a save, a
//! note, a create, a delete, a draft resumed — not a refresh, which only freshens the contact
//! already shown: `Purpose::changes_the_screen`), the keys and pastes that arrive are kept
//! here in order, and replayed through the normal key path once nothing is awaited any more — on
//! the screen the reply left, which is the screen they were typed for. Ctrl-C and Ctrl-Z act at
//! once; Esc stops waiting (`waiting.rs`).
//!
//! **After a failure** (the reply was an error, or Esc gave up the wait) the screen is still the
//! one the user was on, not the one the keys were typed for. Then only literal text goes on — a
//! printable key without Ctrl or Alt, or a paste — and only into a focused text input, where it
//! shows; every other key (Enter, arrows, a letter that would run a command here) is not run but
//! counted on the status line ("3 keys typed ahead were not used"). So nothing runs as a command
//! the user did not see armed, and nothing typed disappears without a word.

use std::collections::VecDeque;

use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

use crate::api::ApiError;
use crate::tui::app::{Answer, App, Command, Msg, Notice};
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::RequestId;

/// The most keys kept while waiting; beyond it the status line says keys were not kept.
pub const TYPEAHEAD_LIMIT: usize = 512;

/// The keys and pastes waiting for the screen they were typed for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typeahead {
    queued: VecDeque<Msg>,
    /// The wait ended in a failure (or was given up): replay only literal text.
    failed: bool,
    /// Keys that came when the queue was full and were not kept.
    overflowed: usize,
}

impl Typeahead {
    /// How many keys and pastes wait.
    pub fn len(&self) -> usize {
        self.queued.len()
    }

    /// True when nothing waits.
    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }

    /// The keys and pastes waiting, oldest first.
    pub fn queued(&self) -> impl Iterator<Item = &Msg> {
        self.queued.iter()
    }

    /// Keeps `msg`; false (and counted) when the queue is full.
    fn push(&mut self, msg: Msg) -> bool {
        if self.queued.len() >= TYPEAHEAD_LIMIT {
            self.overflowed += 1;
            return false;
        }
        self.queued.push_back(msg);
        true
    }
}

/// A printable key without Ctrl or Alt, or a paste: text the user can see land in an input.
fn is_literal_text(msg: &Msg) -> bool {
    match msg {
        Msg::Paste(_) => true,
        Msg::Key(key) => {
            matches!(key.code, KeyCode::Char(c) if !c.is_control())
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::META)
        }
        _ => false,
    }
}

/// "1 key typed ahead was not used" / "5 keys typed ahead were not used".
fn unused_words(count: usize) -> String {
    if count == 1 {
        "1 key typed ahead was not used".to_string()
    } else {
        format!("{count} keys typed ahead were not used")
    }
}

impl App {
    /// True while a reply that will change the screen is awaited: keys wait for it.
    pub fn waits_for_the_screen(&self) -> bool {
        self.requests.hold_the_screen()
    }

    /// A key, paste or mouse event: run now, or kept until the awaited reply lands.
    pub(crate) fn on_input(&mut self, msg: Msg) -> Vec<Command> {
        if let Msg::Key(key) = &msg
            && key.kind == KeyEventKind::Release
        {
            return Vec::new();
        }
        if !self.waits_for_the_screen() {
            return self.handle_input(msg);
        }
        if let Msg::Key(key) = &msg {
            if let Some(action @ (Action::ForceQuit | Action::Suspend)) =
                self.keymap.resolve(&[Context::Anywhere], key)
            {
                return self.dispatch(UserInput::Action(action));
            }
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::META);
            if key.code == KeyCode::Esc && plain {
                if !self.typeahead.is_empty() {
                    self.typeahead.failed = true;
                }
                return self.stop_waiting();
            }
        }
        if !self.typeahead.push(msg) {
            self.notice = Some(Notice::Error(format!(
                "typing ran ahead of the server: keys beyond {TYPEAHEAD_LIMIT} were not kept"
            )));
        }
        Vec::new()
    }

    /// An API reply; when it was awaited by the screen and failed while keys were typed ahead,
    /// those keys are replayed by the failure rule.
    pub(crate) fn on_awaited_reply(
        &mut self,
        id: RequestId,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        let awaited = self
            .requests
            .get(id)
            .is_some_and(super::requests::InFlight::holds_the_screen);
        let failed = result.is_err();
        let notice_before = self.notice.clone();
        let commands = self.on_reply(id, result);
        // A reply can fail without being an error: no match, another contact, an answer that
        // could not be read. It says so with an error notice.
        let said_error =
            self.notice != notice_before && matches!(self.notice, Some(Notice::Error(_)));
        if awaited && !self.typeahead.is_empty() && (failed || said_error) {
            self.typeahead.failed = true;
        }
        commands
    }

    /// True when keys wait and nothing holds them any more.
    pub(crate) fn can_replay_typeahead(&self) -> bool {
        !self.quitting && !self.typeahead.is_empty() && !self.waits_for_the_screen()
    }

    /// Once nothing is awaited, the keys typed ahead go through the normal key path, in order.
    /// After a success all of them (a key that starts another wait leaves the rest queued for
    /// it); after a failure only literal text into a focused input (see the module docs).
    pub(crate) fn replay_typeahead(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        if !self.can_replay_typeahead() {
            return commands;
        }
        if std::mem::take(&mut self.typeahead.failed) {
            let queued = std::mem::take(&mut self.typeahead.queued);
            let mut unused = 0;
            for msg in queued {
                if !self.quitting && is_literal_text(&msg) && self.has_a_focused_text_input() {
                    commands.extend(self.handle_input(msg));
                } else if !matches!(msg, Msg::Mouse(_)) {
                    // A wheel turned meanwhile is no keystroke to account for.
                    unused += 1;
                }
            }
            self.report_unused(unused);
        } else {
            while !self.quitting && !self.waits_for_the_screen() {
                let Some(msg) = self.typeahead.queued.pop_front() else {
                    break;
                };
                commands.extend(self.handle_input(msg));
            }
        }
        if self.typeahead.is_empty() {
            let overflowed = std::mem::take(&mut self.typeahead.overflowed);
            if overflowed > 0 {
                self.notice = Some(Notice::Error(format!(
                    "typing ran ahead of the server: {overflowed} keys beyond {TYPEAHEAD_LIMIT} were not kept"
                )));
            }
        }
        commands
    }

    fn report_unused(&mut self, unused: usize) {
        if unused == 0 {
            return;
        }
        let words = unused_words(unused);
        self.notice = Some(match self.notice.take() {
            Some(Notice::Error(text)) => Notice::Error(format!("{text} · {words}")),
            Some(Notice::Info(text)) => Notice::Info(format!("{text} · {words}")),
            None => Notice::Info(words),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Msg {
        Msg::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn only_printable_keys_and_pastes_are_literal_text() {
        assert!(is_literal_text(&key(
            KeyCode::Char('é'),
            KeyModifiers::NONE
        )));
        assert!(is_literal_text(&key(
            KeyCode::Char('A'),
            KeyModifiers::SHIFT
        )));
        assert!(is_literal_text(&Msg::Paste("x\ny".into())));
        assert!(!is_literal_text(&key(
            KeyCode::Char('s'),
            KeyModifiers::CONTROL
        )));
        assert!(!is_literal_text(&key(
            KeyCode::Char('\u{1b}'),
            KeyModifiers::NONE
        )));
        assert!(!is_literal_text(&key(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!is_literal_text(&Msg::Tick));
    }

    #[test]
    fn the_queue_is_bounded_and_counts_what_it_refused() {
        let mut typeahead = Typeahead::default();
        for _ in 0..TYPEAHEAD_LIMIT {
            assert!(typeahead.push(Msg::Paste("a".into())));
        }
        assert!(!typeahead.push(Msg::Paste("b".into())));
        assert_eq!(typeahead.len(), TYPEAHEAD_LIMIT);
        assert_eq!(typeahead.overflowed, 1);
        assert_eq!(unused_words(1), "1 key typed ahead was not used");
    }
}
