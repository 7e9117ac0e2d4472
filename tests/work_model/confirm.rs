//! The delete confirmation: only `D` confirms.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use genius::tui::overlays::confirm_delete::ConfirmState;
use genius::tui::overlays::confirm_delete::{ConfirmOutcome, DeleteConfirm};

use crate::fixtures::{ch, ctrl, john, key};
use crate::support::Drive;

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
