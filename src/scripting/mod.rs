//! Non-interactive subcommands for scripts and bulk work: every API operation as a command
//! (`get`, `create`, `update`, `delete`, `tag add`, `note add`, `stage|quality|owner set`), `export`,
//! `query` for mail clients' address books, the bulk `import` and `apply` of CSV files, and shell
//! completions and the man page. Each command returns a [`Failure`] mapped to a documented exit code.

pub mod args;
pub mod bulk;
pub mod connect;
pub mod export_command;
pub mod failure;
pub mod output;
pub mod query;
pub mod shell;
pub mod single;
pub mod waiting;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use clap_complete::Shell;

use crate::cli::GlobalArgs;

pub use args::{BulkArgs, Fields, FileFormat, ShowFormat, Who};
pub use failure::{Exit, Failure, Outcome};

/// The scripting subcommands.
#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// Print a contact by uid, email or phone.
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Get(GetArgs),
    /// Create a contact; prints it (its new uid first).
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Create(Box<CreateArgs>),
    /// Change fields of a contact (only the fields given; tags are added).
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Update(Box<UpdateArgs>),
    /// Delete a contact for good.
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Delete(DeleteArgs),
    /// Tags of a contact.
    #[command(subcommand)]
    Tag(TagCommand),
    /// Notes of a contact.
    #[command(subcommand)]
    Note(NoteCommand),
    /// The stage of a contact.
    #[command(subcommand)]
    Stage(SetCommand),
    /// The quality of a contact.
    #[command(subcommand)]
    Quality(SetCommand),
    /// The owner of a contact (a team member's email).
    #[command(subcommand)]
    Owner(SetCommand),
    /// Write contacts as vCard, JSON or CSV.
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Export(ExportArgs),
    /// Address-book lookup for mutt and aerc: "email<TAB>name<TAB>extra" lines.
    Query(QueryArgs),
    /// Create contacts from a CSV file, resumably, as fast as the rate limit allows.
    #[command(after_help = bulk::IMPORT_HELP)]
    Import(ImportArgs),
    /// Change contacts from a CSV file keyed by uid, email or phone.
    #[command(after_help = bulk::APPLY_HELP)]
    Apply(ApplyArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell to complete for.
        shell: Shell,
    },
    /// Print the man page (roff) on standard output.
    Man,
}

/// Options of `genius get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub who: Who,
    /// Print the API's `data` unchanged (one object or an array), for jq.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// How to print the contact.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

/// Options of `genius create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub fields: Fields,
    /// A first note for the contact's history.
    #[arg(long)]
    pub note: Option<String>,
    /// Print the API's `data` unchanged.
    #[arg(long)]
    pub json: bool,
}

/// Options of `genius update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The contact's uid.
    #[arg(long)]
    pub uid: String,
    #[command(flatten)]
    pub fields: Fields,
    /// Print the API's `data` unchanged.
    #[arg(long)]
    pub json: bool,
}

/// Options of `genius delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The contact's uid.
    #[arg(long)]
    pub uid: String,
    /// Do not ask; required when standard input is not a terminal.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the API's `data` unchanged.
    #[arg(long)]
    pub json: bool,
}

/// `genius tag …`
#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Add one or more tags to a contact (tags that do not exist yet are created).
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Add {
        #[command(flatten)]
        who: Who,
        /// The tags to add.
        #[arg(required = true, value_name = "TAG")]
        tags: Vec<String>,
        /// Print the API's `data` unchanged (an array, one answer per tag).
        #[arg(long)]
        json: bool,
    },
}

/// `genius note …`
#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note to a contact's history; `-` or no text reads the note from standard input.
    Add {
        #[command(flatten)]
        who: Who,
        /// The note's text, or `-` for standard input.
        #[arg(value_name = "TEXT")]
        text: Option<String>,
        /// Print the API's `data` unchanged.
        #[arg(long)]
        json: bool,
    },
}

/// `genius stage|quality|owner set …`
#[derive(Debug, Subcommand)]
pub enum SetCommand {
    /// Set the value for a contact.
    #[command(after_help = crate::cli::EXIT_CODES_HELP)]
    Set {
        #[command(flatten)]
        who: Who,
        /// The new stage name, quality name or owner email.
        value: String,
        /// Print the API's `data` unchanged.
        #[arg(long)]
        json: bool,
    },
}

/// Options of `genius export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The contact's uid.
    #[arg(long, group = "source")]
    pub uid: Option<String>,
    /// The contact's email.
    #[arg(long, group = "source")]
    pub email: Option<String>,
    /// The contact's phone.
    #[arg(long, group = "source")]
    pub phone: Option<String>,
    /// A file of uids, emails or phones, one a line, or a CSV with a uid, email or phone column
    /// (an import file, an earlier export); `-` for standard input.
    #[arg(long, group = "source", value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value = "vcard")]
    pub format: FileFormat,
    /// With --format csv: write cells as they are. By default a cell starting with = + - @ (a
    /// phone like +55 too) gets a leading ' so a spreadsheet shows it as text, not a formula.
    #[arg(long)]
    pub raw_cells: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options of `genius query`.
#[derive(Debug, Args)]
#[command(after_help = query::QUERY_HELP)]
pub struct QueryArgs {
    /// An email, phone or uid (looked up on the server), or a name or part of an address
    /// (matched among the contacts seen before).
    pub query: String,
    /// Leave out the first (status) line that mutt expects; for aerc.
    #[arg(long)]
    pub no_header: bool,
}

/// Options of `genius import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub bulk: BulkArgs,
    /// When a row's email or phone already exists, update that contact instead of creating one
    /// (when several share it, the one with the row's name; with none of them, the row is rejected).
    #[arg(long)]
    pub update_existing: bool,
}

/// Options of `genius apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// Runs a scripting subcommand and returns the documented exit code; the message goes to stderr.
pub async fn run(command: ScriptCommand, global: &GlobalArgs) -> ExitCode {
    let outcome = match command {
        ScriptCommand::Completions { shell } => shell::completions(shell),
        ScriptCommand::Man => shell::man(),
        ScriptCommand::Import(args) => bulk::import::run(args, global).await,
        ScriptCommand::Apply(args) => bulk::apply::run(args, global).await,
        ScriptCommand::Query(args) => query::run(args, global).await,
        ScriptCommand::Export(args) => export_command::run(args, global).await,
        other => single::run(other, global).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            waiting::settle();
            if !failure.message.is_empty() {
                // The message may quote the server, whose text is untrusted.
                eprintln!("genius: {}", crate::text::safe_line(&failure.message));
            }
            failure.exit.into()
        }
    }
}
