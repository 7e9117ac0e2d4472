//! Opening a `--state` store (snapshot, then its journals replayed) and compacting it (a new
//! snapshot, written off the request path, renamed over the old one). The files and the journal's
//! guarantees are described in `journal.rs`.

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::Instant;

use anyhow::Context;
use serde::{Serialize, Serializer};

use super::book::AccountBook;
use super::demo::{AccountFile, ContactRecord, Plan, TeamMember};
use super::journal::{Journal, StatePaths, read_journal, sync_dir};
use super::store::{AccountSlot, Persistence, Store};

/// One account as it was at a cut: its settings copied, its contacts' handles taken (cheap), so
/// it can be written out after every lock is released.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CapturedAccount {
    token: String,
    plan: Plan,
    name: String,
    time_zone: String,
    stages: Vec<String>,
    qualities: Vec<String>,
    team: Vec<TeamMember>,
    tags: Vec<String>,
    #[serde(serialize_with = "contacts_in_order")]
    contacts: Vec<Arc<ContactRecord>>,
}

fn contacts_in_order<S: Serializer>(
    contacts: &[Arc<ContactRecord>],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(contacts.iter().map(|contact| &**contact))
}

/// A snapshot file: the account-file format plus the journal generation it starts from.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotFile<'a> {
    accounts: &'a [CapturedAccount],
    journal_generation: u64,
}

fn capture(slot: &AccountSlot, book: &AccountBook) -> CapturedAccount {
    CapturedAccount {
        token: slot.token.clone(),
        plan: slot.plan,
        name: book.name.clone(),
        time_zone: book.time_zone.clone(),
        stages: book.stages.clone(),
        qualities: book.qualities.clone(),
        team: book.team.clone(),
        tags: book.tags().to_vec(),
        contacts: book.contacts.iter().cloned().collect(),
    }
}

/// Writes a snapshot beside the old one and renames it over it; returns its size in bytes.
fn write_snapshot(
    paths: &StatePaths,
    generation: u64,
    accounts: &[CapturedAccount],
) -> anyhow::Result<u64> {
    let temp = paths.temp();
    let written = (|| -> io::Result<u64> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut out = BufWriter::with_capacity(1 << 20, options.open(&temp)?);
        let snapshot = SnapshotFile {
            accounts,
            journal_generation: generation,
        };
        serde_json::to_writer(&mut out, &snapshot).map_err(io::Error::other)?;
        out.flush()?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        let bytes = file.metadata()?.len();
        std::fs::rename(&temp, paths.snapshot())?;
        sync_dir(paths.dir())?;
        Ok(bytes)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.with_context(|| format!("cannot write the snapshot {}", paths.snapshot().display()))
}

/// Opens the store kept in `state`: cleans up after a killed compaction, loads the snapshot (or,
/// the first time, seeds it from the data file or the demo), replays the journals, and resumes
/// appending where the last one's whole lines end.
pub fn open(
    state: &Path,
    data: Option<&Path>,
    compact_after: Option<u64>,
) -> anyhow::Result<Store> {
    let paths = StatePaths::new(state);
    crate::paths::create_private_dir(paths.dir())
        .with_context(|| format!("cannot create {}", paths.dir().display()))?;
    let removed = paths.remove_temp_files()?;
    if removed > 0 {
        tracing::info!(
            removed,
            "removed snapshots left half-written by a killed compaction"
        );
    }
    let journals = paths.journals()?;
    let seeding = !state.exists();
    let file = if seeding {
        anyhow::ensure!(
            journals.is_empty(),
            "{} does not exist but its journals do ({}): restore the state file or remove them",
            state.display(),
            journals[0].1.display()
        );
        let mut file = match data {
            Some(data) => AccountFile::load(data)?,
            None => AccountFile::demo()?,
        };
        file.journal_generation = 0;
        file
    } else {
        AccountFile::load(state)?
    };
    let generation = file.journal_generation;
    let mut store = Store::in_memory(file);
    let mut snapshot_bytes = std::fs::metadata(state).map(|m| m.len()).unwrap_or(0);
    if seeding {
        let captured: Vec<CapturedAccount> = store
            .accounts
            .iter()
            .map(|slot| capture(slot, &super::store::read_lock(&slot.book)))
            .collect();
        snapshot_bytes = write_snapshot(&paths, 0, &captured)?;
    }

    let (mut resume, mut resume_len, mut replayed) = (generation, 0, 0);
    for (journal_generation, path) in journals {
        if journal_generation < generation {
            // Held by the snapshot already: a compaction was stopped before deleting it.
            std::fs::remove_file(&path)?;
            continue;
        }
        let read = read_journal(&path)?;
        if read.torn_tail {
            tracing::warn!(path = %path.display(), "dropped a journal line cut short (never acknowledged)");
        }
        for (number, entry) in read.entries.iter().enumerate() {
            let slot = store.accounts.get_mut(entry.account).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: change {} is for account {}, which the snapshot does not have",
                    path.display(),
                    number + 1,
                    entry.account
                )
            })?;
            let book = slot.book.get_mut().unwrap_or_else(|p| p.into_inner());
            book.apply(&entry.change).map_err(|error| {
                anyhow::anyhow!(
                    "{}: change {} does not fit the snapshot: {error}",
                    path.display(),
                    number + 1
                )
            })?;
        }
        replayed += read.valid_len;
        (resume, resume_len) = (journal_generation, read.valid_len);
    }
    let journal = Journal::open(paths, resume, resume_len)?;
    let persistence = Persistence {
        journal,
        compact_after,
        snapshot_bytes: AtomicU64::new(snapshot_bytes),
        compacting: AtomicBool::new(false),
    };
    let due = replayed > 0 && replayed >= persistence.threshold();
    store.persistence = Some(persistence);
    if due {
        store.compact()?;
    }
    Ok(store)
}

/// Writes a new snapshot of every account and deletes the journals it holds.
pub fn compact(store: &Store) -> anyhow::Result<()> {
    let Some(persistence) = &store.persistence else {
        return Ok(());
    };
    let started = Instant::now();
    let (generation, captured) = {
        // Every account locked for reading: no change is half-way, so the new journal starts
        // exactly where the captured contents end. Readers go on; writers wait for this block.
        let books: Vec<_> = store
            .accounts
            .iter()
            .map(|slot| super::store::read_lock(&slot.book))
            .collect();
        let generation = persistence.journal.rotate()?;
        let captured: Vec<CapturedAccount> = store
            .accounts
            .iter()
            .zip(&books)
            .map(|(slot, book)| capture(slot, book))
            .collect();
        (generation, captured)
    };
    let paths = persistence.journal.paths();
    let bytes = write_snapshot(paths, generation, &captured)?;
    persistence
        .snapshot_bytes
        .store(bytes, std::sync::atomic::Ordering::Relaxed);
    for (journal_generation, path) in paths.journals()? {
        if journal_generation < generation {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    tracing::info!(
        generation,
        bytes,
        elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "simulator state compacted"
    );
    Ok(())
}
