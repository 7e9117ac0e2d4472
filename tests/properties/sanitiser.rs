//! The sanitiser (`genius::text`): nothing a terminal acts on gets through, and every cluster of
//! what does get through is as wide for ratatui as for a terminal counting code points (tmux).

use genius::text::{safe_block, safe_line, terminal_width};
use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::hostile::{config, hostile_text, hostile_value, is_terminal_unsafe};

/// Columns ratatui moves on for `text` when it writes it into a buffer row.
fn ratatui_columns(text: &str) -> usize {
    let width = u16::try_from(terminal_width(text) + 8).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
    let (end, _) = buffer.set_stringn(0, 0, text, usize::from(width), Style::default());
    usize::from(end)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_line_holds_nothing_a_terminal_acts_on(text in hostile_text()) {
        let shown = safe_line(&text);
        prop_assert!(!shown.chars().any(is_terminal_unsafe), "{:?}", shown);
    }

    #[test]
    fn a_block_keeps_only_line_feeds(text in hostile_text()) {
        let shown = safe_block(&text);
        prop_assert!(!shown.chars().any(|c| c != '\n' && is_terminal_unsafe(c)), "{:?}", shown);
        prop_assert!(!shown.contains('\r'));
    }

    #[test]
    fn every_cluster_is_as_wide_for_ratatui_as_for_the_terminal(text in hostile_value()) {
        let shown = safe_line(&text);
        for grapheme in shown.graphemes(true) {
            prop_assert_eq!(
                usize::from(grapheme.cell_width()),
                terminal_width(grapheme),
                "{:?} in {:?}", grapheme, shown
            );
        }
        prop_assert_eq!(ratatui_columns(&shown), terminal_width(&shown), "{:?}", shown);
    }

    #[test]
    fn block_lines_agree_on_width_too(text in hostile_value()) {
        let shown = safe_block(&text);
        for line in shown.split('\n') {
            prop_assert_eq!(ratatui_columns(line), terminal_width(line), "{:?}", line);
        }
    }

    #[test]
    fn sanitising_twice_changes_nothing(text in hostile_text()) {
        let once = safe_line(&text).into_owned();
        prop_assert_eq!(safe_line(&once), once.as_str());
        let block = safe_block(&text).into_owned();
        prop_assert_eq!(safe_block(&block), block.as_str());
    }

    #[test]
    fn ordinary_text_is_shown_as_it_is(text in "[a-zA-Z0-9 .,@+()-]{0,20}( ?(José|Conceição|张伟|北京|🙂|🇧🇷|Ωmega|שלום)){0,4}") {
        prop_assert_eq!(safe_line(&text), text.as_str());
    }
}

#[test]
fn the_measured_problem_clusters_are_reshaped() {
    for (raw, shown) in [
        ("👍\u{1F3FD}", "👍"),
        ("❤\u{FE0F}", "❤"),
        ("x\u{200D}🙂", "x🙂"),
        ("👨\u{200D}👩\u{200D}👧", "👨👩👧"),
        ("a\u{AD}b\u{3164}c\u{FFA0}d", "abcd"),
        ("\u{2028}", "\u{2424}"),
    ] {
        assert_eq!(safe_line(raw), shown, "{raw:?}");
    }
}
