//! Drawing the list screen: a heading with the list's name and counts, the filter input, the
//! column titles, and one line per lead shown. Narrow terminals drop the quality, owner and
//! last-note columns before the name is cut.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{LeadRow, WorklistScreen};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{cells, draw_input, pad};
use crate::tui::widgets::safe_text;
use crate::worklist::LeadState;

/// Rows above the list: heading, filter, column titles.
pub(super) const CHROME_ROWS: u16 = 3;

/// Draws the list screen.
pub struct WorklistView<'a> {
    pub screen: &'a WorklistScreen,
    /// The lead opened last (`›` marks it).
    pub position: Option<usize>,
    pub ctx: ViewCtx<'a>,
}

/// The width of each column at a given screen width (0: not shown).
struct Columns {
    position: usize,
    name: usize,
    business: usize,
    stage: usize,
    quality: usize,
    owner: usize,
    last_note: usize,
    state: usize,
}

fn columns(width: usize) -> Columns {
    let wide = width >= 120;
    let medium = width >= 96;
    let position = 5;
    let state = 16;
    let stage = 14;
    let last_note = if medium { 11 } else { 0 };
    let quality = if wide { 10 } else { 0 };
    let owner = if medium { 16 } else { 0 };
    let fixed = position + state + stage + last_note + quality + owner;
    let rest = width.saturating_sub(fixed);
    let business = rest * 2 / 5;
    let name = rest - business;
    Columns {
        position,
        name,
        business,
        stage,
        quality,
        owner,
        last_note,
        state,
    }
}

impl WorklistView<'_> {
    fn row_line(&self, row: &LeadRow, columns: &Columns) -> Line<'static> {
        let theme = self.ctx.theme;
        let marker = if self.position == Some(row.index) {
            "›"
        } else {
            " "
        };
        let name = match &row.name {
            Some(name) => self.ctx.free_text(name).into_owned(),
            None => self.ctx.free_text(&row.identifier).into_owned(),
        };
        let cell = |text: Option<&str>, width: usize| -> String {
            pad(&safe_text::line(text.unwrap_or("")), width)
        };
        let state = if row.fetching && row.state == LeadState::ToDo {
            "fetching…"
        } else {
            row.state.label()
        };
        let state_style = match row.state {
            LeadState::Done => theme.success,
            LeadState::NotFound | LeadState::NotRecognised => theme.warning,
            LeadState::Several => theme.accent,
            LeadState::ToDo | LeadState::Skipped => theme.muted,
        };
        let mut spans = vec![
            Span::styled(
                pad(&format!("{marker}{}", row.index + 1), columns.position),
                theme.muted,
            ),
            Span::styled(pad(&name, columns.name), theme.text),
            Span::styled(cell(row.business.as_deref(), columns.business), theme.muted),
            Span::styled(cell(row.stage.as_deref(), columns.stage), theme.text),
        ];
        if columns.quality > 0 {
            spans.push(Span::styled(
                cell(row.quality.as_deref(), columns.quality),
                theme.text,
            ));
        }
        if columns.owner > 0 {
            spans.push(Span::styled(
                cell(row.owner.as_deref(), columns.owner),
                theme.muted,
            ));
        }
        if columns.last_note > 0 {
            spans.push(Span::styled(
                cell(row.last_note.as_deref(), columns.last_note),
                theme.muted,
            ));
        }
        spans.push(Span::styled(pad(state, columns.state), state_style));
        Line::from(spans)
    }

    fn titles(columns: &Columns) -> String {
        let mut titles = vec![
            pad("#", columns.position),
            pad("Name", columns.name),
            pad("Business", columns.business),
            pad("Stage", columns.stage),
        ];
        if columns.quality > 0 {
            titles.push(pad("Quality", columns.quality));
        }
        if columns.owner > 0 {
            titles.push(pad("Owner", columns.owner));
        }
        if columns.last_note > 0 {
            titles.push(pad("Last note", columns.last_note));
        }
        titles.push(pad("State", columns.state));
        titles.concat()
    }
}

impl Widget for &WorklistView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let area = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        if area.height == 0 || area.width == 0 {
            return;
        }
        let screen = self.screen;
        let done = screen
            .rows
            .iter()
            .filter(|row| !row.state.is_pending())
            .count();
        let heading = Line::from(vec![
            Span::styled(
                safe_text::line(&screen.list_name).into_owned(),
                theme.accent,
            ),
            Span::styled(
                format!(
                    "  {done} of {} handled · {} opens · type to filter",
                    screen.rows.len(),
                    self.ctx.key(Context::Worklist, Action::Submit)
                ),
                theme.muted,
            ),
        ]);
        heading.render(Rect { height: 1, ..area }, buf);
        if area.height < 2 {
            return;
        }
        let filter_label = "Filter: ";
        let label_width = cells(filter_label.len());
        Line::styled(filter_label, theme.label).render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
        draw_input(
            buf,
            Rect {
                x: area.x + label_width,
                y: area.y + 1,
                width: area.width.saturating_sub(label_width).min(40),
                height: 1,
            },
            &screen.filter,
            true,
            theme.text,
        );
        if area.height < CHROME_ROWS {
            return;
        }
        let columns = columns(usize::from(area.width));
        Line::styled(WorklistView::titles(&columns), theme.label).render(
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
            buf,
        );
        let visible = screen.visible();
        let list_height = area.height - CHROME_ROWS;
        if visible.is_empty() {
            Line::styled("No lead matches the filter.", theme.muted).render(
                Rect {
                    y: area.y + CHROME_ROWS,
                    height: 1,
                    ..area
                },
                buf,
            );
            return;
        }
        let first = screen.first_shown(area.height);
        for (offset, row) in visible
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(list_height))
        {
            let y = area.y + CHROME_ROWS + cells(offset - first);
            let line = self.row_line(row, &columns);
            let line = if offset == screen.selected {
                line.style(theme.selected)
            } else {
                line
            };
            line.render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}
