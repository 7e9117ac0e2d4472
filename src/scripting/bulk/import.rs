//! `genius import FILE`: creates a contact per good row, exactly once however often the run is
//! interrupted. Rows finished by an earlier run are skipped; a row whose create may have reached the
//! server (journal `started` or `uncertain`) is looked up by email, then phone, and only created when
//! absent. With `--update-existing`, a row whose email or phone exists updates that contact instead.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use crate::api::{ApiRequest, Contact, ContactSummary, ErrorKind, Identifier, Lookup, NewContact};
use crate::config::RunConfig;
use crate::text::safe_line;

use super::super::BulkOptions;
use super::super::connect::{Access, client_for, connection, vocabulary};
use super::super::failure::{Failure, Outcome};
use super::columns::Field;
use super::engine::{Context, RowResult, run_jobs};
use super::journal::{self, Done, Journal, RowState};
use super::progress::Progress;
use super::rows::new_contact;
use super::{check_rows, dry_run, finish, pending_rows, read_input};

/// One row to send.
struct Job {
    line: u64,
    contact: NewContact,
    /// An earlier run may have created it already.
    uncertain: bool,
    update_existing: bool,
}

/// Runs `genius import`; with `update_existing`, a row whose email or phone exists updates that
/// contact instead.
pub async fn run(bulk: BulkOptions, update_existing: bool, config: &RunConfig) -> Outcome {
    let started = Instant::now();
    let input = read_input(&bulk, &[Field::Uid])?;
    let columns = &input.table.columns;
    let has = |fields: &[Field]| fields.iter().any(|f| columns.columns.contains_key(f));
    if !has(&[Field::Name, Field::FirstName, Field::LastName]) {
        return Err(Failure::usage(
            "the file has no name column (name, or first name / last name)",
        ));
    }
    if !has(&[Field::Email, Field::Phone]) {
        return Err(Failure::usage("the file has no email or phone column"));
    }
    let connection = connection(config)?;
    let vocabulary = vocabulary(&connection);
    let (good, bad) = check_rows(&input.table, |record| {
        new_contact(columns, record, &vocabulary)
    });
    if bulk.dry_run {
        return dry_run(&input, good.len(), &bad);
    }
    let client = client_for(connection, Access::Write)?;
    let header = journal::header("import", &input.bytes);
    let (journal, previous) = Journal::open(&input.journal, &header).map_err(Failure::usage)?;
    let (pending, skipped) = pending_rows(good, &previous);
    let jobs: Vec<Job> = pending
        .into_iter()
        .map(|row| Job {
            line: row.line,
            contact: row.item,
            uncertain: row.uncertain,
            update_existing,
        })
        .collect();
    let progress = Progress::new("importing", jobs.len() as u64);
    let groups = group_by_contact(jobs, update_existing);
    let context = Arc::new(Context::new(client, bulk.rate_limit, journal, progress));
    context
        .counts
        .skipped
        .fetch_add(skipped, std::sync::atomic::Ordering::Relaxed);
    for (line, reason) in bad {
        context.reject(line, reason);
    }
    let concurrency = bulk.rate_limit as usize;
    run_jobs(
        context.clone(),
        groups,
        concurrency,
        |context, group| async move {
            // Rows of one group name the same person: one after the other, so the second finds the first.
            for job in group {
                if context.stopping() {
                    break;
                }
                let result = import_row(&context, &job).await;
                context.finish(job.line, result);
            }
        },
    )
    .await;
    finish(&context, &input, started)
}

/// With `--update-existing`, rows that share an email (or, without one, a phone) are grouped, so
/// they run in order and the later rows update the contact the first one created instead of racing
/// it into a duplicate. Otherwise every row is a group of its own.
fn group_by_contact(jobs: Vec<Job>, update_existing: bool) -> Vec<Vec<Job>> {
    if !update_existing {
        return jobs.into_iter().map(|job| vec![job]).collect();
    }
    let mut groups: Vec<Vec<Job>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for job in jobs {
        let key = match (&job.contact.email, &job.contact.phone) {
            (Some(email), _) => format!("email:{}", email.trim().to_lowercase()),
            (None, Some(phone)) => format!(
                "phone:{}",
                phone
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            ),
            (None, None) => String::new(),
        };
        match by_key.get(&key) {
            Some(index) if !key.is_empty() => groups[*index].push(job),
            _ => {
                by_key.insert(key, groups.len());
                groups.push(vec![job]);
            }
        }
    }
    groups
}

async fn import_row(context: &Context, job: &Job) -> RowResult {
    if job.update_existing {
        match find(context, &job.contact, false).await {
            Ok(Some(existing)) => return update(context, job, existing).await,
            Ok(None) => {}
            Err(result) => return result,
        }
    } else if job.uncertain {
        match find(context, &job.contact, true).await {
            Ok(Some(existing)) => {
                return RowResult::Done {
                    outcome: Done::Existing,
                    uid: existing.uid().to_string(),
                };
            }
            Ok(None) => {}
            Err(result) => return result,
        }
    }
    create(context, job).await
}

async fn create(context: &Context, job: &Job) -> RowResult {
    if let Err(fatal) = context.record(job.line, &RowState::Started) {
        return fatal;
    }
    match context
        .send::<Contact>(&ApiRequest::create(&job.contact))
        .await
    {
        Ok(created) => RowResult::Done {
            outcome: Done::Created,
            uid: created.uid,
        },
        Err(error) => RowResult::from_error(&error),
    }
}

async fn update(context: &Context, job: &Job, existing: Existing) -> RowResult {
    let uid = existing.uid().to_string();
    let patch = job.contact.to_patch(&uid);
    if !patch.is_empty()
        && let Err(error) = context.send::<Contact>(&ApiRequest::update(&patch)).await
    {
        return RowResult::from_error(&error);
    }
    if let Some(note) = &job.contact.note {
        let existing = match whole_contact(context, existing).await {
            Ok(contact) => contact,
            Err(result) => return result,
        };
        let already = existing
            .notes
            .as_deref()
            .is_some_and(|n| n.contains(note.trim()));
        if !already {
            if let Err(fatal) = context.record(job.line, &RowState::Started) {
                return fatal;
            }
            let who = Identifier::Uid(uid.clone());
            let sent = context
                .send::<serde_json::Value>(&ApiRequest::add_note(&who, note))
                .await;
            if let Err(error) = sent {
                return RowResult::from_error(&error);
            }
        }
    }
    RowResult::Done {
        outcome: Done::Updated,
        uid,
    }
}

/// The whole record of a contact found: as answered, or — a match picked among several is only a
/// summary — fetched by uid.
async fn whole_contact(context: &Context, existing: Existing) -> Result<Contact, RowResult> {
    let summary = match existing {
        Existing::Whole(contact) => return Ok(*contact),
        Existing::Listed(summary) => summary,
    };
    match context
        .send::<Lookup>(&ApiRequest::get(&summary.identifier()))
        .await
    {
        Ok(Lookup::One(contact)) => Ok(*contact),
        Ok(Lookup::Several(_)) => Err(RowResult::Rejected(format!(
            "uid {} did not answer as one contact",
            safe_line(&summary.uid)
        ))),
        Err(error) => Err(RowResult::from_error(&error)),
    }
}

/// The contact a row's email or phone found: whole when it was the only match, only its summary
/// when it was picked, by name, among several.
enum Existing {
    Whole(Box<Contact>),
    Listed(ContactSummary),
}

impl Existing {
    fn uid(&self) -> &str {
        match self {
            Existing::Whole(contact) => &contact.uid,
            Existing::Listed(summary) => &summary.uid,
        }
    }
}

/// Looks the row's contact up by email, then phone. With `same_name`, only a contact whose name is
/// the row's counts (so a different person sharing an office phone is not taken for this row);
/// without, a key several contacts share picks the one with the row's name, or rejects the row.
async fn find(
    context: &Context,
    row: &NewContact,
    same_name: bool,
) -> Result<Option<Existing>, RowResult> {
    let keys = [
        row.email.clone().map(Identifier::Email),
        row.phone.clone().map(Identifier::Phone),
    ];
    for who in keys.into_iter().flatten() {
        let found = match context.send::<Lookup>(&ApiRequest::get(&who)).await {
            Ok(found) => found,
            Err(error) if error.kind() == ErrorKind::NotFound => Lookup::Several(Vec::new()),
            Err(error) => return Err(RowResult::from_error(&error)),
        };
        let wanted = row_name(row);
        let summaries = found.summaries();
        let mut named = summaries
            .iter()
            .filter(|s| normalise(&s.display_name()) == wanted);
        let listed = |summary: &ContactSummary| match &found {
            Lookup::One(contact) => Existing::Whole(contact.clone()),
            Lookup::Several(_) => Existing::Listed(summary.clone()),
        };
        if same_name {
            if let Some(summary) = named.next() {
                return Ok(Some(listed(summary)));
            }
            continue;
        }
        // Several contacts share the key: the one with the row's name, else the row is ambiguous.
        match (summaries.as_slice(), named.clone().count()) {
            ([], _) => {}
            ([only], _) => return Ok(Some(listed(only))),
            (_, 1) => return Ok(named.next().map(listed)),
            (several, _) => {
                let n = several.len();
                return Err(RowResult::Rejected(format!(
                    "{n} contacts have {} {}: change the right one with `genius apply` keyed by uid",
                    who.field(),
                    safe_line(who.value())
                )));
            }
        }
    }
    Ok(None)
}

/// The row's name as the server will show it, normalised for comparison.
fn row_name(row: &NewContact) -> String {
    let parts = match &row.name {
        Some(name) => name.clone(),
        None => format!(
            "{} {}",
            row.first_name.as_deref().unwrap_or(""),
            row.last_name.as_deref().unwrap_or("")
        ),
    };
    normalise(&parts)
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
