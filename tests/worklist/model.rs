//! The worklist's state without disk or screen: moving (`]`, `[`, the next lead needing work),
//! marking (found, done, skipped, not found, several matches and the choice among them), resume on
//! the first lead not yet handled, progress following its leads through an edited file — and, as a
//! property, a compacted journal (the snapshot) rebuilds exactly the progress it was taken from.

use chrono::{DateTime, Duration, Utc};
use genius::worklist::{
    LeadState, ProgressEvent, StageMove, Worklist, WorklistError, WorklistFile,
};
use proptest::prelude::*;

use crate::hostile::config;

pub fn at(minute: i64) -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000) + Duration::minutes(minute)
}

/// A list made of `text`, filed as if it were `/lists/NAME`.
pub fn list(name: &str, text: &str) -> Worklist {
    let file = WorklistFile::parse(text.as_bytes(), "BR".parse().ok()).expect("a worklist");
    Worklist::new(format!("/lists/{name}"), file)
}

fn states(worklist: &Worklist) -> Vec<LeadState> {
    worklist
        .leads()
        .map(|(_, progress)| progress.state)
        .collect()
}

const THREE: &str = "ABC12345\nana@x.io\n(11) 98771-6038\n";

#[test]
fn a_fresh_list_starts_on_its_first_lead() {
    let worklist = list(
        "leads.txt",
        "# fair\nABC12345\nnot an identifier\nana@x.io\n",
    );
    assert_eq!(worklist.name(), "leads.txt");
    assert_eq!(worklist.len(), 3);
    assert_eq!(worklist.position(), 0);
    assert_eq!(worklist.title(), "lead 1 of 3");
    assert_eq!(
        states(&worklist),
        [LeadState::ToDo, LeadState::NotRecognised, LeadState::ToDo]
    );
    assert_eq!(worklist.resume_position(), Some(0));
    assert_eq!(worklist.previous(), None);
    assert_eq!(worklist.next(), Some(1));
}

#[test]
fn brackets_move_one_lead_and_stop_at_the_ends() {
    let mut worklist = list("l.txt", THREE);
    let event = worklist.open(2, at(1)).expect("opened");
    assert!(matches!(event, ProgressEvent::Opened { .. }));
    assert_eq!(worklist.title(), "lead 3 of 3");
    assert_eq!(worklist.next(), None);
    assert_eq!(worklist.previous(), Some(1));
    assert_eq!(worklist.open(3, at(2)), Err(WorklistError::NoSuchLead(3)));
    assert_eq!(worklist.position(), 2, "a refused move leaves the position");
}

#[test]
fn working_a_lead_records_what_the_server_confirmed() {
    let mut worklist = list("l.txt", THREE);
    assert_eq!(
        worklist.mark_done(0, at(0)),
        Err(WorklistError::NotResolved(0)),
        "a lead not opened has no contact to be done with"
    );
    assert_eq!(
        worklist.note_logged(0, at(0)),
        Err(WorklistError::NotResolved(0))
    );
    worklist.open(0, at(1)).expect("opened");
    worklist.found(0, "ABC12345", at(1)).expect("found");
    worklist.note_logged(0, at(2)).expect("noted");
    worklist
        .stage_moved(0, Some("New Lead".into()), "Contacted", at(3))
        .expect("moved");
    let done = worklist.mark_done(0, at(4)).expect("done");
    assert!(matches!(done, ProgressEvent::Done { .. }));
    let progress = worklist.progress(0).expect("lead 0");
    assert_eq!(progress.state, LeadState::Done);
    assert_eq!(progress.uid.as_deref(), Some("ABC12345"));
    assert_eq!(progress.notes_logged(), 1);
    assert_eq!(
        progress.stage_moves().collect::<Vec<_>>(),
        [&StageMove {
            from: Some("New Lead".into()),
            to: "Contacted".into()
        }]
    );
    assert_eq!(progress.worked_at(), Some(at(4)));
    assert_eq!(worklist.next_pending(), Some(1));
    assert_eq!(worklist.resume_position(), Some(1));
}

#[test]
fn not_found_and_skipped_count_as_handled_and_resume_passes_them() {
    let mut worklist = list(
        "l.txt",
        "ABC12345\nana@x.io\nnope nope\n(11) 98771-6038\nXYZ98765\n",
    );
    worklist.not_found(0, at(1)).expect("not found");
    worklist.skip(1, at(2)).expect("skipped");
    assert_eq!(
        worklist.skip(2, at(3)),
        Err(WorklistError::NotRecognised { line: 3 })
    );
    assert_eq!(worklist.resume_position(), Some(3));
    worklist.open(4, at(4)).expect("opened");
    worklist.found(4, "XYZ98765", at(4)).expect("found");
    worklist.mark_done(4, at(5)).expect("done");
    assert_eq!(
        worklist.next_pending(),
        Some(3),
        "wraps around to the lead left behind"
    );
    worklist.open(3, at(6)).expect("opened");
    worklist.found(3, "PHONE001", at(6)).expect("found");
    worklist.mark_done(3, at(7)).expect("done");
    assert!(worklist.is_finished());
    assert_eq!(worklist.next_pending(), None);
    assert_eq!(
        states(&worklist),
        [
            LeadState::NotFound,
            LeadState::Skipped,
            LeadState::NotRecognised,
            LeadState::Done,
            LeadState::Done
        ]
    );
    // Reopening brings a lead back into the work.
    worklist.reopen(1, at(8)).expect("reopened");
    assert_eq!(worklist.resume_position(), Some(1));
}

#[test]
fn several_matches_ask_once_and_keep_the_choice() {
    let mut worklist = list("l.txt", "john@example.com\nABC12345\n");
    let uids = vec!["ABC12345".to_string(), "DEF67890".to_string()];
    worklist.several(0, uids.clone(), at(1)).expect("several");
    assert_eq!(
        worklist.progress(0).map(|p| p.state),
        Some(LeadState::Several)
    );
    assert_eq!(
        worklist.resume_position(),
        Some(0),
        "a choice is still to be made"
    );
    assert_eq!(
        worklist.choose(0, "ZZZ00000", at(2)),
        Err(WorklistError::NotAmongMatches {
            index: 0,
            uid: "ZZZ00000".into()
        })
    );
    assert_eq!(
        worklist.choose(1, "ABC12345", at(2)),
        Err(WorklistError::NotSeveral(1))
    );
    worklist.choose(0, "DEF67890", at(2)).expect("chosen");
    let progress = worklist.progress(0).expect("lead 0");
    assert_eq!(progress.state, LeadState::ToDo);
    assert_eq!(progress.uid.as_deref(), Some("DEF67890"));
    // Looked up again the next day, the same matches: the choice stands, nothing is asked.
    worklist.several(0, uids, at(100)).expect("several again");
    let progress = worklist.progress(0).expect("lead 0");
    assert_eq!(progress.state, LeadState::ToDo);
    assert_eq!(progress.uid.as_deref(), Some("DEF67890"));
    // The chosen contact gone from the matches: asked again.
    worklist
        .several(0, vec!["ABC12345".into(), "GHI11111".into()], at(200))
        .expect("several");
    assert_eq!(
        worklist.progress(0).map(|p| p.state),
        Some(LeadState::Several)
    );
    assert_eq!(worklist.progress(0).and_then(|p| p.uid.clone()), None);
}

#[test]
fn progress_follows_its_leads_through_an_edited_file() {
    let mut before = list("l.txt", "ABC12345\nana@x.io\nXYZ98765\nABC12345\n");
    before.open(0, at(0)).expect("opened");
    before.found(0, "ABC12345", at(0)).expect("found");
    before.mark_done(0, at(1)).expect("done");
    before.skip(1, at(2)).expect("skipped");
    before.not_found(2, at(3)).expect("not found");
    before.open(3, at(4)).expect("opened");
    before.found(3, "ABC12345", at(4)).expect("found");
    before.note_logged(3, at(5)).expect("noted");
    let events = before.snapshot();

    // The next day the file has a new lead on top, XYZ98765 removed, the rest moved.
    let mut after = list("l.txt", "NEW00001\nABC12345\nANA@X.IO\n\nabc12345\n");
    let applied = events.iter().filter(|event| after.apply(event)).count();
    assert_eq!(
        applied,
        events.len() - 1,
        "only the removed lead's event is forgotten"
    );
    assert_eq!(
        states(&after),
        [
            LeadState::ToDo,
            LeadState::Done,
            LeadState::Skipped,
            LeadState::ToDo
        ]
    );
    assert_eq!(
        after.progress(3).map(|p| p.notes_logged()),
        Some(1),
        "the repeat kept its note"
    );
    assert_eq!(after.lead(after.position()).map(|l| l.line), Some(5));
    assert_eq!(after.resume_position(), Some(0));
}

/// One thing a session can do to a list (as indices into it; refused ones are fine).
#[derive(Debug, Clone)]
enum Step {
    Open(usize),
    Found(usize, u8),
    NotFound(usize),
    Several(usize, Vec<u8>),
    Choose(usize, u8),
    Note(usize),
    Stage(usize, Option<u8>, u8),
    Done(usize),
    Skip(usize),
    Reopen(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let lead = 0usize..6;
    prop_oneof![
        lead.clone().prop_map(Step::Open),
        (lead.clone(), 0u8..4).prop_map(|(i, u)| Step::Found(i, u)),
        lead.clone().prop_map(Step::NotFound),
        (lead.clone(), proptest::collection::vec(0u8..4, 2..4))
            .prop_map(|(i, u)| Step::Several(i, u)),
        (lead.clone(), 0u8..4).prop_map(|(i, u)| Step::Choose(i, u)),
        lead.clone().prop_map(Step::Note),
        (lead.clone(), proptest::option::of(0u8..3), 0u8..3)
            .prop_map(|(i, f, t)| Step::Stage(i, f, t)),
        lead.clone().prop_map(Step::Done),
        lead.clone().prop_map(Step::Skip),
        lead.prop_map(Step::Reopen),
    ]
}

/// Plays `steps`, returning the events of the changes the list took.
fn run(worklist: &mut Worklist, steps: &[Step]) -> Vec<ProgressEvent> {
    let uid = |n: &u8| format!("UID0000{n}");
    let stage = |n: &u8| ["New Lead", "Contacted", "Won"][usize::from(*n % 3)].to_string();
    let mut events = Vec::new();
    for (minute, step) in steps.iter().enumerate() {
        let t = at(minute as i64);
        let result = match step {
            Step::Open(i) => worklist.open(*i, t),
            Step::Found(i, u) => worklist.found(*i, &uid(u), t),
            Step::NotFound(i) => worklist.not_found(*i, t),
            Step::Several(i, us) => worklist.several(*i, us.iter().map(uid).collect(), t),
            Step::Choose(i, u) => worklist.choose(*i, &uid(u), t),
            Step::Note(i) => worklist.note_logged(*i, t),
            Step::Stage(i, from, to) => {
                worklist.stage_moved(*i, from.as_ref().map(stage), &stage(to), t)
            }
            Step::Done(i) => worklist.mark_done(*i, t),
            Step::Skip(i) => worklist.skip(*i, t),
            Step::Reopen(i) => worklist.reopen(*i, t),
        };
        events.extend(result);
    }
    events
}

const SIX: &str = "UID00000\nana@x.io\nnothing here\nUID00000\n+55 11 98771-6038\nbia@x.io\n";

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_snapshot_rebuilds_the_progress_it_was_taken_from(steps in proptest::collection::vec(step(), 0..40)) {
        let mut worked = list("six.txt", SIX);
        let session = run(&mut worked, &steps);
        let mut rebuilt = list("six.txt", SIX);
        for event in worked.snapshot() {
            prop_assert!(rebuilt.apply(&event), "{:?}", event);
        }
        let progress = |w: &Worklist| w.leads().map(|(_, p)| p.clone()).collect::<Vec<_>>();
        prop_assert_eq!(progress(&rebuilt), progress(&worked));
        prop_assert_eq!(rebuilt.position(), worked.position());
        prop_assert_eq!(rebuilt.snapshot(), worked.snapshot());
        // Replaying the session's own events, as an uncompacted journal holds them, gives the
        // same too.
        let mut replayed = list("six.txt", SIX);
        for event in &session {
            replayed.apply(event);
        }
        prop_assert_eq!(progress(&replayed), progress(&worked));
        prop_assert_eq!(replayed.position(), worked.position());
    }

    #[test]
    fn every_event_round_trips_through_json(steps in proptest::collection::vec(step(), 0..20)) {
        let mut worked = list("six.txt", SIX);
        run(&mut worked, &steps);
        for event in worked.snapshot() {
            let line = serde_json::to_string(&event).expect("serialises");
            prop_assert!(!line.contains('\n'));
            let back: ProgressEvent = serde_json::from_str(&line).expect("reads back");
            prop_assert_eq!(back, event);
        }
    }
}
