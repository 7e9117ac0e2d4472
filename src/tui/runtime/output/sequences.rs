//! The escape sequences the output writes, each in its shortest form: SGR from one pen to the
//! next (only what changed, or a reset and what is set, whichever is shorter), cursor moves
//! (absolute or relative, whichever is shorter and safe given the scroll region), scroll
//! regions, erase. Only sequences xterm, tmux and the Linux console all understand.

use std::io::Write;

use ratatui::style::{Color, Modifier};

use super::grid::Pen;

/// Where the terminal's cursor is. `x == width` is the "pending wrap" state after writing the
/// last column: only absolute moves (and CR) are safe from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub x: u16,
    pub y: u16,
}

/// Appends `CSI <params> <final>`.
fn csi(out: &mut Vec<u8>, params: &str, final_byte: char) {
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params.as_bytes());
    let mut encoded = [0; 4];
    out.extend_from_slice(final_byte.encode_utf8(&mut encoded).as_bytes());
}

/// A count parameter, left out when it is 1 (the default).
fn count(n: u16) -> String {
    if n == 1 { String::new() } else { n.to_string() }
}

fn color_params(color: Color, base: u8, params: &mut Vec<String>) {
    // base is 30 for the foreground, 40 for the background, 50 for the underline colour.
    let named = |index: u8| -> String {
        if base == 50 {
            format!("58;5;{index}")
        } else if index < 8 {
            (base + index).to_string()
        } else {
            (base + 60 + index - 8).to_string()
        }
    };
    params.push(match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(index) => format!("{};5;{index}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    });
}

const MODIFIER_CODES: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

fn set_modifiers(modifier: Modifier, params: &mut Vec<String>) {
    for (flag, code) in MODIFIER_CODES {
        if modifier.contains(flag) {
            params.push(code.to_string());
        }
    }
}

/// From a known pen, only what changes. Turning bold or dim off turns both off (SGR 22), and
/// either blink off turns both off (SGR 25): what should stay is set again.
fn incremental(from: &Pen, to: &Pen) -> Vec<String> {
    let mut params = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    let offs = [
        (Modifier::BOLD | Modifier::DIM, "22"),
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ];
    for (flags, code) in offs {
        if removed.intersects(flags) {
            params.push(code.to_string());
            added |= to.modifier & flags;
        }
    }
    set_modifiers(added, &mut params);
    if from.fg != to.fg {
        color_params(to.fg, 30, &mut params);
    }
    if from.bg != to.bg {
        color_params(to.bg, 40, &mut params);
    }
    if from.underline != to.underline {
        color_params(to.underline, 50, &mut params);
    }
    params
}

/// From anything: a reset, then what the pen sets.
fn from_reset(to: &Pen) -> Vec<String> {
    let mut params = vec!["0".to_string()];
    set_modifiers(to.modifier, &mut params);
    for (color, base) in [(to.fg, 30), (to.bg, 40), (to.underline, 50)] {
        if color != Color::Reset {
            color_params(color, base, &mut params);
        }
    }
    params
}

fn encoded_length(params: &[String]) -> usize {
    params.iter().map(|p| p.len() + 1).sum::<usize>() + 2
}

/// Appends the shortest SGR taking the terminal from `from` (None: unknown) to `to`; nothing
/// when they are the same.
pub fn set_pen(out: &mut Vec<u8>, from: Option<&Pen>, to: &Pen) {
    if from == Some(to) {
        return;
    }
    let reset = from_reset(to);
    let params = match from {
        Some(from) => {
            let step = incremental(from, to);
            if encoded_length(&step) < encoded_length(&reset) {
                step
            } else {
                reset
            }
        }
        None => reset,
    };
    if params.len() == 1 && params[0] == "0" {
        csi(out, "", 'm');
    } else {
        csi(out, &params.join(";"), 'm');
    }
}

/// Whether a relative vertical move from row `from` to row `to` arrives there, given the scroll
/// region (`None`: unknown). Inside a region, CUU/CUD stop at its margins.
fn vertical_move_arrives(from: u16, to: u16, region: Option<(u16, u16)>) -> bool {
    let Some((top, bottom)) = region else {
        return false;
    };
    if to > from {
        from > bottom || to <= bottom
    } else {
        from < top || to >= top
    }
}

fn horizontal(out: &mut Vec<u8>, from_x: u16, to_x: u16) {
    if to_x > from_x {
        csi(out, &count(to_x - from_x), 'C');
    } else if to_x < from_x {
        csi(out, &count(from_x - to_x), 'D');
    }
}

fn vertical(out: &mut Vec<u8>, from_y: u16, to_y: u16) {
    if to_y > from_y {
        csi(out, &count(to_y - from_y), 'B');
    } else if to_y < from_y {
        csi(out, &count(from_y - to_y), 'A');
    }
}

fn absolute(out: &mut Vec<u8>, to: Cursor) {
    match (to.x, to.y) {
        (0, 0) => csi(out, "", 'H'),
        (0, y) => csi(out, &(y + 1).to_string(), 'H'),
        (x, y) => csi(out, &format!("{};{}", y + 1, x + 1), 'H'),
    }
}

/// Appends the shortest move of the cursor from `from` (None: unknown) to `to` on a screen
/// `width` wide; nothing when it is already there.
pub fn move_cursor(
    out: &mut Vec<u8>,
    from: Option<Cursor>,
    to: Cursor,
    width: u16,
    region: Option<(u16, u16)>,
) {
    if from == Some(to) {
        return;
    }
    let mut best = Vec::new();
    absolute(&mut best, to);
    let mut consider = |candidate: Vec<u8>| {
        if candidate.len() < best.len() {
            best = candidate;
        }
    };
    if let Some(from) = from {
        let pending = from.x >= width;
        let same_row = from.y == to.y;
        let rows_reachable = same_row || vertical_move_arrives(from.y, to.y, region);
        if rows_reachable {
            // Carriage return first: safe from the pending-wrap state too.
            let mut candidate = vec![b'\r'];
            vertical(&mut candidate, from.y, to.y);
            horizontal(&mut candidate, 0, to.x);
            consider(candidate);
            if !pending {
                let mut candidate = Vec::new();
                vertical(&mut candidate, from.y, to.y);
                horizontal(&mut candidate, from.x, to.x);
                consider(candidate);
            }
        }
    }
    out.extend_from_slice(&best);
}

/// Sets the scroll region to rows `top..=bottom` (the whole screen is `CSI r`). Moves the cursor
/// (to the home position or the region's top, depending on the terminal).
pub fn set_scroll_region(out: &mut Vec<u8>, top: u16, bottom: u16, height: u16) {
    if top == 0 && bottom + 1 >= height {
        csi(out, "", 'r');
    } else {
        csi(out, &format!("{};{}", top + 1, bottom + 1), 'r');
    }
}

/// Erases the whole screen (in the current background colour).
pub fn erase_screen(out: &mut Vec<u8>) {
    csi(out, "2", 'J');
}

/// Erases from the cursor to the end of its line (in the current background colour); the cursor
/// does not move.
pub fn erase_to_end_of_line(out: &mut Vec<u8>) {
    csi(out, "", 'K');
}

pub fn show_cursor(out: &mut Vec<u8>, visible: bool) {
    out.extend_from_slice(if visible { b"\x1b[?25h" } else { b"\x1b[?25l" });
}

/// What leaving the TUI must undo that crossterm's commands do not: the scroll region and the
/// pen, so the shell gets the whole screen in its own colours.
pub fn write_reset_for_exit(writer: &mut impl Write) -> std::io::Result<()> {
    writer.write_all(b"\x1b[r\x1b[m")
}
