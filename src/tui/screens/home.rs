//! The start screen: the lookup input (focused on arrival) with a live hint of what the typed text
//! is, and the recent contacts below it, filtered by what is typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_input::Input;

use crate::api::{Identifier, IdentifierError};
use crate::text::safe_line;
use crate::tui::app::App;
use crate::tui::model::display::relative_time;
use crate::tui::model::recents::RecentContact;
use crate::tui::widgets::shown_input::shown_input;

/// Which part of the start screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeFocus {
    /// Typing in the lookup input.
    Input,
    /// Moving through the recent contacts (`q` quits from here).
    Recents,
}

/// The start screen's state.
#[derive(Debug, Clone)]
pub struct HomeScreen {
    /// The lookup text, which also filters the recents.
    pub input: Input,
    /// The input or the recent list.
    pub focus: HomeFocus,
    /// The selected row among the recents that match the input, when one is selected.
    pub selected: Option<usize>,
}

impl Default for HomeScreen {
    fn default() -> Self {
        HomeScreen {
            input: Input::default(),
            focus: HomeFocus::Input,
            selected: None,
        }
    }
}

impl HomeScreen {
    /// The recent contacts matching what is typed.
    pub fn visible_recents<'a>(&'a self, app: &'a App) -> Vec<&'a RecentContact> {
        app.recents.filtered(self.input.value()).collect()
    }

    /// Moves the selection by `delta` rows among `count` visible recents; moving up from the
    /// first row returns to the input.
    pub fn move_selection(&mut self, delta: isize, count: usize) {
        if count == 0 {
            self.selected = None;
            return;
        }
        self.selected = match self.selected {
            None if delta > 0 => Some(0),
            None => None,
            Some(row) => {
                let target = row as isize + delta;
                if target < 0 {
                    None
                } else {
                    Some((target as usize).min(count - 1))
                }
            }
        };
    }
}

/// What the start screen says about text that is not a uid, an email or a phone.
pub const UNRECOGNISED: &str =
    "not recognised — a uid is 8 letters/digits, an email has @, a phone is digits";

/// What the typed text was recognised as, in words, and whether it can be looked up.
pub fn describe_query(text: &str) -> (String, bool) {
    match Identifier::parse(text) {
        Ok(Identifier::Uid(uid)) => (format!("uid {uid} — Enter opens it"), true),
        Ok(Identifier::Email(email)) => (format!("email {email} — Enter looks it up"), true),
        Ok(Identifier::Phone(phone)) => (format!("phone {phone} — Enter looks it up"), true),
        Err(IdentifierError::Empty) => (IdentifierError::Empty.to_string(), false),
        Err(_) => (
            "not recognised — a uid is 8 letters/digits, an email has @, a phone is digits"
                .to_string(),
            false,
        ),
    }
}

/// Draws the start screen.
pub fn render(app: &App, home: &HomeScreen, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let [_, label_area, input_area, hint_area, _, recents_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .horizontal_margin(1)
    .areas(area);

    frame.render_widget(Line::styled("Look up a contact", theme.accent), label_area);

    let typing = home.focus == HomeFocus::Input;
    let border = if typing {
        theme.border_focused
    } else {
        theme.border
    };
    let block = Block::bordered().border_style(border);
    let inner = block.inner(input_area);
    let shown = shown_input(&home.input, usize::from(inner.width));
    frame.render_widget(
        Paragraph::new(shown.text).style(theme.text).block(block),
        input_area,
    );
    if typing && inner.width > 0 && app.overlay.is_none() {
        let column = shown.cursor_column as u16;
        frame.set_cursor_position(Position::new(
            inner.x + column.min(inner.width - 1),
            inner.y,
        ));
    }

    let (hint, hint_style) = match app.requests.lookup() {
        Some(lookup) => (
            format!("{}… (Esc cancels)", safe_line(&lookup.description)),
            theme.accent,
        ),
        None if home.focus == HomeFocus::Recents => (
            "in the recent contacts: Enter opens · Esc, Tab or i to type · q quits".to_string(),
            theme.accent,
        ),
        None => {
            let (hint, recognised) = describe_query(home.input.value());
            let hint = safe_line(&hint).into_owned();
            let style = if recognised || home.input.value().trim().is_empty() {
                theme.muted
            } else {
                theme.warning
            };
            (hint, style)
        }
    };
    frame.render_widget(Line::styled(format!(" {hint}"), hint_style), hint_area);

    render_recents(app, home, recents_area, frame);
}

fn render_recents(app: &App, home: &HomeScreen, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    if area.height == 0 {
        return;
    }
    let recents = home.visible_recents(app);
    let filter = safe_line(home.input.value().trim());
    // With the keyboard in the list, its heading says so: `q` quits from here.
    let (marker, heading_style) = match home.focus {
        HomeFocus::Recents => ("› ", theme.accent),
        HomeFocus::Input => ("", theme.label),
    };
    let heading = if app.recents.entries.is_empty() {
        Line::styled(format!("{marker}Recent contacts"), heading_style)
    } else if filter.is_empty() {
        Line::styled(
            format!("{marker}Recent contacts ({})", recents.len()),
            heading_style,
        )
    } else {
        Line::from(vec![
            Span::styled(format!("{marker}Recent contacts"), heading_style),
            Span::styled(
                format!(
                    "  {} of {} match “{filter}”",
                    recents.len(),
                    app.recents.entries.len()
                ),
                theme.muted,
            ),
        ])
    };
    let [heading_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(heading, heading_area);
    if app.recents.entries.is_empty() {
        frame.render_widget(
            Line::styled(
                "None yet — the contacts you open will be listed here.",
                theme.muted,
            ),
            list_area,
        );
        return;
    }
    let rows = list_area.height as usize;
    let selected = home.selected;
    let first = match selected {
        Some(row) if row >= rows => row + 1 - rows,
        _ => 0,
    };
    let width = list_area.width as usize;
    for (offset, recent) in recents.iter().enumerate().skip(first).take(rows) {
        let y = list_area.y + (offset - first) as u16;
        let row_area = Rect {
            y,
            height: 1,
            ..list_area
        };
        let is_selected = selected == Some(offset);
        let marker = if is_selected { "› " } else { "  " };
        let mut line = recent_line(app, recent, width.saturating_sub(2));
        line.spans.insert(0, Span::raw(marker));
        let line = if is_selected {
            line.style(theme.selected)
        } else {
            line
        };
        frame.render_widget(line, row_area);
    }
}

fn recent_line<'a>(app: &App, recent: &'a RecentContact, width: usize) -> Line<'a> {
    let theme = &app.theme;
    let name_width = (width / 4).clamp(12, 28);
    let business_width = (width / 5).clamp(8, 24);
    use crate::privacy::{SensitiveField, mask};
    let reach = match (
        recent.email.as_deref().filter(|e| !e.is_empty()),
        recent.phone.as_deref(),
    ) {
        (Some(email), _) if app.privacy => mask(SensitiveField::Email, email, app.ascii),
        (Some(email), _) => email.to_string(),
        (None, Some(phone)) if app.privacy => mask(SensitiveField::Phone, phone, app.ascii),
        (None, Some(phone)) => phone.to_string(),
        (None, None) => String::new(),
    };
    Line::from(vec![
        Span::styled(
            pad(
                &crate::tui::model::privacy::shown_text(app, &recent.name),
                name_width,
            ),
            theme.text,
        ),
        Span::styled(
            pad(
                &safe_line(recent.business.as_deref().unwrap_or("")),
                business_width,
            ),
            theme.muted,
        ),
        Span::styled(
            pad(
                &safe_line(&reach),
                width
                    .saturating_sub(name_width + business_width + 14)
                    .min(40),
            ),
            theme.text,
        ),
        Span::styled(relative_time(recent.viewed_at, app.clock.now), theme.muted),
    ])
}

/// `text` cut or padded to exactly `width` columns (wide characters counted as two), with a
/// trailing space kept as a column gap.
pub fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if total > room && used + w + 1 > room {
            out.push('…');
            used += 1;
            break;
        }
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}
