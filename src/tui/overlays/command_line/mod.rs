//! The `:` command line, k9s/vim style: `:stage Qualified`, `:tag VIP Customer, Hot Lead`,
//! `:open ABC12345`… Parsing ([`parse`]), completion of command names and of values from the
//! account's vocabulary (Tab / Shift-Tab cycle), a history (Up/Down) and errors that say what is
//! accepted. Its keys are the keymap's (`Context::CommandLine`, then the text input's). The
//! history outlives the line: the app keeps it between openings. Does no IO.
#![deny(clippy::indexing_slicing)]

mod parse;
mod view;

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::fuzzy;
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::widgets::text_input::{Edit, TextInput};
use crate::tui::widgets::{Component, Ctx};

use parse::{Argument, COMMANDS, resolve};
pub use parse::{CommandError, LineCommand, command_names, parse_command};
pub use view::CommandLineView;

/// A Tab-completion in progress: the candidates and which one is in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cycle {
    start: usize,
    candidates: Vec<String>,
    index: usize,
}

/// What a key did to the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandLineOutcome {
    /// Still typing (or an error is shown and the line kept for fixing).
    Continue,
    /// Run this command; the line closes.
    Run(LineCommand),
    /// Closed without running anything.
    Cancel,
}

/// The `:` line with its history; keep one for the session so the history lasts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandLine {
    pub(crate) input: TextInput,
    history: Vec<String>,
    browsing: Option<usize>,
    stash: String,
    cycle: Option<Cycle>,
    pub(crate) error: Option<String>,
    vocabulary: Vocabulary,
}

impl CommandLine {
    /// An empty command line with no history.
    pub fn new() -> CommandLine {
        CommandLine::default()
    }

    /// An empty line remembering `history` (oldest first), completing values from `vocabulary`.
    pub fn with_history(history: Vec<String>, vocabulary: &Vocabulary) -> CommandLine {
        let mut line = CommandLine {
            history,
            ..CommandLine::default()
        };
        line.open(vocabulary);
        line
    }

    /// Clears the line to start typing a command, with `vocabulary` for value completion.
    pub fn open(&mut self, vocabulary: &Vocabulary) {
        self.input = TextInput::default();
        self.browsing = None;
        self.stash.clear();
        self.cycle = None;
        self.error = None;
        self.vocabulary = vocabulary.clone();
    }

    /// The text typed (without the `:`).
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// The error shown for the last Enter, if it failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Earlier lines, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    fn submit(&mut self) -> CommandLineOutcome {
        let line = self.input.value().trim().to_string();
        if line.is_empty() {
            return CommandLineOutcome::Cancel;
        }
        if self.history.last() != Some(&line) {
            self.history.push(line.clone());
        }
        self.browsing = None;
        match parse_command(&line) {
            Ok(command) => {
                self.input = TextInput::default();
                self.error = None;
                CommandLineOutcome::Run(command)
            }
            Err(error) => {
                self.error = Some(error.to_string());
                CommandLineOutcome::Continue
            }
        }
    }

    fn history_step(&mut self, direction: isize) {
        if self.history.is_empty() {
            return;
        }
        let next = match (self.browsing, direction < 0) {
            (None, true) => {
                self.stash = self.input.value().to_string();
                Some(self.history.len() - 1)
            }
            (None, false) => return,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < self.history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.browsing = next;
        let text = match next {
            Some(i) => self.history.get(i).cloned().unwrap_or_default(),
            None => std::mem::take(&mut self.stash),
        };
        self.input = TextInput::new(text);
        self.error = None;
    }

    /// The completions for what is typed now: command names for the first word, then values
    /// from the vocabulary (stages, qualities, owner emails, tags) for the argument.
    pub fn completions(&self) -> Vec<String> {
        self.candidates().1
    }

    /// Which completion Tab put in the line, if cycling.
    pub fn completion_index(&self) -> Option<usize> {
        self.cycle.as_ref().map(|c| c.index)
    }

    fn candidates(&self) -> (usize, Vec<String>) {
        let text = self.input.value();
        let body = text.trim_start().trim_start_matches(':');
        let leading = text.len() - body.len();
        let Some((word, after_word)) = body.split_once(char::is_whitespace) else {
            let lower = body.to_lowercase();
            let names = COMMANDS
                .iter()
                .map(|c| c.name)
                .filter(|name| name.starts_with(&lower))
                .map(str::to_string)
                .collect();
            return (leading, names);
        };
        let Ok(command) = resolve(word) else {
            return (text.len(), Vec::new());
        };
        // Offsets are taken from suffixes of `text`, so they always fall on a character boundary.
        let argument = after_word.trim_start();
        let partial = match command.argument {
            Argument::Tags => argument
                .rsplit_once(',')
                .map_or(argument, |(_, piece)| piece)
                .trim_start(),
            _ => argument,
        };
        let start = text.len() - partial.len();
        let words: Vec<String> = match command.argument {
            Argument::Stage => self.vocabulary.stages().to_vec(),
            Argument::Quality => self.vocabulary.qualities().to_vec(),
            Argument::Owner => self
                .vocabulary
                .owners()
                .iter()
                .map(|o| o.email.clone())
                .collect(),
            Argument::Tags => self.vocabulary.tags().to_vec(),
            _ => Vec::new(),
        };
        (start, complete_word(partial, &words))
    }

    fn cycle_completion(&mut self, direction: isize) {
        let cycle = match self.cycle.take() {
            Some(mut cycle) => {
                // `direction` is one step either way: adding `count` first keeps it above zero.
                let count = cycle.candidates.len().max(1);
                cycle.index = (cycle.index + count).saturating_add_signed(direction) % count;
                cycle
            }
            None => {
                let (start, candidates) = self.candidates();
                if candidates.is_empty() {
                    return;
                }
                let index = if direction < 0 {
                    candidates.len() - 1
                } else {
                    0
                };
                Cycle {
                    start,
                    candidates,
                    index,
                }
            }
        };
        let typed = self.input.value();
        // `start` came from a suffix of this same text; should it ever not be a boundary, the
        // completion goes after everything typed rather than cutting the text.
        let mut text = typed.get(..cycle.start).unwrap_or(typed).to_string();
        text.push_str(cycle.candidates.get(cycle.index).map_or("", String::as_str));
        let is_command_name = !text
            .trim_start_matches(':')
            .trim_start()
            .contains(char::is_whitespace);
        if is_command_name && cycle.candidates.len() == 1 {
            // A finished command name: step straight to its argument.
            let only = cycle.candidates.first().map_or("", String::as_str);
            if resolve(only).is_ok_and(|c| c.argument != Argument::Nothing) {
                text.push(' ');
            }
            self.input = TextInput::new(text);
            self.error = None;
            return;
        }
        self.input = TextInput::new(text);
        self.error = None;
        self.cycle = Some(cycle);
    }
}

impl Component for CommandLine {
    type Outcome = CommandLineOutcome;

    fn context(&self) -> Context {
        Context::CommandLine
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> CommandLineOutcome {
        match input {
            UserInput::Action(Action::Complete) => {
                self.cycle_completion(1);
                return CommandLineOutcome::Continue;
            }
            UserInput::Action(Action::CompletePrevious) => {
                self.cycle_completion(-1);
                return CommandLineOutcome::Continue;
            }
            _ => {}
        }
        self.cycle = None;
        match input {
            UserInput::Action(Action::Cancel) => return CommandLineOutcome::Cancel,
            UserInput::Action(Action::Pick) => return self.submit(),
            UserInput::Action(Action::HistoryPrevious) => self.history_step(-1),
            UserInput::Action(Action::HistoryNext) => self.history_step(1),
            // Backspace on an empty line closes it, as in vim.
            UserInput::Action(Action::DeleteBefore) if self.input.value().is_empty() => {
                return CommandLineOutcome::Cancel;
            }
            other => {
                if self.input.handle(&other) == Edit::Changed {
                    self.error = None;
                }
            }
        }
        CommandLineOutcome::Continue
    }
}

/// Values starting with `partial` (any case) first, then fuzzy matches.
fn complete_word(partial: &str, words: &[String]) -> Vec<String> {
    let lower = partial.trim().to_lowercase();
    let mut found: Vec<String> = words
        .iter()
        .filter(|w| w.to_lowercase().starts_with(&lower))
        .cloned()
        .collect();
    if !lower.is_empty() {
        for index in fuzzy::rank(partial.trim(), words) {
            if let Some(word) = words.get(index)
                && !found.contains(word)
            {
                found.push(word.clone());
            }
        }
    }
    found
}
