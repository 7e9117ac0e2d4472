//! What the backend writes for the everyday frames: a typed character costs the character (and
//! at most one SGR), an unchanged frame costs nothing, and a list scrolled by one line costs a
//! scroll plus that line — every time checked against a vt100 emulator as well.

use genius::tui::runtime::event_loop::clear_screen;
use genius::tui::runtime::output::TerminalOutput;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier, Style};

use super::screen::{TestTerminal, differences, rows_text, take_output};

struct Session {
    terminal: TestTerminal,
    parser: vt100::Parser,
}

impl Session {
    fn new(width: u16, height: u16) -> Session {
        let mut terminal = Terminal::new(TerminalOutput::with_size(
            Vec::new(),
            Size::new(width, height),
        ))
        .unwrap();
        clear_screen(&mut terminal).unwrap();
        Session {
            terminal,
            parser: vt100::Parser::new(height, width, 0),
        }
    }

    /// Draws a frame, checks the emulator shows it, and returns the bytes it took.
    fn frame(&mut self, draw: impl Fn(&mut Buffer), cursor: Option<Position>) -> Vec<u8> {
        let completed = self
            .terminal
            .draw(|frame| {
                draw(frame.buffer_mut());
                if let Some(position) = cursor {
                    frame.set_cursor_position(position);
                }
            })
            .unwrap();
        let expected = completed.buffer.clone();
        let bytes = take_output(&mut self.terminal);
        self.parser.process(&bytes);
        let wrong = differences(self.parser.screen(), &expected, cursor);
        assert!(
            wrong.is_empty(),
            "{wrong:?}\n{}",
            rows_text(self.parser.screen())
        );
        bytes
    }
}

/// A lookup screen: a title, an input line with `typed` in it, a list and a footer.
fn lookup_screen(buffer: &mut Buffer, typed: &str) {
    let title = Style::default().fg(Color::Black).bg(Color::Cyan);
    buffer.set_string(0, 0, format!("{:<80}", " genius › Lookup"), title);
    buffer.set_string(1, 2, "Look up ", Style::default().fg(Color::Gray));
    buffer.set_string(9, 2, typed, Style::default().fg(Color::White));
    for row in 0..10 {
        buffer.set_string(
            3,
            4 + row,
            format!("Recent contact number {row}"),
            Style::default(),
        );
    }
    let footer = Style::default().add_modifier(Modifier::DIM);
    buffer.set_string(1, 23, "Enter open  Esc back  ? help", footer);
}

/// Strips one leading SGR (`ESC [ params m`), if any.
fn without_one_sgr(bytes: &[u8]) -> &[u8] {
    if let Some(rest) = bytes.strip_prefix(b"\x1b[")
        && let Some(end) = rest
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'))
        && rest[end] == b'm'
    {
        return &rest[end + 1..];
    }
    bytes
}

#[test]
fn a_typed_character_writes_that_character_and_at_most_one_sgr() {
    let mut session = Session::new(80, 24);
    let first = session.frame(|b| lookup_screen(b, "ab"), Some(Position::new(11, 2)));
    assert!(first.len() > 200, "the first frame is drawn whole");
    let typed = session.frame(|b| lookup_screen(b, "abc"), Some(Position::new(12, 2)));
    assert_eq!(
        without_one_sgr(&typed),
        b"c",
        "{:?}",
        String::from_utf8_lossy(&typed)
    );
    let next = session.frame(|b| lookup_screen(b, "abcd"), Some(Position::new(13, 2)));
    assert_eq!(next, b"d", "the pen is already right for the next one");
}

#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut session = Session::new(80, 24);
    session.frame(|b| lookup_screen(b, "ab"), Some(Position::new(11, 2)));
    let again = session.frame(|b| lookup_screen(b, "ab"), Some(Position::new(11, 2)));
    assert_eq!(again, b"");
    session.frame(|b| lookup_screen(b, "ab"), None);
    let hidden = session.frame(|b| lookup_screen(b, "ab"), None);
    assert_eq!(hidden, b"");
}

/// A 100x30 timeline: a header, 18 full-width rows of notes from `first` on, a footer.
fn timeline(buffer: &mut Buffer, first: usize) {
    let header = Style::default().add_modifier(Modifier::BOLD);
    buffer.set_string(0, 0, " genius › Lookup › John Doe", header);
    buffer.set_string(
        0,
        5,
        format!(" ── Notes · {first}–{} of 5,000 ──", first + 17),
        Style::default().fg(Color::Gray),
    );
    for row in 0..18 {
        let note = first + row;
        let date = Style::default().fg(Color::Blue);
        buffer.set_string(
            1,
            6 + row as u16,
            format!("2025-08-12 {:02}:00", note % 24),
            date,
        );
        buffer.set_string(
            19,
            6 + row as u16,
            format!("Call {note} — discussed the proposal; next step agreed."),
            Style::default(),
        );
    }
    buffer.set_string(0, 29, " PgDn scroll  Esc back", Style::default());
}

fn printable(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.next_if_eq(&'[').is_some() {
                    while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {}
                } else {
                    chars.next();
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn a_one_line_scroll_of_an_18_row_block_writes_a_scroll_and_one_line() {
    let mut session = Session::new(100, 30);
    session.frame(|b| timeline(b, 100), None);
    let down = session.frame(|b| timeline(b, 101), None);
    let text = printable(&down);
    assert_eq!(
        down.iter().filter(|&&b| b == b'\n').count(),
        1,
        "one line feed at the bottom margin: {:?}",
        String::from_utf8_lossy(&down)
    );
    assert!(
        down.windows(7).any(|w| w == b"\x1b[7;24r"),
        "the notes' rows are the scroll region"
    );
    // The new bottom row, and the changed range in the header (digits only).
    assert!(
        text.contains("Call 118 — discussed the proposal; next step agreed."),
        "{text:?}"
    );
    assert!(
        text.chars().count() < 80,
        "only the new line and the count are written: {text:?}"
    );
    assert!(down.len() < 160, "{} bytes", down.len());
    let again = session.frame(|b| timeline(b, 102), None);
    assert!(
        !again
            .windows(2)
            .any(|w| w[1] == b'r' && w[0].is_ascii_digit()),
        "the region is already set"
    );
    let up = session.frame(|b| timeline(b, 101), None);
    assert!(
        up.windows(2).filter(|w| w == b"\x1bM").count() == 1,
        "one reverse index at the top margin: {:?}",
        String::from_utf8_lossy(&up)
    );
    assert!(up.len() < 160, "{} bytes", up.len());
}

#[test]
fn a_list_emptied_under_the_input_is_erased_line_by_line_not_written_in_spaces() {
    let mut session = Session::new(80, 24);
    session.frame(|b| lookup_screen(b, "jo"), None);
    // One more letter and no recent contact matches: the ten list rows go blank.
    let emptied = session.frame(
        |b| {
            lookup_screen(b, "joh");
            for row in 4..14 {
                b.set_string(0, row, " ".repeat(80), Style::default());
            }
        },
        None,
    );
    let erases = emptied.windows(3).filter(|w| w == b"\x1b[K").count();
    assert_eq!(erases, 10, "{}", printable(&emptied));
    assert!(
        emptied.len() < 120,
        "{} bytes: {}",
        emptied.len(),
        printable(&emptied)
    );
}

#[test]
fn a_page_down_that_leaves_nothing_in_common_is_written_without_a_scroll() {
    let mut session = Session::new(100, 30);
    session.frame(|b| timeline(b, 100), None);
    let page = session.frame(|b| timeline(b, 200), None);
    assert!(!page.contains(&b'\n'), "no scroll: nothing could be reused");
}
