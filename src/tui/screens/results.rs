//! The table of contacts sharing an email or phone: name, business, email, phone, stage, owner and
//! last update; j/k, PgUp/PgDn, g/G move, Enter opens one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::api::{Contact, Identifier};
use crate::tui::app::App;
use crate::tui::model::display::{format_short_date, present};

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
    pub fn select(&mut self, row: isize, visible: usize) {
        let last = self.contacts.len().saturating_sub(1) as isize;
        self.selected = row.clamp(0, last.max(0)) as usize;
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

/// What was looked up, as it may be drawn: masked in privacy mode like the emails and phones in
/// the table, and safe for the terminal.
fn shown_query(app: &App, query: &Identifier) -> String {
    use crate::privacy::{SensitiveField, mask};
    let shown = match query {
        Identifier::Email(email) if app.privacy => mask(SensitiveField::Email, email, app.ascii),
        Identifier::Phone(phone) if app.privacy => mask(SensitiveField::Phone, phone, app.ascii),
        other => other.value().to_string(),
    };
    crate::text::safe_line(&shown).into_owned()
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

fn columns(app: &App, contact: &Contact) -> Columns {
    let contact = app.for_display(contact);
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
            .map(|t| format_short_date(t, &app.clock))
            .unwrap_or_else(|| "—".to_string()),
    }
}

type TableParts<'a> = (Row<'a>, Vec<Row<'a>>, Vec<Constraint>);

fn one_line_rows<'a>(app: &App, results: &'a ResultsScreen) -> TableParts<'a> {
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
            let c = columns(app, contact);
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

fn two_line_rows<'a>(app: &App, results: &'a ResultsScreen) -> TableParts<'a> {
    let theme = &app.theme;
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
            let c = columns(app, contact);
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
pub fn render(app: &App, results: &ResultsScreen, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let [heading_area, _, table_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .horizontal_margin(1)
    .areas(area);
    frame.render_widget(
        Line::styled(
            format!(
                "{} contacts share {} {} — pick one",
                results.contacts.len(),
                results.query.field(),
                shown_query(app, &results.query)
            ),
            theme.accent,
        ),
        heading_area,
    );
    let wide = area.width >= WIDE_FROM;
    let (header, rows, widths) = if wide {
        one_line_rows(app, results)
    } else {
        two_line_rows(app, results)
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
    frame.render_stateful_widget(table, table_area, &mut state);
}
