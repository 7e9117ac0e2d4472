//! A contact's detail: name and business as a title, stage/quality/owner badges, every field
//! labelled and aligned in two columns (one when narrow; email, phone and tags on full-width rows
//! when the left column is too narrow for them), the snapshot wrapped, and the note
//! history as a scrollable timeline filling the rest. The keys that work the contact (edit, stage,
//! note, copy, export…) are answered with an outcome the app acts on. Drawn by [`ContactView`].

mod view;

use chrono::{DateTime, Utc};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::api::Contact;
use crate::text::terminal_width;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::model::display::{
    Clock, format_birthday, format_date_relative, format_money, format_timestamp, local_time_there,
    present,
};
use crate::tui::overlays::picker::PickTarget;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{cells, fit_line, truncate};
use crate::tui::widgets::timeline::TimelineView;
use crate::tui::widgets::wrap::wrap_text;
use crate::tui::widgets::{Component, Ctx, safe_text};

pub use view::ContactView;

/// Width of the label column.
const LABEL_WIDTH: usize = 11;
/// The left column is at least this wide, so the right one starts at the same place for most
/// contacts.
const MIN_LEFT_COLUMN: usize = 32;
/// Below this width the fields stack in one column.
const TWO_COLUMNS_FROM: u16 = 76;
/// Blank columns between the left column and the right one.
const COLUMN_GAP: usize = 2;

/// One contact on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactScreen {
    /// The contact as the server sent it (made safe only when drawn).
    pub contact: Contact,
    /// The note history and how it is scrolled.
    pub notes: TimelineView,
    /// The re-fetch in flight, if any.
    pub refresh: Option<RequestId>,
    /// When the data shown was fetched, while it comes from the cache and the refresh has not
    /// answered yet.
    pub stale_since: Option<DateTime<Utc>>,
    /// The refresh in flight was asked for by the person (`r`), so its answer is announced;
    /// a re-fetch after a write stays quiet (the write's own notice says what happened).
    pub announce_refresh: bool,
    /// On a contact opened from a worklist: `lead 7 of 30 · calls.csv`, for the title.
    pub lead: Option<String>,
    /// The copy shown came from the cache with only its newest notes: "older notes not cached"
    /// until the refresh brings them all.
    pub notes_cut: bool,
}

impl ContactScreen {
    /// A screen for `contact`, notes newest first.
    pub fn new(contact: Contact) -> ContactScreen {
        let notes = TimelineView::new(contact.notes.as_deref().unwrap_or(""));
        ContactScreen {
            contact,
            notes,
            refresh: None,
            stale_since: None,
            announce_refresh: false,
            lead: None,
            notes_cut: false,
        }
    }

    /// Shows a fresher copy of the same contact, keeping how the notes are being read.
    pub fn replace_contact(&mut self, contact: Contact) {
        self.notes.replace(contact.notes.as_deref().unwrap_or(""));
        self.contact = contact;
    }
}

/// What the contact screen asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactOutcome {
    /// Nothing to do.
    None,
    /// Fetch the contact again.
    Refresh,
    /// Read the whole snapshot in the reader.
    ShowSnapshot,
    /// Open the edit form.
    Edit,
    /// Open a picker for the stage, quality, owner or tags.
    Pick(PickTarget),
    /// Open the note editor.
    AddNote,
    /// Ask to delete the contact.
    Delete,
    /// Open the copy menu.
    Copy,
    /// Copy the whole contact as text.
    CopyAll,
    /// Open the export prompt.
    Export,
    /// The notes are now shown newest first (true) or oldest first: remember it.
    NoteOrder(bool),
    /// Log a call: the note editor with quick notes, then the stage picker.
    LogCall,
    /// The next lead of the worklist.
    NextLead,
    /// The previous lead of the worklist.
    PreviousLead,
    /// Undo the last change made to this contact in this session.
    Undo,
}

impl Component for ContactScreen {
    type Outcome = ContactOutcome;

    fn context(&self) -> Context {
        Context::Contact
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> ContactOutcome {
        let UserInput::Action(action) = input else {
            return ContactOutcome::None;
        };
        // Sizes do not depend on styles: the default theme lays out as the user's does.
        let parts = layout(
            ctx.body,
            &safe_text::contact(&self.contact),
            ctx.clock,
            &Theme::default(),
        );
        let (width, height) = (parts.notes.width, parts.notes.height);
        // The window may have grown since the last scroll: start from what is shown.
        let notes = self.contact.notes.as_deref().unwrap_or("");
        self.notes.clamp(notes, width, height);
        let page = (height as usize).saturating_sub(1).max(1);
        match action {
            Action::Down => self.notes.scroll_down(notes, 1, width, height),
            Action::Up => self.notes.scroll_up(notes, 1, width),
            Action::PageDown => self.notes.scroll_down(notes, page, width, height),
            Action::PageUp => self.notes.scroll_up(notes, page, width),
            Action::Top => self.notes.scroll_to_top(),
            Action::Bottom => self.notes.scroll_to_bottom(notes, width, height),
            Action::ToggleNoteOrder => {
                self.notes.toggle_order();
                return ContactOutcome::NoteOrder(self.notes.newest_first);
            }
            Action::ShowSnapshot => return ContactOutcome::ShowSnapshot,
            Action::Refresh => return ContactOutcome::Refresh,
            Action::Edit => return ContactOutcome::Edit,
            Action::ChangeStage => return ContactOutcome::Pick(PickTarget::Stage),
            Action::ChangeQuality => return ContactOutcome::Pick(PickTarget::Quality),
            Action::ChangeOwner => return ContactOutcome::Pick(PickTarget::Owner),
            Action::AddTags => return ContactOutcome::Pick(PickTarget::Tags),
            Action::AddNote => return ContactOutcome::AddNote,
            Action::Delete => return ContactOutcome::Delete,
            Action::Copy => return ContactOutcome::Copy,
            Action::CopyAll => return ContactOutcome::CopyAll,
            Action::Export => return ContactOutcome::Export,
            Action::LogCall => return ContactOutcome::LogCall,
            Action::NextLead => return ContactOutcome::NextLead,
            Action::PreviousLead => return ContactOutcome::PreviousLead,
            Action::Undo => return ContactOutcome::Undo,
            _ => {}
        }
        ContactOutcome::None
    }
}

/// Where the parts of the contact screen go in a body area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactLayout {
    /// Name, business and badges.
    pub header: Rect,
    /// The labelled fields, in one or two columns.
    pub fields: Rect,
    /// The wrapped snapshot text (may be empty).
    pub snapshot: Rect,
    /// The rule naming the notes, their order and position.
    pub notes_heading: Rect,
    /// The timeline.
    pub notes: Rect,
}

/// Lays the contact screen out in `area` (the body between title and status bars).
pub fn layout(area: Rect, contact: &Contact, clock: &Clock, theme: &Theme) -> ContactLayout {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let field_rows = cells(field_rows(contact, clock, theme, area.width).len());
    let snapshot_rows = cells(snapshot_lines(contact, area.width).len());
    let fixed = 2 + 1 + field_rows + 1;
    let room_for_snapshot = area.height.saturating_sub(fixed + 4);
    let snapshot_cap = if area.height >= 40 { 10 } else { 3 };
    let snapshot_height = snapshot_rows.min(snapshot_cap).min(room_for_snapshot);
    let [header, _, fields, snapshot, notes_heading, notes] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(field_rows),
        Constraint::Length(snapshot_height),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    ContactLayout {
        header,
        fields,
        snapshot,
        notes_heading,
        notes,
    }
}

fn value_or_dash<'a>(value: Option<&'a str>, theme: &Theme) -> Vec<Span<'a>> {
    match value {
        Some(text) => vec![Span::styled(text, theme.text)],
        None => vec![Span::styled("—", theme.muted)],
    }
}

type FieldRow<'a> = (&'static str, Vec<Span<'a>>);

/// The email and phone rows, which are shown whole: in the left column when they fit, else on
/// full-width rows above the pairs.
fn reach_rows<'a>(contact: &'a Contact, theme: &Theme) -> [FieldRow<'a>; 2] {
    [
        ("Email", value_or_dash(present(&contact.email), theme)),
        ("Phone", value_or_dash(present(&contact.phone), theme)),
    ]
}

/// The address as lines (street lines, then "city, state zip"), wrapped to `width` columns of
/// value so nothing of it is cut.
fn address_rows<'a>(contact: &Contact, theme: &Theme, width: usize) -> Vec<FieldRow<'a>> {
    let mut address_lines: Vec<String> = present(&contact.address)
        .map(|a| a.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let place = [present(&contact.city), present(&contact.state)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let place = match present(&contact.zipcode) {
        Some(zip) if place.is_empty() => zip.to_string(),
        Some(zip) => format!("{place} {zip}"),
        None => place,
    };
    if !place.is_empty() {
        address_lines.push(place);
    }
    if address_lines.is_empty() {
        return vec![("Address", value_or_dash(None, theme))];
    }
    let room = width.saturating_sub(LABEL_WIDTH).max(8);
    address_lines
        .iter()
        .flat_map(|line| wrap_text(line, room))
        .enumerate()
        .map(|(i, line)| {
            let label = if i == 0 { "Address" } else { "" };
            (label, vec![Span::styled(line, theme.text)])
        })
        .collect()
}

/// The tags as rows of at most `width` columns (label column included): whole tags separated by
/// ` · `, wrapped between tags, a single tag wider than a row cut with `…`.
fn tag_rows<'a>(contact: &'a Contact, theme: &Theme, width: usize) -> Vec<FieldRow<'a>> {
    if contact.tags.is_empty() {
        return vec![("Tags", value_or_dash(None, theme))];
    }
    let room = width.saturating_sub(LABEL_WIDTH).max(1);
    let mut rows: Vec<FieldRow<'a>> = Vec::new();
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    for tag in &contact.tags {
        let tag_width = terminal_width(tag);
        if used > 0 && used + 3 + tag_width > room {
            let label = if rows.is_empty() { "Tags" } else { "" };
            rows.push((label, std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::styled(" · ", theme.muted));
            used += 3;
        }
        if tag_width > room {
            spans.push(Span::styled(truncate(tag, room), theme.tag));
            used += room;
        } else {
            spans.push(Span::styled(tag.as_str(), theme.tag));
            used += tag_width;
        }
    }
    let label = if rows.is_empty() { "Tags" } else { "" };
    rows.push((label, spans));
    rows
}

fn row_width(row: &FieldRow<'_>) -> usize {
    LABEL_WIDTH
        + row
            .1
            .iter()
            .map(|span| terminal_width(&span.content))
            .sum::<usize>()
}

fn right_column<'a>(contact: &'a Contact, clock: &Clock, theme: &Theme) -> Vec<FieldRow<'a>> {
    let owned = |text: Option<String>| match text {
        Some(text) => vec![Span::styled(text, theme.text)],
        None => vec![Span::styled("—", theme.muted)],
    };
    let local_time = match present(&contact.time_zone) {
        Some(zone) => match local_time_there(zone, clock) {
            Some(text) => vec![Span::styled(text, theme.accent)],
            None => vec![
                Span::styled(zone, theme.text),
                Span::styled(" (unknown time zone)", theme.muted),
            ],
        },
        None => vec![Span::styled("— (no time zone)", theme.muted)],
    };
    let mut rows = vec![("Value", owned(present(&contact.value).map(format_money)))];
    // The API need not send a birthday: a row only when it did.
    if let Some(birthday) = present(&contact.birthday) {
        rows.push(("Birthday", owned(Some(format_birthday(birthday, clock)))));
    }
    rows.extend([
        ("Local time", local_time),
        (
            "Created",
            owned(present(&contact.created).map(|t| format_date_relative(t, clock))),
        ),
        (
            "Updated",
            owned(present(&contact.last_update).map(|t| format_timestamp(t, clock))),
        ),
    ]);
    rows
}

fn labelled<'a>(label: &'static str, mut value: Vec<Span<'a>>, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label)];
    spans.append(&mut value);
    Line::from(spans)
}

/// The field rows as they will be drawn at `width`. Email, phone and tags are what a salesperson
/// reads off the screen, so they are shown whole whenever the width allows: side by side with
/// the dates when they fit in the left column, else on full-width rows (the tags wrapping).
/// The left column takes what the right one leaves (it is never narrower than it needs to be,
/// nor much wider, so the pairs stay close on wide screens). Below [`TWO_COLUMNS_FROM`] every
/// field has its own full-width row. A value wider than the whole row is cut with `…`.
fn field_rows<'a>(contact: &'a Contact, clock: &Clock, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let width = usize::from(width);
    let reach = reach_rows(contact, theme);
    let right = right_column(contact, clock, theme);
    let full = |rows: Vec<FieldRow<'a>>| -> Vec<Line<'a>> {
        rows.into_iter()
            .map(|(label, value)| fit_line(labelled(label, value, theme), width))
            .collect()
    };
    if width < usize::from(TWO_COLUMNS_FROM) {
        let mut rows: Vec<FieldRow<'a>> = reach.into_iter().collect();
        rows.extend(address_rows(contact, theme, width));
        rows.extend(tag_rows(contact, theme, width));
        rows.extend(right);
        return full(rows);
    }
    let right_width = right.iter().map(row_width).max().unwrap_or(0);
    // The left column is as wide as its widest row unbroken, if the right column leaves room.
    let widest_left = reach
        .iter()
        .chain(&address_rows(contact, theme, usize::MAX))
        .chain(&tag_rows(contact, theme, usize::MAX))
        .map(row_width)
        .max()
        .unwrap_or(0);
    let room_left = width
        .saturating_sub(right_width + COLUMN_GAP)
        .max(width * 2 / 5);
    let left_width = room_left.min((widest_left + COLUMN_GAP).max(MIN_LEFT_COLUMN));
    let fits_left = |row: &FieldRow<'_>| row_width(row) + COLUMN_GAP <= left_width;
    // Email comes before phone: when the phone must go above, so does the email.
    let [email, phone] = reach;
    let mut above: Vec<FieldRow<'a>> = Vec::new();
    let mut left: Vec<FieldRow<'a>> = Vec::new();
    if fits_left(&phone) && fits_left(&email) {
        left.extend([email, phone]);
    } else if fits_left(&phone) {
        above.push(email);
        left.push(phone);
    } else {
        above.extend([email, phone]);
    }
    left.extend(address_rows(
        contact,
        theme,
        left_width.saturating_sub(COLUMN_GAP),
    ));
    let tags_in_column = tag_rows(contact, theme, left_width.saturating_sub(COLUMN_GAP));
    let mut below = Vec::new();
    if tags_in_column.len() == 1 && left.len() < right.len() {
        left.extend(tags_in_column);
    } else {
        below.extend(tag_rows(contact, theme, width));
    }
    let mut lines = full(above);
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    for _ in 0..rows {
        let mut spans = match left.next() {
            Some((label, value)) => fill(
                fit_line(labelled(label, value, theme), left_width - COLUMN_GAP),
                left_width,
            ),
            None => vec![Span::raw(" ".repeat(left_width))],
        };
        if let Some((label, value)) = right.next() {
            let room = width.saturating_sub(left_width);
            spans.extend(fit_line(labelled(label, value, theme), room).spans);
        }
        lines.push(Line::from(spans));
    }
    lines.extend(full(below));
    lines
}

/// The spans of `line` padded with spaces to `width` columns.
fn fill(line: Line<'_>, width: usize) -> Vec<Span<'_>> {
    let used: usize = line
        .spans
        .iter()
        .map(|span| terminal_width(&span.content))
        .sum();
    let mut spans = line.spans;
    if used < width {
        spans.push(Span::raw(" ".repeat(width - used)));
    }
    spans
}

fn snapshot_lines(contact: &Contact, width: u16) -> Vec<String> {
    match present(&contact.snapshot) {
        Some(text) => wrap_text(text, (width as usize).saturating_sub(LABEL_WIDTH).max(8)),
        None => Vec::new(),
    }
}

fn badge<'a>(
    label: &'static str,
    value: Option<&'a str>,
    style: Style,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let mut spans = vec![Span::styled(format!("{label} "), theme.muted)];
    match value {
        Some(text) => spans.push(Span::styled(format!(" {text} "), style)),
        None => spans.push(Span::styled("—", theme.muted)),
    }
    spans.push(Span::raw("   "));
    spans
}

/// `5000` → `5,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
