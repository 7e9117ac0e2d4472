//! The worklist's journal writer: one thread owning the open list's progress store (and its lock),
//! appending each change the app records (each append is synced, so it is kept off the UI
//! thread), and opening a list for `:work FILE` — reading it, replaying and compacting its
//! progress — answering `Msg::WorklistOpened` or `Msg::EffectFailed`.

use std::path::PathBuf;
use std::sync::mpsc;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::Region;
use crate::tui::app::Msg;
use crate::worklist::{ProgressEvent, ProgressStore, Worklist};

/// What the writer is asked.
#[derive(Debug)]
pub enum JournalWrite {
    /// From now on append to this store (the list opened before the TUI started).
    Use(ProgressStore),
    /// Open the list at `path` (phones read in `region`) with its progress kept in `dir`.
    Open {
        path: PathBuf,
        dir: PathBuf,
        region: Option<Region>,
    },
    /// Append one change.
    Append(ProgressEvent),
}

/// Starts the writer thread; it ends, having written everything asked, when the sender is dropped.
pub fn spawn(
    messages: UnboundedSender<Msg>,
) -> (
    mpsc::Sender<JournalWrite>,
    Option<std::thread::JoinHandle<()>>,
) {
    let (sender, receiver) = mpsc::channel::<JournalWrite>();
    let spawned = std::thread::Builder::new()
        .name("worklist-journal".to_string())
        .spawn(move || run(&receiver, &messages));
    match spawned {
        Ok(handle) => (sender, Some(handle)),
        Err(error) => {
            tracing::warn!(%error, "cannot start the worklist journal writer");
            (sender, None)
        }
    }
}

fn run(receiver: &mpsc::Receiver<JournalWrite>, messages: &UnboundedSender<Msg>) {
    let mut store: Option<ProgressStore> = None;
    let failed = |what: &str, error: String| {
        let _ = messages.send(Msg::EffectFailed {
            what: what.to_string(),
            error,
        });
    };
    while let Ok(write) = receiver.recv() {
        match write {
            JournalWrite::Use(open) => store = Some(open),
            JournalWrite::Open { path, dir, region } => {
                // The list open before keeps its lock until the new one is ready — unless it is
                // the very list asked for again, which its own lock would refuse.
                let opened = match open_list(&path, &dir, region) {
                    Err(_) if store.is_some() => {
                        store = None;
                        open_list(&path, &dir, region)
                    }
                    other => other,
                };
                match opened {
                    Ok((list, opened)) => {
                        store = Some(opened);
                        let _ = messages.send(Msg::WorklistOpened(Box::new(list)));
                    }
                    Err(error) => failed("the worklist was not opened", error),
                }
            }
            JournalWrite::Append(event) => match store.as_mut() {
                Some(open) => {
                    if let Err(error) = open.append(&event) {
                        failed("the worklist progress was not saved", error.to_string());
                    }
                }
                None => failed(
                    "the worklist progress was not saved",
                    "no list is open for it".to_string(),
                ),
            },
        }
    }
}

/// Reads the list at `path` and opens its progress (refused when another genius has it open).
pub fn open_list(
    path: &std::path::Path,
    dir: &std::path::Path,
    region: Option<Region>,
) -> Result<(Worklist, ProgressStore), String> {
    let mut list = Worklist::open_file(path, region).map_err(|e| e.to_string())?;
    let (store, _report) = ProgressStore::open(dir, &mut list).map_err(|e| e.to_string())?;
    Ok((list, store))
}
