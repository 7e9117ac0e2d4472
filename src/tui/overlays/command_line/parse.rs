//! What can be typed on the `:` line: the commands ([`LineCommand`]), their names, aliases and
//! arguments, and [`parse_command`] with errors that say what is accepted.
#![deny(clippy::indexing_slicing)]

use crate::api::Identifier;
use crate::tui::model::validate::{self, Check};

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
    /// `:work FILE` — work through the list of leads in FILE.
    Work(std::path::PathBuf),
}

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Argument {
    Nothing,
    Stage,
    Quality,
    Owner,
    Tags,
    Note,
    Identifier,
    File,
}

pub(super) struct CommandSpec {
    pub(super) name: &'static str,
    pub(super) argument: Argument,
    example: &'static str,
}

pub(super) const COMMANDS: [CommandSpec; 13] = [
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
    spec("work", Argument::File, ":work leads.csv"),
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
        "unknown command '{0}': try stage, quality, owner, tag, note, open, new, edit, delete, refresh, help, work or q"
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

pub(super) fn resolve(word: &str) -> Result<&'static CommandSpec, CommandError> {
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
            Argument::File => "a list's file",
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
        Argument::File => Ok(LineCommand::Work(std::path::PathBuf::from(rest))),
        Argument::Identifier => Identifier::parse(rest)
            .map(LineCommand::Open)
            .map_err(|e| CommandError::BadArgument(format!(":open: {e}"))),
    }
}
