//! The `:` command line: the parser on any line, and completion driven through the public API —
//! arbitrary typed or pasted text, then Tab and Shift-Tab, with a vocabulary of hostile words.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use genius::tui::keymap::{Keymap, UserInput};
use genius::tui::model::display::Clock;
use genius::tui::model::recents::RecentList;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::overlays::command_line::parse_command;
use genius::tui::overlays::command_line::{CommandLine, CommandLineOutcome, LineCommand};
use genius::tui::widgets::{Component, Ctx};
use proptest::prelude::*;

use crate::hostile::{config, hostile_char, hostile_text, hostile_value, hostile_word};

/// Keys and pastes as the app hands them to a component: a key looked up in the default keymap
/// where the component has the keyboard.
trait Drive: Component {
    fn handle_key(&mut self, key: KeyEvent) -> Self::Outcome {
        let input = Keymap::default().input(self.context(), key);
        self.drive(input)
    }

    fn handle_paste(&mut self, text: &str) -> Self::Outcome {
        self.drive(UserInput::Paste(text.to_string()))
    }

    fn drive(&mut self, input: UserInput) -> Self::Outcome {
        use chrono::Offset;
        let clock = Clock::fixed(chrono::DateTime::default(), chrono::Utc.fix());
        let recents = RecentList::default();
        let ctx = Ctx {
            body: ratatui::layout::Rect::new(0, 1, 80, 22),
            clock: &clock,
            recents: &recents,
            drafts: &[],
            profiles: &[],
        };
        self.handle(input, &ctx)
    }
}

impl<C: Component> Drive for C {}

/// What the person does on the line.
#[derive(Debug, Clone)]
enum Step {
    Type(char),
    Paste(String),
    Tab,
    BackTab,
    Backspace,
    Left,
    Up,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => hostile_char().prop_map(Step::Type),
        1 => hostile_value().prop_map(Step::Paste),
        3 => Just(Step::Tab),
        1 => Just(Step::BackTab),
        1 => Just(Step::Backspace),
        1 => Just(Step::Left),
        1 => Just(Step::Up),
    ]
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn vocabulary() -> impl Strategy<Value = Vocabulary> {
    let words = || proptest::collection::vec(hostile_word(), 0..4);
    (words(), words(), words(), words()).prop_map(|(stages, qualities, owners, tags)| {
        let mut stages = stages;
        stages.push("New Lead".into());
        Vocabulary::configured(
            stages,
            qualities,
            owners.into_iter().map(|email| Owner { email, name: None }),
            tags,
        )
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_line_parses_or_says_why(line in hostile_text()) {
        match parse_command(&line) {
            Ok(_) => {}
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn a_stage_argument_is_kept_whole(
        prefix in "(:|)(stage|st|sta)",
        argument in hostile_value(),
    ) {
        let line = format!("{prefix} {argument}");
        let expected = argument.trim();
        match parse_command(&line) {
            Ok(LineCommand::Stage(stage)) => prop_assert_eq!(stage.as_str(), expected),
            Ok(other) => prop_assert!(false, "{:?} parsed as {:?}", line, other),
            Err(_) => prop_assert!(expected.is_empty(), "{:?} refused", line),
        }
    }

    #[test]
    fn typing_anything_then_completing_never_fails(
        vocabulary in vocabulary(),
        steps in proptest::collection::vec(step(), 0..30),
    ) {
        let mut line = CommandLine::new();
        line.open(&vocabulary);
        for step in steps {
            let outcome = match step {
                Step::Type(c) => line.handle_key(key(KeyCode::Char(c), KeyModifiers::NONE)),
                Step::Paste(text) => {
                    line.handle_paste(&text);
                    CommandLineOutcome::Continue
                }
                Step::Tab => line.handle_key(key(KeyCode::Tab, KeyModifiers::NONE)),
                Step::BackTab => line.handle_key(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
                Step::Backspace => line.handle_key(key(KeyCode::Backspace, KeyModifiers::NONE)),
                Step::Left => line.handle_key(key(KeyCode::Left, KeyModifiers::NONE)),
                Step::Up => line.handle_key(key(KeyCode::Up, KeyModifiers::NONE)),
            };
            if !matches!(outcome, CommandLineOutcome::Continue) {
                line.open(&vocabulary);
            }
            // What Tab would offer for the text as it is now, computed from arbitrary text.
            let _offered = line.completions();
        }
        // Enter runs what the parser makes of the line shown, with a stage, quality or owner
        // resolved to one the vocabulary knows; what it refuses, it says why.
        let shown = line.text().trim().to_string();
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        match line.handle_key(key(KeyCode::Enter, KeyModifiers::NONE)) {
            CommandLineOutcome::Run(command) => match (&command, parse_command(&shown)) {
                (_, Ok(parsed)) if parsed == command => {}
                (LineCommand::Stage(stage), Ok(LineCommand::Stage(typed))) => {
                    prop_assert!(vocabulary.stages().contains(stage) && same(stage, &typed));
                }
                (LineCommand::Quality(quality), Ok(LineCommand::Quality(typed))) => {
                    prop_assert!(vocabulary.qualities().contains(quality) && same(quality, &typed));
                }
                (LineCommand::Owner(email), _) => {
                    prop_assert!(vocabulary.owners().iter().any(|owner| &owner.email == email));
                }
                (command, parsed) => {
                    prop_assert!(false, "{:?} ran {:?}, parsed as {:?}", shown, command, parsed);
                }
            },
            CommandLineOutcome::Continue => {
                prop_assert!(line.error().is_some());
                if let Ok(parsed) = parse_command(&shown) {
                    prop_assert!(
                        matches!(parsed, LineCommand::Stage(_) | LineCommand::Quality(_)),
                        "{:?} parsed as {:?} but was refused",
                        shown,
                        parsed
                    );
                }
            }
            CommandLineOutcome::Cancel => prop_assert!(shown.is_empty()),
        }
    }
}
