//! The `:` command line, k9s/vim style: `:stage Qualified`, `:tag VIP Customer, Hot Lead`,
//! `:open ABC12345`… Parsing into [`LineCommand`], completion of command names and of values from
//! the account's vocabulary (Tab / Shift-Tab cycle), a history (Up/Down) and errors that say what
//! is accepted. Owns its state, keys and rendering; does no IO.
#![deny(clippy::indexing_slicing)]

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;

use crate::api::Identifier;
use crate::tui::model::fuzzy;
use crate::tui::model::validate::{self, Check};
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::widgets::readline::{self as keys, InputEdit};

/// A command typed on the `:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCommand {
    /// `:stage NAME` — move the contact to a stage of the pipeline.
    Stage(String),
    /// `:quality NAME` — set the contact's quality.
    Quality(String),
    /// `:owner EMAIL` — give the contact to a team member.
    Owner(String),
    /// `:tag A, B` — add one or several tags (commas separate them).
    Tag(Vec<String>),
    /// `:note TEXT` — add a one-line note.
    Note(String),
    /// `:open UID|EMAIL|PHONE` — look a contact up.
    Open(Identifier),
    /// `:new` — the create form.
    New,
    /// `:edit` — the edit form of the contact shown.
    Edit,
    /// `:delete` — the delete confirmation of the contact shown.
    Delete,
    /// `:refresh` — fetch the contact again.
    Refresh,
    /// `:help` — the help overlay.
    Help,
    /// `:q` — quit.
    Quit,
}

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Argument {
    Nothing,
    Stage,
    Quality,
    Owner,
    Tags,
    Note,
    Identifier,
}

struct CommandSpec {
    name: &'static str,
    argument: Argument,
    example: &'static str,
}

const COMMANDS: [CommandSpec; 12] = [
    spec("stage", Argument::Stage, ":stage Qualified"),
    spec("quality", Argument::Quality, ":quality High"),
    spec("owner", Argument::Owner, ":owner sales@yourcompany.com"),
    spec("tag", Argument::Tags, ":tag VIP Customer, Hot Lead"),
    spec("note", Argument::Note, ":note Called, sending prices"),
    spec("open", Argument::Identifier, ":open ABC12345"),
    spec("new", Argument::Nothing, ":new"),
    spec("edit", Argument::Nothing, ":edit"),
    spec("delete", Argument::Nothing, ":delete"),
    spec("refresh", Argument::Nothing, ":refresh"),
    spec("help", Argument::Nothing, ":help"),
    spec("q", Argument::Nothing, ":q"),
];

const fn spec(name: &'static str, argument: Argument, example: &'static str) -> CommandSpec {
    CommandSpec {
        name,
        argument,
        example,
    }
}

/// Other spellings people type out of habit.
const ALIASES: [(&str, &str); 4] = [
    ("quit", "q"),
    ("tags", "tag"),
    ("create", "new"),
    ("e", "edit"),
];

/// The list of command names, for error messages and help.
pub fn command_names() -> Vec<&'static str> {
    COMMANDS.iter().map(|c| c.name).collect()
}

/// Why a line is not a command; the text says what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("type a command, e.g. :stage Qualified (Tab completes)")]
    Empty,
    #[error(
        "unknown command '{0}': try stage, quality, owner, tag, note, open, new, edit, delete, refresh, help or q"
    )]
    Unknown(String),
    #[error("'{typed}' could be {}", .candidates.join(" or "))]
    Ambiguous {
        typed: String,
        candidates: Vec<&'static str>,
    },
    #[error(":{command} needs {what}, e.g. {example}")]
    MissingArgument {
        command: &'static str,
        what: &'static str,
        example: &'static str,
    },
    #[error(":{0} takes no argument")]
    UnexpectedArgument(&'static str),
    #[error("{0}")]
    BadArgument(String),
}

fn resolve(word: &str) -> Result<&'static CommandSpec, CommandError> {
    let lower = word.to_lowercase();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, name)| name);
    if let Some(exact) = COMMANDS.iter().find(|c| c.name == name) {
        return Ok(exact);
    }
    let matching: Vec<&CommandSpec> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(name))
        .collect();
    match matching.as_slice() {
        [] => Err(CommandError::Unknown(word.to_string())),
        [only] => Ok(only),
        many => Err(CommandError::Ambiguous {
            typed: word.to_string(),
            candidates: many.iter().map(|c| c.name).collect(),
        }),
    }
}

/// Splits `stage New Lead` into the command word and the rest (trimmed).
fn split_line(line: &str) -> (&str, &str) {
    let line = line.trim_start().trim_start_matches(':').trim_start();
    match line.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (line, ""),
    }
}

/// Parses a command line (with or without its leading `:`).
pub fn parse_command(line: &str) -> Result<LineCommand, CommandError> {
    let (word, rest) = split_line(line);
    if word.is_empty() {
        return Err(CommandError::Empty);
    }
    let command = resolve(word)?;
    let missing = |what| CommandError::MissingArgument {
        command: command.name,
        what,
        example: command.example,
    };
    match command.argument {
        Argument::Nothing if !rest.is_empty() => {
            Err(CommandError::UnexpectedArgument(command.name))
        }
        Argument::Nothing => Ok(match command.name {
            "new" => LineCommand::New,
            "edit" => LineCommand::Edit,
            "delete" => LineCommand::Delete,
            "refresh" => LineCommand::Refresh,
            "help" => LineCommand::Help,
            _ => LineCommand::Quit,
        }),
        _ if rest.is_empty() => Err(missing(match command.argument {
            Argument::Stage => "a stage name",
            Argument::Quality => "a quality name",
            Argument::Owner => "the owner's email",
            Argument::Tags => "one or more tags",
            Argument::Note => "the note's text",
            _ => "a uid, an email or a phone",
        })),
        Argument::Stage => Ok(LineCommand::Stage(rest.to_string())),
        Argument::Quality => Ok(LineCommand::Quality(rest.to_string())),
        Argument::Owner => match validate::check_email(rest) {
            Check::Invalid(why) => Err(CommandError::BadArgument(format!(
                ":owner needs an email ({why}), e.g. {}",
                command.example
            ))),
            _ => Ok(LineCommand::Owner(rest.to_string())),
        },
        Argument::Tags => {
            let tags: Vec<String> = rest
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            if tags.is_empty() {
                Err(missing("one or more tags"))
            } else {
                Ok(LineCommand::Tag(tags))
            }
        }
        Argument::Note => Ok(LineCommand::Note(rest.to_string())),
        Argument::Identifier => Identifier::parse(rest)
            .map(LineCommand::Open)
            .map_err(|e| CommandError::BadArgument(format!(":open: {e}"))),
    }
}

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
#[derive(Debug, Clone, Default)]
pub struct CommandLine {
    pub(crate) input: Input,
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

    /// Clears the line to start typing a command, with `vocabulary` for value completion.
    pub fn open(&mut self, vocabulary: &Vocabulary) {
        self.input = Input::default();
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

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> CommandLineOutcome {
        if !keys::is_press(&key) {
            return CommandLineOutcome::Continue;
        }
        if keys::is_back_tab(&key) {
            self.cycle_completion(-1);
            return CommandLineOutcome::Continue;
        }
        if key.code == KeyCode::Tab {
            self.cycle_completion(1);
            return CommandLineOutcome::Continue;
        }
        self.cycle = None;
        match key.code {
            KeyCode::Esc => return CommandLineOutcome::Cancel,
            KeyCode::Enter => return self.submit(),
            KeyCode::Up => self.history_step(-1),
            KeyCode::Down => self.history_step(1),
            KeyCode::Backspace if self.input.value().is_empty() => {
                return CommandLineOutcome::Cancel;
            }
            _ if keys::is_ctrl(&key, 'p') => self.history_step(-1),
            _ if keys::is_ctrl(&key, 'n') => self.history_step(1),
            _ => {
                if keys::edit_input(&mut self.input, &key) == InputEdit::Changed {
                    self.error = None;
                }
            }
        }
        CommandLineOutcome::Continue
    }

    /// Pasted text is typed into the line (line breaks become spaces).
    pub fn handle_paste(&mut self, text: &str) {
        self.cycle = None;
        if keys::paste_into(&mut self.input, text) {
            self.error = None;
        }
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
                self.input = Input::default();
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
        self.input = Input::new(text);
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
                let count = cycle.candidates.len() as isize;
                cycle.index = (cycle.index as isize + direction).rem_euclid(count) as usize;
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
            self.input = Input::new(text);
            self.error = None;
            return;
        }
        self.input = Input::new(text);
        self.error = None;
        self.cycle = Some(cycle);
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

mod view;
