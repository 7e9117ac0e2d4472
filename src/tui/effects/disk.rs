//! The disk writer: one task that writes the recents file and the contact cache in the order they
//! were asked for, so saves never overtake each other. Each write names its file, so a write
//! queued before a profile switch lands in the profile it belongs to. Failures come back as
//! `Msg::EffectFailed`.

use std::path::PathBuf;

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
}

/// Starts the writer on the current tokio runtime. It ends once every sender is dropped and what
/// was asked is written: awaiting the handle waits for that.
pub fn spawn(
    report: UnboundedSender<Msg>,
) -> (UnboundedSender<DiskWrite>, tokio::task::JoinHandle<()>) {
    let (sender, mut pending) = unbounded_channel::<DiskWrite>();
    let writer = tokio::spawn(async move {
        while let Some(write) = pending.recv().await {
            let outcome = tokio::task::spawn_blocking(move || match &write {
                DiskWrite::Recents(path, list) => save_recents(list, path)
                    .map_err(|e| ("the recent contacts could not be saved", e.to_string())),
                DiskWrite::Cache(cache, contacts, at) => cache
                    .put_many(contacts, *at)
                    .map_err(|e| ("the contact cache could not be written", e.to_string())),
            })
            .await;
            let (what, error) = match outcome {
                Ok(Ok(())) => continue,
                Ok(Err((what, error))) => (what, error),
                Err(error) => ("a file could not be written", error.to_string()),
            };
            let _ = report.send(Msg::EffectFailed {
                what: what.to_string(),
                error,
            });
        }
    });
    (sender, writer)
}
