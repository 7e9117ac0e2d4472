//! What was done on a worklist, counted: leads worked, notes logged, stage moves, skipped, not
//! found, several matches, not recognised, remaining — shown when the last lead is done and
//! printed by `genius work FILE --summary`, as a few aligned lines or as JSON with stable names.
#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::file::LeadTarget;
use super::model::{LeadState, StageMove, Worklist};

/// The counts of a worklist, and each lead's line of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorklistSummary {
    /// The list's file name.
    pub list: String,
    /// Every lead, whatever its state.
    pub leads_total: usize,
    /// Leads with a note or a stage move, or marked done.
    pub worked: usize,
    /// Leads marked done.
    pub done: usize,
    pub notes_logged: usize,
    pub stage_moves: usize,
    pub skipped: usize,
    pub not_found: usize,
    /// Leads matching several contacts, none chosen yet.
    pub several: usize,
    pub not_recognised: usize,
    /// Leads still needing work: to do, or several matches.
    pub remaining: usize,
    /// Each lead, in file order.
    pub leads: Vec<LeadSummary>,
}

/// One lead in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadSummary {
    pub line: u64,
    /// The identifier as written in the file.
    pub written: String,
    pub state: LeadState,
    /// The contact it resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// When it was last worked, RFC 3339 in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worked_at: Option<String>,
    pub notes_logged: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stage_moves: Vec<StageMove>,
    /// Why the line names nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The line of the earlier lead naming the same contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats_line: Option<u64>,
}

impl WorklistSummary {
    /// Counts `worklist`'s progress.
    pub fn of(worklist: &Worklist) -> WorklistSummary {
        let leads: Vec<LeadSummary> = worklist
            .leads()
            .map(|(lead, progress)| LeadSummary {
                line: lead.line,
                written: lead.raw.clone(),
                state: progress.state,
                uid: progress.uid.clone(),
                worked_at: progress.worked_at().map(rfc3339),
                notes_logged: progress.notes_logged(),
                stage_moves: progress.stage_moves().cloned().collect(),
                reason: match &lead.target {
                    LeadTarget::NotRecognised(reason) => Some(reason.clone()),
                    LeadTarget::Contact(_) => None,
                },
                repeats_line: lead
                    .duplicate_of
                    .and_then(|index| worklist.lead(index))
                    .map(|first| first.line),
            })
            .collect();
        let count = |state: LeadState| leads.iter().filter(|l| l.state == state).count();
        WorklistSummary {
            list: worklist.name().to_string(),
            leads_total: leads.len(),
            worked: leads
                .iter()
                .filter(|l| {
                    l.state == LeadState::Done || l.notes_logged > 0 || !l.stage_moves.is_empty()
                })
                .count(),
            done: count(LeadState::Done),
            notes_logged: leads.iter().map(|l| l.notes_logged).sum(),
            stage_moves: leads.iter().map(|l| l.stage_moves.len()).sum(),
            skipped: count(LeadState::Skipped),
            not_found: count(LeadState::NotFound),
            several: count(LeadState::Several),
            not_recognised: count(LeadState::NotRecognised),
            remaining: leads.iter().filter(|l| l.state.is_pending()).count(),
            leads,
        }
    }

    /// A few aligned lines for a terminal (the list's name made safe to print).
    pub fn render_plain(&self) -> String {
        let rows = [
            ("worked", self.worked),
            ("notes logged", self.notes_logged),
            ("stage moves", self.stage_moves),
            ("skipped", self.skipped),
            ("not found", self.not_found),
            ("several matches", self.several),
            ("not recognised", self.not_recognised),
            ("remaining", self.remaining),
        ];
        let width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        let digits = rows
            .iter()
            .map(|(_, n)| n.to_string().len())
            .chain([self.leads_total.to_string().len()])
            .max()
            .unwrap_or(1);
        let plural = if self.leads_total == 1 { "" } else { "s" };
        let mut out = format!(
            "{}: {} lead{plural}\n",
            crate::text::safe_line(&self.list),
            self.leads_total
        );
        for (label, count) in rows {
            if label == "worked" && self.done != self.worked {
                out.push_str(&format!(
                    "  {label:<width$}  {count:>digits$}  ({} done)\n",
                    self.done
                ));
            } else {
                out.push_str(&format!("  {label:<width$}  {count:>digits$}\n"));
            }
        }
        out
    }

    /// The summary as JSON: the field names above, stable.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
