//! The flags several scripting subcommands share: who a command is about, the contact fields
//! `create` and `update` accept, the output formats, and the options of the bulk commands — each
//! with the plain value it becomes.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::api::{Identifier, NewContact};
use crate::export::ExportFormat;
use crate::scripting::{BulkOptions, Failure, ShowFormat};

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
    pub(super) fn required(&self) -> Result<Identifier, Failure> {
        self.identifier()
            .ok_or_else(|| Failure::usage("give one of --uid, --email or --phone (not empty)"))
    }
}

/// The first of uid, email and phone that is not blank, trimmed (a uid in capitals).
pub(super) fn identifier_of(
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
