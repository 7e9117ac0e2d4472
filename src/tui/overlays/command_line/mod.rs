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
use crate::tui::model::recents::RecentContact;
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
    /// The contacts `:open` completes: the recent ones first, then the cached ones.
    contacts: Vec<RecentContact>,
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

    /// The contacts `:open` completes from (recents first, then the cache), by uid.
    pub fn with_contacts(mut self, contacts: Vec<RecentContact>) -> CommandLine {
        let mut seen = std::collections::HashSet::new();
        self.contacts = contacts
            .into_iter()
            .filter(|contact| seen.insert(contact.uid.clone()))
            .collect();
        self
    }

    /// How a completion is shown: a contact's uid with its name, any other word as it is.
    pub fn completion_label(&self, word: &str) -> String {
        match self.contacts.iter().find(|contact| contact.uid == word) {
            Some(contact) => format!("{} {}", contact.uid, contact.name),
            None => word.to_string(),
        }
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
        match self.resolve_values(&line) {
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
            Argument::Identifier => return (start, self.contacts_matching(partial)),
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

impl CommandLine {
    /// The uids of the known contacts whose uid starts with `partial`, or whose name, business,
    /// email or phone holds every word of it; all of them (recents first) when nothing is typed.
    fn contacts_matching(&self, partial: &str) -> Vec<String> {
        let partial = partial.trim();
        let lower = partial.to_lowercase();
        self.contacts
            .iter()
            .filter(|contact| {
                partial.is_empty()
                    || contact.uid.to_lowercase().starts_with(&lower)
                    || contact.matches(partial)
            })
            .map(|contact| contact.uid.clone())
            .take(MAX_OPEN_COMPLETIONS)
            .collect()
    }

    /// The line as a command, with its value checked against what genius knows: `:owner ana`
    /// becomes the one team member called so (as the `o` picker would pick), and a stage or
    /// quality must be one of the account's (any case; the account's spelling is sent).
    fn resolve_values(&self, line: &str) -> Result<LineCommand, CommandError> {
        let body = line.trim_start().trim_start_matches(':').trim_start();
        if let Some((word, rest)) = body.split_once(char::is_whitespace)
            && resolve(word).is_ok_and(|command| command.argument == Argument::Owner)
            && !rest.contains('@')
            && !rest.trim().is_empty()
        {
            let email = owner_by_name(&self.vocabulary, rest.trim())?;
            return parse_command(&format!("owner {email}"));
        }
        match parse_command(line)? {
            LineCommand::Stage(value) => known_value(
                "stage",
                &value,
                self.vocabulary.configured_stages(),
                self.vocabulary.stages(),
            )
            .map(LineCommand::Stage),
            LineCommand::Quality(value) => known_value(
                "quality",
                &value,
                self.vocabulary.configured_qualities(),
                self.vocabulary.qualities(),
            )
            .map(LineCommand::Quality),
            other => Ok(other),
        }
    }
}

/// At most this many contacts are offered to `:open` at once.
const MAX_OPEN_COMPLETIONS: usize = 50;

/// The email of the one team member `typed` names: a word of the name or the start of the
/// email, in any case. None known or several: an error that says which.
fn owner_by_name(vocabulary: &Vocabulary, typed: &str) -> Result<String, CommandError> {
    let lower = typed.to_lowercase();
    let named = |name: &str| {
        let name = name.to_lowercase();
        name == lower
            || name.starts_with(&lower)
            || name.split_whitespace().any(|word| word.starts_with(&lower))
    };
    let found: Vec<_> = vocabulary
        .owners()
        .iter()
        .filter(|owner| {
            owner.name.as_deref().is_some_and(named)
                || owner.email.to_lowercase().starts_with(&lower)
        })
        .collect();
    let exact: Vec<_> = found
        .iter()
        .copied()
        .filter(|owner| {
            owner
                .name
                .as_deref()
                .is_some_and(|n| n.to_lowercase() == lower)
        })
        .collect();
    match (exact.as_slice(), found.as_slice()) {
        ([only], _) | ([], [only]) => Ok(only.email.clone()),
        (_, []) => Err(CommandError::BadArgument(format!(
            ":owner: no team member called '{typed}' is known; type their email (Tab lists the team)"
        ))),
        (_, many) => Err(CommandError::BadArgument(format!(
            ":owner: '{typed}' could be {}",
            many.iter()
                .map(|owner| match &owner.name {
                    Some(name) => format!("{name} ({})", owner.email),
                    None => owner.email.clone(),
                })
                .collect::<Vec<_>>()
                .join(" or ")
        ))),
    }
}

/// `value` as the account spells it when it is one of the `seen` values in any case. When the
/// account's own list is `configured`, a value not on it is refused with the list; without one
/// (only values seen on contacts so far), an unknown value is sent and the server judges.
fn known_value(
    what: &str,
    value: &str,
    configured: &[String],
    seen: &[String],
) -> Result<String, CommandError> {
    let lower = value.to_lowercase();
    if let Some(name) = seen.iter().find(|name| name.to_lowercase() == lower) {
        return Ok(name.clone());
    }
    if configured.is_empty() {
        return Ok(value.to_string());
    }
    Err(CommandError::BadArgument(format!(
        "no {what} '{value}': it is one of {} (Tab completes)",
        configured.join(", ")
    )))
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
