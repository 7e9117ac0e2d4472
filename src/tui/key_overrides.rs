//! Key bindings changed in the config's `[keys]` table, laid over the keymap table
//! (`keymap::BINDINGS`): an action named there gets the configured keys instead of its defaults, in
//! every context it is bound in. Dispatch, the footer hints and the help overlay all read the keys
//! through [`KeyOverrides::keys_of`], so help shows what is in force.
//!
//! Where text is typed (the lookup input) a plain character is never taken from the input: there
//! the override's non-character keys are used, or the defaults when it has none.
//!
//! The overrides in force are process-wide (installed once at start-up, before the terminal is
//! touched). Tests install theirs for the current thread only, so tests running side by side in
//! one binary do not see each other's bindings.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::config::{KeyBinding, KeyConfigError};
use crate::tui::keymap::{Action, BINDINGS, Binding, Context, KeyChord};

/// Action → the keys that replace its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    keys: HashMap<Action, Vec<KeyChord>>,
}

static PROCESS: RwLock<Option<Arc<KeyOverrides>>> = RwLock::new(None);

thread_local! {
    static THREAD: RefCell<Option<Arc<KeyOverrides>>> = const { RefCell::new(None) };
}

/// The overrides in force: this thread's (tests), else the process's, else none.
pub fn active() -> Arc<KeyOverrides> {
    if let Some(local) = THREAD.with(|cell| cell.borrow().clone()) {
        return local;
    }
    PROCESS
        .read()
        .ok()
        .and_then(|guard| guard.clone())
        .unwrap_or_default()
}

/// Puts `overrides` in force for the whole process (start-up).
pub fn install(overrides: KeyOverrides) {
    if let Ok(mut guard) = PROCESS.write() {
        *guard = Some(Arc::new(overrides));
    }
}

/// Puts `overrides` in force for the current thread only (tests).
pub fn install_for_this_thread(overrides: KeyOverrides) {
    THREAD.with(|cell| *cell.borrow_mut() = Some(Arc::new(overrides)));
}

/// Every action's config name (`toggle_note_order`…), for validating `[keys]`.
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for binding in BINDINGS {
        let name = action_name(binding.action);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The config name of an action (its serde name).
pub fn action_name(action: Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn action_named(name: &str) -> Option<Action> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// True in contexts where the keyboard types text, so plain characters belong to the input.
fn types_text(context: Context) -> bool {
    context == Context::HomeInput
}

fn is_plain_char(key: &KeyChord) -> bool {
    matches!(key.code, KeyCode::Char(_)) && key.modifiers == KeyModifiers::NONE
}

fn chord(binding: KeyBinding) -> KeyChord {
    // Shift is implied by an upper-case letter; the keymap matches letters without it.
    let modifiers = match binding.code {
        KeyCode::Char(_) => binding.modifiers - KeyModifiers::SHIFT,
        _ => binding.modifiers,
    };
    KeyChord {
        code: binding.code,
        modifiers,
    }
}

impl KeyOverrides {
    /// No overrides: the table as written.
    pub fn none() -> KeyOverrides {
        KeyOverrides::default()
    }

    /// The overrides of a validated `[keys]` table (action name → keys).
    pub fn from_bindings(
        table: &std::collections::BTreeMap<String, Vec<KeyBinding>>,
    ) -> KeyOverrides {
        let keys = table
            .iter()
            .filter_map(|(name, keys)| {
                let action = action_named(name)?;
                Some((action, keys.iter().copied().map(chord).collect()))
            })
            .collect();
        KeyOverrides { keys }
    }

    /// True when nothing is rebound.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys in force for one row of the keymap.
    pub fn keys_of(&self, binding: &Binding) -> Vec<KeyChord> {
        let Some(keys) = self.keys.get(&binding.action) else {
            return binding.keys.to_vec();
        };
        if !types_text(binding.context) {
            return keys.clone();
        }
        let usable: Vec<KeyChord> = keys.iter().filter(|k| !is_plain_char(k)).copied().collect();
        if usable.is_empty() {
            binding.keys.to_vec()
        } else {
            usable
        }
    }

    /// Two different actions answering the same key where both apply (a context and the
    /// contexts it falls back to), caused by a rebinding. Defaults that share a key by design
    /// (the same action in two contexts) are not conflicts.
    pub fn conflicts(&self) -> Vec<KeyConfigError> {
        let groups: [&[Context]; 6] = [
            &[Context::HomeInput, Context::Anywhere],
            &[Context::HomeRecents, Context::Browsing, Context::Anywhere],
            &[Context::Results, Context::Browsing, Context::Anywhere],
            &[Context::Contact, Context::Browsing, Context::Anywhere],
            &[Context::Help, Context::Anywhere],
            &[Context::ProfileSwitcher, Context::Anywhere],
        ];
        let mut problems: Vec<KeyConfigError> = Vec::new();
        for group in groups {
            let rows: Vec<(&Binding, Vec<KeyChord>)> = group
                .iter()
                .flat_map(|context| BINDINGS.iter().filter(move |b| b.context == *context))
                .map(|binding| (binding, self.keys_of(binding)))
                .collect();
            for (i, (first, first_keys)) in rows.iter().enumerate() {
                for (second, second_keys) in rows.iter().skip(i + 1) {
                    let rebound = self.keys.contains_key(&first.action)
                        || self.keys.contains_key(&second.action);
                    if first.action == second.action || !rebound {
                        continue;
                    }
                    for key in first_keys.iter().filter(|k| second_keys.contains(k)) {
                        let problem = KeyConfigError::Conflict {
                            key: key.label(),
                            first: action_name(first.action),
                            second: action_name(second.action),
                        };
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                    }
                }
            }
        }
        problems
    }
}

/// The `[keys]` table of a connection, checked: the overrides to install, or every problem
/// (unknown actions, bad keys, two actions on one key) for a message before the terminal is touched.
pub fn from_connection(
    connection: &crate::config::Connection,
) -> Result<KeyOverrides, Vec<KeyConfigError>> {
    let names = action_names();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let table = connection.key_bindings(&known)?;
    let overrides = KeyOverrides::from_bindings(&table);
    let conflicts = overrides.conflicts();
    if conflicts.is_empty() {
        Ok(overrides)
    } else {
        Err(conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn overrides(pairs: &[(&str, &[&str])]) -> KeyOverrides {
        let table = pairs
            .iter()
            .map(|(name, keys)| {
                let keys = keys
                    .iter()
                    .map(|k| KeyBinding::parse(k).expect("a key"))
                    .collect();
                (name.to_string(), keys)
            })
            .collect();
        KeyOverrides::from_bindings(&table)
    }

    #[test]
    fn a_rebound_action_answers_its_new_key_and_not_the_old_one() {
        install_for_this_thread(overrides(&[("refresh", &["ctrl-r"])]));
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        let contexts = [Context::Contact, Context::Browsing, Context::Anywhere];
        assert_eq!(
            crate::tui::keymap::resolve(&contexts, &ctrl_r),
            Some(Action::Refresh)
        );
        assert_eq!(crate::tui::keymap::resolve(&contexts, &r), None);
        install_for_this_thread(KeyOverrides::none());
    }

    #[test]
    fn a_letter_never_leaves_the_lookup_input() {
        let rebound = overrides(&[("submit", &["o"])]);
        let input_row = BINDINGS
            .iter()
            .find(|b| b.context == Context::HomeInput && b.action == Action::Submit)
            .expect("the lookup input submits");
        assert_eq!(rebound.keys_of(input_row), input_row.keys.to_vec());
    }

    #[test]
    fn a_rebinding_onto_another_actions_key_is_a_conflict() {
        let rebound = overrides(&[("refresh", &["j"])]);
        let problems = rebound.conflicts();
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("refresh") && p.to_string().contains("down")),
            "{problems:?}"
        );
        assert!(overrides(&[("refresh", &["f5"])]).conflicts().is_empty());
    }
}
