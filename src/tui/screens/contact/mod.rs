//! A contact's detail: name and business as a title, stage/quality/owner badges, every field
//! labelled and aligned in two columns (one when narrow), the snapshot wrapped, and the note
//! history as a scrollable timeline filling the rest. The keys that work the contact (edit, stage,
//! note, copy, export…) are answered with an outcome the app acts on. Drawn by [`ContactView`].

mod view;

use chrono::{DateTime, Utc};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::api::Contact;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::model::display::{
    Clock, format_birthday, format_date_relative, format_money, format_timestamp, local_time_there,
    present,
};
use crate::tui::overlays::picker::PickTarget;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{cells, pad};
use crate::tui::widgets::timeline::TimelineView;
use crate::tui::widgets::wrap::wrap_text;
use crate::tui::widgets::{Component, Ctx, safe_text};

pub use view::ContactView;

/// Width of the label column.
const LABEL_WIDTH: usize = 11;
/// The left column never grows past this, so on wide screens the pairs stay close together.
const MAX_LEFT_COLUMN: usize = 56;
/// Below this width the fields stack in one column.
const TWO_COLUMNS_FROM: u16 = 76;

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
            Action::ToggleNoteOrder => self.notes.toggle_order(),
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

fn left_column<'a>(contact: &'a Contact, theme: &Theme) -> Vec<FieldRow<'a>> {
    let mut rows: Vec<FieldRow<'a>> = vec![
        ("Email", value_or_dash(present(&contact.email), theme)),
        ("Phone", value_or_dash(present(&contact.phone), theme)),
    ];
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
        rows.push(("Address", value_or_dash(None, theme)));
    }
    for (i, line) in address_lines.into_iter().enumerate() {
        let label = if i == 0 { "Address" } else { "" };
        rows.push((label, vec![Span::styled(line, theme.text)]));
    }
    let tags = if contact.tags.is_empty() {
        value_or_dash(None, theme)
    } else {
        let mut spans = Vec::new();
        for (i, tag) in contact.tags.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.muted));
            }
            spans.push(Span::styled(tag.as_str(), theme.tag));
        }
        spans
    };
    rows.push(("Tags", tags));
    rows
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
    vec![
        ("Value", owned(present(&contact.value).map(format_money))),
        (
            "Birthday",
            owned(present(&contact.birthday).map(|b| format_birthday(b, clock))),
        ),
        ("Local time", local_time),
        (
            "Created",
            owned(present(&contact.created).map(|t| format_date_relative(t, clock))),
        ),
        (
            "Updated",
            owned(present(&contact.last_update).map(|t| format_timestamp(t, clock))),
        ),
    ]
}

fn labelled<'a>(label: &'static str, mut value: Vec<Span<'a>>, theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label)];
    spans.append(&mut value);
    Line::from(spans)
}

/// The field rows as they will be drawn at `width`: pairs side by side, or one column when narrow.
fn field_rows<'a>(contact: &'a Contact, clock: &Clock, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let left = left_column(contact, theme);
    let right = right_column(contact, clock, theme);
    if width < TWO_COLUMNS_FROM {
        return left
            .into_iter()
            .chain(right)
            .map(|(label, value)| labelled(label, value, theme))
            .collect();
    }
    // The right column holds the longer values (dates with "3 days ago", local time).
    let half = ((width as usize * 9) / 20).min(MAX_LEFT_COLUMN);
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let mut spans = match left.next() {
                Some((label, value)) => fit(labelled(label, value, theme), half),
                None => vec![Span::raw(" ".repeat(half))],
            };
            if let Some((label, value)) = right.next() {
                spans.extend(labelled(label, value, theme).spans);
            }
            Line::from(spans)
        })
        .collect()
}

/// The spans of `line`, cut with `…` or padded so they take exactly `width` columns.
fn fit(line: Line<'_>, width: usize) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let span_width = span.width();
        if used + span_width < width {
            used += span_width;
            out.push(span);
            continue;
        }
        let room = width.saturating_sub(used + 2);
        let cut = pad(&span.content, room + 1);
        let cut = cut.trim_end().to_string();
        used += unicode_width::UnicodeWidthStr::width(cut.as_str());
        out.push(Span::styled(cut, span.style));
        break;
    }
    if used < width {
        out.push(Span::raw(" ".repeat(width - used)));
    }
    out
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
