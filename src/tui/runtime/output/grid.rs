//! A grid of cells as a terminal shows them: what the terminal holds now (the shadow) and what
//! the next frame should hold (the target), in one normalised form so that "the same on screen"
//! is plain equality. A wide character owns the cells to its right (`Covered`); a blank's
//! foreground and invisible modifiers are dropped, since they cannot be seen; a cell the terminal
//! may have damaged (half of a wide character overwritten) is `Unknown` and equals nothing.

use std::hash::{Hash, Hasher};

use compact_str::CompactString;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Modifiers that show on a blank cell; the others only change how glyphs are drawn.
pub const VISIBLE_ON_BLANK: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// The colours and modifiers a cell is drawn with (the terminal's "pen" when it writes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    /// The terminal's state after `CSI 0 m`.
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// One character cell as displayed: its text (one grapheme, held inline when short, as ratatui
/// holds it: a grid of blanks allocates nothing per cell), its width in columns, and its pen.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Glyph {
    pub symbol: CompactString,
    pub width: u16,
    pub pen: Pen,
}

impl Glyph {
    /// A space in the default colours: what an erase leaves behind.
    pub fn blank() -> Glyph {
        Glyph {
            symbol: CompactString::const_new(" "),
            width: 1,
            pen: Pen::DEFAULT,
        }
    }

    /// True for a space whose look depends on the background alone.
    pub fn is_plain_blank(&self) -> bool {
        self.symbol == " " && !self.pen.modifier.intersects(VISIBLE_ON_BLANK)
    }

    /// Whether a terminal whose pen is `pen` writes this glyph as it should be seen, with no SGR.
    pub fn drawn_right_by(&self, pen: &Pen) -> bool {
        if self.is_plain_blank() {
            pen.bg == self.pen.bg && !pen.modifier.intersects(VISIBLE_ON_BLANK)
        } else {
            *pen == self.pen
        }
    }
}

/// What one cell of a grid holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Shown {
    /// Not known (never drawn, or damaged): differs from everything.
    Unknown,
    Glyph(Glyph),
    /// The right part of the wide glyph to its left.
    Covered,
}

impl Shown {
    fn same(&self, other: &Shown) -> bool {
        !matches!(self, Shown::Unknown) && self == other
    }
}

/// A rectangle of [`Shown`] cells, row by row, with each row's hash kept until the row changes.
#[derive(Debug, Clone)]
pub struct Grid {
    width: u16,
    height: u16,
    cells: Vec<Shown>,
    /// The hash of each row, or None when it changed since it was last hashed.
    hashes: Vec<Option<u64>>,
}

impl Grid {
    pub fn filled(width: u16, height: u16, cell: &Shown) -> Grid {
        Grid {
            width,
            height,
            cells: vec![cell.clone(); usize::from(width) * usize::from(height)],
            hashes: vec![None; usize::from(height)],
        }
    }

    pub fn blank(width: u16, height: u16) -> Grid {
        Grid::filled(width, height, &Shown::Glyph(Glyph::blank()))
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    fn index(&self, x: u16, y: u16) -> usize {
        usize::from(y) * usize::from(self.width) + usize::from(x)
    }

    pub fn get(&self, x: u16, y: u16) -> &Shown {
        &self.cells[self.index(x, y)]
    }

    pub fn row(&self, y: u16) -> &[Shown] {
        let start = self.index(0, y);
        &self.cells[start..start + usize::from(self.width)]
    }

    /// True when cell (x, y) shows the same as `other`'s cell there (Unknown is never the same).
    pub fn same_at(&self, other: &Grid, x: u16, y: u16) -> bool {
        self.get(x, y).same(other.get(x, y))
    }

    /// True when every cell of row `y` shows the same as `other`'s (Unknown is never the same).
    pub fn same_row(&self, other: &Grid, y: u16) -> bool {
        self.width == other.width
            && self
                .row(y)
                .iter()
                .zip(other.row(y))
                .all(|(mine, theirs)| mine.same(theirs))
    }

    /// A hash of row `y`, computed once per change of the row; rows holding any Unknown cell get
    /// a hash of their own, so they match no other row.
    pub fn row_hash(&mut self, y: u16) -> u64 {
        if let Some(hash) = self.hashes[usize::from(y)] {
            return hash;
        }
        let mut hasher = fnv::FnvHasher::default();
        let mut hash = None;
        for cell in self.row(y) {
            if matches!(cell, Shown::Unknown) {
                hash = Some(u64::from(y) ^ 0x9e37_79b9_7f4a_7c15);
                break;
            }
            cell.hash(&mut hasher);
        }
        let hash = hash.unwrap_or_else(|| hasher.finish());
        self.hashes[usize::from(y)] = Some(hash);
        hash
    }

    /// The hash every blank row of this width has.
    pub fn blank_row_hash(&self) -> u64 {
        let mut hasher = fnv::FnvHasher::default();
        let blank = Shown::Glyph(Glyph::blank());
        for _ in 0..self.width {
            blank.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// Records what the terminal does when it writes `glyph` at (x, y): the glyph and its covered
    /// cells, and the damage to a wide glyph cut in half (the terminal blanks the other half,
    /// in a colour the model does not try to guess).
    pub fn write(&mut self, x: u16, y: u16, glyph: Glyph) {
        self.hashes[usize::from(y)] = None;
        let width = glyph.width.max(1);
        let end = x.saturating_add(width).min(self.width);
        self.damage_glyph_cut_at(x, y);
        let mut after = end;
        while after < self.width && matches!(self.get(after, y), Shown::Covered) {
            let index = self.index(after, y);
            self.cells[index] = Shown::Unknown;
            after += 1;
        }
        let index = self.index(x, y);
        self.cells[index] = Shown::Glyph(glyph);
        for covered in x + 1..end {
            let index = self.index(covered, y);
            self.cells[index] = Shown::Covered;
        }
    }

    /// When (x, y) is the covered part of a wide glyph, that glyph is cut in half by writing
    /// there: the terminal blanks what is left of it, in a colour not guessed here (Unknown).
    fn damage_glyph_cut_at(&mut self, x: u16, y: u16) {
        if x > 0 && matches!(self.get(x, y), Shown::Covered) {
            let mut left = x - 1;
            while left > 0 && matches!(self.get(left, y), Shown::Covered) {
                left -= 1;
            }
            let index = self.index(left, y);
            self.cells[index] = Shown::Unknown;
        }
    }

    /// Where row `y`'s trailing run of blanks in the default colours starts (the width when the
    /// row ends with something else): what an erase to the end of the line can draw.
    pub fn blank_tail_start(&self, y: u16) -> u16 {
        let blank = Glyph::blank();
        let row = self.row(y);
        let tail = row
            .iter()
            .rev()
            .take_while(|cell| matches!(cell, Shown::Glyph(glyph) if *glyph == blank))
            .count();
        self.width - u16::try_from(tail).unwrap_or(self.width)
    }

    /// Records an erase from (x, y) to the end of the row in the default colours: blanks there,
    /// and a wide glyph cut in half by it is damaged.
    pub fn erase_to_end(&mut self, x: u16, y: u16) {
        if x >= self.width {
            return;
        }
        self.hashes[usize::from(y)] = None;
        self.damage_glyph_cut_at(x, y);
        let start = self.index(x, y);
        let end = self.index(0, y) + usize::from(self.width);
        self.cells[start..end].fill(Shown::Glyph(Glyph::blank()));
    }

    /// Scrolls rows `top..=bottom` by `shift` (positive: the content moves up), as a terminal
    /// does within a scroll region: the rows that come in are blank in the default colours.
    pub fn scroll(&mut self, top: u16, bottom: u16, shift: i32) {
        let width = usize::from(self.width);
        let rows = usize::from(top)..usize::from(bottom) + 1;
        let region = &mut self.cells[rows.start * width..rows.end * width];
        let moved = usize::try_from(shift.unsigned_abs())
            .unwrap_or(usize::MAX)
            .min(rows.len());
        let blank = Shown::Glyph(Glyph::blank());
        let hashes = &mut self.hashes[rows];
        if shift > 0 {
            region.rotate_left(moved * width);
            let length = region.len();
            region[length - moved * width..].fill(blank);
            hashes.rotate_left(moved);
            let length = hashes.len();
            hashes[length - moved..].fill(None);
        } else {
            region.rotate_right(moved * width);
            region[..moved * width].fill(blank);
            hashes.rotate_right(moved);
            hashes[..moved].fill(None);
        }
    }

    /// Replaces row `y` with the normalised cells of `buffer`'s row `y` (same width).
    pub fn take_row(&mut self, buffer: &Buffer, y: u16) {
        self.hashes[usize::from(y)] = None;
        let mut x = 0;
        while x < self.width {
            let index = self.index(x, y);
            let (symbol, width, pen) = normalised_parts(&buffer[(x, y)]);
            if let Shown::Glyph(held) = &self.cells[index]
                && held.symbol == symbol
                && held.pen == pen
                && x + width <= self.width
            {
                // Unchanged: no new string (most cells of a changed row).
                for covered in x + 1..x + width {
                    let index = self.index(covered, y);
                    self.cells[index] = Shown::Covered;
                }
                x += width;
                continue;
            }
            let glyph = Glyph {
                symbol: CompactString::new(symbol),
                width,
                pen,
            };
            if x + width > self.width {
                // A wide glyph cannot straddle the edge: the terminal would wrap it.
                self.cells[index] = Shown::Glyph(Glyph {
                    symbol: CompactString::const_new(" "),
                    width: 1,
                    pen: glyph.pen,
                });
                x += 1;
                continue;
            }
            self.cells[index] = Shown::Glyph(glyph);
            for covered in x + 1..x + width {
                let index = self.index(covered, y);
                self.cells[index] = Shown::Covered;
            }
            x += width;
        }
    }
}

/// The displayed form of a ratatui cell: zero-width text becomes a space (written alone it would
/// join the cell before it); a plain blank drops what cannot be seen on it.
pub fn normalised(cell: &Cell) -> Glyph {
    let (symbol, width, pen) = normalised_parts(cell);
    Glyph {
        symbol: CompactString::new(symbol),
        width,
        pen,
    }
}

fn normalised_parts(cell: &Cell) -> (&str, u16, Pen) {
    let symbol = cell.symbol();
    let width = symbol.width();
    let mut pen = Pen::of(cell);
    let (symbol, width) = if width == 0 || symbol.chars().any(char::is_control) {
        (" ", 1)
    } else {
        (symbol, u16::try_from(width).unwrap_or(1))
    };
    if symbol == " " && !pen.modifier.intersects(VISIBLE_ON_BLANK) {
        pen.fg = Color::Reset;
        pen.underline = Color::Reset;
        pen.modifier = Modifier::empty();
    } else if !pen.modifier.contains(Modifier::UNDERLINED) {
        pen.underline = Color::Reset;
    }
    (symbol, width, pen)
}
