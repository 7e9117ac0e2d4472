//! Comparing what a vt100 emulator shows with a ratatui frame, cell by cell: text, colours,
//! modifiers, wide characters and the cursor. What cannot be seen is not compared: the
//! foreground of a blank, nor the cells a wide character covers.

use genius::tui::runtime::output::TerminalOutput;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

pub type TestTerminal = Terminal<TerminalOutput<Vec<u8>>>;

fn vt_color(color: Color) -> vt100::Color {
    match color {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(index) => vt100::Color::Idx(index),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Every difference between the emulator's screen and `frame` (with its cursor), described.
pub fn differences(
    screen: &vt100::Screen,
    frame: &Buffer,
    cursor: Option<Position>,
) -> Vec<String> {
    let mut found = Vec::new();
    let area = frame.area;
    let (rows, columns) = screen.size();
    if (rows, columns) != (area.height, area.width) {
        return vec![format!(
            "screen is {columns}x{rows}, frame {}x{}",
            area.width, area.height
        )];
    }
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &frame[(x, y)];
            let symbol = match cell.symbol() {
                s if s.width() == 0 => " ",
                s => s,
            };
            let width = u16::try_from(symbol.width()).unwrap().max(1);
            let Some(shown) = screen.cell(y, x) else {
                found.push(format!("({x},{y}) missing"));
                break;
            };
            let blank = symbol == " "
                && !cell
                    .modifier
                    .intersects(Modifier::UNDERLINED | Modifier::REVERSED);
            let text = shown.contents();
            let text_ok = if blank {
                text.is_empty() || text == " "
            } else {
                text == symbol
            };
            let mut wrong = Vec::new();
            if !text_ok {
                wrong.push(format!("text {text:?} not {symbol:?}"));
            }
            if shown.bgcolor() != vt_color(cell.bg) {
                wrong.push(format!("bg {:?} not {:?}", shown.bgcolor(), cell.bg));
            }
            if !blank {
                let m = cell.modifier;
                // vt100 keeps one intensity: with bold and dim both set, neither is compared.
                let both = m.contains(Modifier::BOLD | Modifier::DIM);
                let checks = [
                    ("fg", shown.fgcolor() == vt_color(cell.fg)),
                    ("bold", both || shown.bold() == m.contains(Modifier::BOLD)),
                    ("dim", both || shown.dim() == m.contains(Modifier::DIM)),
                    ("italic", shown.italic() == m.contains(Modifier::ITALIC)),
                    (
                        "underline",
                        shown.underline() == m.contains(Modifier::UNDERLINED),
                    ),
                    ("inverse", shown.inverse() == m.contains(Modifier::REVERSED)),
                    ("wide", shown.is_wide() == (width == 2)),
                ];
                for (what, ok) in checks {
                    if !ok {
                        wrong.push(format!("{what} differs ({shown:?} vs {cell:?})"));
                    }
                }
            } else if shown.inverse() || shown.underline() {
                wrong.push("blank shown inverse or underlined".to_string());
            }
            if !wrong.is_empty() {
                found.push(format!("({x},{y}): {}", wrong.join(", ")));
            }
            x += width;
        }
    }
    match cursor {
        Some(position) => {
            let (row, column) = screen.cursor_position();
            if screen.hide_cursor() {
                found.push("cursor hidden, should show".into());
            }
            if (column, row) != (position.x, position.y) {
                found.push(format!(
                    "cursor at ({column},{row}), not ({},{})",
                    position.x, position.y
                ));
            }
        }
        None if !screen.hide_cursor() => found.push("cursor shown, should hide".into()),
        None => {}
    }
    found
}

/// The row's text as the emulator shows it, for messages.
pub fn rows_text(screen: &vt100::Screen) -> String {
    screen
        .rows(0, screen.size().1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Takes the bytes the backend wrote since the last call.
pub fn take_output(terminal: &mut TestTerminal) -> Vec<u8> {
    std::mem::take(terminal.backend_mut().writer_mut())
}
