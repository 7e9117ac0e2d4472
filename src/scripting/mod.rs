//! Non-interactive subcommands for scripts and bulk work: every API operation as a command
//! (`get`, `create`, `update`, `delete`, `tag add`, `note add`, `stage|quality|owner set`), `export`,
//! `query` for mail clients' address books, and the bulk `import` and `apply` of CSV files. Each
//! takes a plain [`Task`] (the command line's flags are turned into one in `crate::cli`) and the
//! run's configuration, and returns a [`Failure`] mapped to a documented exit code.

pub mod bulk;
pub mod connect;
pub mod export_command;
pub mod failure;
pub mod output;
pub mod query;
pub mod single;
pub mod waiting;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::api::{ContactPatch, Identifier, NewContact};
use crate::config::RunConfig;
use crate::export::{CsvCells, ExportFormat};

pub use failure::{Exit, Failure, Outcome};

/// One scripting command, as plain values.
#[derive(Debug, Clone)]
pub enum Task {
    /// Print the contacts an identifier names.
    Get {
        who: Identifier,
        /// Print the API's `data` unchanged.
        json: bool,
        format: ShowFormat,
    },
    /// Create a contact and print it.
    Create { contact: NewContact, json: bool },
    /// Change the fields the patch gives.
    Update { patch: ContactPatch, json: bool },
    /// Delete a contact for good.
    Delete {
        uid: String,
        /// Ask on the terminal first (refused when standard input is not one).
        ask: bool,
        json: bool,
    },
    /// Add tags to a contact.
    AddTags {
        who: Identifier,
        tags: Vec<String>,
        json: bool,
    },
    /// Add a note; `None` or `-` reads it from standard input.
    AddNote {
        who: Identifier,
        text: Option<String>,
        json: bool,
    },
    /// Set the stage, quality or owner.
    Set {
        who: Identifier,
        field: SetField,
        value: String,
        json: bool,
    },
    /// Write contacts as vCard, JSON or CSV.
    Export(ExportOptions),
    /// Address-book lines for mutt and aerc.
    Query {
        query: String,
        /// The first (status) line mutt expects; aerc does without.
        header: bool,
    },
    /// Create contacts from a CSV file.
    Import {
        bulk: BulkOptions,
        /// A row whose email or phone exists updates that contact instead.
        update_existing: bool,
    },
    /// Change contacts from a CSV file.
    Apply { bulk: BulkOptions },
}

impl Task {
    /// The task with phones written in the national format of `region` (the profile's
    /// `default_phone_region`) read as full numbers: `(11) 98771-6038` looks up, or stores,
    /// `+5511987716038`. A phone libphonenumber cannot place is left as typed.
    pub fn in_phone_region(self, region: Option<crate::api::Region>) -> Task {
        let who = |who: Identifier| match who {
            Identifier::Phone(typed) => Identifier::Phone(e164_or_typed(typed, region)),
            other => other,
        };
        let phone = |phone: Option<String>| phone.map(|typed| e164_or_typed(typed, region));
        match self {
            Task::Get {
                who: w,
                json,
                format,
            } => Task::Get {
                who: who(w),
                json,
                format,
            },
            Task::AddTags { who: w, tags, json } => Task::AddTags {
                who: who(w),
                tags,
                json,
            },
            Task::AddNote { who: w, text, json } => Task::AddNote {
                who: who(w),
                text,
                json,
            },
            Task::Set {
                who: w,
                field,
                value,
                json,
            } => Task::Set {
                who: who(w),
                field,
                value,
                json,
            },
            Task::Create { mut contact, json } => {
                contact.phone = phone(contact.phone);
                Task::Create { contact, json }
            }
            Task::Update { mut patch, json } => {
                patch.phone = phone(patch.phone);
                Task::Update { patch, json }
            }
            Task::Export(mut options) => {
                if let ContactSource::One(w) = options.source {
                    options.source = ContactSource::One(who(w));
                }
                Task::Export(options)
            }
            other => other,
        }
    }
}

/// `typed` in E.164 when libphonenumber can place it (in `region` when it has no country code).
fn e164_or_typed(typed: String, region: Option<crate::api::Region>) -> String {
    crate::api::PhoneNumber::parse(&typed, region).map_or(typed, |number| number.e164())
}

/// How `get` prints contacts when it does not print JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShowFormat {
    /// A key: value block for one contact, an aligned table for several.
    #[default]
    Table,
    /// One of the export formats.
    Export(ExportFormat),
}

/// Which single value `set` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetField {
    Stage,
    Quality,
    Owner,
}

/// Where `export` finds the contacts to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactSource {
    /// One contact.
    One(Identifier),
    /// A file (`-`: standard input) of identifiers, one a line, or a CSV with such a column.
    File(PathBuf),
}

/// What `export` writes, and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub source: ContactSource,
    pub format: ExportFormat,
    /// Whether CSV cells that a spreadsheet would take for formulas are neutralised.
    pub cells: CsvCells,
    /// A file (written 0600) instead of standard output.
    pub output: Option<PathBuf>,
}

/// The options `import` and `apply` share.
#[derive(Debug, Clone)]
pub struct BulkOptions {
    /// The CSV file; its header row names the columns.
    pub file: PathBuf,
    /// The account's rate limit in requests per second; requests are paced to stay under it.
    pub rate_limit: u32,
    /// Check every row and send nothing.
    pub dry_run: bool,
    /// Where each row's outcome is recorded [default: FILE.journal].
    pub journal: Option<PathBuf>,
    /// Where rows with bad data are written [default: STEM.rejects.csv].
    pub rejects: Option<PathBuf>,
}

/// Runs a scripting task and returns the documented exit code; the message goes to stderr.
pub async fn run(task: Task, config: &RunConfig) -> ExitCode {
    let region = config.settings().ok().and_then(|s| s.phone_region());
    let outcome = match task.in_phone_region(region) {
        Task::Import {
            bulk,
            update_existing,
        } => bulk::import::run(bulk, update_existing, config).await,
        Task::Apply { bulk } => bulk::apply::run(bulk, config).await,
        Task::Query { query, header } => query::run(&query, header, config).await,
        Task::Export(options) => export_command::run(options, config).await,
        other => single::run(other, config).await,
    };
    exit_with(outcome)
}

/// The exit code of an outcome, its message (if any) said on stderr.
pub fn exit_with(outcome: Outcome) -> ExitCode {
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
