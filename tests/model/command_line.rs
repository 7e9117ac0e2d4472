//! The `:` command line: parsing, errors that say what is accepted, completion, history.

use crossterm::event::KeyCode;
use genius::api::Identifier;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::overlays::command_line::parse_command;
use genius::tui::overlays::command_line::{CommandLine, CommandLineOutcome, LineCommand};

use crate::support::*;

fn vocabulary() -> Vocabulary {
    Vocabulary::configured(
        ["New Lead", "Qualified", "Proposal"].map(String::from),
        ["High", "Medium", "Low"].map(String::from),
        [Owner {
            email: "sales@yourcompany.com".into(),
            name: Some("Jane Smith".into()),
        }],
        ["Hot Lead", "VIP Customer", "Website"].map(String::from),
    )
}

fn opened() -> CommandLine {
    let mut line = CommandLine::new();
    line.open(&vocabulary());
    line
}

fn type_line(line: &mut CommandLine, text: &str) {
    for k in typing(text) {
        line.handle_key(k);
    }
}

fn error_of(text: &str) -> String {
    match parse_command(text) {
        Err(e) => e.to_string(),
        Ok(command) => panic!("{text} parsed as {command:?}"),
    }
}

#[test]
fn every_command_of_the_issue_parses() {
    let cases = [
        (":stage Qualified", LineCommand::Stage("Qualified".into())),
        ("stage   New Lead  ", LineCommand::Stage("New Lead".into())),
        (":quality High", LineCommand::Quality("High".into())),
        (
            ":owner sales@yourcompany.com",
            LineCommand::Owner("sales@yourcompany.com".into()),
        ),
        (
            ":tag VIP Customer",
            LineCommand::Tag(vec!["VIP Customer".into()]),
        ),
        (
            ":tag VIP Customer, Hot Lead,",
            LineCommand::Tag(vec!["VIP Customer".into(), "Hot Lead".into()]),
        ),
        (
            ":note Called, sending prices",
            LineCommand::Note("Called, sending prices".into()),
        ),
        (
            ":open ABC12345",
            LineCommand::Open(Identifier::Uid("ABC12345".into())),
        ),
        (
            ":open john@example.com",
            LineCommand::Open(Identifier::Email("john@example.com".into())),
        ),
        (
            ":open +1 555 123 4567",
            LineCommand::Open(Identifier::Phone("+1 555 123 4567".into())),
        ),
        (":new", LineCommand::New),
        (":edit", LineCommand::Edit),
        (":delete", LineCommand::Delete),
        (":refresh", LineCommand::Refresh),
        (":help", LineCommand::Help),
        (":q", LineCommand::Quit),
        (":quit", LineCommand::Quit),
        (":ref", LineCommand::Refresh),
        (":STAGE Won", LineCommand::Stage("Won".into())),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_command(text), Ok(expected), "{text}");
    }
}

#[test]
fn bad_lines_say_what_is_accepted() {
    assert_eq!(
        error_of(":foo"),
        "unknown command 'foo': try stage, quality, owner, tag, note, open, new, edit, delete, refresh, help, work or q"
    );
    assert_eq!(
        error_of(":"),
        "type a command, e.g. :stage Qualified (Tab completes)"
    );
    assert_eq!(
        error_of(":stage"),
        ":stage needs a stage name, e.g. :stage Qualified"
    );
    assert_eq!(
        error_of(":tag , ,"),
        ":tag needs one or more tags, e.g. :tag VIP Customer, Hot Lead"
    );
    assert_eq!(error_of(":refresh now"), ":refresh takes no argument");
    assert_eq!(
        parse_command(":qu High"),
        Ok(LineCommand::Quality("High".into()))
    );
    assert_eq!(error_of(":n"), "'n' could be note or new");
    assert!(error_of(":owner Jane").starts_with(":owner needs an email (an email needs an @)"));
    assert!(error_of(":open ???").starts_with(":open: not a uid, email or phone"));
}

#[test]
fn enter_runs_a_good_line_and_keeps_a_bad_one_for_fixing() {
    let mut line = opened();
    type_line(&mut line, "stage Qualifed");
    line.handle_key(ctrl('w'));
    type_line(&mut line, "Qualified");
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Run(LineCommand::Stage("Qualified".into()))
    );

    let mut line = opened();
    type_line(&mut line, "stgae Won");
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Continue
    );
    assert!(
        line.error()
            .is_some_and(|e| e.starts_with("unknown command 'stgae'"))
    );
    assert_eq!(line.text(), "stgae Won");
    line.handle_key(ch(' '));
    assert_eq!(line.error(), None, "typing clears the error");
}

#[test]
fn esc_enter_on_empty_and_backspace_on_empty_close_it() {
    let mut line = opened();
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Cancel
    );
    assert_eq!(
        line.handle_key(key(KeyCode::Backspace)),
        CommandLineOutcome::Cancel
    );
    type_line(&mut line, "sta");
    assert_eq!(
        line.handle_key(key(KeyCode::Esc)),
        CommandLineOutcome::Cancel
    );
}

#[test]
fn tab_completes_command_names_then_values() {
    let mut line = opened();
    assert_eq!(
        line.completions().len(),
        13,
        "an empty line lists every command"
    );
    type_line(&mut line, "st");
    assert_eq!(line.completions(), ["stage"]);
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(
        line.text(),
        "stage ",
        "a finished name steps to its argument"
    );
    assert_eq!(line.completions(), ["New Lead", "Qualified", "Proposal"]);
    type_line(&mut line, "q");
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "stage Qualified");
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Run(LineCommand::Stage("Qualified".into()))
    );
}

#[test]
fn tab_and_shift_tab_cycle_through_several_completions() {
    let mut line = opened();
    type_line(&mut line, "quality ");
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "quality High");
    assert_eq!(line.completion_index(), Some(0));
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "quality Medium");
    line.handle_key(back_tab());
    line.handle_key(back_tab());
    assert_eq!(line.text(), "quality Low");
    line.handle_key(ch('!'));
    assert_eq!(line.completion_index(), None);
}

#[test]
fn owner_and_tag_values_complete_each_tag_after_a_comma() {
    let mut line = opened();
    type_line(&mut line, "owner sa");
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "owner sales@yourcompany.com");

    let mut line = opened();
    type_line(&mut line, "tag Hot Lead, vi");
    assert_eq!(line.completions(), ["VIP Customer"]);
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "tag Hot Lead, VIP Customer");
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Run(LineCommand::Tag(vec![
            "Hot Lead".into(),
            "VIP Customer".into()
        ]))
    );

    let mut line = opened();
    type_line(&mut line, "note Cal");
    assert!(
        line.completions().is_empty(),
        "free text has no completions"
    );
    line.handle_key(key(KeyCode::Tab));
    assert_eq!(line.text(), "note Cal");
}

#[test]
fn up_and_down_walk_the_history_and_restore_what_was_being_typed() {
    let mut line = opened();
    type_line(&mut line, "stage Qualified");
    line.handle_key(key(KeyCode::Enter));
    line.open(&vocabulary());
    type_line(&mut line, "bogus");
    line.handle_key(key(KeyCode::Enter));
    line.open(&vocabulary());
    type_line(&mut line, "quality High");
    line.handle_key(key(KeyCode::Enter));
    assert_eq!(line.history(), ["stage Qualified", "bogus", "quality High"]);

    line.open(&vocabulary());
    type_line(&mut line, "half");
    line.handle_key(key(KeyCode::Up));
    assert_eq!(line.text(), "quality High");
    line.handle_key(key(KeyCode::Up));
    line.handle_key(key(KeyCode::Up));
    line.handle_key(key(KeyCode::Up));
    assert_eq!(line.text(), "stage Qualified", "the oldest entry stays");
    line.handle_key(key(KeyCode::Down));
    assert_eq!(line.text(), "bogus");
    line.handle_key(ctrl('n'));
    line.handle_key(key(KeyCode::Down));
    assert_eq!(line.text(), "half");
    line.handle_key(key(KeyCode::Down));
    assert_eq!(line.text(), "half");
}

#[test]
fn repeating_a_line_does_not_repeat_it_in_history_and_paste_types() {
    let mut line = opened();
    for _ in 0..2 {
        line.open(&vocabulary());
        line.handle_paste(":refresh\n");
        assert_eq!(
            line.handle_key(key(KeyCode::Enter)),
            CommandLineOutcome::Run(LineCommand::Refresh)
        );
    }
    assert_eq!(line.history(), [":refresh"]);
}

mod properties {
    use genius::tui::model::vocabulary::Vocabulary;
    use genius::tui::overlays::command_line::parse_command;
    use genius::tui::overlays::command_line::{CommandLine, LineCommand};
    use proptest::prelude::*;

    use crate::support::*;

    proptest! {
        #[test]
        fn parsing_never_panics(line in "\\PC{0,60}") {
            let _ = parse_command(&line);
        }

        #[test]
        fn a_stage_name_comes_back_exactly_trimmed(name in "[A-Za-zÀ-ú0-9][A-Za-zÀ-ú0-9 /&-]{0,30}") {
            let parsed = parse_command(&format!(":stage {name}  "));
            prop_assert_eq!(parsed, Ok(LineCommand::Stage(name.trim().to_string())));
        }

        #[test]
        fn tags_split_on_commas_and_never_come_back_empty(tags in proptest::collection::vec("[A-Za-z0-9 ]{0,12}", 1..5)) {
            match parse_command(&format!("tag {}", tags.join(","))) {
                Ok(LineCommand::Tag(parsed)) => {
                    prop_assert!(parsed.iter().all(|t| !t.is_empty() && t.trim() == t));
                    let expected: Vec<String> = tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
                    prop_assert_eq!(parsed, expected);
                }
                Err(_) => prop_assert!(tags.iter().all(|t| t.trim().is_empty())),
                Ok(other) => prop_assert!(false, "parsed as {:?}", other),
            }
        }

        #[test]
        fn any_keys_leave_the_line_usable(text in "\\PC{0,30}", tabs in 0usize..4) {
            let mut line = CommandLine::new();
            line.open(&Vocabulary::new());
            for c in text.chars() {
                line.handle_key(ch(c));
            }
            for _ in 0..tabs {
                line.handle_key(key(crossterm::event::KeyCode::Tab));
            }
            line.handle_key(key(crossterm::event::KeyCode::Up));
            line.handle_key(key(crossterm::event::KeyCode::Down));
            let _ = line.completions();
        }
    }
}

#[test]
fn the_command_line_runs_commands_on_the_contact_shown() {
    let mut app = on_john();
    app.update(ch(':'));
    type_in(&mut app, "stage Qualified");
    let (_, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::change_stage(&Identifier::Uid("ABC12345".into()), "Qualified")
    );
    assert!(app.overlay.is_none());

    app.update(ch(':'));
    type_in(&mut app, "note Called, sending prices");
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(request.operation, Operation::AddNote);
    // A failed :note opens the editor with its text, so nothing is lost.
    app.update(failed(&app, id, api_error(500, "boom")));
    assert_eq!(note_text(&app), "Called, sending prices");
    app.update(key(KeyCode::Esc));
    app.update(ch('y'));

    app.update(ch(':'));
    type_in(&mut app, "bogus");
    assert!(app.update(key(KeyCode::Enter)).is_empty());
    assert!(matches!(&app.overlay, Some(Overlay::CommandLine(line))
            if line.error().is_some_and(|e| e.starts_with("unknown command"))));
    assert_eq!(app.update(key(KeyCode::Esc)), [], "Esc closes the line");
    assert!(app.overlay.is_none());
    app.update(ch(':'));
    type_in(&mut app, "open XYZ67890");
    let (_, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("XYZ67890".into()))
    );
}

fn team() -> Vocabulary {
    let owner = |email: &str, name: &str| Owner {
        email: email.into(),
        name: Some(name.into()),
    };
    Vocabulary::configured(
        ["New Lead", "Qualified", "Lost"].map(String::from),
        ["High", "Low"].map(String::from),
        [
            owner("sales@yourcompany.com", "Jane Smith"),
            owner("ana.ribeiro@yourcompany.com", "Ana Ribeiro"),
            owner("anabela@yourcompany.com", "Anabela Costa"),
        ],
        Vec::<String>::new(),
    )
}

fn entered(vocabulary: &Vocabulary, text: &str) -> CommandLineOutcome {
    let mut line = CommandLine::new();
    line.open(vocabulary);
    type_line(&mut line, text);
    line.handle_key(key(KeyCode::Enter))
}

fn refused(vocabulary: &Vocabulary, text: &str) -> String {
    let mut line = CommandLine::new();
    line.open(vocabulary);
    type_line(&mut line, text);
    assert_eq!(
        line.handle_key(key(KeyCode::Enter)),
        CommandLineOutcome::Continue,
        "{text}"
    );
    line.error().unwrap_or_default().to_string()
}

#[test]
fn owner_by_name_resolves_to_the_one_team_member_so_called() {
    let team = team();
    assert_eq!(
        entered(&team, "owner ana ribeiro"),
        CommandLineOutcome::Run(LineCommand::Owner("ana.ribeiro@yourcompany.com".into()))
    );
    assert_eq!(
        entered(&team, "owner jane"),
        CommandLineOutcome::Run(LineCommand::Owner("sales@yourcompany.com".into()))
    );
    assert_eq!(
        refused(&team, "owner ana"),
        ":owner: 'ana' could be Ana Ribeiro (ana.ribeiro@yourcompany.com) or Anabela Costa (anabela@yourcompany.com)"
    );
    assert!(refused(&team, "owner zé").contains("no team member called 'zé'"));
    // An email is taken as typed (the server judges one it does not know).
    assert_eq!(
        entered(&team, "owner new.hire@yourcompany.com"),
        CommandLineOutcome::Run(LineCommand::Owner("new.hire@yourcompany.com".into()))
    );
}

#[test]
fn a_stage_is_checked_against_the_known_ones_and_sent_as_the_account_spells_it() {
    let team = team();
    assert_eq!(
        entered(&team, "stage qualified"),
        CommandLineOutcome::Run(LineCommand::Stage("Qualified".into()))
    );
    assert_eq!(
        refused(&team, "stage Qualifed"),
        "no stage 'Qualifed': it is one of New Lead, Qualified, Lost (Tab completes)"
    );
    assert!(refused(&team, "quality Hgh").starts_with("no quality 'Hgh'"));
    let mut line = CommandLine::new();
    line.open(&team);
    type_line(&mut line, "stage l");
    assert_eq!(line.completions().first().map(String::as_str), Some("Lost"));
    // Nothing configured (only stages seen on contacts): the server judges.
    let mut seen = Vocabulary::new();
    seen.learn_contact(&john_doe());
    assert_eq!(
        entered(&seen, "stage Anything"),
        CommandLineOutcome::Run(LineCommand::Stage("Anything".into()))
    );
    assert_eq!(
        entered(&seen, "stage new lead"),
        CommandLineOutcome::Run(LineCommand::Stage("New Lead".into()))
    );
}

#[test]
fn open_completes_from_the_recent_and_cached_contacts() {
    let mut app = on_john();
    let cached = genius::api::Contact {
        uid: "CACHED01".into(),
        first_name: Some("Zeca".into()),
        last_name: Some("Pagodinho".into()),
        ..Default::default()
    };
    app.cache
        .insert(genius::cache::CachedContact::new(cached, clock().now));
    app.update(ch(':'));
    type_in(&mut app, "open ");
    let Some(genius::tui::app::Overlay::CommandLine(line)) = &app.overlay else {
        panic!("the command line is open");
    };
    let all = line.completions();
    assert!(all.contains(&"ABC12345".to_string()), "{all:?}");
    assert!(all.contains(&"CACHED01".to_string()), "{all:?}");
    assert_eq!(line.completion_label("ABC12345"), "ABC12345 John Doe");
    type_in(&mut app, "zeca");
    app.update(key(KeyCode::Tab));
    let Some(genius::tui::app::Overlay::CommandLine(line)) = &app.overlay else {
        panic!("the command line is open");
    };
    assert_eq!(line.text(), "open CACHED01");
}
