//! The flags of the scripting subcommands (`get`, `create`, `update`, `delete`, `tag add`,
//! `note add`, `stage|quality|owner set`, `export`, `query`, `import`, `apply`), and their
//! translation into a plain [`Task`] — where a flag combination clap cannot rule out (an empty
//! `--uid ""`) becomes the same usage error the command would give.

mod shared;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::export::{CsvCells, ExportFormat};
use crate::scripting::{ContactSource, ExportOptions, Failure, SetField, Task};

use super::EXIT_CODES_HELP;

use shared::identifier_of;
pub use shared::{BulkArgs, Fields, FileFormat, ShowFormatArg, Who};

/// The scripting subcommands.
#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// Print a contact by uid, email or phone. An email or phone several contacts share prints
    /// what the API lists for each (uid, name, email, phone); times are in this computer's zone.
    #[command(after_help = EXIT_CODES_HELP)]
    Get(GetArgs),
    /// Create a contact; prints it (its new uid first).
    #[command(after_help = EXIT_CODES_HELP)]
    Create(Box<CreateArgs>),
    /// Change fields of a contact (only the fields given; tags are added).
    #[command(after_help = EXIT_CODES_HELP)]
    Update(Box<UpdateArgs>),
    /// Delete a contact for good.
    #[command(after_help = EXIT_CODES_HELP)]
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
    /// Write contacts as vCard, JSON or CSV. An email or phone several contacts share writes each
    /// of them, fetched one by one by uid.
    #[command(after_help = EXIT_CODES_HELP)]
    Export(ExportArgs),
    /// Address-book lookup for mutt and aerc: "email<TAB>name<TAB>extra" lines.
    Query(QueryArgs),
    /// Create contacts from a CSV file, resumably, as fast as the rate limit allows.
    #[command(after_help = crate::scripting::bulk::IMPORT_HELP)]
    Import(ImportArgs),
    /// Change contacts from a CSV file keyed by uid, email or phone.
    #[command(after_help = crate::scripting::bulk::APPLY_HELP)]
    Apply(ApplyArgs),
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
    pub format: ShowFormatArg,
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
    #[command(after_help = EXIT_CODES_HELP)]
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
    #[command(after_help = EXIT_CODES_HELP)]
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
#[command(after_help = crate::scripting::query::QUERY_HELP)]
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
    /// Also write the uids of the contacts created to this file, as a list to work through with
    /// `genius work OUT`.
    #[arg(long, value_name = "OUT")]
    pub worklist: Option<PathBuf>,
}

/// Options of `genius apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub bulk: BulkArgs,
}

impl ScriptCommand {
    /// For `import --worklist OUT`: where the list goes, the run's journal, and the input's name.
    pub fn import_worklist(&self) -> Option<crate::cli::work::ImportWorklist> {
        let ScriptCommand::Import(args) = self else {
            return None;
        };
        let out = args.worklist.clone()?;
        let journal = args
            .bulk
            .journal
            .clone()
            .unwrap_or_else(|| crate::scripting::bulk::default_journal(&args.bulk.file));
        Some(crate::cli::work::ImportWorklist {
            out,
            journal,
            input: args.bulk.file.clone(),
            dry_run: args.bulk.dry_run,
        })
    }

    /// The command as plain values, or the usage error its flags amount to.
    pub fn into_task(self) -> Result<Task, Failure> {
        let task = match self {
            ScriptCommand::Get(args) => Task::Get {
                who: args.who.required()?,
                json: args.json,
                format: args.format.into(),
            },
            ScriptCommand::Create(args) => {
                let CreateArgs { fields, note, json } = *args;
                Task::Create {
                    contact: fields.into_new_contact(note),
                    json,
                }
            }
            ScriptCommand::Update(args) => {
                let UpdateArgs { uid, fields, json } = *args;
                let uid = uid.trim().to_ascii_uppercase();
                Task::Update {
                    patch: fields.into_new_contact(None).to_patch(&uid),
                    json,
                }
            }
            ScriptCommand::Delete(args) => Task::Delete {
                uid: args.uid.trim().to_ascii_uppercase(),
                ask: !args.yes,
                json: args.json,
            },
            ScriptCommand::Tag(TagCommand::Add { who, tags, json }) => Task::AddTags {
                who: who.required()?,
                tags,
                json,
            },
            ScriptCommand::Note(NoteCommand::Add { who, text, json }) => Task::AddNote {
                who: who.required()?,
                text,
                json,
            },
            ScriptCommand::Stage(command) => command.into_task(SetField::Stage)?,
            ScriptCommand::Quality(command) => command.into_task(SetField::Quality)?,
            ScriptCommand::Owner(command) => command.into_task(SetField::Owner)?,
            ScriptCommand::Export(args) => Task::Export(args.into_options()?),
            ScriptCommand::Query(args) => Task::Query {
                query: args.query,
                header: !args.no_header,
            },
            ScriptCommand::Import(args) => Task::Import {
                bulk: args.bulk.into(),
                update_existing: args.update_existing,
            },
            ScriptCommand::Apply(args) => Task::Apply {
                bulk: args.bulk.into(),
            },
        };
        Ok(task)
    }
}

impl SetCommand {
    fn into_task(self, field: SetField) -> Result<Task, Failure> {
        let SetCommand::Set { who, value, json } = self;
        Ok(Task::Set {
            who: who.required()?,
            field,
            value,
            json,
        })
    }
}

impl ExportArgs {
    /// The export's options; the checks run in the order the command always made them.
    fn into_options(self) -> Result<ExportOptions, Failure> {
        let format = ExportFormat::from(self.format);
        let cells = match (self.raw_cells, format) {
            (false, _) => CsvCells::FormulasNeutralised,
            (true, ExportFormat::Csv) => CsvCells::Raw,
            (true, _) => return Err(Failure::usage("--raw-cells is for --format csv")),
        };
        let one = identifier_of(
            self.uid.as_deref(),
            self.email.as_deref(),
            self.phone.as_deref(),
        );
        let source = match (one, self.from) {
            (Some(who), _) => ContactSource::One(who),
            (None, Some(path)) => ContactSource::File(path),
            (None, None) => {
                return Err(Failure::usage(
                    "give --uid, --email, --phone or --from FILE",
                ));
            }
        };
        Ok(ExportOptions {
            source,
            format,
            cells,
            output: self.output,
        })
    }
}
