//! The table of contacts sharing an email or phone: name, business, email, phone, stage, owner and
//! last update; j/k, PgUp/PgDn, g/G move, Enter opens one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::api::{Contact, Identifier};
use crate::tui::app::App;
use crate::tui::display::{format_short_date, present};

/// The matches of one lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsScreen {
    /// What was looked up.
    pub query: Identifier,
    /// The matches, display-safe.
    pub contacts: Vec<Contact>,
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

/// Rows of the table that fit in a body of `body_height` rows (heading, blank and header lines off).
pub fn visible_rows(body_height: u16) -> usize {
    (body_height as usize).saturating_sub(3).max(1)
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
                results.query.value()
            ),
            theme.accent,
        ),
        heading_area,
    );
    let wide = area.width >= 120;
    let header_names: &[&str] = if wide {
        &[
            "Name",
            "Business",
            "Email",
            "Phone",
            "Stage",
            "Owner",
            "Last update",
        ]
    } else {
        &[
            "Name", "Business", "Email", "Phone", "Stage", "Owner", "Updated",
        ]
    };
    let header = Row::new(header_names.iter().map(|h| Cell::from(*h))).style(theme.label);
    let rows = results.contacts.iter().map(|contact| {
        let text = |v: &Option<String>| present(v).unwrap_or("—").to_string();
        let owner = present(&contact.owner_name)
            .or(present(&contact.owner_email))
            .unwrap_or("—")
            .to_string();
        let updated = present(&contact.last_update)
            .or(present(&contact.created))
            .map(|t| format_short_date(t, &app.clock))
            .unwrap_or_else(|| "—".to_string());
        Row::new(vec![
            Cell::from(contact.display_name()),
            Cell::from(text(&contact.business_name)),
            Cell::from(text(&contact.email)),
            Cell::from(text(&contact.phone)),
            Cell::from(text(&contact.stage_name)),
            Cell::from(owner),
            Cell::from(updated),
        ])
    });
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Length(if wide { 16 } else { 13 }),
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(11),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default()
        .with_offset(results.offset)
        .with_selected(Some(results.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
}
