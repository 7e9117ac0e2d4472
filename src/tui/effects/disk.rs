//! The disk writer: one task that writes the recents file and the contact cache in the order they
//! were asked for, so saves never overtake each other (a contact forgotten after it was cached
//! stays forgotten). Each write names its file, so a write queued before a profile switch lands in
//! the profile it belongs to. The recents are written at most once a second, their newest version
//! always (at the latest on exit). Failures come back as `Msg::EffectFailed`. Reading the cache's
//! index and one contact's copy happen here too, off the UI thread.

use std::path::PathBuf;
use std::time::Duration;

use tokio::time::Instant;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::api::Contact;
use crate::cache::ContactCache;
use crate::tui::app::Msg;
use crate::tui::effects::recents_file::save_recents;
use crate::tui::model::recents::RecentList;

/// A write to the data directory.
pub enum DiskWrite {
    /// The recent contacts, to this file.
    Recents(PathBuf, RecentList),
    /// These contacts, fetched then, into this cache.
    Cache(ContactCache, Vec<Contact>, DateTime<Utc>),
    /// This contact, its notes already cut to the newest, fetched then, into this cache.
    CacheCut(ContactCache, Box<Contact>, DateTime<Utc>),
    /// This contact out of this cache.
    Forget(ContactCache, String),
}

/// The recents file is written at most this often: a burst of lookups writes it once or twice,
/// not once per contact (its newest version is always written, at the latest this much later).
pub const RECENTS_AT_MOST_EVERY: Duration = Duration::from_secs(1);

/// What the writer does next.
enum Step {
    Write(DiskWrite),
    /// The recents held back are due.
    RecentsDue,
    /// Every sender is gone: write what is held and stop.
    Closed,
}

/// Starts the writer on the current tokio runtime. It ends once every sender is dropped and what
/// was asked is written: awaiting the handle waits for that.
pub fn spawn(
    report: UnboundedSender<Msg>,
) -> (UnboundedSender<DiskWrite>, tokio::task::JoinHandle<()>) {
    let (sender, mut pending) = unbounded_channel::<DiskWrite>();
    let writer = tokio::spawn(async move {
        // The newest recents not yet written, and when the recents were last written.
        let mut held: Option<(PathBuf, RecentList)> = None;
        let mut last_recents: Option<Instant> = None;
        loop {
            let step = match (&held, last_recents) {
                (Some(_), Some(at)) => tokio::select! {
                    write = pending.recv() => write.map_or(Step::Closed, Step::Write),
                    () = tokio::time::sleep_until(at + RECENTS_AT_MOST_EVERY) => Step::RecentsDue,
                },
                _ => pending.recv().await.map_or(Step::Closed, Step::Write),
            };
            match step {
                Step::Write(DiskWrite::Recents(path, list)) => {
                    if let Some((held_path, held_list)) = held.take_if(|(p, _)| *p != path) {
                        // Another profile's file: its last version is not held back further.
                        perform(DiskWrite::Recents(held_path, held_list), &report).await;
                    }
                    held = Some((path, list));
                    if last_recents.is_none_or(|at| at.elapsed() >= RECENTS_AT_MOST_EVERY) {
                        write_held(&mut held, &mut last_recents, &report).await;
                    }
                }
                Step::Write(other) => perform(other, &report).await,
                Step::RecentsDue => write_held(&mut held, &mut last_recents, &report).await,
                Step::Closed => {
                    write_held(&mut held, &mut last_recents, &report).await;
                    break;
                }
            }
        }
    });
    (sender, writer)
}

async fn write_held(
    held: &mut Option<(PathBuf, RecentList)>,
    last_recents: &mut Option<Instant>,
    report: &UnboundedSender<Msg>,
) {
    if let Some((path, list)) = held.take() {
        perform(DiskWrite::Recents(path, list), report).await;
        *last_recents = Some(Instant::now());
    }
}

/// Performs one write off the async threads; a failure is reported as `Msg::EffectFailed`.
async fn perform(write: DiskWrite, report: &UnboundedSender<Msg>) {
    let outcome = tokio::task::spawn_blocking(move || match &write {
        DiskWrite::Recents(path, list) => save_recents(list, path)
            .map_err(|e| ("the recent contacts could not be saved", e.to_string())),
        DiskWrite::Cache(cache, contacts, at) => cache
            .put_many(contacts, *at)
            .map_err(|e| ("the contact cache could not be written", e.to_string())),
        DiskWrite::CacheCut(cache, contact, at) => cache
            .put_cut(contact, *at)
            .map_err(|e| ("the contact cache could not be written", e.to_string())),
        DiskWrite::Forget(cache, uid) => cache
            .remove(uid)
            .map(drop)
            .map_err(|e| ("the contact cache could not be written", e.to_string())),
    })
    .await;
    let (what, error) = match outcome {
        Ok(Ok(())) => return,
        Ok(Err((what, error))) => (what, error),
        Err(error) => ("a file could not be written", error.to_string()),
    };
    let _ = report.send(Msg::EffectFailed {
        what: what.to_string(),
        error,
    });
}

/// Reads the cache's index off the UI thread and reports the uids it holds
/// (`Msg::CacheIndexLoaded`). A disabled cache holds none.
pub fn spawn_index_load(cache: ContactCache, report: &UnboundedSender<Msg>) {
    let report = report.clone();
    tokio::task::spawn_blocking(move || {
        let uids = cache.uids();
        let _ = report.send(Msg::CacheIndexLoaded { uids });
    });
}

/// Reads one contact's cached copy off the UI thread (`Msg::CachedContactRead`).
pub fn spawn_read(cache: ContactCache, uid: String, report: &UnboundedSender<Msg>) {
    let report = report.clone();
    tokio::task::spawn_blocking(move || {
        let cached = cache.get(&uid).map(Box::new);
        let _ = report.send(Msg::CachedContactRead { uid, cached });
    });
}
