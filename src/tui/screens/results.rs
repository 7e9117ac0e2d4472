//! The table of contacts sharing an email or phone. The API lists each match as a summary (name,
//! email, phone, uid), which is what the table shows; the preview pane (`preview`) beside or
//! below it shows the highlighted match in full once fetched. j/k, PgUp/PgDn, g/G move, Enter
//! opens one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};

use crate::api::{ContactSummary, Identifier};
use crate::privacy::SensitiveField;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::display::present;
use crate::tui::screens::preview::{PreviewPane, PreviewView};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// The matches of one lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsScreen {
    /// What was looked up.
    pub query: Identifier,
    /// The matches, as the server listed them.
    pub matches: Vec<ContactSummary>,
    /// The highlighted row.
    pub selected: usize,
    /// The first row shown (kept so the view does not jump while moving).
    pub offset: usize,
    /// The highlighted match in full, and what was fetched for the others.
    pub preview: PreviewPane,
}

impl ResultsScreen {
    /// A table of `matches` with the first selected.
    pub fn new(query: Identifier, matches: Vec<ContactSummary>) -> ResultsScreen {
        ResultsScreen {
            query,
            matches,
            selected: 0,
            offset: 0,
            preview: PreviewPane::default(),
        }
    }

    /// Moves the selection to `row` (clamped) and scrolls so it stays within `visible` rows.
    pub fn select(&mut self, row: usize, visible: usize) {
        self.selected = row.min(self.matches.len().saturating_sub(1));
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }

    /// The highlighted match.
    pub fn current(&self) -> Option<&ContactSummary> {
        self.matches.get(self.selected)
    }

    /// Takes a deleted contact out of the table and its preview.
    pub fn remove(&mut self, uid: &str) {
        self.matches.retain(|summary| summary.uid != uid);
        self.preview.forget(uid);
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }
}

/// What the table asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsOutcome {
    /// Nothing to do.
    None,
    /// The highlight moved to another match: its preview is due.
    Highlighted,
    /// Enter: open the selected contact.
    Open,
}

impl Component for ResultsScreen {
    type Outcome = ResultsOutcome;

    fn context(&self) -> Context {
        Context::Results
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> ResultsOutcome {
        let page = visible_rows(ctx.body, self.matches.len());
        let row = self.selected;
        match input {
            UserInput::Action(Action::Down) => self.select(row.saturating_add(1), page),
            UserInput::Action(Action::Up) => self.select(row.saturating_sub(1), page),
            UserInput::Action(Action::PageDown) => self.select(row.saturating_add(page), page),
            UserInput::Action(Action::PageUp) => self.select(row.saturating_sub(page), page),
            UserInput::Action(Action::Top) => self.select(0, page),
            UserInput::Action(Action::Bottom) => self.select(usize::MAX, page),
            UserInput::Action(Action::Submit) => return ResultsOutcome::Open,
            _ => return ResultsOutcome::None,
        }
        if self.selected == row {
            ResultsOutcome::None
        } else {
            ResultsOutcome::Highlighted
        }
    }
}

/// What was looked up, as it may be drawn: masked in privacy mode like the emails and phones in
/// the table, and safe for the terminal.
fn shown_query(ctx: &ViewCtx, query: &Identifier) -> String {
    let shown = match query {
        Identifier::Email(email) => ctx.masked(SensitiveField::Email, email),
        Identifier::Phone(phone) => ctx.masked(SensitiveField::Phone, phone),
        uid @ Identifier::Uid(_) => uid.value().into(),
    };
    safe_text::line(&shown).into_owned()
}

/// From this width the preview sits beside the table; below it, under the table.
pub const WIDE_FROM: u16 = 120;

/// In a narrow window the table takes at most this many lines (header included), so the
/// preview below it keeps room for the contact.
const NARROW_TABLE_LINES: u16 = 8;

/// Where the table and its preview go in a body area: (heading, table, preview).
fn areas(body: Rect, rows: usize) -> (Rect, Rect, Rect) {
    let [heading, _, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .horizontal_margin(1)
    .areas(body);
    if body.width >= WIDE_FROM {
        let [table, _, preview] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(rest);
        (heading, table, preview)
    } else {
        let wanted = u16::try_from(rows.saturating_add(1)).unwrap_or(u16::MAX);
        let [table, preview] = Layout::vertical([
            Constraint::Length(wanted.clamp(2, NARROW_TABLE_LINES)),
            Constraint::Min(0),
        ])
        .areas(rest);
        (heading, table, preview)
    }
}

/// Matches that fit in the table of a body area (its header line off).
pub fn visible_rows(body: Rect, rows: usize) -> usize {
    let (_, table, _) = areas(body, rows);
    usize::from(table.height.saturating_sub(1)).max(1)
}

fn table_parts<'a>(ctx: &ViewCtx, results: &'a ResultsScreen) -> (Row<'a>, Vec<Row<'a>>) {
    let header = Row::new(
        ["Name", "Email", "Phone", "uid"]
            .into_iter()
            .map(Cell::from),
    );
    let text = |v: &Option<String>| present(v).map_or_else(|| "—".to_string(), str::to_string);
    let rows = results
        .matches
        .iter()
        .map(|summary| {
            let email = summary
                .email
                .as_deref()
                .map(|e| ctx.masked(SensitiveField::Email, e).into_owned());
            let phone = summary
                .phone
                .as_deref()
                .map(|p| ctx.masked(SensitiveField::Phone, p).into_owned());
            Row::new(
                [
                    ctx.free_text(&summary.display_name()).into_owned(),
                    text(&email),
                    text(&phone),
                    summary.uid.clone(),
                ]
                .map(|cell| Cell::from(safe_text::line(&cell).into_owned())),
            )
        })
        .collect();
    (header, rows)
}

/// Draws the results table.
pub struct ResultsView<'a> {
    pub results: &'a ResultsScreen,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &ResultsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = &self.ctx;
        let theme = ctx.theme;
        let results = self.results;
        let (heading_area, table_area, preview_area) = areas(area, results.matches.len());
        Line::styled(
            format!(
                "{} contacts share {} {} — pick one",
                results.matches.len(),
                results.query.field(),
                shown_query(ctx, &results.query)
            ),
            theme.accent,
        )
        .render(heading_area, buf);
        let (header, rows) = table_parts(ctx, results);
        let widths = [
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(16),
            Constraint::Length(9),
        ];
        let table = Table::new(rows, widths)
            .header(header.style(theme.label))
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol("› ")
            .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
        let mut state = TableState::default()
            .with_offset(results.offset)
            .with_selected(Some(results.selected));
        StatefulWidget::render(table, table_area, buf, &mut state);
        if let Some(current) = results.current()
            && !preview_area.is_empty()
        {
            let name = ctx.free_text(&current.display_name()).into_owned();
            let view = PreviewView {
                pane: &results.preview,
                uid: &current.uid,
                name: &name,
                ctx: *ctx,
            };
            (&view).render(preview_area, buf);
        }
    }
}
