//! The note history as a scrollable timeline. It scales to thousands of entries by never laying out
//! more than it shows: the scroll position is an anchor (which entry is at the top, and how many of
//! its rows are scrolled past), so drawing and scrolling only wrap the entries they touch. It holds
//! no text: an index of where each entry lies in the contact's one notes string, which every
//! method is handed, so a history of megabytes is held once.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::api::time_zones::TimeZones;
use crate::api::{EntrySpan, entry_spans};
use crate::tui::model::privacy::mask_free_text;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe_text;
use crate::tui::widgets::wrap::wrap_text;
use crate::tui::widgets::wrap_heights::WrapHeights;

/// Columns taken by the timestamp column: `2025-08-14 10:46` and two spaces.
const STAMP_COLUMNS: usize = 18;

/// The first visible row: entry `entry` (in display order), scrolled `row` rows into it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// The entry at the top, in display order.
    pub entry: usize,
    /// How many of its rows are scrolled past.
    pub row: usize,
}

/// A contact's note history and how it is being looked at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineView {
    /// Where each entry lies in the notes string, oldest first.
    spans: Vec<EntrySpan>,
    /// Newest first (the default) or oldest first.
    pub newest_first: bool,
    /// Where the view is scrolled to.
    pub top: Anchor,
    /// The rows each note wraps to, as far as asked: a `j` wraps only the notes it draws.
    heights: WrapHeights,
}

impl TimelineView {
    /// A view of `notes` (the API's string as sent; each entry is made safe when drawn), newest
    /// first, at the top.
    pub fn new(notes: &str) -> TimelineView {
        TimelineView {
            spans: entry_spans(notes),
            newest_first: true,
            top: Anchor::default(),
            heights: WrapHeights::default(),
        }
    }

    /// Replaces the history (after a refresh), keeping the order and, as far as it still exists,
    /// the scroll position.
    pub fn replace(&mut self, notes: &str) {
        self.spans = entry_spans(notes);
        self.heights.forget();
        if self.top.entry >= self.len() {
            self.top = Anchor::default();
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there is no note.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The entry shown at display position `index`.
    fn entry(&self, index: usize) -> Option<&EntrySpan> {
        let len = self.len();
        if index >= len {
            return None;
        }
        let source_index = if self.newest_first {
            len - 1 - index
        } else {
            index
        };
        self.spans.get(source_index)
    }

    /// Flips the order and goes back to the top (the newest or the oldest note).
    pub fn toggle_order(&mut self) {
        self.newest_first = !self.newest_first;
        self.top = Anchor::default();
    }

    fn body_width(width: u16) -> usize {
        (width as usize).saturating_sub(STAMP_COLUMNS).max(8)
    }

    fn wrapped_body(&self, notes: &str, index: usize, width: u16) -> Vec<String> {
        self.entry(index)
            .map(|entry| {
                wrap_text(
                    &safe_text::block(entry.body(notes)),
                    Self::body_width(width),
                )
            })
            .unwrap_or_default()
    }

    fn height_of(&self, notes: &str, index: usize, width: u16) -> usize {
        let Some(entry) = self.entry(index) else {
            return 1;
        };
        self.heights.rows(notes, entry.start, width, || {
            self.wrapped_body(notes, index, width).len().max(1)
        })
    }

    /// The top anchor that puts the last row of the history at the bottom of a `height`-row view.
    fn last_anchor(&self, notes: &str, width: u16, height: u16) -> Anchor {
        let mut needed = height.max(1) as usize;
        let mut index = self.len();
        while index > 0 {
            index -= 1;
            let rows = self.height_of(notes, index, width);
            if rows >= needed {
                return Anchor {
                    entry: index,
                    row: rows - needed,
                };
            }
            needed -= rows;
        }
        Anchor::default()
    }

    /// The first visible row in a view of `width`×`height`: the anchor, unless the view grew (or
    /// the history shrank) since it was set, leaving empty rows under the last note — then the
    /// anchor that fills the view, as far as the history goes.
    pub fn effective_top(&self, notes: &str, width: u16, height: u16) -> Anchor {
        // Every entry takes at least one row: with more entries below the anchor than rows, the
        // view is full and nothing needs wrapping to know it.
        if self.len().saturating_sub(self.top.entry) > usize::from(height) {
            return self.top;
        }
        self.top.min(self.last_anchor(notes, width, height))
    }

    /// Moves the anchor to what a view of `width`×`height` shows ([`Self::effective_top`]), so
    /// scrolling up after the window grew moves at once.
    pub fn clamp(&mut self, notes: &str, width: u16, height: u16) {
        self.top = self.effective_top(notes, width, height);
    }

    /// Scrolls down `rows` rows, stopping when the last row reaches the bottom of the view.
    pub fn scroll_down(&mut self, notes: &str, rows: usize, width: u16, height: u16) {
        let limit = self.last_anchor(notes, width, height);
        let mut remaining = rows;
        while remaining > 0 && self.top < limit {
            let entry_rows = self.height_of(notes, self.top.entry, width);
            if self.top.row + remaining < entry_rows {
                self.top.row += remaining;
                break;
            }
            remaining -= entry_rows.saturating_sub(self.top.row);
            self.top = Anchor {
                entry: self.top.entry + 1,
                row: 0,
            };
        }
        self.top = self.top.min(limit);
    }

    /// Scrolls up `rows` rows, stopping at the first row.
    pub fn scroll_up(&mut self, notes: &str, rows: usize, width: u16) {
        let mut remaining = rows;
        while remaining > 0 {
            if self.top.row >= remaining {
                self.top.row -= remaining;
                return;
            }
            remaining -= self.top.row + 1;
            if self.top.entry == 0 {
                self.top.row = 0;
                return;
            }
            self.top.entry -= 1;
            self.top.row = self.height_of(notes, self.top.entry, width) - 1;
        }
    }

    /// To the first row.
    pub fn scroll_to_top(&mut self) {
        self.top = Anchor::default();
    }

    /// To the last page.
    pub fn scroll_to_bottom(&mut self, notes: &str, width: u16, height: u16) {
        self.top = self.last_anchor(notes, width, height);
    }

    /// Which entries (1-based, first and last) a view of `height` rows shows, for "notes 3–9 of 40".
    pub fn visible_range(&self, notes: &str, width: u16, height: u16) -> Option<(usize, usize)> {
        if self.is_empty() {
            return None;
        }
        let top = self.effective_top(notes, width, height);
        let mut rows_left = (height as usize).max(1);
        let mut index = top.entry;
        let mut skip = top.row;
        while index < self.len() {
            // The anchor was set at another width (or before a refresh): it may point past the
            // rows its entry takes now.
            let rows = self.height_of(notes, index, width).saturating_sub(skip);
            skip = 0;
            if rows >= rows_left {
                break;
            }
            rows_left -= rows;
            index += 1;
        }
        Some((top.entry + 1, index.min(self.len() - 1) + 1))
    }

    /// A widget drawing the visible part of `notes` (the string this view indexes) with `theme`,
    /// note times shown in `zones.display`.
    pub fn widget<'a>(
        &'a self,
        notes: &'a str,
        theme: &'a Theme,
        zones: TimeZones,
    ) -> TimelineWidget<'a> {
        TimelineWidget {
            view: self,
            notes,
            theme,
            zones,
            privacy: None,
        }
    }
}

/// Draws the visible rows of a [`TimelineView`].
pub struct TimelineWidget<'a> {
    view: &'a TimelineView,
    notes: &'a str,
    theme: &'a Theme,
    /// Note times are the account's wall time; they are shown in the user's zone.
    zones: TimeZones,
    /// Privacy mode (and whether its masks are ASCII): emails and phones in the notes are masked.
    privacy: Option<bool>,
}

impl TimelineWidget<'_> {
    /// Masks the emails and phone numbers written in the notes (privacy mode), entry by entry as
    /// they are drawn: only what is on screen is ever masked.
    pub fn masked(self, ascii: bool) -> Self {
        TimelineWidget {
            privacy: Some(ascii),
            ..self
        }
    }
}

impl Widget for TimelineWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        if self.view.is_empty() {
            Line::styled("No notes yet.", self.theme.muted).render(area, buf);
            return;
        }
        let mut y = area.y;
        let notes = self.notes;
        let top = self.view.effective_top(notes, area.width, area.height);
        let mut index = top.entry;
        let mut skip = top.row;
        while y < area.bottom() {
            let Some(entry) = self.view.entry(index) else {
                break;
            };
            let stamp = entry
                .timestamp(notes)
                .map(|wall| crate::api::notes::format_timestamp(self.zones.show_note_time(wall)))
                .unwrap_or_else(|| "(no date)".to_string());
            let text = match self.privacy {
                Some(ascii) => std::borrow::Cow::Owned(mask_free_text(entry.body(notes), ascii)),
                None => std::borrow::Cow::Borrowed(entry.body(notes)),
            };
            // Wrapped as drawn: each control character takes the column of its placeholder.
            let body = wrap_text(
                &safe_text::block(&text),
                TimelineView::body_width(area.width),
            );
            for (row, text) in body.iter().enumerate().skip(skip) {
                if y >= area.bottom() {
                    break;
                }
                let stamp_cell = if row == 0 {
                    Span::styled(format!("{stamp:<16}  "), self.theme.label)
                } else {
                    Span::raw(" ".repeat(STAMP_COLUMNS))
                };
                let line = Line::from(vec![
                    stamp_cell,
                    Span::styled(text.as_str(), self.theme.text),
                ]);
                line.render(
                    Rect {
                        y,
                        height: 1,
                        ..area
                    },
                    buf,
                );
                y += 1;
            }
            skip = 0;
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(count: usize) -> String {
        (0..count)
            .map(|i| {
                format!(
                    "2025-01-01 10:{:02} note number {i} with some words to wrap around",
                    i % 60
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn scrolling_walks_rows_and_stops_at_both_ends() {
        let text = notes(10);
        let mut view = TimelineView::new(&text);
        // Width 40 leaves 22 columns for text: every entry wraps to 3 rows.
        assert_eq!(view.height_of(&text, 0, 40), 3);
        view.scroll_down(&text, 4, 40, 5);
        assert_eq!(view.top, Anchor { entry: 1, row: 1 });
        view.scroll_down(&text, 1_000, 40, 5);
        assert_eq!(view.top, Anchor { entry: 8, row: 1 });
        assert_eq!(view.visible_range(&text, 40, 5), Some((9, 10)));
        view.scroll_up(&text, 2, 40);
        assert_eq!(view.top, Anchor { entry: 7, row: 2 });
        view.scroll_up(&text, 1_000, 40);
        assert_eq!(view.top, Anchor::default());
    }

    #[test]
    fn an_anchor_set_at_another_width_is_read_at_this_one() {
        let text = notes(10);
        let mut view = TimelineView::new(&text);
        view.scroll_down(&text, 2, 20, 5);
        assert_eq!(view.top, Anchor { entry: 0, row: 2 });
        // Wider, every entry takes one row: the anchor points past its entry's rows.
        assert_eq!(view.visible_range(&text, 200, 5), Some((1, 6)));
        view.scroll_down(&text, 1, 200, 5);
        assert!(view.top.entry >= 1, "{:?}", view.top);
    }

    #[test]
    fn order_toggles_between_newest_and_oldest_first() {
        let text = notes(3);
        let mut view = TimelineView::new(&text);
        assert!(
            view.entry(0)
                .is_some_and(|e| e.body(&text).starts_with("note number 2"))
        );
        view.scroll_down(&text, 1, 80, 1);
        view.toggle_order();
        assert_eq!(view.top, Anchor::default());
        assert!(
            view.entry(0)
                .is_some_and(|e| e.body(&text).starts_with("note number 0"))
        );
    }

    fn drawn_rows(view: &TimelineView, text: &str, width: u16, height: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        let theme = Theme::default_16();
        let zones = crate::api::time_zones::TimeZones {
            account: crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
            display: crate::api::time_zones::DisplayZone::Fixed(
                chrono::FixedOffset::east_opt(0).expect("UTC is an offset"),
            ),
        };
        view.widget(text, &theme, zones).render(area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn after_the_window_grows_the_view_is_filled_again() {
        let text = notes(40);
        let mut view = TimelineView::new(&text);
        view.scroll_to_bottom(&text, 200, 8);
        assert_eq!(view.visible_range(&text, 200, 8), Some((33, 40)));
        // Taller: the last note stays at the bottom and older ones fill the rows above it.
        assert_eq!(view.visible_range(&text, 200, 28), Some((13, 40)));
        let rows = drawn_rows(&view, &text, 200, 28);
        assert!(rows.iter().all(|row| !row.trim().is_empty()), "{rows:#?}");
        assert!(rows[27].contains("note number 0 "), "{rows:#?}");
        // Scrolling up starts from what is shown.
        view.clamp(&text, 200, 28);
        view.scroll_up(&text, 1, 200);
        assert_eq!(view.visible_range(&text, 200, 28), Some((12, 39)));
        // A short history at the top is left alone.
        let short_text = notes(3);
        let short = TimelineView::new(&short_text);
        assert_eq!(short.effective_top(&short_text, 200, 28), Anchor::default());
    }
}
