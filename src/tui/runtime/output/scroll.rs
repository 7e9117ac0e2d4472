//! Finding a block of rows that moved up or down between what the terminal shows and the next
//! frame, so the terminal can move it (a scroll region) instead of being sent every row again.
//! Cheap by design: rows are compared by hash, the shifts tried are the few that rows of the new
//! frame vote for (where their content sits on screen now), and each is scored in one pass.

use std::collections::HashMap;

/// Rows `top..=bottom` move by `shift` rows: positive when the content moves up (the view went
/// down a list), negative when it moves down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub shift: i32,
}

/// How many shifts are scored at most, the most voted first.
const SHIFTS_TRIED: usize = 3;
/// How many rows showing the same content are considered as the source of a moved row.
const SOURCES_PER_ROW: usize = 4;

/// The best scroll taking `shown` (row hashes of the screen) towards `target` (row hashes of the
/// next frame), if it saves more than it costs; `blank` is the hash of a blank row, which is
/// what a scroll brings in. `width` is the screen's width, to weigh a row against the cost of
/// the scroll itself.
pub fn find(target: &[u64], shown: &[u64], blank: u64, width: u16) -> Option<Scroll> {
    let height = target.len().min(shown.len());
    let changed = (0..height).filter(|&r| target[r] != shown[r]).count();
    if changed < 2 {
        return None;
    }
    let mut sources: HashMap<u64, Vec<usize>> = HashMap::with_capacity(height);
    for (row, hash) in shown.iter().enumerate().take(height) {
        let rows = sources.entry(*hash).or_default();
        if rows.len() < SOURCES_PER_ROW {
            rows.push(row);
        }
    }
    let mut votes: HashMap<i64, usize> = HashMap::new();
    for row in (0..height).filter(|&r| target[r] != shown[r]) {
        if target[row] == blank {
            continue;
        }
        for &source in sources.get(&target[row]).into_iter().flatten() {
            let shift = i64::try_from(source).unwrap_or(0) - i64::try_from(row).unwrap_or(0);
            *votes.entry(shift).or_default() += 1;
        }
    }
    let mut ranked: Vec<(i64, usize)> = votes.into_iter().filter(|(s, _)| *s != 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.abs().cmp(&b.0.abs())));
    ranked
        .into_iter()
        .take(SHIFTS_TRIED)
        .filter_map(|(shift, _)| score(target, shown, blank, height, shift))
        .filter(|(scroll, gain)| worth_it(*gain, scroll.shift, width))
        .max_by_key(|(_, gain)| *gain)
        .map(|(scroll, _)| scroll)
}

/// Whether `gain` rows made right pay for setting the region and moving the rows.
fn worth_it(gain: i64, shift: i32, width: u16) -> bool {
    let overhead = 16 + 2 * i64::from(shift.unsigned_abs());
    gain > 0 && gain * i64::from(width) / 2 > overhead
}

/// The best block for one shift and how many rows it makes right, less those it makes wrong.
fn score(
    target: &[u64],
    shown: &[u64],
    blank: u64,
    height: usize,
    shift: i64,
) -> Option<(Scroll, i64)> {
    let moved = usize::try_from(shift.unsigned_abs()).ok()?;
    if moved >= height {
        return None;
    }
    let same = |a: u64, b: u64| i64::from(a == b);
    // Rows of the new frame that the scroll fills from the screen, each scored +1 when the
    // moved row is right there and -1 when the row was right before.
    let filled = if shift > 0 {
        0..height - moved
    } else {
        moved..height
    };
    let source = |row: usize| if shift > 0 { row + moved } else { row - moved };
    let (mut best_sum, mut best) = (0, None);
    let (mut sum, mut start) = (0, filled.start);
    for row in filled.clone() {
        if sum <= 0 {
            sum = 0;
            start = row;
        }
        sum += same(target[row], shown[source(row)]) - same(target[row], shown[row]);
        if sum > best_sum {
            best_sum = sum;
            best = Some((start, row));
        }
    }
    let (first, last) = best?;
    // The rows the scroll brings in are blank.
    let brought_in = if shift > 0 {
        last + 1..last + 1 + moved
    } else {
        first - moved..first
    };
    let blanks: i64 = brought_in
        .clone()
        .map(|row| same(target[row], blank) - same(target[row], shown[row]))
        .sum();
    let (top, bottom) = if shift > 0 {
        (first, last + moved)
    } else {
        (first - moved, last)
    };
    let scroll = Scroll {
        top: u16::try_from(top).ok()?,
        bottom: u16::try_from(bottom).ok()?,
        shift: i32::try_from(shift).ok()?,
    };
    Some((scroll, best_sum + blanks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_moved_up_by_one_is_found_with_its_bounds() {
        // Rows 0-1 a header, 2-9 a list, 10 a footer; the list moved up by one.
        let shown: Vec<u64> = (0..11).collect();
        let mut target = shown.clone();
        target[2..9].copy_from_slice(&shown[3..10]);
        target[9] = 99;
        let found = find(&target, &shown, 1000, 80);
        assert_eq!(
            found,
            Some(Scroll {
                top: 2,
                bottom: 9,
                shift: 1
            })
        );
    }

    #[test]
    fn a_list_moved_down_by_three_is_found() {
        let shown: Vec<u64> = (0..20).collect();
        let mut target = shown.clone();
        target[5..18].copy_from_slice(&shown[2..15]);
        target[2..5].copy_from_slice(&[102, 103, 104]);
        let found = find(&target, &shown, 1000, 80);
        assert_eq!(
            found,
            Some(Scroll {
                top: 2,
                bottom: 17,
                shift: -3
            })
        );
    }

    #[test]
    fn unrelated_changes_are_not_a_scroll() {
        let shown: Vec<u64> = (0..20).collect();
        let mut target = shown.clone();
        target[3] = 50;
        target[9] = 51;
        target[15] = 52;
        assert_eq!(find(&target, &shown, 1000, 80), None);
    }
}
