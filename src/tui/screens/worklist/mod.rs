//! The list screen of a worklist: every lead with its position, name, business, stage, quality,
//! owner, the date of its last note and its state in the list, filtered as you type; Enter opens
//! the selected lead. The rows are plain values the app builds from the worklist and the contacts
//! fetched for it (`set_rows`), so this screen never sees the app. Drawn by [`WorklistView`].

mod view;

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::text_input::{Edit, TextInput};
use crate::tui::widgets::{Component, Ctx};
use crate::worklist::LeadState;

pub use view::WorklistView;

/// One lead as the list shows it. Text is the file's or the server's, verbatim (made safe when
/// drawn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadRow {
    /// The lead's index in the list (0 for the first).
    pub index: usize,
    /// The identifier as written in the file.
    pub identifier: String,
    /// The contact's name once fetched, else the name the CSV gives, if any.
    pub name: Option<String>,
    pub business: Option<String>,
    pub stage: Option<String>,
    pub quality: Option<String>,
    pub owner: Option<String>,
    /// The date (`YYYY-MM-DD`) of the contact's newest note.
    pub last_note: Option<String>,
    pub state: LeadState,
    /// The lead's contact is being fetched.
    pub fetching: bool,
}

impl LeadRow {
    /// True when every word of the (lower-cased) filter is in one of the row's texts.
    fn matches(&self, words: &[String]) -> bool {
        if words.is_empty() {
            return true;
        }
        let haystack = [
            Some(self.identifier.as_str()),
            self.name.as_deref(),
            self.business.as_deref(),
            self.stage.as_deref(),
            self.quality.as_deref(),
            self.owner.as_deref(),
            Some(self.state.label()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let folded = crate::contact_search::fold(&haystack);
        words.iter().all(|word| folded.contains(word.as_str()))
    }
}

/// The list screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct WorklistScreen {
    /// The list's file name, for the title.
    pub list_name: String,
    /// Every lead, in file order.
    pub rows: Vec<LeadRow>,
    /// What is typed: the rows shown are those matching it.
    pub filter: TextInput,
    /// The selected row among those shown.
    pub selected: usize,
}

/// What the list screen asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorklistOutcome {
    /// Nothing to do (the selection or the filter may have moved: the app fetches what came
    /// into view).
    None,
    /// Open the lead at this index of the list.
    Open(usize),
    /// Esc on an empty filter: leave the list.
    Leave,
}

impl WorklistScreen {
    /// A list screen over `rows`, the lead `position` selected.
    pub fn new(list_name: impl Into<String>, rows: Vec<LeadRow>, position: usize) -> Self {
        let mut screen = WorklistScreen {
            list_name: list_name.into(),
            rows,
            filter: TextInput::default(),
            selected: 0,
        };
        screen.select_lead(position);
        screen
    }

    /// The rows matching the filter, in file order.
    pub fn visible(&self) -> Vec<&LeadRow> {
        let words: Vec<String> = crate::contact_search::fold(self.filter.value())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.rows.iter().filter(|row| row.matches(&words)).collect()
    }

    /// Replaces the rows (a lead was fetched or worked), keeping the same lead selected.
    pub fn set_rows(&mut self, rows: Vec<LeadRow>) {
        let selected_lead = self.selected_lead();
        self.rows = rows;
        match selected_lead {
            Some(lead) => self.select_lead(lead),
            None => self.selected = 0,
        }
    }

    /// Selects the lead at `index` of the list, when the filter shows it.
    pub fn select_lead(&mut self, index: usize) {
        if let Some(row) = self.visible().iter().position(|row| row.index == index) {
            self.selected = row;
        }
    }

    /// The index in the list of the selected lead.
    pub fn selected_lead(&self) -> Option<usize> {
        self.visible().get(self.selected).map(|row| row.index)
    }

    /// The first row drawn in a body `height` rows tall (the header and filter take 3).
    pub fn first_shown(&self, height: u16) -> usize {
        let rows = usize::from(height.saturating_sub(view::CHROME_ROWS)).max(1);
        self.selected.saturating_sub(rows - 1)
    }

    /// The list indexes of the leads in view in a body `height` rows tall.
    pub fn leads_in_view(&self, height: u16) -> Vec<usize> {
        let rows = usize::from(height.saturating_sub(view::CHROME_ROWS)).max(1);
        self.visible()
            .iter()
            .skip(self.first_shown(height))
            .take(rows)
            .map(|row| row.index)
            .collect()
    }

    fn move_selection(&mut self, delta: isize) {
        let count = self.visible().len();
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
    }
}

impl Component for WorklistScreen {
    type Outcome = WorklistOutcome;

    fn context(&self) -> Context {
        Context::Worklist
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> WorklistOutcome {
        let page = isize::try_from(ctx.body.height.saturating_sub(view::CHROME_ROWS + 1).max(1))
            .unwrap_or(1);
        match input {
            UserInput::Action(Action::Down) => self.move_selection(1),
            UserInput::Action(Action::Up) => self.move_selection(-1),
            UserInput::Action(Action::PageDown) => self.move_selection(page),
            UserInput::Action(Action::PageUp) => self.move_selection(-page),
            UserInput::Action(Action::Submit) => {
                return match self.selected_lead() {
                    Some(index) => WorklistOutcome::Open(index),
                    None => WorklistOutcome::None,
                };
            }
            UserInput::Action(Action::Back) => {
                if self.filter.value().is_empty() {
                    return WorklistOutcome::Leave;
                }
                let lead = self.selected_lead();
                self.filter.reset();
                if let Some(lead) = lead {
                    self.select_lead(lead);
                }
            }
            UserInput::Paste(text) => {
                self.filter.paste(&text);
                self.selected = 0;
            }
            other => {
                if self.filter.handle(&other) != Edit::NotAnEdit {
                    self.selected = 0;
                }
            }
        }
        WorklistOutcome::None
    }
}
