//! Filtering and ranking lists by what is typed: the recents filter (and the recents file, which
//! may have been edited by hand), fuzzy ranking, and `genius query` matching and its output lines.

use chrono::{TimeZone, Utc};
use genius::api::ContactSummary;
use genius::api::time_zones::{DisplayZone, TimeZones, Zone};
use genius::scripting::output::{BlockContext, Style, contact_block, summary_table, table};
use genius::scripting::query::{Addressee, address_lines, matching};
use genius::text::{safe_line, terminal_width};
use genius::tui::app::view::render;
use genius::tui::app::{App, AppOptions};
use genius::tui::effects::recents_file::load_recents;
use genius::tui::model::fuzzy::rank;
use genius::tui::model::recents::{RecentContact, RecentList, recents_path};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::hostile::{
    config, file_config, hostile_bytes, hostile_contact, hostile_text, hostile_value, hostile_word,
    is_terminal_unsafe,
};

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_recents_filter_answers_any_text(
        contacts in proptest::collection::vec(hostile_contact(), 0..6),
        filter in hostile_text(),
    ) {
        let at = Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).single().unwrap_or_default();
        let mut list = RecentList::default();
        for contact in &contacts {
            list.record(RecentContact::from_contact(contact, at));
        }
        let shown = list.filtered(&filter).count();
        prop_assert!(shown <= list.entries.len());
        // Every entry answers to its own uid, and an empty filter keeps them all.
        for entry in &list.entries {
            prop_assert!(entry.matches(&entry.uid));
        }
        prop_assert_eq!(list.filtered("  ").count(), list.entries.len());
    }

    #[test]
    fn fuzzy_ranking_gives_each_index_once(
        query in hostile_word(),
        haystacks in proptest::collection::vec(hostile_value(), 0..12),
    ) {
        let ranked = rank(&query, &haystacks);
        let mut seen = ranked.clone();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), ranked.len());
        prop_assert!(ranked.iter().all(|index| *index < haystacks.len()));
    }

    #[test]
    fn query_matching_and_its_lines_hold_for_any_text(
        contacts in proptest::collection::vec(hostile_contact(), 0..6),
        query in hostile_value(),
    ) {
        let found = matching(&contacts, &query);
        prop_assert!(found.len() <= contacts.len());
        // Whole contacts (the cache's) and summaries (several matches) alike.
        let mut addressees: Vec<Addressee> = found.iter().map(Addressee::from).collect();
        addressees.extend(found.iter().map(|c| Addressee::from(ContactSummary::from(c))));
        for line in address_lines(&addressees) {
            // Exactly email<TAB>name<TAB>extra on one line, nothing raw in it.
            prop_assert_eq!(line.matches('\t').count(), 2, "{:?}", line);
            prop_assert!(!line.chars().any(|c| c != '\t' && is_terminal_unsafe(c)), "{:?}", line);
        }
    }

    #[test]
    fn a_table_takes_any_cells(
        rows in proptest::collection::vec([hostile_value(), hostile_value(), hostile_value()], 0..5),
    ) {
        let _ = table(&["A", "B", "C"], &rows, Style { colour: false });
    }

    #[test]
    fn table_columns_line_up_in_terminal_columns(
        rows in proptest::collection::vec([hostile_value(), hostile_value(), hostile_value()], 1..5),
    ) {
        // Cells as the commands give them: display-safe, one word each so columns can be found.
        let rows: Vec<[String; 3]> = rows
            .into_iter()
            .map(|row| row.map(|cell| {
                let word: String = safe_line(&cell).chars().filter(|c| !c.is_whitespace()).collect();
                if word.is_empty() { "-".to_string() } else { word }
            }))
            .collect();
        let text = table(&["A", "B", "C"], &rows, Style { colour: false });
        let starts: Vec<Vec<usize>> = text.lines().map(column_starts).collect();
        for line_starts in &starts {
            prop_assert_eq!(line_starts, &starts[0], "{}", text);
        }
    }

    #[test]
    fn contacts_print_as_a_table_or_a_block_with_nothing_raw(
        contacts in proptest::collection::vec(hostile_contact(), 1..4),
    ) {
        let style = Style { colour: false };
        let summaries: Vec<ContactSummary> = contacts.iter().map(ContactSummary::from).collect();
        let context = BlockContext {
            zones: TimeZones {
                account: Zone::find_exact("America/Sao_Paulo").unwrap(),
                display: DisplayZone::Named(Zone::find_exact("America/New_York").unwrap()),
            },
            now: Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).single().unwrap_or_default(),
            team: Vec::new(),
        };
        for text in [summary_table(&summaries, style), contact_block(&contacts[0], &context, style)] {
            prop_assert!(!text.chars().any(|c| c != '\n' && is_terminal_unsafe(c)), "{:?}", text);
        }
    }

    #[test]
    fn a_contact_is_found_by_each_word_of_its_name(contact in hostile_contact()) {
        let name = contact.display_name();
        let contacts = [contact];
        for word in name.split_whitespace() {
            prop_assert_eq!(matching(&contacts, word).len(), 1, "{:?} in {:?}", word, name);
        }
    }

    #[test]
    fn a_recents_file_path_stays_in_the_data_directory(profile in hostile_word()) {
        let dir = std::path::Path::new("/data");
        let path = recents_path(dir, Some(&profile));
        prop_assert_eq!(path.parent(), Some(dir));
    }
}

proptest! {
    #![proptest_config(file_config())]

    #[test]
    fn any_recents_file_loads_and_the_start_screen_draws_it_safe(bytes in hostile_bytes(), entry in hostile_contact()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("recents.json");
        // A hand-edited file: hostile bytes, and a valid file whose strings are hostile. The list
        // keeps what the file says; the start screen draws every entry through the safe-text door.
        for content in [bytes.clone(), valid_recents_file(&entry)] {
            std::fs::write(&path, &content).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let recents = load_recents(&path);
            let app = App::new(AppOptions { recents, ..AppOptions::default() });
            let mut terminal = Terminal::new(TestBackend::new(100, 24))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            terminal
                .draw(|frame| render(&app, frame))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            for cell in &terminal.backend().buffer().content {
                prop_assert!(!cell.symbol().chars().any(is_terminal_unsafe), "{:?}", cell.symbol());
            }
        }
    }
}

/// The terminal columns where the cells of a table line start (after two spaces or more).
fn column_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut column = 0;
    let mut spaces = 0;
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                starts.push(column);
            }
            spaces = 0;
        }
        column += terminal_width(c.encode_utf8(&mut [0; 4]));
    }
    starts
}

fn valid_recents_file(contact: &genius::api::Contact) -> Vec<u8> {
    let at = Utc
        .with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .single()
        .unwrap_or_default();
    let list = RecentList {
        entries: vec![RecentContact::from_contact(contact, at)],
    };
    serde_json::to_vec(&list).unwrap_or_default()
}
