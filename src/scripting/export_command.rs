//! `genius export`: contacts named by uid, email or phone — on the command line, or in a file of one
//! identifier a line or a CSV with such a column — looked up and written as vCard, JSON or CSV (to
//! stdout, or to a private 0600 file with `-o`). An email or phone several contacts share exports
//! every one of them: the API lists such matches as summaries, so each is fetched by uid (through
//! the same client, so within the command's rate-limit waiting). A contact that cannot be found is
//! reported and skipped; the exit code then says so.
#![deny(clippy::indexing_slicing)]

use std::io::Read;

use std::path::Path;

use crate::api::{ApiError, Contact, Identifier, Lookup};
use crate::config::RunConfig;
use crate::export::export_with;

use super::connect::{Access, client};
use super::failure::{Failure, Outcome};
use super::single::write_stdout;
use super::{ContactSource, ExportOptions};

/// One uid, email or phone a line; blank lines and `#` comments are skipped.
fn identifiers_from_lines(text: &str, shown: &str) -> Result<Vec<Identifier>, Failure> {
    let mut identifiers = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let who = Identifier::parse(line)
            .map_err(|error| Failure::usage(format!("{shown}:{}: {error}", index + 1)))?;
        identifiers.push(who);
    }
    Ok(identifiers)
}

/// When the file is a CSV whose header has a uid, email or phone column (an import file, an
/// earlier export), each row's uid, else email, else phone; `None` when it is not such a file.
fn identifiers_from_csv(text: &str) -> Option<Vec<Identifier>> {
    use super::bulk::columns::{Field, read_table};
    let table = read_table(text.as_bytes()).ok()?;
    let keys = [Field::Uid, Field::Email, Field::Phone];
    if !keys.iter().any(|k| table.columns.columns.contains_key(k)) {
        return None;
    }
    let identifiers = table
        .records
        .iter()
        .filter_map(|record| {
            let cell = |field| table.columns.get(record, field).map(str::to_string);
            cell(Field::Uid)
                .map(|uid| Identifier::Uid(uid.to_ascii_uppercase()))
                .or_else(|| cell(Field::Email).map(Identifier::Email))
                .or_else(|| cell(Field::Phone).map(Identifier::Phone))
        })
        .collect();
    Some(identifiers)
}

/// Runs `genius export`: looks each contact up and writes them in the chosen format.
pub async fn run(options: ExportOptions, config: &RunConfig) -> Outcome {
    let identifiers = match options.source {
        ContactSource::One(who) => vec![who],
        ContactSource::File(path) => identifiers_from_file(&path)?,
    };
    let client = client(config, Access::Read)?;
    let mut contacts: Vec<Contact> = Vec::new();
    let mut worst: Option<Failure> = None;
    // A lookup that fails is skipped (reported, and remembered for the exit code) unless it is
    // the only contact asked for, or the token itself is refused.
    let mut skip = |doing: String, error: &ApiError, alone: bool| {
        let failure = Failure::api(&doing, error);
        if alone || error.kind() == crate::api::ErrorKind::Unauthorized {
            return Err(failure);
        }
        eprintln!("genius: {} (skipped)", failure.message);
        if worst.as_ref().is_none_or(|w| w.exit < failure.exit) {
            worst = Some(failure);
        }
        Ok(())
    };
    // A contact named twice (by email and by phone, say) is written once.
    let is_new = |contacts: &[Contact], uid: &str| !contacts.iter().any(|c| c.uid == uid);
    for who in &identifiers {
        match client.get(who).await {
            Ok(Lookup::One(contact)) => {
                if is_new(&contacts, &contact.uid) {
                    contacts.push(*contact);
                }
            }
            Ok(Lookup::Several(summaries)) => {
                for summary in summaries {
                    if !is_new(&contacts, &summary.uid) {
                        continue;
                    }
                    match client.get_whole(&summary.uid).await {
                        Ok(contact) => contacts.push(contact),
                        Err(error) => {
                            let doing = format!(
                                "fetching uid {} (it has {who})",
                                crate::text::safe_line(&summary.uid)
                            );
                            skip(doing, &error, false)?;
                        }
                    }
                }
            }
            Err(error) => skip(format!("looking up {who}"), &error, identifiers.len() == 1)?,
        }
    }
    let text = export_with(&contacts, options.format, options.cells)
        .map_err(|error| Failure::usage(error.to_string()))?;
    match &options.output {
        Some(path) => crate::paths::write_private_file(path, text.as_bytes())
            .map_err(|error| Failure::usage(format!("cannot write {}: {error}", path.display())))?,
        None => write_stdout(&text)?,
    }
    match worst {
        Some(failure) => Err(Failure::new(
            failure.exit,
            "some contacts were not exported",
        )),
        None => Ok(()),
    }
}

/// The identifiers a file (`-`: standard input) names; none is a usage error.
fn identifiers_from_file(path: &Path) -> Result<Vec<Identifier>, Failure> {
    let text = if path.as_os_str() == "-" {
        let mut buffer = String::new();
        std::io::stdin()
            .read_to_string(&mut buffer)
            .map_err(|error| Failure::usage(format!("cannot read standard input: {error}")))?;
        buffer
    } else {
        std::fs::read_to_string(path)
            .map_err(|error| Failure::usage(format!("cannot read {}: {error}", path.display())))?
    };
    let shown = path.display().to_string();
    let identifiers = match identifiers_from_csv(&text) {
        Some(identifiers) => identifiers,
        None => identifiers_from_lines(&text, &shown)?,
    };
    if identifiers.is_empty() {
        return Err(Failure::usage(format!(
            "{} names no contact",
            path.display()
        )));
    }
    Ok(identifiers)
}
