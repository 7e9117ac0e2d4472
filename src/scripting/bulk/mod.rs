//! Bulk work from CSV files: `import` creates contacts, `apply` changes them. Both read the file the
//! same way ([`columns`], [`rows`]), journal every row so a rerun resumes ([`journal`]), pace requests
//! under the rate limit ([`pacer`]), show progress ([`progress`]) and hand bad rows back in a rejects
//! file with their line numbers ([`rejects`]); [`engine`] runs the rows.

pub mod apply;
pub mod columns;
pub mod engine;
pub mod import;
pub mod journal;
pub mod pacer;
pub mod progress;
pub mod rejects;
pub mod rows;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::BulkOptions;
use super::failure::{Exit, Failure, Outcome};
use super::single::write_stdout;
use columns::{Record, Table};
use engine::{Context, summary};
use journal::RowState;

/// Shown under `genius import --help`.
pub const IMPORT_HELP: &str = "\
Columns (header names are matched ignoring case, spaces, _ and -):
  name | first name, last name   one of them is required
  email | phone                  one of them is required
  business (company), birthday (YYYY-MM-DD), address, city, state, zipcode,
  time zone, value, stage, quality, owner (email), snapshot, note,
  tags (several separated by ;)
Unknown columns are reported and ignored. Bad rows are written to the rejects file
with their line number and reason; fix them there and import that file.

Resuming: each row's outcome is recorded in the journal. Run the same command again
after an interruption and finished rows are skipped; a row whose create may or may
not have reached the server is looked up by email or phone first, so no contact is
ever created twice.

Exit status: 0 all rows done; 1 some rows rejected; 3 token refused; 4, 5 or 6 some
rows failed (run again to retry them); 130 stopped by Ctrl-C.";

/// Shown under `genius apply --help`.
pub const APPLY_HELP: &str = "\
Each row names a contact by its uid, else its email, else its phone, and changes it:
  any of name, first name, last name, email, phone, business, birthday, address, city,
  state, zipcode, time zone, value, snapshot; stage, quality, owner (email);
  tags (added, separated by ;); note (added to the history).
Empty cells change nothing. When a row is keyed by uid its email and phone columns are
changes; keyed by email, its phone column is a change.
Journal, rejects, resuming and exit status work as for `genius import`.";

/// The input file, its bytes and its parsed table, with the journal and rejects paths.
pub struct Input {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub table: Table,
    pub journal: PathBuf,
    pub rejects: PathBuf,
}

/// `<file>.journal` next to the input.
pub fn default_journal(input: &Path) -> PathBuf {
    let mut name = input.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// `<stem>.rejects.csv` next to the input.
pub fn default_rejects(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "input".into());
    input.with_file_name(format!("{stem}.rejects.csv"))
}

/// Reads and parses the input; reports unknown and duplicate columns on stderr.
pub fn read_input(options: &BulkOptions, ignored: &[columns::Field]) -> Result<Input, Failure> {
    let path = options.file.clone();
    let bytes = std::fs::read(&path)
        .map_err(|error| Failure::usage(format!("cannot read {}: {error}", path.display())))?;
    let table = columns::read_table(&bytes)
        .map_err(|reason| Failure::usage(format!("{}: {reason}", path.display())))?;
    let mut unused = table.columns.unknown.clone();
    for field in ignored {
        if let Some(index) = table.columns.columns.get(field) {
            unused.push(table.columns.headers[*index].clone());
        }
    }
    if !unused.is_empty() {
        eprintln!(
            "genius: ignoring columns genius does not know: {}",
            unused.join(", ")
        );
    }
    if !table.columns.duplicates.is_empty() {
        eprintln!(
            "genius: ignoring repeated columns (the first one is used): {}",
            table.columns.duplicates.join(", ")
        );
    }
    Ok(Input {
        journal: options
            .journal
            .clone()
            .unwrap_or_else(|| default_journal(&path)),
        rejects: options
            .rejects
            .clone()
            .unwrap_or_else(|| default_rejects(&path)),
        path,
        bytes,
        table,
    })
}

/// Writes the rejects file, prints the summary, and gives the run's exit code.
pub fn finish(context: &Context, input: &Input, started: Instant) -> Outcome {
    let rejected = context.rejects();
    for line in rejects::report(&rejected, &input.rejects) {
        eprintln!("{line}");
    }
    rejects::write(&input.rejects, &input.table, &rejected).map_err(Failure::usage)?;
    let note = if rejected.is_empty() {
        String::new()
    } else {
        format!("  -> {}", input.rejects.display())
    };
    let text = summary(&context.counts, started.elapsed(), &note);
    let load =
        |counter: &std::sync::atomic::AtomicU64| counter.load(std::sync::atomic::Ordering::Relaxed);
    let counts = &context.counts;
    tracing::info!(
        input = %input.path.display(),
        created = load(&counts.created),
        updated = load(&counts.updated),
        skipped = load(&counts.skipped),
        rejected = load(&counts.rejected),
        failed = load(&counts.failed),
        requests = load(&counts.requests),
        elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "bulk run finished"
    );
    write_stdout(&text)?;
    match context.exit() {
        (Exit::Ok, _) => Ok(()),
        (_, Some(fatal)) => Err(fatal),
        (Exit::Interrupted, None) => Err(Failure::new(
            Exit::Interrupted,
            format!(
                "stopped; run the same command again to resume (journal {})",
                context.journal.path().display()
            ),
        )),
        (Exit::Usage, None) => Err(Failure::new(Exit::Usage, String::new())),
        (exit, None) => Err(Failure::new(
            exit,
            "some rows failed; run the same command again to retry them",
        )),
    }
}

/// Reports a dry run: the rejects (also written to the rejects file) and how many rows are good.
pub fn dry_run(input: &Input, good: usize, bad: &[(u64, String)]) -> Outcome {
    for line in rejects::report(bad, &input.rejects) {
        eprintln!("{line}");
    }
    rejects::write(&input.rejects, &input.table, bad).map_err(Failure::usage)?;
    write_stdout(&format!(
        "dry run: {good} rows are good, {} rejected; nothing was sent\n",
        bad.len()
    ))?;
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(Exit::Usage, String::new()))
    }
}

/// Rows of the file by line number: what to send for the good ones, why for the bad ones.
pub type RowsByLine<T> = Vec<(u64, T)>;

/// Checks every record of the file locally: the good rows with what to send, the bad ones with why.
pub fn check_rows<T>(
    table: &Table,
    mut check: impl FnMut(&Record) -> Result<T, String>,
) -> (RowsByLine<T>, RowsByLine<String>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for record in &table.records {
        match check(record) {
            Ok(item) => good.push((record.line, item)),
            Err(reason) => bad.push((record.line, reason)),
        }
    }
    (good, bad)
}

/// A good row still to send.
pub struct PendingRow<T> {
    pub line: u64,
    pub item: T,
    /// An earlier run started it and may have applied it already: look before sending again.
    pub uncertain: bool,
}

/// Splits the good rows by the journal of earlier runs: those to send, and how many were finished.
pub fn pending_rows<T>(
    good: RowsByLine<T>,
    previous: &HashMap<u64, RowState>,
) -> (Vec<PendingRow<T>>, u64) {
    let mut pending = Vec::new();
    let mut finished = 0;
    for (line, item) in good {
        match previous.get(&line) {
            Some(state) if state.is_done() => finished += 1,
            state => pending.push(PendingRow {
                line,
                item,
                uncertain: state.is_some_and(RowState::is_uncertain),
            }),
        }
    }
    (pending, finished)
}
