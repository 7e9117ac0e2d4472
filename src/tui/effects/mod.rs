//! The one door to the outside world. The runner ([`Effects`]) performs the app's commands: API
//! requests run on tokio tasks and come back decoded into typed messages (`replies`), cancelled
//! requests are aborted, the recents, the contact cache and drafts are written by single writer
//! tasks (`disk`, `drafts_writer`; their files: `recents_file`, `drafts_store`), clipboard bytes go
//! to the terminal (`terminal_output`), exports to files (`export_file`), and other profiles are
//! resolved off the UI thread (`profiles`). Everything answers on one message channel.
//!
//! This folder (with `tui::runtime`, which owns the terminal) is the only code under `src/tui`
//! that spawns tasks or touches the network, files, the clipboard or processes. It may use the
//! app's `Msg` and `Command` types and the model; nothing below the app uses it.

pub mod demo_profiles;
pub mod disk;
pub mod drafts_store;
pub mod drafts_writer;
pub mod export_file;
pub mod note_order_file;
pub mod profiles;
pub mod recents_file;
pub mod replies;
pub mod terminal_output;
pub mod worklist_journal;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::{ApiError, Client, RetryWait};
use crate::cache::ContactCache;
use crate::config::RunConfig;
use crate::tui::app::{Command, Msg};
use crate::tui::model::RequestId;

use disk::DiskWrite;
use drafts_store::DraftStore;
use drafts_writer::DraftWrite;
use terminal_output::TerminalOutput;

pub use replies::typed_reply;

/// Performs [`Command`]s and reports their outcome on the message channel.
pub struct Effects {
    client: Option<Client>,
    messages: UnboundedSender<Msg>,
    tasks: HashMap<RequestId, AbortHandle>,
    disk: UnboundedSender<DiskWrite>,
    drafts: UnboundedSender<DraftWrite>,
    /// The writer tasks of `disk` and `drafts`, awaited by [`Effects::finish`].
    writers: Vec<tokio::task::JoinHandle<()>>,
    /// The active profile's recents file and cache (they change with the profile).
    recents_path: PathBuf,
    cache: ContactCache,
    /// Where clipboard sequences are written.
    terminal: TerminalOutput,
    /// The run's configuration, to resolve another profile as `--profile NAME` would.
    profiles: Option<RunConfig>,
    /// In `genius demo`, the simulator whose accounts are the profiles (instead of a config).
    demo_base_url: Option<String>,
    /// The worklist journal's writer thread.
    journal: std::sync::mpsc::Sender<worklist_journal::JournalWrite>,
    journal_thread: Option<std::thread::JoinHandle<()>>,
    /// Where worklist progress is kept, and the region phones of a list are read in.
    worklist_dir: PathBuf,
    phone_region: Option<crate::api::Region>,
}

impl Effects {
    /// A runner sending requests with `client` (none: every request fails with a setup error),
    /// saving recents to `recents_path` (drafts beside it, in `drafts/`) and fetched contacts to
    /// `cache`. Must be called inside a tokio runtime.
    pub fn new(
        client: Option<Client>,
        messages: UnboundedSender<Msg>,
        recents_path: PathBuf,
        cache: ContactCache,
    ) -> Effects {
        let data_dir = recents_path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let (disk, disk_writer) = disk::spawn(messages.clone());
        let (drafts, drafts_writer) =
            drafts_writer::spawn(DraftStore::new(data_dir.join("drafts")), messages.clone());
        let (journal, journal_thread) = worklist_journal::spawn(messages.clone());
        Effects {
            client,
            messages,
            tasks: HashMap::new(),
            disk,
            drafts,
            writers: vec![disk_writer, drafts_writer],
            recents_path,
            cache,
            terminal: TerminalOutput::default(),
            profiles: None,
            demo_base_url: None,
            journal,
            journal_thread,
            worklist_dir: data_dir.join("worklists"),
            phone_region: None,
        }
    }

    /// Profiles are the demo's own accounts, served by the simulator at `base_url`.
    pub fn set_demo_profiles(&mut self, base_url: String) {
        self.demo_base_url = Some(base_url);
    }

    /// Worklists opened by `:work` are read with phones in `region`, their progress kept in `dir`.
    pub fn set_worklists(&mut self, dir: PathBuf, region: Option<crate::api::Region>) {
        self.worklist_dir = dir;
        self.phone_region = region;
    }

    /// The list opened before the TUI started: its changes are appended to `store`.
    pub fn use_worklist_store(&mut self, store: crate::worklist::ProgressStore) {
        let _ = self
            .journal
            .send(worklist_journal::JournalWrite::Use(store));
    }

    /// Sets where clipboard sequences are written.
    pub fn set_terminal(&mut self, terminal: Box<dyn std::io::Write + Send>) {
        self.terminal.set(terminal);
    }

    /// Profiles are resolved from this run's configuration (without it, switching says there
    /// are no profiles here).
    pub fn set_profiles(&mut self, config: RunConfig) {
        self.profiles = Some(config);
    }

    /// Performs one command. `Quit`, `Suspend` and `EditExternally` need the terminal: the
    /// event loop runs them and they are ignored here.
    pub fn run(&mut self, command: Command) {
        self.tasks.retain(|_, task| !task.is_finished());
        match command {
            Command::Send { id, request } => self.send(id, request),
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
            Command::CacheCutContact {
                contact,
                fetched_at,
            } => {
                let _ =
                    self.disk
                        .send(DiskWrite::CacheCut(self.cache.clone(), contact, fetched_at));
            }
            Command::ForgetCachedContact { uid } => {
                let _ = self.disk.send(DiskWrite::Forget(self.cache.clone(), uid));
            }
            Command::LoadCacheIndex => disk::spawn_index_load(self.cache.clone(), &self.messages),
            Command::ReadCachedContact { uid } => {
                disk::spawn_read(self.cache.clone(), uid, &self.messages);
            }
            Command::SaveDraft(draft) => {
                let _ = self.drafts.send(DraftWrite::Save(draft));
            }
            Command::DiscardDraft(key) => {
                let _ = self.drafts.send(DraftWrite::Discard(key));
            }
            Command::WriteToTerminal { bytes } => self.terminal.write(&bytes, &self.messages),
            Command::Export {
                path,
                contents,
                replace,
            } => export_file::spawn_export(self.messages.clone(), path, contents, replace),
            Command::ResolveProfile { name } => match &self.demo_base_url {
                Some(base_url) => {
                    profiles::spawn_resolve_demo(self.messages.clone(), base_url.clone(), name);
                }
                None => profiles::spawn_resolve(self.messages.clone(), self.profiles.clone(), name),
            },
            Command::UseProfile(session) => {
                self.client = session.client.clone();
                self.recents_path = session.recents_path.clone();
                self.cache = session.cache.clone();
            }
            Command::SaveNoteOrder { oldest_first } => {
                let dir = self.recents_path.parent().map(std::path::Path::to_path_buf);
                let path = note_order_file::note_order_path(&dir.unwrap_or_default());
                let messages = self.messages.clone();
                tokio::task::spawn_blocking(move || {
                    if let Err(error) = note_order_file::save_note_order(&oldest_first, &path) {
                        let _ = messages.send(Msg::EffectFailed {
                            what: "note order not remembered".to_string(),
                            error: error.to_string(),
                        });
                    }
                });
            }
            Command::RecordWorklistProgress(event) => {
                let _ = self
                    .journal
                    .send(worklist_journal::JournalWrite::Append(event));
            }
            Command::LoadSearchIndex => {
                let cache = self.cache.clone();
                let messages = self.messages.clone();
                tokio::task::spawn_blocking(move || {
                    let index = crate::tui::app::search::SharedIndex::of_cache(&cache);
                    let _ = messages.send(Msg::SearchIndexReady(index));
                });
            }
            Command::OpenWorklist { path } => {
                let _ = self.journal.send(worklist_journal::JournalWrite::Open {
                    path,
                    dir: self.worklist_dir.clone(),
                    region: self.phone_region,
                });
            }
            Command::After { delay, msg } => {
                let messages = self.messages.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let _ = messages.send(*msg);
                });
            }
            Command::Quit | Command::Suspend | Command::EditExternally { .. } => {}
        }
    }

    /// Sends `request` on a task; its answer comes back as the typed message of its operation.
    fn send(&mut self, id: RequestId, request: crate::api::ApiRequest) {
        let messages = self.messages.clone();
        let operation = request.operation;
        let Some(client) = self.client.clone() else {
            let error = ApiError::Setup("no API token is configured".to_string());
            let _ = messages.send(typed_reply(id, operation, Err(error)));
            return;
        };
        let task = tokio::spawn(async move {
            let waits = messages.clone();
            let observer: Arc<dyn Fn(RetryWait) + Send + Sync> = Arc::new(move |wait| {
                let _ = waits.send(Msg::RateLimited { id, wait });
            });
            let result = client.send_reply(&request, Some(observer.as_ref())).await;
            let _ = messages.send(typed_reply(id, operation, result));
        });
        self.tasks.insert(id, task.abort_handle());
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
            journal,
            journal_thread,
            ..
        } = self;
        drop(journal);
        if let Some(thread) = journal_thread {
            let joined = tokio::task::spawn_blocking(move || thread.join());
            if tokio::time::timeout(FINISHING, joined).await.is_err() {
                tracing::warn!("the worklist progress was still being written at exit");
            }
        }
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
