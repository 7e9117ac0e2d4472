//! What the configuration and the data directory add: rebound keys, the contact cache, the log path in help.

use genius::api::Identifier;
use genius::tui::app::command::Command;
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn only_a_shown_contact_asks_for_the_minute_redraw_and_it_changes_nothing() {
    let mut app = app();
    assert!(
        !app.shows_live_times(),
        "the start screen has no live times"
    );
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    assert!(!app.shows_live_times(), "still loading");
    app.update(one(id, &john_doe()));
    assert!(app.shows_live_times(), "a contact shows its local time");
    let before = render(&app);
    assert_eq!(
        app.update(genius::tui::app::msg::Msg::ClockTick),
        Vec::<Command>::new()
    );
    assert_eq!(render(&app), before);
    app.update(key(KeyCode::Esc));
    assert!(!app.shows_live_times(), "back on the start screen");
}

#[test]
fn an_owner_email_that_does_not_fit_the_badge_row_is_left_out_not_cut() {
    let mut contact = john_doe();
    contact.stage_name = Some("Negotiation".into());
    contact.owner_email = Some("priya.patel@yourcompany.com".into());
    contact.owner_name = Some("Priya Patel".into());
    let mut app = app();
    let id = look_up(&mut app, "ABC12345", Identifier::Uid("ABC12345".into()));
    app.update(one(id, &contact));
    let screen = render(&app);
    let badge_row = screen
        .lines()
        .find(|l| l.contains("Stage"))
        .unwrap_or_default();
    assert!(badge_row.contains("Priya Patel"), "{badge_row}");
    assert!(
        !badge_row.contains("priya.patel@"),
        "a cut email: {badge_row}"
    );
    resize(&mut app, ratatui::layout::Size::new(160, 48));
    let wide = render(&app);
    let badge_row = wide
        .lines()
        .find(|l| l.contains("Stage"))
        .unwrap_or_default();
    assert!(
        badge_row.contains("priya.patel@yourcompany.com"),
        "{badge_row}"
    );
}
