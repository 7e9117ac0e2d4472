//! The `:` line drawn alone: empty, completing, cycling, and with an error.

use super::*;

fn opened() -> CommandLine {
    let mut line = CommandLine::new();
    line.open(&vocabulary());
    line
}

#[test]
fn command_line_lists_commands_then_completes() {
    let line = opened();
    insta::assert_snapshot!(
        "command_line_empty@80x24",
        screen(SMALL, |a, b, t| line.render(a, b, t))
    );
    let mut line = opened();
    type_into(|k| drop(line.handle_key(k)), "stage ");
    line.handle_key(key(KeyCode::Tab));
    line.handle_key(key(KeyCode::Tab));
    insta::assert_snapshot!(
        "command_line_cycling@80x24",
        screen(SMALL, |a, b, t| line.render(a, b, t))
    );
    let mut line = opened();
    type_into(|k| drop(line.handle_key(k)), "tag Hot Lead, v");
    insta::assert_snapshot!(
        "command_line_tag_values@80x24",
        screen(SMALL, |a, b, t| line.render(a, b, t))
    );
}

#[test]
fn command_line_error() {
    let mut line = opened();
    type_into(|k| drop(line.handle_key(k)), "stgae Won");
    line.handle_key(key(KeyCode::Enter));
    insta::assert_snapshot!(
        "command_line_error@80x24",
        screen(SMALL, |a, b, t| line.render(a, b, t))
    );
}
