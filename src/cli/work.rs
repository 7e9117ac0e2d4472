//! `genius work FILE`: the flags, and the `--summary` that prints what was done on a list without
//! opening the TUI (plain aligned lines, or JSON with stable names). The TUI side is
//! `tui::run_work`; this module only reads the progress, it never writes it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::api::Region;
use crate::worklist::{ProgressStore, Worklist, WorklistSummary, store};

/// Options of `genius work`.
#[derive(Debug, Clone, Args)]
#[command(after_help = WORK_HELP)]
pub struct WorkArgs {
    /// The list: one uid, email or phone per line (blank lines and # comments ignored), or a CSV
    /// whose header names a uid, email or phone column.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Print what was done on the list (worked, notes, stage moves, skipped, not found) and exit.
    #[arg(long)]
    pub summary: bool,

    /// With --summary: print JSON instead of aligned lines.
    #[arg(long, requires = "summary")]
    pub json: bool,
}

const WORK_HELP: &str = "\
In the TUI: Enter opens a lead; on a contact, l logs a call (1…9 quick notes, Ctrl-S, Enter takes
the next stage), ] next lead, [ previous lead. Progress is kept per list and resumed on the first
lead not done.";

/// What `genius work` was asked, as plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkRequest {
    pub file: PathBuf,
    pub summary: Option<SummaryFormat>,
}

/// How the summary is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Plain,
    Json,
}

impl From<WorkArgs> for WorkRequest {
    fn from(args: WorkArgs) -> WorkRequest {
        let summary = match (args.summary, args.json) {
            (false, _) => None,
            (true, false) => Some(SummaryFormat::Plain),
            (true, true) => Some(SummaryFormat::Json),
        };
        WorkRequest {
            file: args.file,
            summary,
        }
    }
}

/// Prints the summary of the list at `file` (its progress in `dir`), phones read in `region`.
/// Exit 0, or 1 with the reason on stderr when the list or its progress cannot be read.
pub fn print_summary(
    file: &Path,
    dir: &Path,
    region: Option<Region>,
    format: SummaryFormat,
) -> ExitCode {
    match summary_text(file, dir, region, format) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("genius: {}", crate::text::safe_line(&message));
            ExitCode::FAILURE
        }
    }
}

/// The summary as it is printed, or why it cannot be.
pub fn summary_text(
    file: &Path,
    dir: &Path,
    region: Option<Region>,
    format: SummaryFormat,
) -> Result<String, String> {
    let mut list = Worklist::open_file(file, region).map_err(|e| e.to_string())?;
    ProgressStore::load(dir, &mut list).map_err(|e| e.to_string())?;
    let summary = WorklistSummary::of(&list);
    Ok(match format {
        SummaryFormat::Plain => summary.render_plain(),
        SummaryFormat::Json => {
            let mut text = summary.to_json().to_string();
            text.push('\n');
            text
        }
    })
}

/// The directory worklist progress is kept in.
pub fn progress_dir() -> PathBuf {
    store::store_dir()
}

/// `genius import … --worklist OUT`: the list of the contacts an import created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWorklist {
    pub out: PathBuf,
    /// The import's journal, which records each created uid.
    pub journal: PathBuf,
    /// The imported file, named in the list's header.
    pub input: PathBuf,
    /// A dry run creates nothing: no list is written.
    pub dry_run: bool,
}

impl ImportWorklist {
    /// Writes the list of the uids the import's journal records as created (so far: a run that
    /// stopped part-way writes what it created, and a resumed one writes them all). Says what it
    /// wrote on stderr; a failure to write is said there too, and the import's exit code stands.
    pub fn write(&self) {
        if self.dry_run {
            return;
        }
        let uids = match crate::scripting::bulk::journal::created_uids(&self.journal) {
            Ok(uids) => uids,
            Err(error) => {
                eprintln!(
                    "genius: no worklist written: {}",
                    crate::text::safe_line(&error)
                );
                return;
            }
        };
        let origin = format!("import of {}", self.input.display());
        match crate::worklist::write_uid_worklist(&self.out, &origin, &uids) {
            Ok(written) => eprintln!(
                "worklist: {} contact{} in {} (genius work {})",
                written.written,
                if written.written == 1 { "" } else { "s" },
                crate::text::safe_line(&self.out.display().to_string()),
                crate::text::safe_line(&self.out.display().to_string()),
            ),
            Err(error) => eprintln!(
                "genius: the worklist {} was not written: {error}",
                crate::text::safe_line(&self.out.display().to_string())
            ),
        }
    }
}
