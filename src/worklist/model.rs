//! The worklist's state, pure: each lead's state (to do, done, skipped, not found, several
//! matches, not recognised), the contact it resolved to, what was done on it and when, and the
//! position. Every change is made by building a [`ProgressEvent`] and applying it, and the event is
//! handed back for the store to append: replaying a journal runs the very same code.
#![deny(clippy::indexing_slicing)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::LeadKey;
use super::events::{ProgressEvent, apply_to_lead, snapshot_lead};
use super::file::{Lead, LeadTarget, WorklistFile};

/// Where a lead stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadState {
    /// Not worked yet (or reopened).
    ToDo,
    /// Worked and marked done.
    Done,
    /// Passed over on purpose.
    Skipped,
    /// The server has no contact with this identifier.
    NotFound,
    /// The identifier matches several contacts and none was chosen yet.
    Several,
    /// The line names no uid, email or phone.
    NotRecognised,
}

impl LeadState {
    /// The words the list screen and the summary use.
    pub fn label(self) -> &'static str {
        match self {
            LeadState::ToDo => "to do",
            LeadState::Done => "done",
            LeadState::Skipped => "skipped",
            LeadState::NotFound => "not found",
            LeadState::Several => "several matches",
            LeadState::NotRecognised => "not recognised",
        }
    }

    /// True when the lead still needs the salesperson: to do, or several matches to choose from.
    /// Done, skipped, not found and not recognised leads are handled, and resuming passes them.
    pub fn is_pending(self) -> bool {
        matches!(self, LeadState::ToDo | LeadState::Several)
    }
}

/// A stage change made on a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    /// The stage before, when it was known.
    pub from: Option<String>,
    pub to: String,
}

/// Something done on a lead that the server confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkAction {
    NoteLogged { at: DateTime<Utc> },
    StageMoved { stage: StageMove, at: DateTime<Utc> },
}

impl WorkAction {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            WorkAction::NoteLogged { at } | WorkAction::StageMoved { at, .. } => *at,
        }
    }
}

/// One lead's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadProgress {
    pub state: LeadState,
    /// The contact the lead resolved to: the single match, or the one chosen among several.
    pub uid: Option<String>,
    /// The uids that matched, when several did.
    pub candidates: Vec<String>,
    /// True once the salesperson chose among several: the lead does not ask again.
    pub chosen: bool,
    /// When the identifier was last looked up.
    pub looked_up_at: Option<DateTime<Utc>>,
    /// Notes and stage moves, in order.
    pub actions: Vec<WorkAction>,
    /// When it was marked done or skipped.
    pub handled_at: Option<DateTime<Utc>>,
}

impl LeadProgress {
    fn new(lead: &Lead) -> LeadProgress {
        let state = match lead.target {
            LeadTarget::Contact(_) => LeadState::ToDo,
            LeadTarget::NotRecognised(_) => LeadState::NotRecognised,
        };
        LeadProgress {
            state,
            uid: None,
            candidates: Vec::new(),
            chosen: false,
            looked_up_at: None,
            actions: Vec::new(),
            handled_at: None,
        }
    }

    /// When the lead was last worked: its last note or stage move, or when it was marked.
    pub fn worked_at(&self) -> Option<DateTime<Utc>> {
        self.actions
            .iter()
            .map(WorkAction::at)
            .chain(self.handled_at)
            .max()
    }

    /// How many notes were logged on it.
    pub fn notes_logged(&self) -> usize {
        self.actions
            .iter()
            .filter(|a| matches!(a, WorkAction::NoteLogged { .. }))
            .count()
    }

    /// Its stage moves, in order.
    pub fn stage_moves(&self) -> impl Iterator<Item = &StageMove> {
        self.actions.iter().filter_map(|a| match a {
            WorkAction::StageMoved { stage, .. } => Some(stage),
            WorkAction::NoteLogged { .. } => None,
        })
    }
}

/// Why a change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorklistError {
    #[error("there is no lead {0} in this list")]
    NoSuchLead(usize),
    #[error("line {line} names no uid, email or phone, so there is nothing to work on it")]
    NotRecognised { line: u64 },
    #[error("lead {0} has not been opened yet: its contact is not known")]
    NotResolved(usize),
    #[error("lead {0} does not match several contacts")]
    NotSeveral(usize),
    #[error("{uid} is not one of the contacts lead {index} matches")]
    NotAmongMatches { index: usize, uid: String },
}

/// A list of leads and the progress made on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worklist {
    name: String,
    source: PathBuf,
    file: WorklistFile,
    progress: Vec<LeadProgress>,
    index_of: HashMap<LeadKey, usize>,
    position: usize,
    /// When the lead at the position was opened, if one was.
    opened_at: Option<DateTime<Utc>>,
}

impl Worklist {
    /// A fresh list: every lead to do (or not recognised), positioned on the first.
    /// `source` is the file's canonical path, which files its progress.
    pub fn new(source: impl Into<PathBuf>, file: WorklistFile) -> Worklist {
        let source = source.into();
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| source.display().to_string());
        let progress = file.leads.iter().map(LeadProgress::new).collect();
        let index_of = file
            .leads
            .iter()
            .enumerate()
            .map(|(index, lead)| (lead.key.clone(), index))
            .collect();
        Worklist {
            name,
            source,
            file,
            progress,
            index_of,
            position: 0,
            opened_at: None,
        }
    }

    /// Reads the file at `path` and makes a fresh list of it, filed under its canonical path.
    pub fn open_file(
        path: &Path,
        region: Option<crate::api::Region>,
    ) -> Result<Worklist, super::WorklistFileError> {
        let canonical =
            std::fs::canonicalize(path).map_err(|source| super::WorklistFileError::Unreadable {
                path: path.display().to_string(),
                source,
            })?;
        let file = WorklistFile::read(&canonical, region)?;
        Ok(Worklist::new(canonical, file))
    }

    /// The file's name, for titles.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The canonical path of the list's file.
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// The file as read.
    pub fn file(&self) -> &WorklistFile {
        &self.file
    }

    pub fn len(&self) -> usize {
        self.file.leads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.file.leads.is_empty()
    }

    pub fn lead(&self, index: usize) -> Option<&Lead> {
        self.file.leads.get(index)
    }

    pub fn progress(&self, index: usize) -> Option<&LeadProgress> {
        self.progress.get(index)
    }

    /// Every lead with its progress, in file order.
    pub fn leads(&self) -> impl Iterator<Item = (&Lead, &LeadProgress)> {
        self.file.leads.iter().zip(&self.progress)
    }

    /// The lead on screen (an index).
    pub fn position(&self) -> usize {
        self.position
    }

    /// `lead 7 of 30`: the position as people count.
    pub fn title(&self) -> String {
        format!("lead {} of {}", self.position + 1, self.len())
    }

    /// The lead after the position (`]`), if any.
    pub fn next(&self) -> Option<usize> {
        let next = self.position + 1;
        (next < self.len()).then_some(next)
    }

    /// The lead before the position (`[`), if any.
    pub fn previous(&self) -> Option<usize> {
        self.position.checked_sub(1)
    }

    /// The first lead still needing work after the position, wrapping around to the start; `None`
    /// when every lead is handled. What opens after a lead is marked done.
    pub fn next_pending(&self) -> Option<usize> {
        let after = (self.position + 1..self.len()).chain(0..=self.position);
        after
            .into_iter()
            .find(|&index| self.state(index).is_some_and(LeadState::is_pending))
    }

    /// Where a resumed list opens: the first lead still needing work (to do, or several matches
    /// not chosen yet); `None` when the whole list is handled (time for the summary).
    pub fn resume_position(&self) -> Option<usize> {
        self.progress.iter().position(|p| p.state.is_pending())
    }

    /// True when no lead needs work any more.
    pub fn is_finished(&self) -> bool {
        self.resume_position().is_none()
    }

    fn state(&self, index: usize) -> Option<LeadState> {
        self.progress.get(index).map(|p| p.state)
    }

    fn key(&self, index: usize) -> Result<LeadKey, WorklistError> {
        self.lead(index)
            .map(|lead| lead.key.clone())
            .ok_or(WorklistError::NoSuchLead(index))
    }

    /// A lead that names a contact: anything but a "not recognised" line.
    fn workable(&self, index: usize) -> Result<LeadKey, WorklistError> {
        let lead = self.lead(index).ok_or(WorklistError::NoSuchLead(index))?;
        match lead.target {
            LeadTarget::Contact(_) => Ok(lead.key.clone()),
            LeadTarget::NotRecognised(_) => Err(WorklistError::NotRecognised { line: lead.line }),
        }
    }

    /// A lead whose contact is known (found, or chosen among several).
    fn resolved(&self, index: usize) -> Result<LeadKey, WorklistError> {
        let key = self.workable(index)?;
        match self.progress.get(index).and_then(|p| p.uid.as_ref()) {
            Some(_) => Ok(key),
            None => Err(WorklistError::NotResolved(index)),
        }
    }

    fn record(&mut self, event: ProgressEvent) -> ProgressEvent {
        self.apply(&event);
        event
    }

    /// Moves to a lead (it is being shown).
    pub fn open(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.key(index)?;
        Ok(self.record(ProgressEvent::Opened { lead, at }))
    }

    /// The lookup of a lead's identifier answered one contact.
    pub fn found(
        &mut self,
        index: usize,
        uid: &str,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        let uid = uid.to_string();
        Ok(self.record(ProgressEvent::Found { lead, uid, at }))
    }

    /// The lookup of a lead's identifier answered "not found".
    pub fn not_found(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        Ok(self.record(ProgressEvent::NotFound { lead, at }))
    }

    /// The lookup answered several contacts. A lead whose choice was made keeps it (and its
    /// state): it asks once.
    pub fn several(
        &mut self,
        index: usize,
        uids: Vec<String>,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        Ok(self.record(ProgressEvent::Several { lead, uids, at }))
    }

    /// The salesperson chose one of the contacts a lead matches.
    pub fn choose(
        &mut self,
        index: usize,
        uid: &str,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        let progress = self
            .progress
            .get(index)
            .ok_or(WorklistError::NoSuchLead(index))?;
        if progress.candidates.is_empty() {
            return Err(WorklistError::NotSeveral(index));
        }
        if !progress.candidates.iter().any(|c| c == uid) {
            return Err(WorklistError::NotAmongMatches {
                index,
                uid: uid.to_string(),
            });
        }
        let uid = uid.to_string();
        Ok(self.record(ProgressEvent::Chosen { lead, uid, at }))
    }

    /// The server confirmed a note on the lead's contact.
    pub fn note_logged(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.resolved(index)?;
        Ok(self.record(ProgressEvent::NoteLogged { lead, at }))
    }

    /// The server confirmed a stage move on the lead's contact.
    pub fn stage_moved(
        &mut self,
        index: usize,
        from: Option<String>,
        to: &str,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.resolved(index)?;
        let to = to.to_string();
        Ok(self.record(ProgressEvent::StageMoved { lead, from, to, at }))
    }

    /// Marks the lead done (its contact must be known: it was opened).
    pub fn mark_done(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.resolved(index)?;
        Ok(self.record(ProgressEvent::Done { lead, at }))
    }

    /// Skips the lead.
    pub fn skip(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        Ok(self.record(ProgressEvent::Skipped { lead, at }))
    }

    /// Puts a done, skipped or not-found lead back to do.
    pub fn reopen(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
    ) -> Result<ProgressEvent, WorklistError> {
        let lead = self.workable(index)?;
        Ok(self.record(ProgressEvent::Reopened { lead, at }))
    }

    /// Applies an event, from this session or a journal. Lenient, as a replay must be: an event
    /// about a lead no longer in the file is ignored (false), and no event changes a line that
    /// names nothing.
    pub fn apply(&mut self, event: &ProgressEvent) -> bool {
        let Some(&index) = self.index_of.get(event.lead()) else {
            return false;
        };
        if let ProgressEvent::Opened { at, .. } = event {
            self.position = index;
            self.opened_at = Some(*at);
            return true;
        }
        let Some(progress) = self.progress.get_mut(index) else {
            return false;
        };
        if progress.state == LeadState::NotRecognised {
            return false;
        }
        apply_to_lead(progress, event);
        true
    }

    /// Events that rebuild the present progress from a fresh list: what a compacted journal holds.
    pub fn snapshot(&self) -> Vec<ProgressEvent> {
        let mut events = Vec::new();
        for (lead, progress) in self.leads() {
            snapshot_lead(&lead.key, progress, &mut events);
        }
        if let (Some(lead), Some(at)) = (self.lead(self.position), self.opened_at) {
            events.push(ProgressEvent::Opened {
                lead: lead.key.clone(),
                at,
            });
        }
        events
    }
}
