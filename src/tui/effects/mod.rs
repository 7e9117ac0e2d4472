//! The one place side effects happen: API requests run on tokio tasks whose results come back as
//! messages, cancelled requests are aborted, and the recents file is written by a single writer
//! task (so saves never overtake each other). Screens never touch the network or the disk. The
//! trust side effects (clipboard, exports, profile switching) are in `trust_effects`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::task::AbortHandle;

use crate::api::{ApiError, Client, RetryWait};
use crate::cache::ContactCache;
use crate::tui::app::command::{Command, RequestId};
use crate::tui::app::msg::Msg;
use crate::tui::model::recents::RecentList;

pub mod drafts_writer;
pub mod profiles;
pub mod trust;

/// Performs [`Command`]s and reports their outcome on the message channel.
pub struct Effects {
    client: Option<Client>,
    messages: UnboundedSender<Msg>,
    tasks: HashMap<RequestId, AbortHandle>,
    disk: UnboundedSender<DiskWrite>,
    drafts: UnboundedSender<crate::tui::effects::drafts_writer::DraftWrite>,
    /// The writer tasks of `disk` and `drafts`, awaited by [`Effects::finish`].
    writers: Vec<tokio::task::JoinHandle<()>>,
    /// The active profile's recents file and cache (they change with the profile).
    recents_path: PathBuf,
    cache: ContactCache,
    /// The clipboard, exports and profile switching.
    pub trust: crate::tui::effects::trust::TrustEffects,
}

/// A write to the data directory, done in order by one writer task so saves never overtake
/// each other.
/// Each write names its file, so a write queued before a profile switch lands in the profile it
/// belongs to.
enum DiskWrite {
    Recents(PathBuf, RecentList),
    Cache(
        ContactCache,
        Vec<crate::api::Contact>,
        chrono::DateTime<chrono::Utc>,
    ),
}

impl Effects {
    /// A runner sending requests with `client` (none: every request fails with a setup error),
    /// saving recents to `recents_path` and fetched contacts to `cache`. Must be called inside a tokio runtime.
    pub fn new(
        client: Option<Client>,
        messages: UnboundedSender<Msg>,
        recents_path: PathBuf,
        cache: ContactCache,
    ) -> Effects {
        let recents_path_parent = recents_path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let (disk, mut pending) = unbounded_channel::<DiskWrite>();
        let report = messages.clone();
        let disk_writer = tokio::spawn(async move {
            while let Some(write) = pending.recv().await {
                let outcome = tokio::task::spawn_blocking(move || match &write {
                    DiskWrite::Recents(path, list) => list
                        .save(path)
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
        // Drafts live beside the recents file, in `drafts/` of the same data directory.
        let drafts_dir = recents_path_parent.join("drafts");
        let (drafts, drafts_writer) = crate::tui::effects::drafts_writer::spawn(
            crate::tui::model::drafts::DraftStore::new(drafts_dir),
            messages.clone(),
        );
        let trust = crate::tui::effects::trust::TrustEffects::new(messages.clone());
        Effects {
            client,
            messages,
            tasks: HashMap::new(),
            disk,
            drafts,
            writers: vec![disk_writer, drafts_writer],
            recents_path,
            cache,
            trust,
        }
    }

    /// Performs one command. `Quit` and `Suspend` belong to the event loop and are ignored here.
    pub fn run(&mut self, command: Command) {
        self.tasks.retain(|_, task| !task.is_finished());
        match command {
            Command::Send { id, request } => {
                let messages = self.messages.clone();
                let Some(client) = self.client.clone() else {
                    let _ = messages.send(Msg::ApiReply {
                        id,
                        result: Err(ApiError::Setup("no API token is configured".to_string())),
                    });
                    return;
                };
                let task = tokio::spawn(async move {
                    let waits = messages.clone();
                    let observer: Arc<dyn Fn(RetryWait) + Send + Sync> = Arc::new(move |wait| {
                        let _ = waits.send(Msg::RateLimited { id, wait });
                    });
                    let result = client.send(&request, Some(observer.as_ref())).await;
                    let _ = messages.send(Msg::ApiReply { id, result });
                });
                self.tasks.insert(id, task.abort_handle());
            }
            Command::Cancel { id } => {
                if let Some(task) = self.tasks.remove(&id) {
                    task.abort();
                }
            }
            Command::SaveRecents(list) => {
                let _ = self
                    .disk
                    .send(DiskWrite::Recents(self.recents_path.clone(), list));
            }
            Command::CacheContacts {
                contacts,
                fetched_at,
            } => {
                let _ = self
                    .disk
                    .send(DiskWrite::Cache(self.cache.clone(), contacts, fetched_at));
            }
            Command::SaveDraft(draft) => {
                let _ = self
                    .drafts
                    .send(crate::tui::effects::drafts_writer::DraftWrite::Save(draft));
            }
            Command::DiscardDraft(key) => {
                let _ = self
                    .drafts
                    .send(crate::tui::effects::drafts_writer::DraftWrite::Discard(key));
            }
            Command::Trust(crate::tui::app::trust::TrustCommand::UseProfile(session)) => {
                self.client = session.client.clone();
                self.recents_path = session.recents_path.clone();
                self.cache = session.cache.clone();
            }
            Command::Trust(command) => self.trust.run(command),
            // The event loop runs these: they need the terminal.
            Command::Quit | Command::Suspend | Command::EditExternally { .. } => {}
        }
    }

    /// At the end of a session: lets the file writers finish what they were asked (a note kept
    /// as a draft on quitting, the last recents), for a few seconds at most — a disk that hangs
    /// must not keep genius from exiting.
    pub async fn finish(self) {
        const FINISHING: std::time::Duration = std::time::Duration::from_secs(3);
        let Effects {
            disk,
            drafts,
            writers,
            tasks,
            ..
        } = self;
        for task in tasks.values() {
            task.abort();
        }
        drop(disk);
        drop(drafts);
        let all = futures_util::future::join_all(writers);
        if tokio::time::timeout(FINISHING, all).await.is_err() {
            tracing::warn!("the drafts or recents were still being written at exit");
        }
    }

    /// Requests still running (for tests and shutdown).
    pub fn running(&self) -> usize {
        self.tasks
            .values()
            .filter(|task| !task.is_finished())
            .count()
    }
}
