//! `genius apply FILE`: changes existing contacts, one row each. A row keyed by email or phone is
//! looked up first (a key shared by several contacts is a reject: key that row by uid). The fields,
//! stage, quality, owner and tags go in one update (repeating it is harmless); the note, which would
//! be added twice if repeated, is journaled `started` first and, on a resumed run, only added when the
//! contact's history does not already hold it.

use std::sync::Arc;
use std::time::Instant;

use crate::api::{ApiRequest, Contact, ErrorKind, Identifier, Lookup};
use crate::config::RunConfig;
use crate::text::safe_line;

use super::super::BulkOptions;
use super::super::connect::{Access, client_for, connection, vocabulary};
use super::super::failure::{Failure, Outcome};
use super::engine::{Context, RowResult, run_jobs};
use super::journal::{self, Done, Journal, RowState};
use super::progress::Progress;
use super::rows::{Change, change};
use super::{check_rows, dry_run, finish, pending_rows, read_input};

/// One row to apply.
struct Job {
    line: u64,
    change: Change,
    /// An earlier run may have added the note already.
    uncertain: bool,
}

/// Runs `genius apply`.
pub async fn run(bulk: BulkOptions, config: &RunConfig) -> Outcome {
    let started = Instant::now();
    let input = read_input(&bulk, &[])?;
    let connection = connection(config)?;
    let vocabulary = vocabulary(&connection);
    let (good, bad) = check_rows(&input.table, |record| {
        change(&input.table.columns, record, &vocabulary)
    });
    if bulk.dry_run {
        return dry_run(&input, good.len(), &bad);
    }
    let client = client_for(connection, Access::Write)?;
    let header = journal::header("apply", &input.bytes);
    let (journal, previous) = Journal::open(&input.journal, &header).map_err(Failure::usage)?;
    let (pending, skipped) = pending_rows(good, &previous);
    let jobs: Vec<Job> = pending
        .into_iter()
        .map(|row| Job {
            line: row.line,
            change: row.item,
            uncertain: row.uncertain,
        })
        .collect();
    let progress = Progress::new("applying", jobs.len() as u64);
    let context = Arc::new(Context::new(client, bulk.rate_limit, journal, progress));
    context
        .counts
        .skipped
        .fetch_add(skipped, std::sync::atomic::Ordering::Relaxed);
    for (line, reason) in bad {
        context.reject(line, reason);
    }
    run_jobs(
        context.clone(),
        jobs,
        bulk.rate_limit as usize,
        |context, job| async move {
            let result = apply_row(&context, &job).await;
            context.finish(job.line, result);
        },
    )
    .await;
    finish(&context, &input, started)
}

async fn apply_row(context: &Context, job: &Job) -> RowResult {
    let (uid, mut known) = match &job.change.who {
        Identifier::Uid(uid) => (uid.clone(), None),
        who => match find_one(context, who).await {
            Ok(found) => found,
            Err(result) => return result,
        },
    };
    let mut patch = job.change.patch.clone();
    patch.uid = uid.clone();
    if !patch.is_empty() {
        match context.send::<Contact>(&ApiRequest::update(&patch)).await {
            Ok(_) => {}
            Err(error) if error.kind() == ErrorKind::NotFound => {
                return RowResult::Rejected(format!("no contact with uid {}", safe_line(&uid)));
            }
            Err(error) => return RowResult::from_error(&error),
        }
    }
    if let Some(note) = &job.change.note {
        let who = Identifier::Uid(uid.clone());
        if job.uncertain && known.is_none() {
            match find_one(context, &who).await {
                Ok((_, contact)) => known = contact,
                Err(result) => return result,
            }
        }
        let already = job.uncertain
            && known
                .as_ref()
                .and_then(|c| c.notes.as_deref())
                .is_some_and(|notes| notes.contains(note.trim()));
        if !already {
            if let Err(fatal) = context.record(job.line, &RowState::Started) {
                return fatal;
            }
            let sent = context
                .send::<serde_json::Value>(&ApiRequest::add_note(&who, note))
                .await;
            match sent {
                Ok(_) => {}
                Err(error) if error.kind() == ErrorKind::NotFound => {
                    return RowResult::Rejected(format!("no contact with uid {}", safe_line(&uid)));
                }
                Err(error) => return RowResult::from_error(&error),
            }
        }
    }
    RowResult::Done {
        outcome: Done::Updated,
        uid,
    }
}

/// The uid of the one contact an identifier names, with the whole contact when the server answered
/// it (a list of one summary gives only the uid); none, or several, is a reject.
async fn find_one(
    context: &Context,
    who: &Identifier,
) -> Result<(String, Option<Contact>), RowResult> {
    let found = match context.send::<Lookup>(&ApiRequest::get(who)).await {
        Ok(found) => found,
        Err(error) if error.kind() == ErrorKind::NotFound => Lookup::Several(Vec::new()),
        Err(error) => return Err(RowResult::from_error(&error)),
    };
    let shown = safe_line(who.value()).into_owned();
    match found {
        Lookup::One(contact) => Ok((contact.uid.clone(), Some(*contact))),
        Lookup::Several(summaries) => match summaries.as_slice() {
            [] => Err(RowResult::Rejected(format!(
                "no contact with {} {shown}",
                who.field()
            ))),
            [only] => Ok((only.uid.clone(), None)),
            several => Err(RowResult::Rejected(format!(
                "{} contacts have {} {shown}: key this row by uid",
                several.len(),
                who.field()
            ))),
        },
    }
}
