//! The preview pane of the matches table: the highlighted match in full (business, stage,
//! quality, owner, last update, tags, the last note), since a listed match is only a summary.
//!
//! Owns what was fetched for this table (kept while the table lives, so moving back to a row is
//! instant), the one fetch in flight (never more, to stay within the rate limit), the one
//! highlight waiting behind it (a newer highlight replaces it), and the debounce: a highlight
//! change asks for a timer and only the timer of the latest change fetches. A reply for a row no
//! longer highlighted is kept but not shown, because the view only ever shows the highlighted
//! row's entry. The app sends the requests and runs the timers; this module decides.

use std::collections::BTreeMap;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget};

use crate::api::{Contact, NoteTimeline};
use crate::tui::keymap::{Action, Context};
use crate::tui::model::RequestId;
use crate::tui::model::display::{format_timestamp, present};
use crate::tui::widgets::layout::spinner;
use crate::tui::widgets::wrap::wrap_text;
use crate::tui::widgets::{ViewCtx, safe_text};

/// How long the highlight must rest on a row before it is fetched: long enough for j-j-j to
/// pass over rows without a request each, short enough to feel immediate.
pub const PREVIEW_DELAY: Duration = Duration::from_millis(250);

/// Width of the label column.
const LABEL_WIDTH: usize = 10;

/// What is known of one match beyond its summary.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewEntry {
    /// The whole contact, as the server sent it.
    Loaded(Box<Contact>),
    /// Why it could not be fetched, in plain words.
    Failed(String),
}

/// What happened to the preview.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewEvent {
    /// The highlight moved to (or opened on) the match `uid`.
    Highlighted { uid: String, at_once: bool },
    /// The debounce timer of highlight change `generation` fired; `uid` is highlighted now.
    Due { generation: u64, uid: String },
    /// The fetch `id` of `uid` was sent.
    Sent { id: RequestId, uid: String },
    /// The fetch `id` of `uid` answered.
    Arrived {
        id: RequestId,
        uid: String,
        entry: PreviewEntry,
    },
}

/// What the app should do for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewOutcome {
    /// Nothing.
    None,
    /// Send `PreviewDue { generation }` back after [`PREVIEW_DELAY`].
    Wait { generation: u64 },
    /// Fetch `uid` by uid now.
    Fetch(String),
}

/// The preview's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviewPane {
    entries: BTreeMap<String, PreviewEntry>,
    in_flight: Option<(RequestId, String)>,
    queued: Option<String>,
    /// Bumped by each highlight change: only the timer of the latest one fetches.
    generation: u64,
}

impl PreviewPane {
    /// Applies one event; says what the app should do.
    pub fn handle(&mut self, event: PreviewEvent) -> PreviewOutcome {
        match event {
            PreviewEvent::Highlighted { uid, at_once } => {
                self.generation = self.generation.wrapping_add(1);
                if self.is_known(&uid) {
                    PreviewOutcome::None
                } else if at_once {
                    self.fetch_or_queue(uid)
                } else {
                    PreviewOutcome::Wait {
                        generation: self.generation,
                    }
                }
            }
            PreviewEvent::Due { generation, uid } => {
                if generation != self.generation || self.is_known(&uid) {
                    PreviewOutcome::None
                } else {
                    self.fetch_or_queue(uid)
                }
            }
            PreviewEvent::Sent { id, uid } => {
                self.in_flight = Some((id, uid));
                PreviewOutcome::None
            }
            PreviewEvent::Arrived { id, uid, entry } => {
                if self.in_flight.as_ref().is_some_and(|(busy, _)| *busy == id) {
                    self.in_flight = None;
                }
                self.entries.insert(uid, entry);
                match self.queued.take() {
                    Some(next) if !self.is_known(&next) => self.fetch_or_queue(next),
                    _ => PreviewOutcome::None,
                }
            }
        }
    }

    fn fetch_or_queue(&mut self, uid: String) -> PreviewOutcome {
        if self.in_flight.is_some() {
            self.queued = Some(uid);
            PreviewOutcome::None
        } else {
            PreviewOutcome::Fetch(uid)
        }
    }

    /// True when `uid` was fetched (or failed) or is being fetched: nothing more to ask.
    fn is_known(&self, uid: &str) -> bool {
        self.entries.contains_key(uid)
            || self
                .in_flight
                .as_ref()
                .is_some_and(|(_, fetching)| fetching == uid)
    }

    /// What is known of `uid`.
    pub fn entry(&self, uid: &str) -> Option<&PreviewEntry> {
        self.entries.get(uid)
    }

    /// The whole contact `uid`, when its preview came.
    pub fn loaded(&self, uid: &str) -> Option<&Contact> {
        match self.entries.get(uid) {
            Some(PreviewEntry::Loaded(contact)) => Some(contact),
            _ => None,
        }
    }

    /// The fetch in flight, if any.
    pub fn in_flight(&self) -> Option<RequestId> {
        self.in_flight.as_ref().map(|(id, _)| *id)
    }

    /// The match waiting for the fetch in flight, if any.
    pub fn queued(&self) -> Option<&str> {
        self.queued.as_deref()
    }

    /// Forgets a match (deleted): it is no longer fetched or shown.
    pub fn forget(&mut self, uid: &str) {
        self.entries.remove(uid);
        if self.queued.as_deref() == Some(uid) {
            self.queued = None;
        }
    }
}

/// Draws the preview of the highlighted match `uid` (named `name` until it has come).
pub struct PreviewView<'a> {
    pub pane: &'a PreviewPane,
    pub uid: &'a str,
    pub name: &'a str,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &PreviewView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = &self.ctx;
        let theme = ctx.theme;
        let (title, lines) = match self.pane.entry(self.uid) {
            Some(PreviewEntry::Loaded(contact_as_sent)) => {
                let contact = ctx.contact(contact_as_sent);
                let width = usize::from(area.width.saturating_sub(4));
                (
                    contact.display_name(),
                    contact_lines(
                        ctx,
                        contact.as_ref(),
                        ctx.owner(contact_as_sent, contact.as_ref()),
                        width,
                    ),
                )
            }
            Some(PreviewEntry::Failed(error)) => (
                safe_text::line(self.name).into_owned(),
                vec![
                    Line::styled("Could not load the preview:", theme.error),
                    Line::styled(ctx.free_text(error).into_owned(), theme.error),
                    Line::styled(
                        format!(
                            "{} opens it all the same.",
                            ctx.key(Context::Results, Action::Submit)
                        ),
                        theme.muted,
                    ),
                ],
            ),
            None => (
                safe_text::line(self.name).into_owned(),
                vec![Line::styled(
                    format!("{} loading…", spinner(ctx.spinner_frame)),
                    theme.muted,
                )],
            ),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .padding(Padding::horizontal(1))
            .border_style(theme.border)
            .title(Span::styled(format!(" {title} "), theme.accent))
            .title_bottom(Line::styled(
                format!(" times in your zone, {} ", ctx.zone_label()),
                theme.muted,
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        Paragraph::new(lines).render(inner, buf);
    }
}

/// One labelled line: the label in its column, the value after.
fn labelled(label: &'static str, value: String, ctx: &ViewCtx) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<LABEL_WIDTH$}"), ctx.theme.label),
        Span::styled(value, ctx.theme.text),
    ])
}

/// The contact's lines (already made safe and masked by `ViewCtx::contact`).
fn contact_lines(
    ctx: &ViewCtx,
    contact: &Contact,
    owner: Option<String>,
    width: usize,
) -> Vec<Line<'static>> {
    let dash = |value: &Option<String>| present(value).unwrap_or("—").to_string();
    let owner = owner.unwrap_or_else(|| "—".to_string());
    let updated = present(&contact.last_update)
        .or(present(&contact.created))
        .map(|t| format_timestamp(t, ctx.clock))
        .unwrap_or_else(|| "—".to_string());
    let tags = if contact.tags.is_empty() {
        "—".to_string()
    } else {
        contact.tags.join(", ")
    };
    let mut lines = vec![
        labelled("Business", dash(&contact.business_name), ctx),
        labelled("Stage", dash(&contact.stage_name), ctx),
        labelled("Quality", dash(&contact.quality_name), ctx),
        labelled("Owner", owner, ctx),
        labelled("Updated", updated, ctx),
        labelled("Tags", tags, ctx),
    ];
    let timeline = NoteTimeline::parse(contact.notes.as_deref().unwrap_or_default());
    let last = timeline.entries.iter().max_by_key(|entry| entry.timestamp);
    match last {
        None => lines.push(labelled("Last note", "none yet".to_string(), ctx)),
        Some(entry) => {
            let stamp = entry
                .timestamp
                .map(|wall| ctx.note_time(wall))
                .unwrap_or_else(|| "(no date)".to_string());
            lines.push(labelled("Last note", stamp, ctx));
            let body_width = width.saturating_sub(2).max(1);
            lines.extend(
                wrap_text(&safe_text::block(entry.body()), body_width)
                    .into_iter()
                    .map(|text| Line::styled(format!("  {text}"), ctx.theme.text)),
            );
        }
    }
    lines
}
