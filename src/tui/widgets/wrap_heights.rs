//! How many rows each note of a timeline wraps to, remembered between frames. Scrolling asks for
//! the rows of the same few notes several times a key (the note at the top, the last page, the
//! range shown), and each answer means making the note safe and wrapping it: remembered, a `j`
//! wraps only the notes it draws. Bounded: forgotten whole past [`REMEMBERED`] heights, and when
//! the notes string changes.

use std::cell::RefCell;
use std::collections::HashMap;

/// At most this many heights are remembered (a few hundred kilobytes at most).
const REMEMBERED: usize = 8_192;

#[derive(Default)]
struct Known {
    /// The notes string the heights are of (its address and length): another makes them stale.
    source: (usize, usize),
    /// By the note's first byte and the width it was wrapped at (the screen and its scrolling
    /// may ask at different widths).
    rows: HashMap<(usize, u16), usize>,
}

/// The remembered heights. Not part of a view's value: a clone starts empty and any two compare
/// equal, so the view's `Clone` and `PartialEq` mean what they meant without it.
#[derive(Default)]
pub struct WrapHeights {
    known: RefCell<Known>,
}

impl WrapHeights {
    /// The rows of the note starting at byte `index` of `notes` at `width`: remembered, or `wrap`ped and remembered.
    pub fn rows(
        &self,
        notes: &str,
        index: usize,
        width: u16,
        wrap: impl FnOnce() -> usize,
    ) -> usize {
        let source = (notes.as_ptr() as usize, notes.len());
        if let Ok(known) = self.known.try_borrow()
            && known.source == source
            && let Some(rows) = known.rows.get(&(index, width))
        {
            return *rows;
        }
        let rows = wrap();
        if let Ok(mut known) = self.known.try_borrow_mut() {
            if known.source != source || known.rows.len() >= REMEMBERED {
                known.rows.clear();
                known.source = source;
            }
            known.rows.insert((index, width), rows);
        }
        rows
    }

    /// Forgets every height (the notes were replaced).
    pub fn forget(&self) {
        if let Ok(mut known) = self.known.try_borrow_mut() {
            known.rows.clear();
        }
    }
}

impl Clone for WrapHeights {
    fn clone(&self) -> Self {
        WrapHeights::default()
    }
}

impl PartialEq for WrapHeights {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for WrapHeights {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let remembered = self.known.try_borrow().map_or(0, |known| known.rows.len());
        write!(formatter, "WrapHeights({remembered} remembered)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_height_is_wrapped_once_per_note_width_and_string() {
        let heights = WrapHeights::default();
        let notes = String::from("one\n\ntwo");
        let wraps = std::cell::Cell::new(0);
        let rows = |notes: &str, index: usize, width: u16| {
            heights.rows(notes, index, width, || {
                wraps.set(wraps.get() + 1);
                index + 1
            })
        };
        assert_eq!(rows(&notes, 0, 80), 1);
        assert_eq!(rows(&notes, 5, 80), 6);
        assert_eq!(rows(&notes, 0, 80), 1);
        assert_eq!(wraps.get(), 2, "the second ask of note 0 is remembered");
        assert_eq!(rows(&notes, 0, 40), 1);
        assert_eq!(wraps.get(), 3, "another width wraps again");
        assert_eq!(rows(&notes, 0, 80), 1);
        assert_eq!(wraps.get(), 3, "each width's height is remembered");
        let other = String::from("one\n\ntwo");
        rows(&other, 0, 40);
        assert_eq!(wraps.get(), 4, "another string wraps again");
        heights.forget();
        rows(&other, 0, 40);
        assert_eq!(wraps.get(), 5, "nothing is remembered after forgetting");
    }
}
