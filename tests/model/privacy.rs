//! Privacy mode: `p` toggles it, and emails, phones and addresses are masked on every screen —
//! the results table and its heading, and a contact titled by its email.

use ratatui::crossterm::event::KeyCode;

use crate::support::*;

#[test]
fn privacy_mode_toggles_with_p_and_masks_every_screen() {
    let mut app = app_with(SMALL, recents());
    app.update(key(KeyCode::Down));
    assert!(render(&app).contains("john@example.com"));
    app.update(ch('p'));
    assert!(app.privacy);
    let home = render(&app);
    assert!(!home.contains("john@example.com"), "{home}");
    assert!(home.contains("j•••@e••••••.com"), "{home}");
    assert!(home.contains("PRIVATE"), "{home}");

    app.update(key(KeyCode::Esc));
    open(&mut app, &john_doe());
    let detail = render(&app);
    for hidden in ["john@example.com", "+15551234567", "123 Main St", "10001"] {
        assert!(!detail.contains(hidden), "{hidden} shown in\n{detail}");
    }
    assert!(detail.contains("+•••••••••67"), "{detail}");
    assert!(detail.contains("John Doe"), "names stay: {detail}");

    app.update(ch('p'));
    assert!(!app.privacy);
    assert!(render(&app).contains("john@example.com"));
}

#[test]
fn privacy_masks_the_results_table_and_its_heading() {
    let mut app = app();
    app.privacy = true;
    type_text(&mut app, "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(many(id, &[john_doe(), john_smith()]));
    let screen = render(&app);
    assert!(!screen.contains("john@example.com"), "{screen}");
    assert!(!screen.contains("+15559876543"), "{screen}");
    assert!(screen.contains("John Smith"), "{screen}");
}

#[test]
fn a_contact_titled_by_its_email_is_masked_in_the_title_too() {
    let mut app = app();
    app.privacy = true;
    open(&mut app, &sparse());
    let screen = render(&app);
    assert!(!screen.contains("lead@unknown.example"), "{screen}");
}

#[test]
fn privacy_masks_emails_and_phones_written_in_the_notes() {
    let mut app = app_with(SMALL, recents());
    let mut contact = john_doe();
    contact.notes = Some(
        "2025-01-01 10:00 Asked to write to maria.souza@example.com.br instead\n\n\
2025-01-02 11:00 Call back on +55 11 98765-4321 or 5551234567 after 2025-01-09"
            .into(),
    );
    open(&mut app, &contact);
    let plain = render(&app);
    assert!(plain.contains("maria.souza@example.com.br"), "{plain}");
    assert!(plain.contains("5551234567"), "{plain}");
    app.update(ch('p'));
    let masked = render(&app);
    for hidden in ["maria.souza@example.com.br", "5551234567", "98765-4321"] {
        assert!(!masked.contains(hidden), "{hidden} shown in\n{masked}");
    }
    assert!(masked.contains("Asked to write to m"), "{masked}");
    assert!(
        masked.contains("2025-01-09"),
        "dates are not phones: {masked}"
    );
    assert!(
        app.screens.iter().any(|screen| matches!(screen,
            Screen::Contact(c) if c.contact.notes.as_deref().is_some_and(|n| n.contains("5551234567")))),
        "the model keeps the real notes"
    );
}
