//! Random sequences of frames through the backend into a vt100 emulator: after every frame the
//! emulator shows that frame exactly. Frames are built as the TUI's are: the previous frame with
//! some cells rewritten (random text and styles: wide characters, combining marks, emoji), a
//! block of rows moved up or down, the cursor put somewhere or hidden; between frames the window
//! may be resized, or a shell may write over the screen (Ctrl-Z, the external editor) before the
//! TUI clears it and takes it back.

use genius::tui::runtime::event_loop::clear_screen;
use genius::tui::runtime::output::TerminalOutput;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::screen::{TestTerminal, differences, rows_text, take_output};

const TEXT: [&str; 12] = [
    "a", "Z", " ", "  ", "中", "🙂", "e\u{301}", "\u{301}", "ü", "—", "│", "wörd",
];

const COLORS: [Color; 7] = [
    Color::Reset,
    Color::Red,
    Color::Blue,
    Color::LightGreen,
    Color::Gray,
    Color::Indexed(200),
    Color::Rgb(10, 20, 30),
];

const MODIFIERS: [Modifier; 6] = [
    Modifier::empty(),
    Modifier::BOLD,
    Modifier::DIM,
    Modifier::ITALIC,
    Modifier::UNDERLINED,
    Modifier::REVERSED,
];

/// What a shell or editor might leave on the screen and in the terminal's state.
const SCRIBBLES: [&str; 4] = [
    "\x1b[0mhello shell\r\n$ ",
    "\x1b[31;44mcolour\x1b[5;8r",
    "\x1b[?25h\x1b[10;3H\x1b[7m",
    "\x1b[2J\x1b[H\x1b[3;4rxyz\n\n\n\n",
];

#[derive(Debug, Clone)]
enum Step {
    Write {
        row: u16,
        column: u16,
        text: Vec<usize>,
        style: (usize, usize, usize, usize),
    },
    Scroll {
        top: u16,
        bottom: u16,
        shift: i8,
    },
    /// Blanks a row from `column` to its end, in the default colours or in background `bg`
    /// (an emptied list row, a shortened hint: what an erase to the end of the line draws).
    Clear {
        row: u16,
        column: u16,
        bg: Option<usize>,
    },
}

#[derive(Debug, Clone)]
enum Between {
    Nothing,
    Resize { width: u16, height: u16 },
    Scribble(usize),
}

#[derive(Debug, Clone)]
struct FrameSpec {
    between: Between,
    steps: Vec<Step>,
    cursor: Option<(u16, u16)>,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (
            any::<u16>(),
            any::<u16>(),
            prop::collection::vec(0..TEXT.len(), 1..12),
            (0..COLORS.len(), 0..COLORS.len(), 0..MODIFIERS.len(), 0..MODIFIERS.len()),
        )
            .prop_map(|(row, column, text, style)| Step::Write { row, column, text, style }),
        1 => (any::<u16>(), any::<u16>(), -4i8..=4)
            .prop_map(|(top, bottom, shift)| Step::Scroll { top, bottom, shift }),
        1 => (any::<u16>(), any::<u16>(), prop::option::of(0..COLORS.len()))
            .prop_map(|(row, column, bg)| Step::Clear { row, column, bg }),
    ]
}

fn frame_spec() -> impl Strategy<Value = FrameSpec> {
    // At least 4x2: vt100 overflows on text written to smaller screens.
    let between = prop_oneof![
        8 => Just(Between::Nothing),
        1 => (4u16..40, 2u16..16).prop_map(|(width, height)| Between::Resize { width, height }),
        1 => (0..SCRIBBLES.len()).prop_map(Between::Scribble),
    ];
    (
        between,
        prop::collection::vec(step(), 0..6),
        prop::option::of((any::<u16>(), any::<u16>())),
    )
        .prop_map(|(between, steps, cursor)| FrameSpec {
            between,
            steps,
            cursor,
        })
}

fn style((fg, bg, first, second): (usize, usize, usize, usize)) -> Style {
    let modifier = MODIFIERS[first] | MODIFIERS[second];
    Style::default()
        .fg(COLORS[fg])
        .bg(COLORS[bg])
        .add_modifier(modifier)
}

/// Leaves the cells a wide glyph covers reset, as ratatui's widgets do (a frame with text hidden
/// under a wide glyph has no single right picture).
fn cover_as_widgets_do(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let width = u16::try_from(buffer[(x, y)].symbol().width())
                .unwrap()
                .max(1);
            for right in x + 1..(x + width).min(area.width) {
                buffer[(right, y)].reset();
            }
            x += width;
        }
    }
}

/// The frame `spec` makes of `previous` in `buffer` (already the right size).
fn build(buffer: &mut Buffer, previous: &Buffer, steps: &[Step]) {
    let area = buffer.area;
    if previous.area == area {
        buffer.content.clone_from(&previous.content);
    }
    for step in steps {
        match step {
            Step::Write {
                row,
                column,
                text,
                style: chosen,
            } => {
                let text: String = text.iter().map(|&i| TEXT[i]).collect();
                buffer.set_string(column % area.width, row % area.height, text, style(*chosen));
            }
            Step::Scroll { top, bottom, shift } => {
                let (a, b) = (top % area.height, bottom % area.height);
                let (top, bottom) = (a.min(b), a.max(b));
                let width = usize::from(area.width);
                let rows = usize::from(top) * width..(usize::from(bottom) + 1) * width;
                let moved = usize::from(shift.unsigned_abs()).min(usize::from(bottom - top));
                if *shift > 0 {
                    buffer.content[rows].rotate_left(moved * width);
                } else {
                    buffer.content[rows].rotate_right(moved * width);
                }
            }
            Step::Clear { row, column, bg } => {
                let (y, from) = (row % area.height, column % area.width);
                for x in from..area.width {
                    let cell = &mut buffer[(x, y)];
                    cell.reset();
                    if let Some(bg) = bg {
                        cell.set_bg(COLORS[*bg]);
                    }
                }
            }
        }
    }
}

fn run(start: (u16, u16), frames: &[FrameSpec]) -> Result<(), TestCaseError> {
    let mut size = Size::new(start.0, start.1);
    let mut terminal: TestTerminal =
        Terminal::new(TerminalOutput::with_size(Vec::new(), size)).unwrap();
    let mut parser = vt100::Parser::new(size.height, size.width, 0);
    clear_screen(&mut terminal).unwrap();
    let mut previous = Buffer::empty(ratatui::layout::Rect::ZERO);
    for (number, spec) in frames.iter().enumerate() {
        match spec.between {
            Between::Nothing => {}
            Between::Resize { width, height } => {
                size = Size::new(width, height);
                terminal.backend_mut().set_size(size);
                parser.screen_mut().set_size(height, width);
            }
            Between::Scribble(which) => {
                parser.process(take_output(&mut terminal).as_slice());
                parser.process(SCRIBBLES[which].as_bytes());
                clear_screen(&mut terminal).unwrap();
            }
        }
        let cursor = spec
            .cursor
            .map(|(x, y)| Position::new(x % size.width, y % size.height));
        let completed = terminal
            .draw(|frame| {
                build(frame.buffer_mut(), &previous, &spec.steps);
                cover_as_widgets_do(frame.buffer_mut());
                if let Some(position) = cursor {
                    frame.set_cursor_position(position);
                }
            })
            .unwrap();
        previous = completed.buffer.clone();
        let bytes = take_output(&mut terminal);
        parser.process(&bytes);
        let wrong = differences(parser.screen(), &previous, cursor);
        prop_assert!(
            wrong.is_empty(),
            "frame {number}: {wrong:?}\nshown:\n{}\nafter {:?}",
            rows_text(parser.screen()),
            String::from_utf8_lossy(&bytes)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_terminal_always_shows_the_last_frame(
        start in (4u16..40, 2u16..16),
        frames in prop::collection::vec(frame_spec(), 1..14),
    ) {
        run(start, &frames)?;
    }
}
