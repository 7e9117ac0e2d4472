//! The worklist's screens: the list of leads (fetched, not found, several matches, not
//! recognised), a contact opened from it with its place in the title, the log-call editor offering
//! the quick notes, and the summary after the last lead.

use genius::api::{Contact, Identifier};
use genius::worklist::{Worklist, WorklistFile};
use ratatui::layout::Size;

use crate::support::*;
use crate::*;

const LEADS: &str = "ABC12345\nnobody@example.com\njohn@example.com\nnot a lead\nMJ000001\n";

/// Answers every lookup `commands` send, and those their answers send, as the demo would.
fn answer(app: &mut App, commands: Vec<Command>) {
    let mut pending = commands;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for command in &pending {
            if let Command::Send { id, request } = command {
                let value = request
                    .query
                    .first()
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                let found: Vec<Contact> = [john_doe(), john_smith(), mary_jones()]
                    .into_iter()
                    .filter(|c| c.uid == value || c.email.as_deref() == Some(value.as_str()))
                    .collect();
                // One match is the whole contact; several are summaries, as the server sends.
                next.extend(app.update(match found.as_slice() {
                    [only] => one(*id, only),
                    several => many(*id, several),
                }));
            }
        }
        pending = next;
    }
}

fn working(size: Size) -> App {
    let mut app = app_with(size, RecentList::default());
    let file = WorklistFile::parse(LEADS.as_bytes(), None).unwrap();
    let commands = app.start_worklist(Worklist::new("/lists/monday-leads.txt", file));
    answer(&mut app, commands);
    app
}

#[test]
fn the_list_of_leads() {
    snapshot_both("worklist_list", |size| {
        let mut app = working(size);
        app.update(key(KeyCode::Esc));
        app
    });
    snapshot_both("worklist_filtered", |size| {
        let mut app = working(size);
        app.update(key(KeyCode::Esc));
        type_text(&mut app, "acme");
        app
    });
}

#[test]
fn a_lead_opened_and_a_call_being_logged() {
    snapshot_both("worklist_lead_contact", working);
    snapshot_both("worklist_log_call", |size| {
        let mut app = working(size);
        app.update(ch('l'));
        app
    });
    snapshot_both("worklist_several_matches", |size| {
        let mut app = working(size);
        app.update(ch(']'));
        app.update(ch(']'));
        app
    });
    let _ = Identifier::Uid(String::new());
}

#[test]
fn every_quick_note_shows_whole_at_any_common_width() {
    for width in [50, 60, 80, 100] {
        let mut app = working(Size::new(width, 24));
        app.update(ch('l'));
        let screen = render(&app);
        for (digit, note) in [
            "No answer",
            "Left voicemail",
            "Call back later",
            "Meeting booked",
            "Not interested",
        ]
        .iter()
        .enumerate()
        {
            let pair = format!("{} {note}", digit + 1);
            assert!(screen.contains(&pair), "{width} columns: {pair}\n{screen}");
        }
    }
}
