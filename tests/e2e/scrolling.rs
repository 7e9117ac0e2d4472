//! Scrolling the demo's longest timeline (4,980 notes) in a real pseudo-terminal, where the
//! backend moves the notes with the terminal's own scrolling: after each `j` the notes' rows show
//! what the row below showed, after each `k` what the row above showed — reached through the
//! bytes the program wrote, not through a redraw.

use crate::support::pty::Tui;

/// At 80x24 the notes take rows 12 to 22 (the header above, the keys below).
const NOTES: std::ops::RangeInclusive<usize> = 12..=22;

fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

/// Sends one scroll key and waits for every notes row to show what its neighbour showed.
fn scroll_one_line(tui: &mut Tui, key: &str, down: bool) {
    let before = rows(&tui.screen_text());
    tui.send_keys(key);
    let (first, last) = (*NOTES.start(), *NOTES.end());
    tui.wait_until("the notes moved by one row", |screen| {
        let after = rows(screen);
        after.len() > last
            && (first..last).all(|row| {
                if down {
                    after[row] == before[row + 1]
                } else {
                    after[row + 1] == before[row]
                }
            })
    });
}

#[test]
fn each_j_and_k_moves_the_timeline_by_exactly_one_row() {
    let mut tui = Tui::start_with_env(&["demo", "4DASJYUN"], &[]);
    tui.wait_for_text("1–10 of 4,980");
    for _ in 0..6 {
        scroll_one_line(&mut tui, "j", true);
    }
    for _ in 0..3 {
        scroll_one_line(&mut tui, "k", false);
    }
    tui.send_keys("G");
    tui.wait_until("the oldest notes shown", |screen| {
        screen.contains("–4,980 of 4,980")
    });
    for _ in 0..3 {
        scroll_one_line(&mut tui, "k", false);
    }
    tui.send_keys("\x03");
    assert!(tui.wait_for_exit());
}
