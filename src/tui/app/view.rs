//! Drawing the whole app from its state: title line, the top screen, status bar, and the overlay
//! on top; below the usable size, only the "window too small" notice. Drawing never changes state.
//!
//! Every widget draws outside text through `crate::text::safe_line`/`safe_block`; [`draw`] adds a
//! last guard over the finished frame, so a cell holding a control character, a bidi control or a
//! line separator never reaches the terminal even if a widget forgot.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::work::view as work_view;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::overlays::{help, reader};
use crate::tui::screens::{contact, home, results, setup};
use crate::tui::widgets::chrome;

/// Draws `app` into the frame, then makes every cell of it safe: what the event loop calls.
pub fn draw(app: &App, frame: &mut Frame) {
    render(app, frame);
    make_cells_safe(frame.buffer_mut());
}

/// The last guard, over a whole finished frame (see [`make_area_safe`]).
pub fn make_cells_safe(buffer: &mut Buffer) {
    let area = buffer.area;
    make_area_safe(buffer, area);
}

/// Every cell of `area` whose symbol holds a character that must never reach a terminal as it is
/// (`crate::text::is_unsafe`: C0/C1 controls, ESC, DEL, bidi controls, line and paragraph
/// separators) shows a placeholder instead.
pub fn make_area_safe(buffer: &mut Buffer, area: Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buffer.cell_mut((x, y))
                && cell.symbol().chars().any(crate::text::is_unsafe)
            {
                cell.set_char(crate::text::HIDDEN_CHARACTER);
            }
        }
    }
}

/// Draws `app` into the frame: the widgets only, without the last guard of [`draw`].
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < chrome::MIN_WIDTH || area.height < chrome::MIN_HEIGHT {
        chrome::render_too_small(app, area, frame.buffer_mut());
        return;
    }
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::render_title(app, title, frame.buffer_mut());
    match app.top() {
        Screen::Home(screen) => home::render(app, screen, body, frame),
        Screen::Results(screen) => results::render(app, screen, body, frame),
        Screen::Contact(screen) => contact::render(app, screen, body, frame),
        Screen::Setup => setup::render(app, body, frame),
        Screen::Work(screen) => work_view::render_screen(app, screen, body, frame.buffer_mut()),
    }
    chrome::render_status(app, status, frame.buffer_mut());
    match &app.overlay {
        Some(Overlay::Help(overlay)) => help::render(app, overlay, body, frame.buffer_mut()),
        Some(Overlay::Reader(overlay)) => reader::render(app, overlay, body, frame.buffer_mut()),
        Some(Overlay::Work(overlay)) => {
            work_view::render_overlay(app, overlay, body, frame.buffer_mut())
        }
        Some(Overlay::Trust(overlay)) => {
            crate::tui::overlays::trust_render::render_overlay(app, overlay, body, frame)
        }
        None => {}
    }
    if app.ascii {
        asciify(frame.buffer_mut());
    }
}

/// `--ascii`: every symbol the TUI draws (box drawing, arrows, bullets, the spinner…) replaced by
/// a plain ASCII look-alike, in one pass over the finished frame, so no widget can forget it.
pub fn asciify(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        if let Some(plain) = ascii_for(cell.symbol()) {
            cell.set_symbol(plain);
        }
    }
}

fn ascii_for(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Some(match c {
        '─' | '━' | '—' | '–' | '·' | '•' => "-",
        '│' | '┃' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            "+"
        }
        '›' | '→' => ">",
        '←' => "<",
        '↑' => "^",
        '↓' => "v",
        '…' => "~",
        '✗' => "x",
        '“' | '”' => "\"",
        '×' => "x",
        '⠋' | '⠼' | '⠇' => "|",
        '⠙' | '⠴' | '⠏' => "/",
        '⠹' | '⠦' => "-",
        '⠸' | '⠧' => "\\",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_guard_replaces_every_unsafe_cell_and_keeps_the_rest() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
        for (x, symbol) in ["a", "\u{1b}", "b\u{202e}", "\u{2028}", "北", "\u{9b}"]
            .iter()
            .enumerate()
        {
            if let Some(cell) = buffer.cell_mut((x as u16, 0)) {
                cell.set_symbol(symbol);
            }
        }
        make_cells_safe(&mut buffer);
        let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
        assert_eq!(
            symbols,
            ["a", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "北", "\u{FFFD}"]
        );
    }
}
