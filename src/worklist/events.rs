//! The journal's vocabulary: one [`ProgressEvent`] per change of a worklist's progress, how an
//! event changes a lead (`apply_to_lead`, the one place it happens, for this session and for a
//! replayed journal alike), and the events that rebuild a lead's present progress from nothing
//! (`snapshot_lead`, what a compacted journal holds).
#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::LeadKey;
use super::model::{LeadProgress, LeadState, StageMove, WorkAction};

/// One change of a worklist's progress, as the store journals it (one JSON object per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProgressEvent {
    /// The lead was opened (the position).
    Opened { lead: LeadKey, at: DateTime<Utc> },
    /// Its identifier named exactly this contact.
    Found {
        lead: LeadKey,
        uid: String,
        at: DateTime<Utc>,
    },
    /// The server has no contact with its identifier.
    NotFound { lead: LeadKey, at: DateTime<Utc> },
    /// Its identifier named several contacts.
    Several {
        lead: LeadKey,
        uids: Vec<String>,
        at: DateTime<Utc>,
    },
    /// The salesperson chose this contact among several.
    Chosen {
        lead: LeadKey,
        uid: String,
        at: DateTime<Utc>,
    },
    /// A note was logged on it.
    NoteLogged { lead: LeadKey, at: DateTime<Utc> },
    /// Its stage was moved.
    StageMoved {
        lead: LeadKey,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        to: String,
        at: DateTime<Utc>,
    },
    /// Marked done.
    Done { lead: LeadKey, at: DateTime<Utc> },
    /// Skipped.
    Skipped { lead: LeadKey, at: DateTime<Utc> },
    /// Back to do (after done, skipped or not found).
    Reopened { lead: LeadKey, at: DateTime<Utc> },
}

impl ProgressEvent {
    /// The lead the event is about.
    pub fn lead(&self) -> &LeadKey {
        match self {
            ProgressEvent::Opened { lead, .. }
            | ProgressEvent::Found { lead, .. }
            | ProgressEvent::NotFound { lead, .. }
            | ProgressEvent::Several { lead, .. }
            | ProgressEvent::Chosen { lead, .. }
            | ProgressEvent::NoteLogged { lead, .. }
            | ProgressEvent::StageMoved { lead, .. }
            | ProgressEvent::Done { lead, .. }
            | ProgressEvent::Skipped { lead, .. }
            | ProgressEvent::Reopened { lead, .. } => lead,
        }
    }
}

pub(super) fn apply_to_lead(progress: &mut LeadProgress, event: &ProgressEvent) {
    match event {
        ProgressEvent::Opened { .. } => {}
        ProgressEvent::Found { uid, at, .. } => {
            progress.uid = Some(uid.clone());
            progress.candidates.clear();
            progress.chosen = false;
            progress.looked_up_at = Some(*at);
            if matches!(progress.state, LeadState::NotFound | LeadState::Several) {
                progress.state = LeadState::ToDo;
            }
        }
        ProgressEvent::NotFound { at, .. } => {
            // Whatever it named before is gone; a lead already done or skipped stays so.
            progress.looked_up_at = Some(*at);
            progress.uid = None;
            progress.candidates.clear();
            progress.chosen = false;
            if progress.state.is_pending() {
                progress.state = LeadState::NotFound;
            }
        }
        ProgressEvent::Several { uids, at, .. } => {
            progress.looked_up_at = Some(*at);
            let choice_stands =
                progress.chosen && progress.uid.as_ref().is_some_and(|uid| uids.contains(uid));
            progress.candidates = uids.clone();
            if !choice_stands {
                progress.chosen = false;
                progress.uid = None;
                if progress.state.is_pending() || progress.state == LeadState::NotFound {
                    progress.state = LeadState::Several;
                }
            }
        }
        ProgressEvent::Chosen { uid, .. } => {
            // As `Worklist::choose` refuses it, a replay ignores a choice that is not a match.
            if !progress.candidates.contains(uid) {
                return;
            }
            progress.uid = Some(uid.clone());
            progress.chosen = true;
            if progress.state == LeadState::Several {
                progress.state = LeadState::ToDo;
            }
        }
        ProgressEvent::NoteLogged { at, .. } => {
            progress.actions.push(WorkAction::NoteLogged { at: *at });
        }
        ProgressEvent::StageMoved { from, to, at, .. } => {
            progress.actions.push(WorkAction::StageMoved {
                stage: StageMove {
                    from: from.clone(),
                    to: to.clone(),
                },
                at: *at,
            });
        }
        ProgressEvent::Done { at, .. } => {
            progress.state = LeadState::Done;
            progress.handled_at = Some(*at);
        }
        ProgressEvent::Skipped { at, .. } => {
            progress.state = LeadState::Skipped;
            progress.handled_at = Some(*at);
        }
        ProgressEvent::Reopened { .. } => {
            progress.handled_at = None;
            progress.state = if progress.uid.is_none() && !progress.candidates.is_empty() {
                LeadState::Several
            } else {
                LeadState::ToDo
            };
        }
    }
}

/// The events that bring a fresh lead to `progress`, in an order `apply` agrees with.
pub(super) fn snapshot_lead(
    key: &LeadKey,
    progress: &LeadProgress,
    events: &mut Vec<ProgressEvent>,
) {
    let lead = || key.clone();
    let looked_up = progress.looked_up_at.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    if !progress.candidates.is_empty() {
        events.push(ProgressEvent::Several {
            lead: lead(),
            uids: progress.candidates.clone(),
            at: looked_up,
        });
        if let (true, Some(uid)) = (progress.chosen, &progress.uid) {
            events.push(ProgressEvent::Chosen {
                lead: lead(),
                uid: uid.clone(),
                at: looked_up,
            });
        }
    } else if let Some(uid) = &progress.uid {
        events.push(ProgressEvent::Found {
            lead: lead(),
            uid: uid.clone(),
            at: looked_up,
        });
    } else if progress.looked_up_at.is_some() {
        events.push(ProgressEvent::NotFound {
            lead: lead(),
            at: looked_up,
        });
    }
    for action in &progress.actions {
        events.push(match action {
            WorkAction::NoteLogged { at } => ProgressEvent::NoteLogged {
                lead: lead(),
                at: *at,
            },
            WorkAction::StageMoved { stage, at } => ProgressEvent::StageMoved {
                lead: lead(),
                from: stage.from.clone(),
                to: stage.to.clone(),
                at: *at,
            },
        });
    }
    let handled = progress.handled_at.unwrap_or(looked_up);
    match progress.state {
        LeadState::Done => events.push(ProgressEvent::Done {
            lead: lead(),
            at: handled,
        }),
        LeadState::Skipped => events.push(ProgressEvent::Skipped {
            lead: lead(),
            at: handled,
        }),
        LeadState::ToDo if progress.handled_at.is_none() && needs_reopen(progress) => {
            events.push(ProgressEvent::Reopened {
                lead: lead(),
                at: looked_up,
            })
        }
        _ => {}
    }
}

/// A lead that was not found, then reopened by hand, is to do without a uid: the events above
/// leave it "not found", and only a reopening brings it back.
fn needs_reopen(progress: &LeadProgress) -> bool {
    progress.uid.is_none() && progress.candidates.is_empty() && progress.looked_up_at.is_some()
}
