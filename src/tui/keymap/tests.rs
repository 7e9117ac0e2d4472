//! Tests of the keymap: one meaning per key where the keyboard is, matching, rebinding from the
//! config, action names.

use super::table::ch;
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn a_key_means_one_thing_wherever_the_keyboard_is() {
    for context in Context::ALL {
        let rows: Vec<&Binding> = BINDINGS
            .iter()
            .chain(TEXT_INPUT_BINDINGS)
            .filter(|b| context.stack().contains(&b.context))
            .collect();
        for (i, first) in rows.iter().enumerate() {
            for second in rows.iter().skip(i + 1) {
                let shared: Vec<&KeyChord> = first
                    .keys
                    .iter()
                    .filter(|k| second.keys.contains(k))
                    .collect();
                assert!(
                    first.action == second.action || shared.is_empty(),
                    "in {context:?}, {shared:?} would both {:?} and {:?}",
                    first.action,
                    second.action
                );
            }
        }
    }
    assert!(Keymap::default().conflicts().is_empty());
    assert!(Keymap::default().typing_keys().is_empty());
}

#[test]
fn the_contact_screen_keeps_its_lead_working_letters() {
    let keymap = Keymap::default();
    for (letter, action) in [
        ('e', Action::Edit),
        ('s', Action::ChangeStage),
        ('o', Action::ChangeOwner),
        ('Q', Action::ChangeQuality),
        ('t', Action::AddTags),
        ('n', Action::AddNote),
        ('c', Action::CreateContact),
        ('D', Action::Delete),
        (':', Action::CommandLine),
    ] {
        let key = KeyEvent::new(KeyCode::Char(letter), KeyModifiers::NONE);
        assert_eq!(
            keymap.resolve(Context::Contact.stack(), &key),
            Some(action),
            "{letter}"
        );
    }
}

#[test]
fn a_plain_character_cannot_be_bound_where_it_is_text() {
    let overrides = [("save".to_string(), vec![ch('s')])].into_iter().collect();
    let problems = Keymap::with_overrides(&overrides).err().unwrap_or_default();
    assert!(
        problems
            .first()
            .is_some_and(|p| p.starts_with("[keys] save: s is typed as text in the contact form")),
        "{problems:?}"
    );
    let overrides = [("save".to_string(), vec![KeyChord::plain(KeyCode::F(2))])]
        .into_iter()
        .collect();
    let keymap = Keymap::with_overrides(&overrides).unwrap_or_default();
    let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    for context in [Context::Form, Context::Picker, Context::NoteEditor] {
        assert_eq!(keymap.input(context, f2), UserInput::Action(Action::Save));
        assert_eq!(keymap.label(context, Action::Save), "F2");
    }
}

#[test]
fn shift_tab_and_meta_are_read_as_terminals_send_them() {
    let keymap = Keymap::default();
    let shift_tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
    assert_eq!(
        keymap.resolve(Context::Form.stack(), &shift_tab),
        Some(Action::PreviousField)
    );
    let meta_b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::META);
    assert_eq!(
        keymap.resolve(Context::Form.stack(), &meta_b),
        Some(Action::WordLeft)
    );
}

#[test]
fn letters_match_with_or_without_shift_and_ctrl_is_distinct() {
    let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(
        Keymap::default().resolve(&[Context::Results], &shifted_g),
        Some(Action::Bottom)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        Keymap::default().resolve(&[Context::Anywhere], &ctrl_c),
        Some(Action::ForceQuit)
    );
    let plain_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
    assert_eq!(
        Keymap::default().resolve(&[Context::Anywhere, Context::Contact], &plain_c),
        Some(Action::CreateContact),
        "plain c is not Ctrl-C"
    );
    assert_eq!(KeyChord::ctrl('c').label(), "Ctrl-C");
}

#[test]
fn the_config_can_rebind_and_conflicts_are_reported() {
    assert!(
        Keymap::default().conflicts().is_empty(),
        "the default table is consistent"
    );
    let mut overrides = BTreeMap::new();
    overrides.insert("refresh".to_string(), vec![KeyChord::plain(KeyCode::F(5))]);
    let keymap = Keymap::with_overrides(&overrides).unwrap_or_default();
    let f5 = KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE);
    let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
    assert_eq!(
        keymap.resolve(&[Context::Contact], &f5),
        Some(Action::Refresh)
    );
    assert_eq!(keymap.resolve(&[Context::Contact], &r), None);
    assert!(
        keymap
            .hints_for(&[Context::Contact])
            .contains(&("F5".to_string(), "refresh"))
    );

    overrides.insert(
        "toggle_note_order".to_string(),
        vec![KeyChord::plain(KeyCode::F(5))],
    );
    overrides.insert("fly".to_string(), vec![ch('f')]);
    let problems = Keymap::with_overrides(&overrides).err().unwrap_or_default();
    assert_eq!(
        problems,
        [
            "[keys] fly: no such action",
            "[keys] F5 would both toggle_note_order and refresh"
        ]
    );
}

#[test]
fn every_action_has_a_name_that_reads_back() {
    for action in Action::ALL {
        assert_eq!(Action::from_name(&action.name()), Some(*action));
    }
}

#[test]
fn actions_have_snake_case_names_for_the_config() {
    let name = serde_json::to_string(&Action::ToggleNoteOrder).unwrap_or_default();
    assert_eq!(name, "\"toggle_note_order\"");
}
