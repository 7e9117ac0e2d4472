//! The frame around every screen: the title line saying where you are (and on which account), the
//! status bar (spinner and what is happening, the last error, or key hints), and the "window too
//! small" notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Notice};
use crate::tui::model::privacy::shown_text;

/// Spinner frames, one per tick.
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The smallest window the layout works in.
pub const MIN_WIDTH: u16 = 50;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// Draws the title line: `genius › Lookup › John Doe` on the left, the account on the right.
pub fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.title_bar);
    // A contact without a name is titled by its email or phone: masked in privacy mode.
    let crumbs: Vec<String> = app
        .screens
        .iter()
        .map(|s| shown_text(app, &s.title()).into_owned())
        .collect();
    let account = crate::tui::overlays::trust_render::title_right(app);
    let account_width = crate::tui::overlays::trust_render::title_right_width(&account) + 1;
    let room = (area.width as usize).saturating_sub(account_width + 1);
    let text = truncate_left(&format!(" genius › {}", crumbs.join(" › ")), room);
    Line::styled(text, theme.title_bar).render(area, buf);
    Line::from(account).right_aligned().render(area, buf);
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

/// Draws the status bar: the request in flight (with a 429 countdown), else the last notice,
/// else the key hints of the current screen.
pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    buf.set_style(area, theme.status_bar);
    // A request nobody waits for on screen (Esc while a write was on its way) gives way to the
    // notice, which says what became of it and of the keys typed meanwhile.
    let request = app
        .requests
        .latest()
        .filter(|request| !request.detached || app.notice.is_none());
    let left: Vec<Span> = if let Some(request) = request {
        let spinner = SPINNER[app.spinner_frame % SPINNER.len()];
        let what = match request.retry_at {
            Some(at) if at > app.clock.now => {
                let millis = (at - app.clock.now).num_milliseconds().max(0);
                let seconds = (millis + 999) / 1000;
                Span::styled(
                    format!("rate-limited — retrying in {seconds} s"),
                    theme.warning.patch(theme.status_bar),
                )
            }
            _ => Span::styled(
                format!("{}…", shown_text(app, &request.description)),
                theme.status_bar,
            ),
        };
        let mut spans = vec![Span::styled(format!(" {spinner} "), theme.status_bar), what];
        // Keys typed meanwhile wait for the answer: say so, so they are not taken for lost.
        match app.typeahead.len() {
            0 => {}
            1 => spans.push(Span::styled(" · 1 key typed ahead", theme.status_bar)),
            n => spans.push(Span::styled(
                format!(" · {n} keys typed ahead"),
                theme.status_bar,
            )),
        }
        spans
    } else {
        match &app.notice {
            Some(Notice::Error(text)) => vec![Span::styled(
                format!(" ✗ {}", shown_text(app, text)),
                theme.status_bar.patch(theme.error),
            )],
            Some(Notice::Info(text)) => vec![Span::styled(
                format!(" {}", shown_text(app, text)),
                theme.status_bar,
            )],
            None => Vec::new(),
        }
    };
    let left_width: usize = left.iter().map(|s| s.width()).sum();
    Line::from(left).render(area, buf);
    let room = (area.width as usize).saturating_sub(left_width + 2);
    let mut hints = hint_spans(app, usize::MAX);
    let hints_width: usize = hints.iter().map(|s| s.width()).sum();
    if hints_width > room {
        // Beside a message, all the hints or none; alone, as many as fit.
        hints = if left_width == 0 {
            hint_spans(app, room)
        } else {
            Vec::new()
        };
    }
    Line::from(hints).right_aligned().render(area, buf);
}

/// The key hints that fit in `room` columns, in table order: the first hints matter most, so the
/// last ones are dropped when the line is short.
fn hint_spans(app: &App, room: usize) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, hint) in app.keymap.hints_for(&app.contexts()) {
        let key = Span::styled(key, theme.status_bar.patch(theme.key));
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

/// Draws the notice shown instead of the screen when the window is below the usable size.
pub fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "window too small — {}×{} needed, this is {}×{}",
        MIN_WIDTH, MIN_HEIGHT, area.width, area.height
    );
    let y = area.y + area.height.saturating_sub(1) / 2;
    Paragraph::new(text)
        .style(app.theme.warning)
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
