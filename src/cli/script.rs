//! The flags of the scripting subcommands (`get`, `create`, `update`, `delete`, `tag add`,
//! `note add`, `stage|quality|owner set`, `export`, `query`, `import`, `apply`), and their
//! translation into a plain [`Task`] — where a flag combination clap cannot rule out (an empty
//! `--uid ""`) becomes the same usage error the command would give.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::api::{Identifier, NewContact};
use crate::export::{CsvCells, ExportFormat};
use crate::scripting::{
    BulkOptions, ContactSource, ExportOptions, Failure, SetField, ShowFormat, Task,
};

use super::EXIT_CODES_HELP;

/// The scripting subcommands.
#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// Print a contact by uid, email or phone.
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
    /// Write contacts as vCard, JSON or CSV.
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

/// Exactly one of `--uid`, `--email` or `--phone`.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct Who {
    /// The contact's uid (8 letters or digits).
    #[arg(long, value_name = "UID")]
    pub uid: Option<String>,
    /// The contact's email (several contacts may share one).
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// The contact's phone number (several contacts may share one).
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
}

impl Who {
    /// The identifier given, trimmed (a uid in capitals); `None` when every flag is empty.
    pub fn identifier(&self) -> Option<Identifier> {
        identifier_of(
            self.uid.as_deref(),
            self.email.as_deref(),
            self.phone.as_deref(),
        )
    }

    /// The identifier given, or the usage error saying what to give.
    fn required(&self) -> Result<Identifier, Failure> {
        self.identifier()
            .ok_or_else(|| Failure::usage("give one of --uid, --email or --phone (not empty)"))
    }
}

/// The first of uid, email and phone that is not blank, trimmed (a uid in capitals).
fn identifier_of(
    uid: Option<&str>,
    email: Option<&str>,
    phone: Option<&str>,
) -> Option<Identifier> {
    fn clean(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|v| !v.is_empty())
    }
    if let Some(uid) = clean(uid) {
        return Some(Identifier::Uid(uid.to_ascii_uppercase()));
    }
    if let Some(email) = clean(email) {
        return Some(Identifier::Email(email.to_string()));
    }
    clean(phone).map(|phone| Identifier::Phone(phone.to_string()))
}

/// The fields a contact can be given on the command line.
#[derive(Debug, Clone, Default, Args)]
pub struct Fields {
    /// Full name (the server splits it into first and last name).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub first_name: Option<String>,
    #[arg(long)]
    pub last_name: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Business or company name.
    #[arg(long, visible_alias = "company")]
    pub business: Option<String>,
    /// Birthday as YYYY-MM-DD.
    #[arg(long)]
    pub birthday: Option<String>,
    /// Street address.
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub state: Option<String>,
    #[arg(long)]
    pub zipcode: Option<String>,
    /// Time zone, e.g. America/Sao_Paulo.
    #[arg(long)]
    pub time_zone: Option<String>,
    /// Projected value or deal amount.
    #[arg(long)]
    pub value: Option<String>,
    /// Stage name (must exist in the account).
    #[arg(long)]
    pub stage: Option<String>,
    /// Quality name (must exist in the account).
    #[arg(long)]
    pub quality: Option<String>,
    /// Email of the team member who owns the contact.
    #[arg(long)]
    pub owner: Option<String>,
    /// A summary of the contact.
    #[arg(long)]
    pub snapshot: Option<String>,
    /// A tag to add; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

impl Fields {
    /// The body of a create request (the note is given separately).
    pub fn into_new_contact(self, note: Option<String>) -> NewContact {
        NewContact {
            name: self.name,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            phone: self.phone,
            business_name: self.business,
            birthday: self.birthday,
            address: self.address,
            city: self.city,
            state: self.state,
            zipcode: self.zipcode,
            time_zone: self.time_zone,
            value: self.value,
            stage_name: self.stage,
            quality_name: self.quality,
            owner_email: self.owner,
            snapshot: self.snapshot,
            note,
            tags: self.tags,
        }
    }
}

/// How `get` prints a contact when `--json` is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ShowFormatArg {
    /// A key: value block for one contact, an aligned table for several.
    #[default]
    Table,
    /// vCard 3.0.
    Vcard,
    /// vCard 4.0.
    Vcard4,
    /// CSV with a header row.
    Csv,
}

impl From<ShowFormatArg> for ShowFormat {
    fn from(format: ShowFormatArg) -> Self {
        match format {
            ShowFormatArg::Table => ShowFormat::Table,
            ShowFormatArg::Vcard => ShowFormat::Export(ExportFormat::VCard3),
            ShowFormatArg::Vcard4 => ShowFormat::Export(ExportFormat::VCard4),
            ShowFormatArg::Csv => ShowFormat::Export(ExportFormat::Csv),
        }
    }
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// vCard 3.0 (RFC 2426).
    Vcard,
    /// vCard 4.0 (RFC 6350).
    Vcard4,
    /// A JSON array with the API's field names.
    Json,
    /// CSV with the API's field names as header (`genius import` reads it back).
    Csv,
}

impl From<FileFormat> for ExportFormat {
    fn from(format: FileFormat) -> Self {
        match format {
            FileFormat::Vcard => ExportFormat::VCard3,
            FileFormat::Vcard4 => ExportFormat::VCard4,
            FileFormat::Json => ExportFormat::Json,
            FileFormat::Csv => ExportFormat::Csv,
        }
    }
}

/// Options shared by `import` and `apply`.
#[derive(Debug, Clone, Args)]
pub struct BulkArgs {
    /// The CSV file; its header row names the columns.
    pub file: PathBuf,
    /// The account's rate limit in requests per second; requests are paced to stay under it.
    #[arg(long, value_name = "N", env = "GENIUS_RATE_LIMIT", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub rate_limit: u32,
    /// Check every row and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Where each row's outcome is recorded, so a rerun resumes [default: FILE.journal].
    #[arg(long, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Where rows with bad data are written, with line number and reason [default: leads.rejects.csv
    /// for leads.csv].
    #[arg(long, value_name = "PATH")]
    pub rejects: Option<PathBuf>,
}

impl From<BulkArgs> for BulkOptions {
    fn from(args: BulkArgs) -> Self {
        BulkOptions {
            file: args.file,
            rate_limit: args.rate_limit,
            dry_run: args.dry_run,
            journal: args.journal,
            rejects: args.rejects,
        }
    }
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
}

/// Options of `genius apply`.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub bulk: BulkArgs,
}

impl ScriptCommand {
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
