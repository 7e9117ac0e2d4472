//! The one keymap table in the app: rebinding an action in `[keys]` changes the key that works
//! wherever the action is (the form's save, the drafts list's discard, a picker's completion) and
//! what help and the hints say; a rebinding that would clash is refused; every key help lists for
//! a component does something there.

use genius::api::{ApiRequest, Identifier};
use genius::tui::app::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// Help for the components (forms, pickers, editors, dialogs) comes from the keymap table; every key listed there must do
/// something in the component it documents.
#[test]
fn every_key_the_help_lists_for_a_component_does_something() {
    use genius::tui::keymap::{BINDINGS, Context};
    use genius::tui::model::vocabulary::Vocabulary;
    use genius::tui::overlays::confirm_delete::{ConfirmOutcome, DeleteConfirm};
    use genius::tui::screens::note::{NoteEditor, NoteOutcome};
    use genius::tui::widgets::form::{ContactForm, FormOutcome};
    use genius::tui::widgets::picker::{Picker, PickerOutcome};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use crate::support::*;
    let components = [
        Context::Form,
        Context::Picker,
        Context::NoteEditor,
        Context::CommandLine,
        Context::ConfirmDelete,
        Context::Duplicates,
        Context::Drafts,
    ];
    for binding in BINDINGS.iter().filter(|b| components.contains(&b.context)) {
        for chord in binding.keys.iter() {
            let key = KeyEvent::new(chord.code, chord.modifiers);
            let does_something = match binding.context {
                Context::Form => {
                    let mut form = ContactForm::edit(&john_doe(), &Vocabulary::new());
                    form.handle_key(key) != FormOutcome::Ignored
                }
                Context::Picker => {
                    let mut picker = Picker::tags(&Vocabulary::new(), &[]);
                    picker.handle_key(key) != PickerOutcome::Ignored
                }
                Context::NoteEditor => {
                    let mut editor = NoteEditor::new("John Doe");
                    editor.handle_key(key) != NoteOutcome::Ignored
                }
                Context::ConfirmDelete => {
                    let mut confirm = DeleteConfirm::new(&john_doe());
                    let expected = if chord.code == KeyCode::Char('D') {
                        ConfirmOutcome::Confirmed
                    } else {
                        ConfirmOutcome::Cancel
                    };
                    confirm.handle_key(key) == expected
                }
                // The command line, the duplicate warning and the drafts list answer every key.
                _ => true,
            };
            assert!(
                does_something,
                "{:?} {:?}{} is in the help but does nothing",
                binding.context,
                chord.code,
                if chord.modifiers == KeyModifiers::NONE {
                    ""
                } else {
                    " (with modifiers)"
                }
            );
        }
    }
}

#[test]
fn rebound_keys_from_the_config_drive_dispatch_and_hints() {
    use genius::tui::keymap::{KeyChord, Keymap};
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert("refresh".to_string(), vec![KeyChord::plain(KeyCode::F(5))]);
    let keymap = Keymap::with_overrides(&overrides).expect("a valid rebinding");
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        keymap,
        ..options()
    });
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &john_doe()));
    assert_eq!(app.update(ch('r')), Vec::new(), "r no longer refreshes");
    let commands = app.update(key(KeyCode::F(5)));
    assert_eq!(
        commands,
        vec![Command::Send {
            id: sent_id(&commands),
            request: ApiRequest::get(&Identifier::Uid("ABC12345".into()))
        }]
    );
    app.update(one(sent_id(&commands), &john_doe()));
    assert!(render(&app).contains("refreshed John Doe"));
    // The hints come back once the refresh's notice is gone.
    app.notice = None;
    assert!(render(&app).contains("F5 refresh"));
}

#[test]
fn a_rebound_key_drives_the_app_and_help_shows_it() {
    use genius::tui::keymap::{KeyChord, Keymap};
    let overrides = [("toggle_privacy".to_string(), vec![KeyChord::ctrl('x')])]
        .into_iter()
        .collect();
    let mut app = app_with(SMALL, recents());
    app.keymap = Keymap::with_overrides(&overrides).expect("no conflict");
    app.update(key(KeyCode::Down));
    app.update(ch('p'));
    assert!(!app.privacy, "p no longer toggles privacy");
    app.update(ctrl('x'));
    assert!(app.privacy, "Ctrl-X does");
    app.update(ch('?'));
    let help = render(&app);
    assert!(help.contains("Ctrl-X"), "{help}");
}

#[test]
fn rebinding_onto_the_copy_key_is_a_conflict() {
    use genius::tui::keymap::{KeyChord, Keymap};
    use ratatui::crossterm::event::KeyCode as Code;
    let overrides = [(
        "refresh".to_string(),
        vec![KeyChord::plain(Code::Char('y'))],
    )]
    .into_iter()
    .collect();
    let problems = Keymap::with_overrides(&overrides).err().unwrap_or_default();
    assert_eq!(problems, ["[keys] y would both refresh and copy"]);
}

/// `[keys]` with `save`, `discard_draft` and the pickers' `complete` moved elsewhere.
fn rebound_save_discard_and_complete() -> genius::tui::keymap::Keymap {
    use genius::tui::keymap::{KeyChord, Keymap};
    let overrides = [
        ("save".to_string(), vec![KeyChord::plain(KeyCode::F(2))]),
        (
            "discard_draft".to_string(),
            vec![KeyChord::plain(KeyCode::Char('x'))],
        ),
        ("complete".to_string(), vec![KeyChord::plain(KeyCode::F(3))]),
    ]
    .into_iter()
    .collect();
    Keymap::with_overrides(&overrides).expect("no conflict: F2, x in the drafts list, F3")
}

#[test]
fn a_rebound_save_saves_the_form_and_the_old_key_does_not() {
    let mut app = on_john();
    app.keymap = rebound_save_discard_and_complete();
    app.update(ch('e'));
    for _ in 0..2 {
        app.update(key(KeyCode::Tab));
    }
    app.update(ctrl('e'));
    type_in(&mut app, ".uk");
    assert!(
        render(&app).contains("F2"),
        "the form's hints name the new key:\n{}",
        render(&app)
    );
    let old = app.update(ctrl('s'));
    assert!(
        !old.iter().any(|c| matches!(c, Command::Send { .. })),
        "Ctrl-S no longer saves: {old:?}"
    );
    let mut patch = genius::api::ContactPatch::for_uid("ABC12345");
    patch.email = Some("john@example.com.uk".into());
    let (_, request) = sent(&app.update(key(KeyCode::F(2))));
    assert_eq!(request, ApiRequest::update(&patch));
}

#[test]
fn a_rebound_discard_throws_the_draft_away_and_the_old_key_does_not() {
    let mut app = app();
    app.keymap = rebound_save_discard_and_complete();
    crate::stop_waiting::with_a_note_draft(&mut app);
    app.update(ch('d'));
    assert!(
        !render(&app).contains("Throw the highlighted draft away?"),
        "d no longer discards"
    );
    assert_eq!(app.drafts.list.len(), 1);
    app.update(ch('x'));
    assert!(render(&app).contains("Throw the highlighted draft away?"));
    assert_eq!(
        app.update(ch('y')),
        vec![Command::DiscardDraft(DraftKey::note(None, "ABC12345"))]
    );
    assert!(app.drafts.list.is_empty());
}

#[test]
fn a_rebound_picker_key_completes_and_the_old_key_does_not() {
    let mut app = on_john();
    app.keymap = rebound_save_discard_and_complete();
    app.update(ch('s'));
    // John is a "New Lead", the one stage this profile knows so far.
    type_in(&mut app, "new");
    let query = |app: &App| match &app.overlay {
        Some(Overlay::Picker(overlay)) => overlay.picker.query().to_string(),
        other => panic!("expected the stage picker, got {other:?}"),
    };
    app.update(key(KeyCode::Tab));
    assert_eq!(query(&app), "new", "Tab no longer completes");
    app.update(key(KeyCode::F(3)));
    assert_eq!(query(&app), "New Lead");
}
