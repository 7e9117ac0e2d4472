//! The whole app at 80×24 — title line, the lead-working screen or overlay, status bar — driven
//! through `App::update` as a person would.
use genius::tui::app::App;
use genius::tui::model::drafts::{Draft, DraftContent, DraftKey};

use crate::support::*;

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.update(ch(c));
    }
}

#[test]
fn edit_form_in_the_app() {
    let mut app = on_john();
    press(&mut app, "e");
    insta::assert_snapshot!("app_edit@80x24", render(&app));
}

#[test]
fn stage_picker_over_the_contact() {
    let mut app = on_john();
    press(&mut app, "s");
    insta::assert_snapshot!("app_stage_picker@80x24", render(&app));
}

#[test]
fn command_line_over_the_contact() {
    let mut app = on_john();
    press(&mut app, ":st");
    insta::assert_snapshot!("app_command_line@80x24", render(&app));
}

#[test]
fn delete_confirmation_over_the_contact() {
    let mut app = on_john();
    press(&mut app, "D");
    insta::assert_snapshot!("app_delete@80x24", render(&app));
}

#[test]
fn note_editor_saving_in_the_app() {
    let mut app = on_john();
    press(&mut app, "n");
    press(&mut app, "Called, sending prices.");
    app.update(ctrl('s'));
    insta::assert_snapshot!("app_note_sending@80x24", render(&app));
}

#[test]
fn drafts_offered_on_start() {
    let mut app = app_with(SMALL, recents());
    app.drafts.list = vec![
        Draft {
            key: DraftKey::note(None, "ABC12345"),
            content: DraftContent::Note {
                text: "Called, he wants the premium plan.\nSend prices.".into(),
            },
            contact_name: Some("John Doe".into()),
            saved_at: Some(clock().now - chrono::Duration::minutes(42)),
            may_have_been_saved: false,
        },
        Draft {
            key: DraftKey::create(None),
            content: DraftContent::Form {
                fields: [("firstName".to_string(), "Ana".to_string())].into(),
            },
            contact_name: None,
            saved_at: Some(clock().now - chrono::Duration::days(2)),
            may_have_been_saved: false,
        },
    ];
    app.overlay = Some(genius::tui::app::Overlay::Drafts(
        genius::tui::overlays::drafts::DraftsOverlay::default(),
    ));
    insta::assert_snapshot!("app_drafts_offer@80x24", render(&app));
}
