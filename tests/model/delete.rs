//! The delete confirmation: only `D` confirms.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use genius::tui::overlays::confirm_delete::ConfirmState;
use genius::tui::overlays::confirm_delete::{ConfirmOutcome, DeleteConfirm};
use serde_json::json;

use crate::support::*;
use genius::tui::app::Command;

#[test]
fn only_a_deliberate_capital_d_confirms() {
    for k in [
        key(KeyCode::Enter),
        ch('y'),
        ch('d'),
        key(KeyCode::Esc),
        ctrl('d'),
        ch(' '),
    ] {
        let mut confirm = DeleteConfirm::new(&john());
        assert_eq!(confirm.handle_key(k), ConfirmOutcome::Cancel, "{k:?}");
    }
    let mut confirm = DeleteConfirm::new(&john());
    assert_eq!(confirm.uid(), "ABC12345");
    let alt_d = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::ALT | KeyModifiers::SHIFT);
    assert_eq!(confirm.handle_key(alt_d), ConfirmOutcome::Cancel);
    assert_eq!(confirm.handle_key(ch('D')), ConfirmOutcome::Confirmed);
}

#[test]
fn while_deleting_keys_wait_and_a_failure_lets_d_try_again() {
    let mut confirm = DeleteConfirm::new(&john());
    confirm.handle_key(ch('D'));
    confirm.set_deleting(genius::tui::model::RequestId(1));
    assert_eq!(
        confirm.handle_key(key(KeyCode::Esc)),
        ConfirmOutcome::Continue
    );
    confirm.tick();
    assert_eq!(confirm.state(), &ConfirmState::Deleting { frame: 1 });
    confirm.set_failed("your plan has no API access (Starter, Pro or Business needed)");
    assert_eq!(confirm.handle_key(ch('D')), ConfirmOutcome::Confirmed);
}

#[test]
fn delete_needs_d_twice_then_goes_back_and_forgets_the_contact() {
    let mut app = on_john();
    app.update(ch('D'));
    assert!(app.update(key(KeyCode::Enter)).is_empty(), "Enter keeps it");
    assert!(app.overlay.is_none());
    assert!(matches!(app.top(), Screen::Contact(_)));

    app.update(ch('D'));
    let (id, request) = sent(&app.update(ch('D')));
    assert_eq!(request, ApiRequest::delete("ABC12345"));
    let commands = app.update(ok(&app, id, json!({"uid": "ABC12345"})));
    assert!(
        matches!(app.top(), Screen::Home(_)),
        "back where the person came from"
    );
    assert!(app.overlay.is_none());
    assert!(app.recents.entries.iter().all(|r| r.uid != "ABC12345"));
    assert!(commands.iter().any(|c| matches!(c, Command::SaveRecents(list) if list.entries.iter().all(|r| r.uid != "ABC12345"))));
}

#[test]
fn a_refused_delete_keeps_the_contact_and_says_why() {
    let mut app = on_john();
    app.update(ch('D'));
    let (id, _) = sent(&app.update(ch('D')));
    app.update(failed(&app, id, api_error(403, "no")));
    assert!(matches!(app.top(), Screen::Contact(_)));
    let failed_state = match &app.overlay {
        Some(Overlay::ConfirmDelete(confirm)) => confirm.state().clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        failed_state,
        genius::tui::overlays::confirm_delete::ConfirmState::Failed(
            "your plan has no API access (Starter, Pro or Business needed)".into()
        )
    );
}
