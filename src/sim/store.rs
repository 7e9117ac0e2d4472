//! The simulator's data: every account of the loaded file, each behind its own read-write lock, and
//! — with `--state` — the journal that makes each change durable (see `journal.rs` and
//! `persist.rs`).
//!
//! Readers share an account's lock and hold it only to clone the `Arc`s of the contacts they
//! answer with; formatting happens after. A writer holds it for the change itself and the append
//! of its journal line (a `write`, no `fsync`); waiting for the disk happens after the lock is
//! released ([`Store::sync`]). Tokens and plans never change while serving, so finding the
//! caller's account takes no lock at all.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::book::AccountBook;
use super::change::Change;
use super::demo::{AccountFile, Plan};
use super::journal::{Journal, Ticket};
use super::reply::SimError;

/// One account: who may open it, and its data.
#[derive(Debug)]
pub(super) struct AccountSlot {
    pub(super) token: String,
    pub(super) plan: Plan,
    pub(super) book: RwLock<AccountBook>,
}

/// The journal of a `--state` store, and when to compact it.
#[derive(Debug)]
pub(super) struct Persistence {
    pub(super) journal: Journal,
    /// Compact once the current journal holds this many bytes (fixed by `--compact-after`).
    pub(super) compact_after: Option<u64>,
    /// The size of the last snapshot written: by default a compaction waits until the journal has
    /// grown as large, so rewriting the snapshot costs no more than the changes that led to it.
    pub(super) snapshot_bytes: AtomicU64,
    pub(super) compacting: AtomicBool,
}

/// The least journal that triggers a compaction by default.
const MIN_COMPACT_BYTES: u64 = 16 * 1024 * 1024;

impl Persistence {
    /// The journal size that calls for a compaction.
    pub(super) fn threshold(&self) -> u64 {
        self.compact_after.unwrap_or_else(|| {
            self.snapshot_bytes
                .load(Ordering::Relaxed)
                .max(MIN_COMPACT_BYTES)
        })
    }
}

/// All accounts.
#[derive(Debug)]
pub struct Store {
    pub(super) accounts: Vec<AccountSlot>,
    by_token: HashMap<String, usize>,
    pub(super) persistence: Option<Persistence>,
}

/// A change appended to the journal, not yet known to be on disk.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    ticket: Ticket,
    /// True when this write made the journal big enough to compact (only one writer is told).
    pub compact: bool,
}

/// What [`Store::write`] did.
#[derive(Debug)]
pub struct Written<R> {
    /// What the operation returned.
    pub value: R,
    /// The journal append to wait for before acknowledging, when there was a change to persist.
    pub pending: Option<Pending>,
}

/// A write in progress on one account, under its lock.
pub struct Writing<'a> {
    book: &'a mut AccountBook,
    account: usize,
    persistence: Option<&'a Persistence>,
    pending: Option<Pending>,
}

impl Writing<'_> {
    /// The account as it is now.
    pub fn book(&self) -> &AccountBook {
        self.book
    }

    /// Journals and applies a change planned against [`Writing::book`]. Nothing is changed when it
    /// cannot be journaled.
    pub fn commit(&mut self, change: &Change) -> Result<(), SimError> {
        self.book.check(change).map_err(|error| {
            tracing::error!(%error, "a planned change does not apply");
            SimError::server_error(format!("the change cannot be applied: {error}"))
        })?;
        if let Some(persistence) = self.persistence {
            let (ticket, journal_bytes) = persistence
                .journal
                .append(self.account, change)
                .map_err(|error| {
                    tracing::error!(%error, "cannot append to the simulator journal");
                    SimError::server_error(format!(
                        "nothing was changed: the simulator cannot write its journal: {error}"
                    ))
                })?;
            let compact = journal_bytes >= persistence.threshold()
                && !persistence.compacting.swap(true, Ordering::AcqRel);
            let compact = compact || self.pending.is_some_and(|p| p.compact);
            self.pending = Some(Pending { ticket, compact });
        }
        // `check` passed under the same lock, so this cannot fail.
        self.book
            .apply(change)
            .map_err(|error| SimError::server_error(error.to_string()))
    }
}

pub(super) fn read_lock(lock: &RwLock<AccountBook>) -> RwLockReadGuard<'_, AccountBook> {
    // A writer that panicked did so before or after `apply`, which changes the book in one step
    // that cannot panic half-way on valid data; the book is taken over as it is.
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write_lock(lock: &RwLock<AccountBook>) -> RwLockWriteGuard<'_, AccountBook> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Store {
    /// Loads the accounts: from the `--state` files when they exist (see `persist.rs`), else from
    /// the data file or the embedded demo.
    pub fn open(
        data: Option<&Path>,
        state: Option<&Path>,
        compact_after: Option<u64>,
    ) -> anyhow::Result<Store> {
        match state {
            Some(state) => super::persist::open(state, data, compact_after),
            None => {
                let file = match data {
                    Some(data) => AccountFile::load(data)?,
                    None => AccountFile::demo()?,
                };
                Ok(Store::in_memory(file))
            }
        }
    }

    /// The accounts of a file, in memory only.
    pub fn in_memory(file: AccountFile) -> Store {
        let accounts: Vec<AccountSlot> = file
            .accounts
            .into_iter()
            .map(|account| {
                let (token, plan, book) = AccountBook::from_account(account);
                AccountSlot {
                    token,
                    plan,
                    book: RwLock::new(book),
                }
            })
            .collect();
        let by_token = accounts
            .iter()
            .enumerate()
            .map(|(index, slot)| (slot.token.clone(), index))
            .collect();
        Store {
            accounts,
            by_token,
            persistence: None,
        }
    }

    /// The number of accounts (their indices are `0..count`).
    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    /// The account a token opens, with its plan.
    pub fn account_for_token(&self, token: &str) -> Option<(usize, Plan)> {
        let index = *self.by_token.get(token)?;
        Some((index, self.accounts[index].plan))
    }

    /// An account, for reading. Hold it only to pick what to answer with.
    pub fn read(&self, account: usize) -> RwLockReadGuard<'_, AccountBook> {
        read_lock(&self.accounts[account].book)
    }

    /// Runs `op` on an account under its write lock. `op` plans against [`Writing::book`] and
    /// commits at most what it planned, as its last step.
    pub fn write<R>(
        &self,
        account: usize,
        op: impl FnOnce(&mut Writing<'_>) -> Result<R, SimError>,
    ) -> Result<Written<R>, SimError> {
        let mut book = write_lock(&self.accounts[account].book);
        let mut writing = Writing {
            book: &mut book,
            account,
            persistence: self.persistence.as_ref(),
            pending: None,
        };
        let value = op(&mut writing)?;
        Ok(Written {
            value,
            pending: writing.pending,
        })
    }

    /// Waits until a journaled change is on disk (blocking: call it off the async threads).
    pub fn sync(&self, pending: Pending) -> Result<(), SimError> {
        let Some(persistence) = &self.persistence else {
            return Ok(());
        };
        persistence.journal.sync(pending.ticket).map_err(|error| {
            tracing::error!(%error, "cannot sync the simulator journal");
            SimError::server_error(format!(
                "the change was made but may not survive a restart: the journal cannot be synced: {error}"
            ))
        })
    }

    /// Rewrites the snapshot from memory and drops the journals it holds (blocking). Writers wait
    /// only while the contacts' handles are gathered; the file is written after.
    pub fn compact(&self) -> anyhow::Result<()> {
        let result = super::persist::compact(self);
        if let Some(persistence) = &self.persistence {
            persistence.compacting.store(false, Ordering::Release);
        }
        result
    }

    /// The number of contacts of the account a token opens.
    pub fn contact_count(&self, token: &str) -> Option<usize> {
        self.account_for_token(token)
            .map(|(index, _)| self.read(index).contacts.len())
    }
}

/// A fresh uid for a contact of `book`: 8 characters of A–Z and 0–9, unused in the account.
pub fn new_uid(book: &AccountBook) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    loop {
        let uid: String = (0..8)
            .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
            .collect();
        if !book.contacts.contains_uid(&uid) {
            return uid;
        }
    }
}
