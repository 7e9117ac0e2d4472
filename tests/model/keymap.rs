//! The one keymap table in the app: rebinding an action in `[keys]` changes the key that works
//! wherever the action is (the form's save, the drafts list's discard, a picker's completion) and
//! what help and the hints say; a rebinding that would clash is refused; every key help lists for
//! a component does something there.

use genius::api::{ApiRequest, Identifier};
use genius::tui::app::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

/// Help for the lead-working screens comes from the keymap table; every key listed there must do
/// something in the component it documents.
#[test]
fn every_key_the_help_lists_for_a_work_screen_does_something() {
    use genius::tui::keymap::{BINDINGS, Context};
    use genius::tui::model::vocabulary::Vocabulary;
    use genius::tui::overlays::confirm_delete::{ConfirmOutcome, DeleteConfirm};
    use genius::tui::screens::note::{NoteEditor, NoteOutcome};
    use genius::tui::widgets::form::{ContactForm, FormOutcome};
    use genius::tui::widgets::picker::{Picker, PickerOutcome};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use crate::support::*;
    let work = [
        Context::Form,
        Context::Picker,
        Context::NoteEditor,
        Context::CommandLine,
        Context::ConfirmDelete,
        Context::Duplicates,
        Context::Drafts,
    ];
    for binding in BINDINGS.iter().filter(|b| work.contains(&b.context)) {
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
fn rebinding_onto_a_trust_key_is_a_conflict() {
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
