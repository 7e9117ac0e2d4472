//! The drafts writer: one task that keeps drafts on disk in the order they were asked for, so a
//! save never overtakes a later discard. A burst of keystrokes costs one write per draft: pending
//! writes of the same draft are collapsed into the newest.

use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::tui::app::Msg;
use crate::tui::effects::drafts_store::DraftStore;
use crate::tui::model::drafts::{Draft, DraftKey};

/// One change to the drafts on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftWrite {
    /// Write (or replace) this draft.
    Save(Draft),
    /// Remove the draft of this key.
    Discard(DraftKey),
}

impl DraftWrite {
    fn key(&self) -> &DraftKey {
        match self {
            DraftWrite::Save(draft) => &draft.key,
            DraftWrite::Discard(key) => key,
        }
    }
}

/// Starts the writer on the current tokio runtime; failures come back as `Msg::EffectFailed`. The
/// writer ends once every sender is dropped and what was asked is written: awaiting the handle
/// waits for that.
pub fn spawn(
    store: DraftStore,
    report: UnboundedSender<Msg>,
) -> (UnboundedSender<DraftWrite>, tokio::task::JoinHandle<()>) {
    let (sender, mut pending) = unbounded_channel::<DraftWrite>();
    let writer = tokio::spawn(async move {
        while let Some(first) = pending.recv().await {
            let mut batch = vec![first];
            while let Ok(next) = pending.try_recv() {
                batch.retain(|write| write.key() != next.key());
                batch.push(next);
            }
            let store = store.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                batch.iter().try_for_each(|write| match write {
                    DraftWrite::Save(draft) => store.save(draft),
                    DraftWrite::Discard(key) => store.discard(key),
                })
            })
            .await;
            let error = match outcome {
                Ok(Ok(())) => continue,
                Ok(Err(error)) => error.to_string(),
                Err(error) => error.to_string(),
            };
            let _ = report.send(Msg::EffectFailed {
                what: "the draft could not be kept on disk".to_string(),
                error,
            });
        }
    });
    (sender, writer)
}
