//! Keys typed ahead of the server: a burst typed while a lookup is in flight lands on the contact it
//! opens; after a failure only text goes on, into the input that shows it, and the rest is
//! reported; Ctrl-C and Ctrl-Z act at once; Esc stops waiting, and a save or note already sent is
//! still reported when its answer comes.

use genius::api::{ApiRequest, Contact, ContactPatch, Identifier, Operation};
use genius::tui::app::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::typeahead::TYPEAHEAD_LIMIT;
use genius::tui::app::{App, Notice, Screen};
use genius::tui::model::RequestId;
use genius::tui::model::drafts::{Draft, DraftContent, DraftKey};
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

/// The demo account's Camila, as `GET /api/contact?uid=K42VX3EQ` answers.
pub fn camila() -> Contact {
    Contact {
        uid: "K42VX3EQ".into(),
        email: Some("camila.damiao23@uol.com.br".into()),
        phone: Some("+5521997542557".into()),
        first_name: Some("Camila".into()),
        last_name: Some("Damião".into()),
        business_name: Some("Auto Peças Damião".into()),
        stage_name: Some("New Lead".into()),
        notes: Some("2022-06-12 20:38 Cliente reclamou do preço.".into()),
        ..Contact::default()
    }
}

/// Every request among `commands`.
fn sends(commands: &[Command]) -> Vec<(RequestId, ApiRequest)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

/// Feeds each message, asserting none asks for anything: they are all typed ahead.
fn type_ahead(app: &mut App, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        let commands = app.update(msg.clone());
        assert!(commands.is_empty(), "{msg:?} was run at once: {commands:?}");
    }
}

fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| Msg::Key(ch(c))).collect()
}

/// Starts a lookup of Camila by uid and returns its id.
fn look_up_camila(app: &mut App) -> RequestId {
    type_text(app, "K42VX3EQ");
    sent_id(&app.update(key(KeyCode::Enter)))
}

#[test]
fn a_burst_typed_during_the_lookup_adds_exactly_that_note() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    let mut burst = vec![Msg::Key(ch('n'))];
    burst.extend(typed("Typeahead note 1"));
    burst.push(Msg::Key(ctrl('s')));
    type_ahead(&mut app, burst);
    assert!(
        render(&app).contains("18 keys typed ahead"),
        "{}",
        render(&app)
    );

    let commands = app.update(one(lookup, &camila()));
    let sent = sends(&commands);
    assert_eq!(
        sent.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(),
        vec![ApiRequest::add_note(
            &Identifier::Uid("K42VX3EQ".into()),
            "Typeahead note 1"
        )],
        "exactly the note, and no update: {commands:?}"
    );
    assert!(
        matches!(app.top(), Screen::Note(_)),
        "the editor waits for the server"
    );
    let commands = app.update(ok(&app, sent[0].0, json!({"contactUid": "K42VX3EQ"})));
    assert_eq!(
        app.notice,
        Some(Notice::Info("note added to Camila Damião".into()))
    );
    assert_eq!(
        top_contact(&app).contact.first_name.as_deref(),
        Some("Camila")
    );
    let refetch = sends(&commands);
    assert_eq!(refetch.len(), 1, "the timeline is fetched again");
    assert_eq!(refetch[0].1.operation, Operation::Get);
    assert!(app.typeahead.is_empty());
}

#[test]
fn after_a_failed_lookup_only_the_text_typed_ahead_goes_on_and_the_rest_is_reported() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    let mut burst = vec![Msg::Key(ch('n'))];
    burst.extend(typed("ab"));
    burst.push(Msg::Key(key(KeyCode::Enter)));
    burst.push(Msg::Paste("cd".into()));
    burst.push(Msg::Key(ctrl('s')));
    type_ahead(&mut app, burst);
    let commands = app.update(failed(&app, lookup, api_error(404, "Contact not found")));
    assert!(sends(&commands).is_empty(), "nothing ran: {commands:?}");
    match app.top() {
        Screen::Home(home) => assert_eq!(home.input.value(), "K42VX3EQnabcd"),
        other => panic!("expected the start screen, found {}", other.title()),
    }
    assert_eq!(
        app.notice,
        Some(Notice::Error(
            "no contact with uid K42VX3EQ · 2 keys typed ahead were not used".into()
        ))
    );
}

#[test]
fn after_a_failed_save_the_letters_typed_ahead_go_into_the_form_not_to_commands() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    app.update(one(lookup, &camila()));
    app.update(ch('e'));
    app.update(key(KeyCode::Tab));
    type_text_anywhere(&mut app, "x");
    let (save, _) = sends(&app.update(ctrl('s')))[0].clone();
    // Typed for the contact screen the save would have returned to: `D` would delete.
    type_ahead(&mut app, typed("Dn"));
    app.update(failed(&app, save, api_error(500, "boom")));
    assert!(
        app.overlay.is_none(),
        "the delete confirmation did not open"
    );
    assert!(matches!(app.top(), Screen::Edit(_)), "the form stays");
    match app.top() {
        Screen::Edit(edit) => assert_eq!(
            edit.form
                .value(genius::tui::widgets::form::FieldId::LastName),
            Some("DamiãoxDn"),
            "the form has the keyboard: the letters went into the field it shows"
        ),
        _ => panic!("expected the edit form"),
    }
}

#[test]
fn ctrl_c_and_ctrl_z_act_at_once_while_keys_wait() {
    let mut app = app();
    look_up_camila(&mut app);
    type_ahead(&mut app, typed("abc"));
    assert_eq!(app.update(ctrl('z')), vec![Command::Suspend]);
    assert_eq!(app.update(ctrl('c')), vec![Command::Quit]);
    assert!(app.quitting);
}

#[test]
fn esc_cancels_the_lookup_and_the_text_typed_meanwhile_stays_in_the_input() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    type_ahead(&mut app, typed("xy"));
    assert_eq!(
        app.update(key(KeyCode::Esc)),
        vec![Command::Cancel { id: lookup }]
    );
    assert!(!app.waits_for_the_screen());
    assert_eq!(app.notice, Some(Notice::Info("lookup cancelled".into())));
    match app.top() {
        Screen::Home(home) => assert_eq!(home.input.value(), "K42VX3EQxy"),
        other => panic!("expected the start screen, found {}", other.title()),
    }
}

#[test]
fn keys_beyond_the_limit_are_reported_not_silently_dropped() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    for _ in 0..TYPEAHEAD_LIMIT + 3 {
        app.update(ch('j'));
    }
    assert_eq!(app.typeahead.len(), TYPEAHEAD_LIMIT);
    assert!(
        matches!(&app.notice, Some(Notice::Error(text)) if text.contains("keys beyond 512 were not kept")),
        "{:?}",
        app.notice
    );
    app.update(one(lookup, &camila()));
    assert!(app.typeahead.is_empty());
    assert!(
        matches!(&app.notice, Some(Notice::Error(text)) if text.contains("3 keys beyond 512")),
        "{:?}",
        app.notice
    );
}

/// Camila open, the note editor holding `text` sent: returns the note's request id.
fn note_sent(app: &mut App, text: &str) -> RequestId {
    let lookup = look_up_camila(app);
    app.update(one(lookup, &camila()));
    app.update(ch('n'));
    type_text_anywhere(app, text);
    let sent = sends(&app.update(ctrl('s')));
    assert_eq!(sent.len(), 1);
    sent[0].0
}

fn type_text_anywhere(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(ch(c));
    }
}

/// The note draft of Camila among `commands`, as written.
fn saved_note_draft(commands: &[Command]) -> Draft {
    commands
        .iter()
        .find_map(|c| match c {
            Command::SaveDraft(draft) if draft.key == DraftKey::note(None, "K42VX3EQ") => {
                Some(draft.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no note draft saved in {commands:?}"))
}

#[test]
fn esc_while_a_note_is_sent_leaves_the_editor_and_the_answer_is_still_reported() {
    let mut app = app();
    let note = note_sent(&mut app, "Called back");
    type_ahead(&mut app, typed("x"));
    let commands = app.update(key(KeyCode::Esc));
    assert!(
        matches!(app.top(), Screen::Contact(_)),
        "the editor is left"
    );
    let draft = saved_note_draft(&commands);
    assert!(draft.may_have_been_saved, "kept, marked as maybe saved");
    assert_eq!(
        draft.content,
        DraftContent::Note {
            text: "Called back".into()
        }
    );
    assert!(
        matches!(&app.notice, Some(Notice::Info(text)) if text.starts_with("the note is still on its way") && text.ends_with("1 key typed ahead was not used")),
        "{:?}",
        app.notice
    );
    // Keys run again at once: the screen no longer waits.
    assert!(!app.waits_for_the_screen());
    assert!(app.is_busy(), "the note is still on its way");

    let commands = app.update(ok(&app, note, json!({"contactUid": "K42VX3EQ"})));
    assert_eq!(
        app.notice,
        Some(Notice::Info("note added to Camila Damião".into()))
    );
    assert!(commands.contains(&Command::DiscardDraft(DraftKey::note(None, "K42VX3EQ"))));
    assert!(app.drafts.list.is_empty());
}

#[test]
fn a_note_sent_earlier_that_fails_stays_a_draft_no_longer_marked() {
    let mut app = app();
    let note = note_sent(&mut app, "Called back");
    app.update(key(KeyCode::Esc));
    let commands = app.update(failed(&app, note, api_error(500, "boom")));
    let draft = saved_note_draft(&commands);
    assert!(!draft.may_have_been_saved, "refused for sure: not saved");
    assert!(
        matches!(&app.notice, Some(Notice::Error(text))
            if text.starts_with("the note to Camila Damião sent earlier failed: the server failed (500)")
            && text.ends_with("it is kept as a draft (n reopens it)")),
        "{:?}",
        app.notice
    );
    // `n` brings it back, as it was typed.
    app.update(ch('n'));
    assert!(render(&app).contains("Called back"));
}

#[test]
fn esc_while_a_save_is_sent_leaves_the_form_and_the_answer_updates_the_contact() {
    let mut app = app();
    let lookup = look_up_camila(&mut app);
    app.update(one(lookup, &camila()));
    app.update(ch('e'));
    app.update(ctrl('e'));
    type_text_anywhere(&mut app, "a");
    let sent = sends(&app.update(ctrl('s')));
    let mut patch = ContactPatch::for_uid("K42VX3EQ");
    patch.first_name = Some("Camilaa".into());
    assert_eq!(sent[0].1, ApiRequest::update(&patch));
    app.update(key(KeyCode::Esc));
    assert!(matches!(app.top(), Screen::Contact(_)));
    let mut saved = camila();
    saved.first_name = Some("Camilaa".into());
    app.update(ok(&app, sent[0].0, json_of(&saved)));
    assert_eq!(
        top_contact(&app).contact.first_name.as_deref(),
        Some("Camilaa")
    );
    assert_eq!(
        app.notice,
        Some(Notice::Info("changes to Camila Damião saved".into()))
    );
}

#[test]
fn quitting_while_a_note_is_on_its_way_keeps_it_marked_may_have_been_saved() {
    let mut app = app();
    note_sent(&mut app, "Promised a discount");
    let commands = app.update(ctrl('c'));
    assert_eq!(commands.last(), Some(&Command::Quit));
    let draft = saved_note_draft(&commands);
    assert!(draft.may_have_been_saved);
    assert_eq!(
        draft.content,
        DraftContent::Note {
            text: "Promised a discount".into()
        }
    );

    // A `:note` on its way too: its text is kept the same way.
    let mut app = crate::support::app();
    let lookup = look_up_camila(&mut app);
    app.update(one(lookup, &camila()));
    app.update(ch(':'));
    type_text_anywhere(&mut app, "note Left a voicemail");
    assert_eq!(sends(&app.update(key(KeyCode::Enter))).len(), 1);
    let draft = saved_note_draft(&app.update(Msg::Terminate));
    assert!(draft.may_have_been_saved);
    assert_eq!(
        draft.content,
        DraftContent::Note {
            text: "Left a voicemail".into()
        }
    );
}

#[test]
fn a_note_that_may_have_been_saved_asks_once_before_it_is_sent_again() {
    let mut app = app();
    app.drafts.list = vec![Draft {
        key: DraftKey::note(None, "K42VX3EQ"),
        content: DraftContent::Note {
            text: "Promised a discount".into(),
        },
        contact_name: Some("Camila Damião".into()),
        saved_at: Some(clock().now),
        may_have_been_saved: true,
    }];
    let lookup = look_up_camila(&mut app);
    app.update(one(lookup, &camila()));
    app.update(ch('n'));
    let editor = render(&app);
    assert!(
        editor.contains("may have been saved already — check the notes first"),
        "{editor}"
    );
    assert!(app.update(ctrl('s')).is_empty(), "asks first");
    assert!(render(&app).contains("send it again? y/n"));
    assert!(app.update(ch('n')).is_empty(), "n: not sent");
    assert!(!render(&app).contains("send it again? y/n"));
    // Typing keeps the mark on the draft, until it is sent.
    let kept = saved_note_draft(&app.update(ch('!')));
    assert!(kept.may_have_been_saved);
    app.update(ctrl('s'));
    let sent = sends(&app.update(ch('y')));
    assert_eq!(
        sent[0].1,
        ApiRequest::add_note(&Identifier::Uid("K42VX3EQ".into()), "Promised a discount!")
    );
}
