//! The matches table's preview, as requests and timers: a highlight change asks the runtime for a
//! debounce timer (`Command::After`), the timer's `Msg::PreviewDue` fetches the match by uid (one
//! fetch at a time), a reply fills the pane and starts the fetch queued behind it. The pane
//! (`screens::preview`) decides; this turns its outcomes into commands.

use crate::api::{ApiRequest, Identifier};
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Msg, Screen};
use crate::tui::model::RequestId;
use crate::tui::screens::preview::{PREVIEW_DELAY, PreviewEntry, PreviewEvent, PreviewOutcome};
use crate::tui::screens::results::ResultsScreen;

impl App {
    /// The highlight of the matches table on top moved (or the table just opened, `at_once`).
    pub(crate) fn preview_highlighted(&mut self, at_once: bool) -> Vec<Command> {
        let Some(results) = self.top_results() else {
            return Vec::new();
        };
        let Some(uid) = results.current().map(|summary| summary.uid.clone()) else {
            return Vec::new();
        };
        let outcome = results
            .preview
            .handle(PreviewEvent::Highlighted { uid, at_once });
        self.on_preview_outcome(outcome)
    }

    /// The debounce timer of highlight change `generation` fired.
    pub(crate) fn preview_due(&mut self, generation: u64) -> Vec<Command> {
        let Some(results) = self.top_results() else {
            return Vec::new();
        };
        let Some(uid) = results.current().map(|summary| summary.uid.clone()) else {
            return Vec::new();
        };
        let outcome = results
            .preview
            .handle(PreviewEvent::Due { generation, uid });
        self.on_preview_outcome(outcome)
    }

    /// The preview fetch `id` answered with `entry`.
    pub(crate) fn preview_arrived(
        &mut self,
        id: RequestId,
        uid: String,
        entry: PreviewEntry,
    ) -> Vec<Command> {
        let Some(position) = self.screens.iter().rposition(|screen| {
            matches!(screen, Screen::Results(results) if results.preview.in_flight() == Some(id))
        }) else {
            return Vec::new();
        };
        let on_top = position + 1 == self.screens.len();
        let Some(Screen::Results(results)) = self.screens.get_mut(position) else {
            return Vec::new();
        };
        let outcome = results
            .preview
            .handle(PreviewEvent::Arrived { id, uid, entry });
        // The next fetch is for the table on top only: one under a contact asks again when it
        // is back on top (`pop_screen`).
        if on_top {
            self.on_preview_outcome(outcome)
        } else {
            Vec::new()
        }
    }

    fn top_results(&mut self) -> Option<&mut ResultsScreen> {
        match self.screens.last_mut() {
            Some(Screen::Results(results)) => Some(results),
            _ => None,
        }
    }

    fn on_preview_outcome(&mut self, outcome: PreviewOutcome) -> Vec<Command> {
        match outcome {
            PreviewOutcome::None => Vec::new(),
            PreviewOutcome::Wait { generation } => vec![Command::After {
                delay: PREVIEW_DELAY,
                msg: Box::new(Msg::PreviewDue { generation }),
            }],
            PreviewOutcome::Fetch(uid) => {
                let name = self
                    .top_results()
                    .and_then(|results| results.matches.iter().find(|m| m.uid == uid))
                    .map_or_else(|| uid.clone(), crate::api::ContactSummary::display_name);
                let request = ApiRequest::get(&Identifier::Uid(uid.clone()));
                let description = format!("previewing {name}");
                let command =
                    self.send(Purpose::Preview { uid: uid.clone() }, description, request);
                if let (Some(results), Command::Send { id, .. }) = (self.top_results(), &command) {
                    results.preview.handle(PreviewEvent::Sent { id: *id, uid });
                }
                vec![command]
            }
        }
    }
}
