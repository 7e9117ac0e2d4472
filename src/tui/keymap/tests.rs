//! Tests of the keymap: reserved keys, matching, rebinding from the config, action names.

use super::*;

#[test]
fn reserved_keys_stay_free_on_browsing_screens() {
    for binding in BINDINGS.iter().filter(|b| {
        matches!(
            b.context,
            Context::Contact | Context::Browsing | Context::Results
        ) && !b.action.is_work()
    }) {
        for key in binding.keys.iter() {
            if let KeyCode::Char(c) = key.code {
                assert!(
                    !RESERVED_FOR_WORK.contains(&c),
                    "{c} is reserved for issue 4 but bound to {:?}",
                    binding.action
                );
            }
        }
    }
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
