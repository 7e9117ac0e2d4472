//! The worklist in the app: opening on the first lead not done, moving with `]` and `[`, leads
//! fetched ahead, several matches asked once, not found, the progress each step records, the
//! log-call flow and its keys per lead, and undo.

use genius::tui::model::vocabulary::Vocabulary;
use genius::tui::screens::worklist::WorklistOutcome;
use genius::worklist::{LeadState, ProgressEvent, Worklist, WorklistFile};

use crate::support::*;

fn list(lines: &str) -> Worklist {
    let file = WorklistFile::parse(lines.as_bytes(), None).unwrap();
    Worklist::new("/lists/leads.txt", file)
}

fn mary() -> Contact {
    Contact {
        email: Some("mary@example.com".into()),
        ..mary_jones()
    }
}

/// An app with the pipeline configured, working `list`.
fn working(list: Worklist) -> (App, Vec<Command>) {
    let mut app = app();
    app.vocabulary = Vocabulary::configured(
        ["New Lead", "Contacted", "Qualified", "Won"].map(String::from),
        [],
        [],
        [],
    );
    let commands = app.start_worklist(list);
    (app, commands)
}

/// The progress events among `commands`.
fn recorded(commands: &[Command]) -> Vec<ProgressEvent> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::RecordWorklistProgress(event) => Some(event.clone()),
            _ => None,
        })
        .collect()
}

/// The GETs among `commands`, by request id.
fn gets(commands: &[Command]) -> Vec<(RequestId, ApiRequest)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

fn get_of(commands: &[Command], identifier: Identifier) -> RequestId {
    let wanted = ApiRequest::get(&identifier);
    gets(commands)
        .into_iter()
        .find(|(_, request)| *request == wanted)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no GET of {identifier} in {commands:?}"))
}

fn state(app: &App, index: usize) -> LeadState {
    app.worklist
        .as_ref()
        .unwrap()
        .list
        .progress(index)
        .unwrap()
        .state
}

fn lead_title(app: &App) -> String {
    top_contact(app).lead.clone().unwrap_or_default()
}

const THREE: &str = "ABC12345\nmary@example.com\nXYZ67890\n";

/// Answers every GET among `commands` (and those its answers send) with the contacts the
/// simulator's demo would: the lead's identifier to its contact.
fn answer_gets(app: &mut App, commands: Vec<Command>) -> Vec<Command> {
    let mut all = Vec::new();
    let mut pending = commands;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for command in &pending {
            if let Command::Send { id, request } = command
                && request.operation == Operation::Get
            {
                let contact = [john_doe(), mary(), john_smith()].into_iter().find(|c| {
                    request
                        .query
                        .iter()
                        .any(|(_, v)| Some(v) == c.email.as_ref() || *v == c.uid)
                });
                let reply = match contact {
                    Some(contact) => one(*id, &contact),
                    None => many(*id, &[]),
                };
                next.extend(app.update(reply));
            }
        }
        all.extend(pending);
        pending = next;
    }
    all
}

/// Works THREE up to the first lead shown, every lead fetched.
fn on_first_lead() -> App {
    let (mut app, commands) = working(list(THREE));
    answer_gets(&mut app, commands);
    assert_eq!(top_contact_name(&app), "John Doe");
    app
}

#[test]
fn a_list_opens_on_its_first_lead_with_its_place_in_the_title_and_prefetches_the_next() {
    let (mut app, commands) = working(list(THREE));
    assert!(matches!(app.screens[1], Screen::Worklist(_)));
    let first = get_of(&commands, Identifier::Uid("ABC12345".into()));
    // The next lead is fetched ahead, without holding the screen.
    get_of(&commands, Identifier::Email("mary@example.com".into()));
    let commands = app.update(one(first, &john_doe()));
    assert_eq!(top_contact_name(&app), "John Doe");
    assert_eq!(lead_title(&app), "lead 1 of 3 · leads.txt");
    let events = recorded(&commands);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ProgressEvent::Found { uid, .. } if uid == "ABC12345"))
    );
    let in_flight = app.requests.in_flight.len();
    assert!(
        in_flight <= 1 + genius::tui::app::worklist::PREFETCH_IN_FLIGHT,
        "{in_flight} requests in flight"
    );
}

#[test]
fn bracket_keys_move_between_leads_without_asking_the_server_again() {
    let mut app = on_first_lead();
    let commands = app.update(ch(']'));
    assert_eq!(top_contact_name(&app), "Mary Jones");
    assert_eq!(lead_title(&app), "lead 2 of 3 · leads.txt");
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::Send { request, .. } if *request == ApiRequest::get(&Identifier::Email("mary@example.com".into())))),
        "the prefetched lead opens at once: {commands:?}"
    );
    app.update(ch('['));
    assert_eq!(lead_title(&app), "lead 1 of 3 · leads.txt");
    app.update(ch('['));
    assert_eq!(lead_title(&app), "lead 1 of 3 · leads.txt");
    assert!(matches!(&app.notice, Some(Notice::Info(text)) if text.contains("first lead")));
    // Esc goes back to the list, not to the start screen.
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.top(), Screen::Worklist(_)));
}

#[test]
fn a_lead_matching_several_contacts_asks_which_once_and_remembers_it() {
    let (mut app, commands) = working(list("john@example.com\nABC12345\n"));
    let id = get_of(&commands, Identifier::Email("john@example.com".into()));
    app.update(many(id, &[john_doe(), john_smith()]));
    assert!(matches!(app.top(), Screen::Results(_)));
    assert_eq!(state(&app, 0), LeadState::Several);
    app.update(key(KeyCode::Down));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(top_contact_name(&app), "John Smith");
    assert!(
        recorded(&commands)
            .iter()
            .any(|e| matches!(e, ProgressEvent::Chosen { uid, .. } if uid == "XYZ67890"))
    );
    // Leaving and coming back does not ask again.
    app.update(ch(']'));
    app.update(ch('['));
    assert_eq!(top_contact_name(&app), "John Smith");
    // Nor does a resumed session: the choice is in the progress.
    let mut resumed = list("john@example.com\nABC12345\n");
    for event in app.worklist.as_ref().unwrap().list.snapshot() {
        resumed.apply(&event);
    }
    let (mut again, commands) = working(resumed);
    let id = get_of(&commands, Identifier::Email("john@example.com".into()));
    again.update(many(id, &[john_doe(), john_smith()]));
    assert_eq!(top_contact_name(&again), "John Smith");
}

#[test]
fn a_lead_nobody_has_is_marked_not_found_and_the_list_says_so() {
    let (mut app, commands) = working(list("nobody@example.com\nABC12345\n"));
    let id = get_of(&commands, Identifier::Email("nobody@example.com".into()));
    let commands = app.update(many(id, &[]));
    assert!(matches!(app.top(), Screen::Worklist(_)));
    assert_eq!(state(&app, 0), LeadState::NotFound);
    assert!(error_notice(&app).contains("no contact with nobody@example.com"));
    assert!(
        recorded(&commands)
            .iter()
            .any(|e| matches!(e, ProgressEvent::NotFound { .. }))
    );
}

#[test]
fn resuming_opens_the_first_lead_not_done_and_a_finished_list_shows_its_summary() {
    let mut resumed = list(THREE);
    resumed.found(0, "ABC12345", clock().now).unwrap();
    resumed.mark_done(0, clock().now).unwrap();
    let (_, commands) = working(resumed.clone());
    get_of(&commands, Identifier::Email("mary@example.com".into()));
    let mut finished = resumed;
    finished.skip(1, clock().now).unwrap();
    finished.skip(2, clock().now).unwrap();
    let (app, _) = working(finished);
    assert!(matches!(&app.overlay, Some(Overlay::Reader(r)) if r.text.contains("skipped")));
}

#[test]
fn the_list_filters_as_you_type_and_enter_opens_the_selected_lead() {
    let mut app = on_first_lead();
    app.update(key(KeyCode::Esc));
    type_text(&mut app, "mary");
    let Screen::Worklist(screen) = app.top() else {
        panic!("not on the list");
    };
    assert_eq!(screen.visible().len(), 1);
    app.update(key(KeyCode::Enter));
    assert_eq!(top_contact_name(&app), "Mary Jones");
    let _ = WorklistOutcome::None;
}

/// `l`, `1`, Ctrl-S, (the server confirms), Enter, (the server confirms): a lead worked.
#[test]
fn logging_a_call_takes_four_keys_and_opens_the_next_lead() {
    let mut app = on_first_lead();
    let mut keys = 0;
    let mut press = |app: &mut App, key: KeyEvent| {
        keys += 1;
        app.update(key)
    };
    press(&mut app, ch('l'));
    press(&mut app, ch('1'));
    assert_eq!(note_text(&app), "No answer ");
    let commands = press(&mut app, ctrl('s'));
    let (note, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::add_note(&Identifier::Uid("ABC12345".into()), "No answer")
    );
    let commands = app.update(ok(&app, note, json!({})));
    assert!(
        recorded(&commands)
            .iter()
            .any(|e| matches!(e, ProgressEvent::NoteLogged { .. }))
    );
    // The stage picker opens on the stage after New Lead.
    assert!(matches!(&app.overlay, Some(Overlay::Picker(_))));
    let commands = press(&mut app, key(KeyCode::Enter));
    let change = commands
        .iter()
        .find_map(|c| match c {
            Command::Send { id, request }
                if *request
                    == ApiRequest::change_stage(
                        &Identifier::Uid("ABC12345".into()),
                        "Contacted",
                    ) =>
            {
                Some(*id)
            }
            _ => None,
        })
        .expect("the next stage is sent");
    let commands = app.update(ok(
        &app,
        change,
        json!({"contactUid": "ABC12345", "stageName": "Contacted"}),
    ));
    let events = recorded(&commands);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ProgressEvent::StageMoved { from, to, .. }
        if from.as_deref() == Some("New Lead") && to == "Contacted"))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ProgressEvent::Done { .. }))
    );
    assert_eq!(state(&app, 0), LeadState::Done);
    assert_eq!(lead_title(&app), "lead 2 of 3 · leads.txt");
    assert_eq!(keys, 4, "keys per lead, beyond the note text");
}

#[test]
fn esc_in_the_stage_picker_keeps_the_stage_and_still_marks_the_lead_done() {
    let mut app = on_first_lead();
    app.update(ch('l'));
    for key in typing("Busy, call at 3") {
        app.update(key);
    }
    let (note, _) = sent(&app.update(ctrl('s')));
    app.update(ok(&app, note, json!({})));
    let commands = app.update(key(KeyCode::Esc));
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::Send { request, .. } if request.operation == Operation::ChangeStage))
    );
    assert_eq!(state(&app, 0), LeadState::Done);
    assert_eq!(top_contact_name(&app), "Mary Jones");
}

#[test]
fn quick_note_digits_are_text_once_something_is_written() {
    let mut app = on_first_lead();
    app.update(ch('l'));
    for key in typing("Room 1") {
        app.update(key);
    }
    assert_eq!(note_text(&app), "Room 1");
}

#[test]
fn undo_asks_then_puts_the_stage_back_and_says_a_note_cannot_be_removed() {
    let mut app = on_john();
    app.update(ch('s'));
    type_text(&mut app, "Qualified");
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    app.update(ok(
        &app,
        id,
        json!({"contactUid": "ABC12345", "stageName": "Qualified"}),
    ));
    let commands = app.update(ch('u'));
    assert!(commands.is_empty(), "nothing is sent before the yes");
    assert!(
        matches!(&app.overlay, Some(Overlay::ConfirmUndo(q)) if q.question.contains("back to New Lead"))
    );
    let (_, request) = sent(&app.update(ch('y')));
    assert_eq!(
        request,
        ApiRequest::change_stage(&Identifier::Uid("ABC12345".into()), "New Lead")
    );

    let mut app = on_john();
    app.update(ch('n'));
    for key in typing("hello") {
        app.update(key);
    }
    let (note, _) = sent(&app.update(ctrl('s')));
    app.update(ok(&app, note, json!({})));
    let commands = app.update(ch('u'));
    assert!(commands.is_empty());
    assert!(app.overlay.is_none());
    assert!(
        matches!(&app.notice, Some(Notice::Info(text)) if text.contains("cannot remove a note"))
    );
}

#[test]
fn colon_work_asks_for_the_list_and_its_arrival_opens_it() {
    let mut app = on_john();
    app.update(ch(':'));
    type_text(&mut app, "work leads.txt");
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::OpenWorklist {
            path: "leads.txt".into()
        }]
    );
    let commands = app.update(Msg::WorklistOpened(Box::new(list(THREE))));
    assert!(matches!(app.screens[1], Screen::Worklist(_)));
    get_of(&commands, Identifier::Uid("ABC12345".into()));
}

#[test]
fn a_lead_opened_while_fetched_is_recorded_as_opened_once() {
    let (mut app, commands) = working(list(THREE));
    let first = get_of(&commands, Identifier::Uid("ABC12345".into()));
    let later = app.update(one(first, &john_doe()));
    let opened = |commands: &[Command]| {
        recorded(commands)
            .iter()
            .filter(|e| matches!(e, ProgressEvent::Opened { .. }))
            .count()
    };
    assert_eq!(opened(&commands) + opened(&later), 1);
}
