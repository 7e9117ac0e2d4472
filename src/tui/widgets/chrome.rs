//! The frame around every screen: the title line saying where you are (and on which account,
//! with its PRIVATE and READ-ONLY badges), the status bar (spinner and what is happening, the last
//! error, or key hints; a message too long for one row wraps onto up to three), and the "window too small" notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{cells, spinner, truncate};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::wrap::wrap_words;

/// The smallest window the layout works in.
pub const MIN_WIDTH: u16 = 50;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// The title line: `genius › Lookup › John Doe` on the left, the account on the right.
pub struct TitleView<'a> {
    /// The breadcrumbs, bottom screen first, as the screens title themselves.
    pub crumbs: Vec<String>,
    /// The account: the profile, or the API host.
    pub account: &'a str,
    /// The profile being switched to, while it is resolved.
    pub switching: Option<&'a str>,
    /// The profile forbids writes.
    pub read_only: bool,
    pub ctx: ViewCtx<'a>,
}

impl TitleView<'_> {
    /// The right end: `PRIVATE` in privacy mode, `READ-ONLY` on a read-only profile, then the
    /// account, and the profile being switched to.
    fn account_spans(&self) -> Vec<Span<'static>> {
        let theme = self.ctx.theme;
        let mut spans = Vec::new();
        if self.ctx.privacy {
            spans.push(Span::styled(
                " PRIVATE ",
                theme.status_bar.patch(theme.warning),
            ));
            spans.push(Span::styled(" ", theme.title_bar));
        }
        if self.read_only {
            spans.push(Span::styled(
                " READ-ONLY ",
                theme.status_bar.patch(theme.error),
            ));
            spans.push(Span::styled(" ", theme.title_bar));
        }
        let label = match self.switching {
            Some(name) => format!("{} → {name}… ", self.account),
            None => format!("{} ", self.account),
        };
        spans.push(safe_text::owned_span(label, theme.title_bar));
        spans
    }
}

impl Widget for &TitleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        buf.set_style(area, theme.title_bar);
        // A contact without a name is titled by its email or phone: masked in privacy mode.
        let crumbs: Vec<String> = self
            .crumbs
            .iter()
            .map(|crumb| self.ctx.free_text(crumb).into_owned())
            .collect();
        let account = self.account_spans();
        let account_width: usize = account.iter().map(|s| s.content.width()).sum::<usize>() + 1;
        let room = (area.width as usize).saturating_sub(account_width + 1);
        let text = truncate_left(&format!(" genius › {}", crumbs.join(" › ")), room);
        Line::styled(text, theme.title_bar).render(area, buf);
        Line::from(account).right_aligned().render(area, buf);
    }
}

/// The end of `text` that fits in `room` columns, with `…` in front when something was cut:
/// where you are now matters more than how you got there.
fn truncate_left(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.reverse();
    format!("…{}", kept.into_iter().collect::<String>())
}

/// The request the status bar talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity<'a> {
    /// What it does ("looking up email john@example.com").
    pub description: &'a str,
    /// Seconds until the client retries after a 429, while it waits.
    pub retry_in_seconds: Option<i64>,
    /// Keys typed meanwhile, waiting for the answer.
    pub typed_ahead: usize,
}

/// The last notice, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message<'a> {
    Error(&'a str),
    Info(&'a str),
}

/// The status bar: the request in flight (with a 429 countdown), else the last notice; key
/// hints on the right when there is room.
pub struct StatusView<'a> {
    pub activity: Option<Activity<'a>>,
    pub message: Option<Message<'a>>,
    /// (key, word) pairs from the keymap, most important first.
    pub hints: Vec<(String, &'static str)>,
    pub ctx: ViewCtx<'a>,
}

impl StatusView<'_> {
    /// The key hints that fit in `room` columns, in table order: the first hints matter most, so
    /// the last ones are dropped when the line is short.
    fn hint_spans(&self, room: usize) -> Vec<Span<'static>> {
        let theme = self.ctx.theme;
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, hint) in &self.hints {
            let key = Span::styled(key.clone(), theme.status_bar.patch(theme.key));
            let words = Span::styled(format!(" {hint}  "), theme.status_bar);
            let width = key.width() + words.width();
            if used + width > room {
                break;
            }
            used += width;
            spans.push(key);
            spans.push(words);
        }
        spans
    }
}

/// The status bar never takes more rows than this; a message longer still ends in `…`.
pub const MAX_STATUS_ROWS: u16 = 3;

impl StatusView<'_> {
    /// What the left of the bar says: the request in flight, or the last notice.
    fn left_spans(&self) -> Vec<Span<'static>> {
        let theme = self.ctx.theme;
        if let Some(activity) = &self.activity {
            let spinner = spinner(self.ctx.spinner_frame);
            let what = match activity.retry_in_seconds {
                Some(seconds) => Span::styled(
                    format!("rate-limited — retrying in {seconds} s"),
                    theme.warning.patch(theme.status_bar),
                ),
                None => Span::styled(
                    format!("{}…", self.ctx.free_text(activity.description)),
                    theme.status_bar,
                ),
            };
            let mut spans = vec![Span::styled(format!(" {spinner} "), theme.status_bar), what];
            // Keys typed meanwhile wait for the answer: say so, so they are not taken for lost.
            match activity.typed_ahead {
                0 => {}
                1 => spans.push(Span::styled(" · 1 key typed ahead", theme.status_bar)),
                n => spans.push(Span::styled(
                    format!(" · {n} keys typed ahead"),
                    theme.status_bar,
                )),
            }
            return spans;
        }
        match self.message {
            Some(Message::Error(text)) => vec![Span::styled(
                format!(" ✗ {}", self.ctx.free_text(text)),
                theme.status_bar.patch(theme.error),
            )],
            Some(Message::Info(text)) => vec![Span::styled(
                format!(" {}", self.ctx.free_text(text)),
                theme.status_bar,
            )],
            None => Vec::new(),
        }
    }

    /// The left text wrapped to `width`, when it does not fit on one row; none when it does.
    fn wrapped_left(&self, width: u16) -> Option<(Vec<String>, ratatui::style::Style)> {
        let spans = self.left_spans();
        let text: String = spans.iter().map(|span| span.content.as_ref()).collect();
        if text.width() <= usize::from(width) {
            return None;
        }
        let style = spans.last().map(|span| span.style).unwrap_or_default();
        // One column of margin on the left of every row, as on a single row.
        let lines = wrap_words(
            text.trim_start(),
            usize::from(width.saturating_sub(1)).max(1),
        )
        .into_iter()
        .map(|line| format!(" {line}"))
        .collect();
        Some((lines, style))
    }

    /// How many rows the bar needs at `width`: one, or as many as its message wraps to (at
    /// most [`MAX_STATUS_ROWS`]) so a long message is read whole rather than cut.
    pub fn rows(&self, width: u16) -> u16 {
        self.wrapped_left(width)
            .map_or(1, |(lines, _)| cells(lines.len()).clamp(1, MAX_STATUS_ROWS))
    }
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        buf.set_style(area, theme.status_bar);
        if let Some((lines, style)) = self.wrapped_left(area.width) {
            let shown = usize::from(area.height);
            let more = lines.len() > shown;
            for (index, (y, text)) in (area.y..area.bottom()).zip(lines).enumerate() {
                let row = Rect::new(area.x, y, area.width, 1);
                let text = if more && index + 1 == shown {
                    truncate(&format!("{text} …"), usize::from(area.width))
                } else {
                    text
                };
                Line::styled(text, style).render(row, buf);
            }
            return;
        }
        let left = self.left_spans();
        let left_width: usize = left.iter().map(Span::width).sum();
        Line::from(left).render(area, buf);
        let room = (area.width as usize).saturating_sub(left_width + 2);
        let mut hints = self.hint_spans(usize::MAX);
        let hints_width: usize = hints.iter().map(Span::width).sum();
        if hints_width > room {
            // Beside a message, all the hints or none; alone, as many as fit.
            hints = if left_width == 0 {
                self.hint_spans(room)
            } else {
                Vec::new()
            };
        }
        Line::from(hints).right_aligned().render(area, buf);
    }
}

/// The notice shown instead of the screen when the window is below the usable size.
pub struct TooSmallView<'a> {
    pub ctx: ViewCtx<'a>,
}

impl Widget for &TooSmallView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let text = format!(
            "window too small — {}×{} needed, this is {}×{}",
            MIN_WIDTH, MIN_HEIGHT, area.width, area.height
        );
        let y = area.y + area.height.saturating_sub(1) / 2;
        Paragraph::new(text)
            .style(self.ctx.theme.warning)
            .centered()
            .wrap(Wrap { trim: true })
            .render(
                Rect {
                    y,
                    height: area.bottom() - y,
                    ..area
                },
                buf,
            );
    }
}
