//! The one table of key bindings: which key does what, where, and how help describes it. Every
//! key of every screen and overlay — the form's Ctrl-S and the copy menu's `e` as much as the
//! contact's `j` and the editing keys of a text input — is looked up here, and the footer hints,
//! the help overlay and the components' own key hints read the same table, so a `[keys]`
//! rebinding changes the key that works and what every hint says together.
//!
//! Owns: [`Action`], [`Context`] (and the stack of contexts a key is looked up in), [`KeyChord`],
//! the default table ([`BINDINGS`]) and [`Keymap`], the table with the config's `[keys]` applied
//! and checked. Imports nothing of the rest of the TUI.

/// One row of the table.
macro_rules! bind {
    ($context:ident, $action:ident, [$($key:expr),+], $help:expr) => {
        Binding { context: Context::$context, action: Action::$action, keys: Cow::Borrowed(&[$($key),+]), help: $help, hint: None }
    };
    ($context:ident, $action:ident, [$($key:expr),+], $help:expr, $hint:expr) => {
        Binding { context: Context::$context, action: Action::$action, keys: Cow::Borrowed(&[$($key),+]), help: $help, hint: Some($hint) }
    };
}

mod action;
mod chord;
mod context;
mod table;
mod text_input_keys;

use std::borrow::Cow;
use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub use action::Action;
pub use chord::KeyChord;
pub use context::Context;
pub use table::BINDINGS;
pub use text_input_keys::TEXT_INPUT_BINDINGS;

/// One row of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where the binding applies.
    pub context: Context,
    /// What the keys do there.
    pub action: Action,
    /// The keys, first one shown in hints; replaced as a whole by a `[keys]` entry of the config.
    pub keys: Cow<'static, [KeyChord]>,
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the footer, when this binding deserves a hint there.
    pub hint: Option<&'static str>,
}

/// A key or a paste as a screen or overlay receives it: what the table binds the key to where the
/// keyboard is, or — when the table binds nothing there — the key itself, for a text input to
/// type or for a question's "any other key".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserInput {
    /// The key's action in the context that has the keyboard.
    Action(Action),
    /// A key the table does not bind there.
    Key(KeyEvent),
    /// Text that arrived by bracketed paste, in one piece.
    Paste(String),
}

/// The key bindings in force: the table above with the config's `[keys]` applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS
                .iter()
                .chain(TEXT_INPUT_BINDINGS)
                .cloned()
                .collect(),
        }
    }
}

impl Keymap {
    /// The default keymap with some actions bound to other keys (`action name → keys`). Every
    /// row of a rebound action takes the new keys. Unknown actions, a key that would then do two
    /// things where the keyboard is, and a plain character bound where it must stay text, are
    /// reported together.
    pub fn with_overrides(
        overrides: &BTreeMap<String, Vec<KeyChord>>,
    ) -> Result<Keymap, Vec<String>> {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                problems.push(format!("[keys] {name}: no such action"));
                continue;
            };
            if keys.is_empty() {
                problems.push(format!("[keys] {name}: no key given"));
                continue;
            }
            for binding in keymap.bindings.iter_mut().filter(|b| b.action == action) {
                binding.keys = Cow::Owned(keys.clone());
            }
        }
        problems.extend(keymap.typing_keys());
        problems.extend(keymap.conflicts());
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    /// Plain characters bound where a text input has the keyboard: they would stop being text.
    fn typing_keys(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for binding in &self.bindings {
            let typed_into = Context::ALL.iter().find(|context| {
                context.has_text_input() && context.stack().contains(&binding.context)
            });
            let Some(typed_into) = typed_into else {
                continue;
            };
            for key in binding.keys.iter().filter(|key| key.is_printable()) {
                let problem = format!(
                    "[keys] {}: {} is typed as text in {}; bind it with Ctrl, Alt or a function key",
                    binding.action.name(),
                    key.label(),
                    typed_into.describe()
                );
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
        problems
    }

    /// Keys that would mean two actions where the keyboard is (anywhere in one context's stack).
    fn conflicts(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for context in Context::ALL {
            let stack = context.stack();
            let rows: Vec<&Binding> = self
                .bindings
                .iter()
                .filter(|b| stack.contains(&b.context))
                .collect();
            for (i, first) in rows.iter().enumerate() {
                for second in rows.iter().skip(i + 1) {
                    if first.action == second.action {
                        continue;
                    }
                    for key in first.keys.iter().filter(|k| second.keys.contains(k)) {
                        let problem = format!(
                            "[keys] {} would both {} and {}",
                            key.label(),
                            first.action.name(),
                            second.action.name()
                        );
                        if !problems.contains(&problem) {
                            problems.push(problem);
                        }
                    }
                }
            }
        }
        problems
    }

    /// The action bound to `event` in the first of `contexts` that binds it.
    pub fn resolve(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        contexts.iter().find_map(|context| {
            self.bindings
                .iter()
                .filter(|binding| binding.context == *context)
                .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
                .map(|binding| binding.action)
        })
    }

    /// The key as a component with the keyboard in `context` receives it.
    pub fn input(&self, context: Context, event: KeyEvent) -> UserInput {
        match self.resolve(context.stack(), &event) {
            Some(action) => UserInput::Action(action),
            None => UserInput::Key(event),
        }
    }

    /// The keys of `action` where `context` has the keyboard (empty when it is not bound there).
    pub fn keys_of(&self, context: Context, action: Action) -> &[KeyChord] {
        context
            .stack()
            .iter()
            .find_map(|context| {
                self.bindings
                    .iter()
                    .find(|b| b.context == *context && b.action == action)
            })
            .map_or(&[], |binding| binding.keys.as_ref())
    }

    /// The first key of `action` in `context`, as hints write it (`Ctrl-S`); empty when unbound.
    pub fn label(&self, context: Context, action: Action) -> String {
        self.keys_of(context, action)
            .first()
            .map(KeyChord::label)
            .unwrap_or_default()
    }

    /// The bindings of these contexts in table order, each key-and-action pair once, for help.
    pub fn bindings_for(&self, contexts: &[Context]) -> Vec<&Binding> {
        let mut seen: Vec<&Binding> = Vec::new();
        for binding in contexts
            .iter()
            .flat_map(|context| self.bindings.iter().filter(move |b| b.context == *context))
        {
            // The same keys doing the same thing in two contexts are listed once.
            if !seen
                .iter()
                .any(|b| b.action == binding.action && b.keys == binding.keys)
            {
                seen.push(binding);
            }
        }
        seen
    }

    /// The footer hints of these contexts: (first key's label, hint word).
    pub fn hints_for(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        self.bindings_for(contexts)
            .into_iter()
            .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
            .collect()
    }
}

/// All key labels of a binding joined for help: `j/↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(KeyChord::label)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
