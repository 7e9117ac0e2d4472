//! The table of contacts sharing an email or phone: name, business, email, phone, stage, owner and
//! last update; j/k, PgUp/PgDn, g/G move, Enter opens one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};

use crate::api::{Contact, Identifier};
use crate::privacy::SensitiveField;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::display::{format_short_date, present};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// The matches of one lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsScreen {
    /// What was looked up.
    pub query: Identifier,
    /// The matches, as the server sent them.
    pub contacts: Vec<Contact>,
    /// The highlighted row.
    pub selected: usize,
    /// The first row shown (kept so the view does not jump while moving).
    pub offset: usize,
}

impl ResultsScreen {
    /// A table of `contacts` with the first selected.
    pub fn new(query: Identifier, contacts: Vec<Contact>) -> ResultsScreen {
        ResultsScreen {
            query,
            contacts,
            selected: 0,
            offset: 0,
        }
    }

    /// Moves the selection to `row` (clamped) and scrolls so it stays within `visible` rows.
    pub fn select(&mut self, row: usize, visible: usize) {
        self.selected = row.min(self.contacts.len().saturating_sub(1));
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }

    /// The selected contact.
    pub fn current(&self) -> Option<&Contact> {
        self.contacts.get(self.selected)
    }
}

/// What the table asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsOutcome {
    /// Nothing to do.
    None,
    /// Enter: open the selected contact.
    Open,
}

impl Component for ResultsScreen {
    type Outcome = ResultsOutcome;

    fn context(&self) -> Context {
        Context::Results
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> ResultsOutcome {
        let page = visible_rows(ctx.body);
        let row = self.selected;
        match input {
            UserInput::Action(Action::Down) => self.select(row.saturating_add(1), page),
            UserInput::Action(Action::Up) => self.select(row.saturating_sub(1), page),
            UserInput::Action(Action::PageDown) => self.select(row.saturating_add(page), page),
            UserInput::Action(Action::PageUp) => self.select(row.saturating_sub(page), page),
            UserInput::Action(Action::Top) => self.select(0, page),
            UserInput::Action(Action::Bottom) => self.select(usize::MAX, page),
            UserInput::Action(Action::Submit) => return ResultsOutcome::Open,
            _ => {}
        }
        ResultsOutcome::None
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

/// From this width every column gets its own cell on one line; below it each match takes two
/// lines (name over business, email over phone, stage over owner) so 80 columns stay readable.
pub const WIDE_FROM: u16 = 120;

/// Matches that fit in a body area (heading, blank and header lines off).
pub fn visible_rows(body: Rect) -> usize {
    let lines = (body.height as usize).saturating_sub(3);
    let per_row = if body.width >= WIDE_FROM { 1 } else { 2 };
    (lines / per_row).max(1)
}

struct Columns {
    name: String,
    business: String,
    email: String,
    phone: String,
    stage: String,
    owner: String,
    updated: String,
}

fn columns(ctx: &ViewCtx, contact: &Contact) -> Columns {
    let contact = ctx.contact(contact);
    let contact = contact.as_ref();
    let text = |v: &Option<String>| present(v).unwrap_or("—").to_string();
    Columns {
        name: contact.display_name(),
        business: text(&contact.business_name),
        email: text(&contact.email),
        phone: text(&contact.phone),
        stage: text(&contact.stage_name),
        owner: present(&contact.owner_name)
            .or(present(&contact.owner_email))
            .unwrap_or("—")
            .to_string(),
        updated: present(&contact.last_update)
            .or(present(&contact.created))
            .map(|t| format_short_date(t, ctx.clock))
            .unwrap_or_else(|| "—".to_string()),
    }
}

type TableParts<'a> = (Row<'a>, Vec<Row<'a>>, Vec<Constraint>);

fn one_line_rows<'a>(ctx: &ViewCtx, results: &'a ResultsScreen) -> TableParts<'a> {
    let header = Row::new(
        [
            "Name",
            "Business",
            "Email",
            "Phone",
            "Stage",
            "Owner",
            "Last update",
        ]
        .into_iter()
        .map(Cell::from),
    );
    let rows = results
        .contacts
        .iter()
        .map(|contact| {
            let c = columns(ctx, contact);
            Row::new(vec![
                c.name, c.business, c.email, c.phone, c.stage, c.owner, c.updated,
            ])
        })
        .collect();
    let widths = vec![
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(4),
        Constraint::Length(18),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(11),
    ];
    (header, rows, widths)
}

fn two_line_rows<'a>(ctx: &ViewCtx, results: &'a ResultsScreen) -> TableParts<'a> {
    let theme = ctx.theme;
    let header = Row::new(
        [
            "Name / business",
            "Email / phone",
            "Stage / owner",
            "Updated",
        ]
        .into_iter()
        .map(Cell::from),
    );
    let rows = results
        .contacts
        .iter()
        .map(|contact| {
            let c = columns(ctx, contact);
            let pair = |top: String, bottom: String| {
                Cell::from(Text::from(vec![
                    Line::styled(top, theme.text),
                    Line::styled(bottom, theme.muted),
                ]))
            };
            Row::new(vec![
                pair(c.name, c.business),
                pair(c.email, c.phone),
                pair(c.stage, c.owner),
                Cell::from(c.updated),
            ])
            .height(2)
        })
        .collect();
    let widths = vec![
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(11),
    ];
    (header, rows, widths)
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
        let [heading_area, _, table_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .horizontal_margin(1)
        .areas(area);
        Line::styled(
            format!(
                "{} contacts share {} {} — pick one",
                results.contacts.len(),
                results.query.field(),
                shown_query(ctx, &results.query)
            ),
            theme.accent,
        )
        .render(heading_area, buf);
        let wide = area.width >= WIDE_FROM;
        let (header, rows, widths) = if wide {
            one_line_rows(ctx, results)
        } else {
            two_line_rows(ctx, results)
        };
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
    }
}
