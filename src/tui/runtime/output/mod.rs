//! The TUI's ratatui backend: it writes as few bytes as keep the terminal showing the frame.
//! It keeps a model of the terminal — the cells it shows (a shadow grid), its pen (colours and
//! modifiers), its cursor (position, pending wrap, visibility) and its scroll region — and at
//! each frame sends only what differs: an SGR only when the next cell's look differs from the
//! pen, a cursor move only when the cursor is not already where the next cell goes, the cursor
//! shown, hidden or moved only when that changes, no reset at the end. A block of rows that moved
//! (a list or the notes timeline scrolled) is moved by the terminal itself with a scroll region,
//! then only the cells still wrong are written. Whatever makes the terminal's state unknown
//! (a clear: start-up, resize, back from Ctrl-Z or the external editor) resets the model, so the
//! next frame is drawn from a known state. A frame reaches the writer as one write.

pub mod grid;
pub mod scroll;
pub mod sequences;
pub mod size;

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

use grid::{Glyph, Grid, Pen, Shown, VISIBLE_ON_BLANK};
use sequences::Cursor;
use size::WatchedSize;

/// Where the backend learns the terminal's size.
#[derive(Debug)]
enum SizeSource {
    /// Asked of the terminal on stdout when it may have changed.
    Terminal(WatchedSize),
    /// Given (tests, benchmarks): changed with [`TerminalOutput::set_size`].
    Fixed(Size),
}

/// An erase to the end of a line is used when more than this many of its trailing blanks are
/// wrong (`CSI K`, with a cursor move, against writing each blank).
const ERASE_PAYS_FROM: usize = 3;

/// At most this many blocks of rows are scrolled in one frame.
const SCROLLS_PER_FRAME: usize = 4;

/// At most this many unchanged cells are written again to save a cursor move across them.
const GAP_REWRITTEN: u16 = 4;

/// A ratatui backend writing minimal output to `W` (stdout in the TUI; a `Vec<u8>` in tests).
#[derive(Debug)]
pub struct TerminalOutput<W: Write> {
    writer: W,
    out: Vec<u8>,
    size: SizeSource,
    /// The frame as ratatui drew it, cell for cell (it hands over only the cells it changed).
    frame: Buffer,
    /// `frame`, normalised; `stale_rows` are those to normalise again.
    target: Grid,
    stale_rows: Vec<bool>,
    /// What the terminal shows.
    shown: Grid,
    /// Rows known to show their target (false after any change to either): the rows of a frame
    /// that are compared cell by cell are only the others.
    settled: Vec<bool>,
    pen: Option<Pen>,
    cursor: Option<Cursor>,
    cursor_visible: Option<bool>,
    region: Option<(u16, u16)>,
    wanted_cursor: Position,
    wanted_visible: bool,
}

impl<W: Write> TerminalOutput<W> {
    /// A backend for the terminal on stdout, writing to `writer`; nothing about the screen is
    /// known until the first clear or frame.
    pub fn new(writer: W) -> io::Result<TerminalOutput<W>> {
        let size = WatchedSize::of_terminal()?;
        let now = size.get()?;
        Ok(Self::build(writer, SizeSource::Terminal(size), now))
    }

    /// A backend for a terminal of a given size (tests, benchmarks).
    pub fn with_size(writer: W, size: Size) -> TerminalOutput<W> {
        Self::build(writer, SizeSource::Fixed(size), size)
    }

    fn build(writer: W, source: SizeSource, size: Size) -> TerminalOutput<W> {
        let area = Rect::new(0, 0, size.width, size.height);
        TerminalOutput {
            writer,
            out: Vec::with_capacity(64 * 1024),
            size: source,
            frame: Buffer::empty(area),
            target: Grid::blank(size.width, size.height),
            stale_rows: vec![false; usize::from(size.height)],
            shown: Grid::filled(size.width, size.height, &Shown::Unknown),
            settled: vec![false; usize::from(size.height)],
            pen: None,
            cursor: None,
            cursor_visible: None,
            region: None,
            wanted_cursor: Position::ORIGIN,
            wanted_visible: false,
        }
    }

    /// Changes the size a fixed-size backend reports (a terminal resized under a test).
    pub fn set_size(&mut self, size: Size) {
        if let SizeSource::Fixed(_) = self.size {
            self.size = SizeSource::Fixed(size);
        }
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Forgets everything known about the terminal (someone else wrote to it): the next frame
    /// is written in full, from a reset pen.
    pub fn forget_terminal_state(&mut self) {
        self.shown = Grid::filled(self.shown.width(), self.shown.height(), &Shown::Unknown);
        self.settled.fill(false);
        self.pen = None;
        self.cursor = None;
        self.cursor_visible = None;
        self.region = None;
    }

    fn current_size(&self) -> io::Result<Size> {
        match &self.size {
            SizeSource::Terminal(size) => size.get(),
            SizeSource::Fixed(size) => Ok(*size),
        }
    }

    /// Makes every grid the terminal's size; what was shown is unknown after a change.
    fn follow_size(&mut self, size: Size) {
        if self.frame.area.as_size() == size && self.shown.width() == size.width {
            return;
        }
        self.frame = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.target = Grid::blank(size.width, size.height);
        self.stale_rows = vec![false; usize::from(size.height)];
        self.shown = Grid::filled(size.width, size.height, &Shown::Unknown);
        self.settled = vec![false; usize::from(size.height)];
        self.cursor = None;
        self.region = None;
    }

    fn width(&self) -> u16 {
        self.shown.width()
    }

    /// Moves a scrolled block with the terminal's own scrolling, so its rows need not be sent.
    fn scroll(&mut self, scroll: scroll::Scroll) {
        // The rows a scroll brings in take the current background: make it the default.
        sequences::set_pen(&mut self.out, self.pen.as_ref(), &Pen::DEFAULT);
        self.pen = Some(Pen::DEFAULT);
        let (top, bottom) = (scroll.top, scroll.bottom);
        if self.region != Some((top, bottom)) {
            sequences::set_scroll_region(&mut self.out, top, bottom, self.shown.height());
            self.region = Some((top, bottom));
            // Terminals differ on where this leaves the cursor.
            self.cursor = None;
        }
        let column = self
            .cursor
            .map_or(0, |c| if c.x >= self.width() { 0 } else { c.x });
        let lines = usize::try_from(scroll.shift.unsigned_abs()).unwrap_or(0);
        // At the bottom margin a line feed scrolls the region up; at the top margin a reverse
        // index scrolls it down. Unlike SU/SD, the Linux console knows both.
        let (row, step): (u16, &[u8]) = if scroll.shift > 0 {
            (bottom, b"\n")
        } else {
            (top, b"\x1bM")
        };
        let at = Cursor { x: column, y: row };
        let width = self.width();
        sequences::move_cursor(&mut self.out, self.cursor, at, width, self.region);
        for _ in 0..lines {
            self.out.extend_from_slice(step);
        }
        self.cursor = Some(at);
        self.shown.scroll(top, bottom, scroll.shift);
        self.settled[usize::from(top)..=usize::from(bottom)].fill(false);
    }

    /// A block of rows to scroll, looked for only when two rows or more are to change (the
    /// rows' hashes are kept between frames, so only changed rows are hashed again).
    fn find_scroll(&mut self) -> Option<scroll::Scroll> {
        if self.settled.iter().filter(|settled| !**settled).count() < 2 {
            return None;
        }
        let height = self.shown.height();
        let target: Vec<u64> = (0..height).map(|y| self.target.row_hash(y)).collect();
        let shown: Vec<u64> = (0..height).map(|y| self.shown.row_hash(y)).collect();
        let blank = self.shown.blank_row_hash();
        scroll::find(&target, &shown, blank, self.width())
    }

    /// Writes every cell of row `y` that the terminal does not show yet; when the row ends in
    /// blanks that are not all shown yet, one erase to the end of the line draws them.
    fn write_row(&mut self, y: u16) {
        let erase_from = self.erase_start(y);
        let mut x = 0;
        while x < self.width() {
            if Some(x) == erase_from {
                self.erase_rest_of_row(x, y);
                return;
            }
            match self.target.get(x, y) {
                Shown::Glyph(glyph) if !self.target.same_at(&self.shown, x, y) => {
                    let glyph = glyph.clone();
                    let width = glyph.width.max(1);
                    self.write_glyph(x, y, glyph);
                    x += width;
                }
                _ => x += 1,
            }
        }
    }

    /// Where row `y` is best finished with an erase to the end of the line: the first cell of
    /// its trailing blanks that the terminal does not show, when enough of them are wrong that
    /// the erase is shorter than writing them.
    fn erase_start(&self, y: u16) -> Option<u16> {
        let tail = self.target.blank_tail_start(y);
        let mut wrong = (tail..self.width()).filter(|&x| !self.target.same_at(&self.shown, x, y));
        let first = wrong.next()?;
        (wrong.count() >= ERASE_PAYS_FROM).then_some(first)
    }

    /// Erases from (x, y) to the end of the row in the default colours.
    fn erase_rest_of_row(&mut self, x: u16, y: u16) {
        self.move_to(Cursor { x, y });
        // An erase fills with the pen's background, as a blank written there would be.
        self.set_pen_for(&Glyph::blank());
        sequences::erase_to_end_of_line(&mut self.out);
        self.shown.erase_to_end(x, y);
    }

    /// Puts the cursor at `at`, by the shortest of a cursor move and rewriting the few cells
    /// between (when they are right and need no change of pen).
    fn move_to(&mut self, at: Cursor) {
        if self.cursor != Some(at) {
            let mut moved = Vec::new();
            sequences::move_cursor(&mut moved, self.cursor, at, self.width(), self.region);
            match self.gap_rewrite(at) {
                Some(gap) if gap.len() <= moved.len() => self.out.extend_from_slice(&gap),
                _ => self.out.extend_from_slice(&moved),
            }
        }
        self.cursor = Some(at);
    }

    /// Makes the terminal's pen draw `glyph` as it should be seen, changing as little as it can.
    fn set_pen_for(&mut self, glyph: &Glyph) {
        if self.pen.is_some_and(|pen| glyph.drawn_right_by(&pen)) {
            return;
        }
        let wanted = match self.pen {
            // A blank needs only its background: keep the rest of the pen.
            Some(pen) if glyph.is_plain_blank() => Pen {
                bg: glyph.pen.bg,
                modifier: pen.modifier - VISIBLE_ON_BLANK,
                ..pen
            },
            _ => glyph.pen,
        };
        sequences::set_pen(&mut self.out, self.pen.as_ref(), &wanted);
        self.pen = Some(wanted);
    }

    fn write_glyph(&mut self, x: u16, y: u16, glyph: Glyph) {
        self.move_to(Cursor { x, y });
        self.set_pen_for(&glyph);
        self.out.extend_from_slice(glyph.symbol.as_bytes());
        let after = x.saturating_add(glyph.width.max(1)).min(self.width());
        self.cursor = Some(Cursor { x: after, y });
        self.shown.write(x, y, glyph);
    }

    /// The cells between the cursor and `at` written again as they are, when they are few,
    /// already right, and need no change of pen: often shorter than a cursor move.
    fn gap_rewrite(&self, at: Cursor) -> Option<Vec<u8>> {
        let cursor = self.cursor?;
        let pen = self.pen?;
        if cursor.y != at.y || cursor.x >= at.x || at.x - cursor.x > GAP_REWRITTEN {
            return None;
        }
        let mut bytes = Vec::new();
        for x in cursor.x..at.x {
            match self.shown.get(x, at.y) {
                Shown::Glyph(glyph)
                    if glyph.width == 1
                        && self.shown.same_at(&self.target, x, at.y)
                        && glyph.drawn_right_by(&pen) =>
                {
                    bytes.extend_from_slice(glyph.symbol.as_bytes());
                }
                _ => return None,
            }
        }
        Some(bytes)
    }

    /// Composes the frame's output from the model and sends it in one write.
    fn compose_and_send(&mut self) -> io::Result<()> {
        for y in 0..self.target.height() {
            if std::mem::take(&mut self.stale_rows[usize::from(y)]) {
                self.target.take_row(&self.frame, y);
                self.settled[usize::from(y)] = false;
            }
        }
        if !self.wanted_visible && self.cursor_visible != Some(false) {
            sequences::show_cursor(&mut self.out, false);
            self.cursor_visible = Some(false);
        }
        // A list narrowed by a filter has several blocks moving by different amounts: each
        // scroll found is applied, then the next looked for, while one still pays.
        for _ in 0..SCROLLS_PER_FRAME {
            let Some(scroll) = self.find_scroll() else {
                break;
            };
            self.scroll(scroll);
        }
        for y in 0..self.shown.height() {
            if !self.settled[usize::from(y)] {
                self.write_row(y);
                // A wide glyph cut in half can leave a cell unknown behind the pass: once more.
                if !self.target.same_row(&self.shown, y) {
                    self.write_row(y);
                }
                self.settled[usize::from(y)] = self.target.same_row(&self.shown, y);
            }
        }
        if self.wanted_visible {
            let at = Cursor {
                x: self.wanted_cursor.x.min(self.width().saturating_sub(1)),
                y: self
                    .wanted_cursor
                    .y
                    .min(self.shown.height().saturating_sub(1)),
            };
            let width = self.width();
            sequences::move_cursor(&mut self.out, self.cursor, at, width, self.region);
            self.cursor = Some(at);
            if self.cursor_visible != Some(true) {
                sequences::show_cursor(&mut self.out, true);
                self.cursor_visible = Some(true);
            }
        }
        self.send()
    }

    fn send(&mut self) -> io::Result<()> {
        let written = self
            .writer
            .write_all(&self.out)
            .and_then(|()| self.writer.flush());
        self.out.clear();
        if written.is_err() {
            // Part of it may have reached the terminal: nothing about it is known any more.
            self.forget_terminal_state();
        }
        written
    }
}

impl<W: Write> Backend for TerminalOutput<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let area = self.frame.area;
        for (x, y, cell) in content {
            if x < area.width && y < area.height {
                self.frame[(x, y)] = cell.clone();
                self.stale_rows[usize::from(y)] = true;
                // ratatui does not hand over the cells a wide glyph covers; its widgets leave
                // them reset, so the mirror does too (else one uncovered later would be stale).
                let covered = u16::try_from(cell.symbol().width()).unwrap_or(1);
                for right in x.saturating_add(1)..x.saturating_add(covered).min(area.width) {
                    self.frame[(right, y)].reset();
                }
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.wanted_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.wanted_visible = true;
        Ok(())
    }

    /// Where the cursor was last put; the terminal is never asked (a round trip that stalls on
    /// slow links and fails with terminals that do not answer).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.wanted_cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.wanted_cursor = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let size = self.current_size()?;
        self.follow_size(size);
        if clear_type != ClearType::All {
            // Only the whole screen is cleared by this TUI; anything else is written as asked
            // and the screen treated as unknown.
            let sequence: &[u8] = match clear_type {
                ClearType::AfterCursor => b"\x1b[J",
                ClearType::BeforeCursor => b"\x1b[1J",
                ClearType::CurrentLine => b"\x1b[2K",
                _ => b"\x1b[K",
            };
            self.out.extend_from_slice(sequence);
            self.shown = Grid::filled(size.width, size.height, &Shown::Unknown);
            self.settled.fill(false);
            return Ok(());
        }
        // A clear is also the sign that the terminal may have been used by someone else (a
        // shell after Ctrl-Z, the external editor): start again from a reset pen.
        self.forget_terminal_state();
        sequences::set_pen(&mut self.out, None, &Pen::DEFAULT);
        self.pen = Some(Pen::DEFAULT);
        sequences::erase_screen(&mut self.out);
        self.shown = Grid::blank(size.width, size.height);
        self.settled.fill(false);
        // ratatui forgets its previous frame on a clear: so does the mirror of it.
        self.frame = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.target = Grid::blank(size.width, size.height);
        self.stale_rows.fill(false);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.current_size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.size {
            SizeSource::Terminal(_) => {
                let size = ratatui::crossterm::terminal::window_size()?;
                Ok(WindowSize {
                    columns_rows: Size::new(size.columns, size.rows),
                    pixels: Size::new(size.width, size.height),
                })
            }
            SizeSource::Fixed(size) => Ok(WindowSize {
                columns_rows: size,
                pixels: Size::ZERO,
            }),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        let size = self.current_size()?;
        if size != self.frame.area.as_size() {
            // Resized between ratatui's look at the size and now: the next frame (after
            // ratatui's own resize and clear) will be whole; send nothing that could be wrong.
            self.out.clear();
            self.follow_size(size);
            return Ok(());
        }
        self.compose_and_send()
    }
}
