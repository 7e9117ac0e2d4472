//! The modes that change every screen: privacy (emails, phones and addresses masked), ASCII (no
//! box drawing or symbols), and a read-only profile in the title.

use ratatui::layout::Size;

use crate::support::*;
use crate::*;

#[test]
fn privacy_mode_masks_emails_phones_and_addresses_on_every_screen() {
    let private = |size: Size| {
        let mut app = app_with(size, recents());
        app.privacy = true;
        app
    };
    snapshot_both("privacy_start_with_recents", private);
    let mut app = private(SMALL);
    app.update(key(KeyCode::Down));
    snapshot("privacy_recents", &app);
    snapshot_both("privacy_contact", |size| {
        let mut app = private(size);
        app.update(key(KeyCode::Down));
        app.update(key(KeyCode::Esc));
        open(&mut app, &john_doe());
        app
    });
    snapshot_both("privacy_results", |size| {
        let mut app = private(size);
        type_text(&mut app, "john@example.com");
        let id = sent_id(&app.update(key(KeyCode::Enter)));
        app.update(many(id, &[john_doe(), john_smith()]));
        app
    });
    let mut app = private(SMALL);
    open(&mut app, &john_doe());
    let screen = render(&app);
    for secret in [
        "john@example.com",
        "+15551234567",
        "123 Main St",
        "sales@yourcompany.com",
    ] {
        assert!(!screen.contains(secret), "{secret} is on screen:\n{screen}");
    }
}

#[test]
fn ascii_mode_draws_no_box_drawing_or_symbols() {
    let mut app = app_with(SMALL, recents());
    app.ascii = true;
    app.update(key(KeyCode::Down));
    snapshot("ascii_start", &app);
    let ascii = |size: Size| {
        let mut app = showing(size, &john_doe());
        app.ascii = true;
        app
    };
    snapshot_both("ascii_contact", ascii);
    snapshot_both("ascii_help", |size| {
        let mut app = ascii(size);
        app.update(ch('?'));
        app
    });
    let mut app = ascii(SMALL);
    app.update(ch('?'));
    let help = render(&app);
    app.update(key(KeyCode::Esc));
    app.update(ch('r'));
    let loading = render(&app);
    for screen in [help, loading] {
        let foreign: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
        assert!(foreign.is_empty(), "non-ASCII {foreign:?} in\n{screen}");
    }
}

/// Under `--ascii` the pickers' marks and the placeholders for control characters are ASCII
/// too: a hostile contact's ESC shows as `^[`, the picker's current value as `*`.
#[test]
fn ascii_mode_has_ascii_forms_for_marks_and_control_pictures() {
    let mut app = showing(SMALL, &hostile());
    app.ascii = true;
    let contact = render(&app);
    assert!(contact.contains("^["), "{contact}");
    let mut app = showing(SMALL, &john_doe());
    app.ascii = true;
    app.update(ch('s'));
    let picker = render(&app);
    for screen in [contact, picker] {
        let foreign: Vec<char> = screen.chars().filter(|c| !c.is_ascii()).collect();
        assert!(foreign.is_empty(), "non-ASCII {foreign:?} in\n{screen}");
    }
}

#[test]
fn read_only_profile_in_the_title() {
    let mut app = app_with(SMALL, recents());
    app.account.read_only = true;
    app.account.profile = Some("prod".into());
    app.account.label = "prod · contact-api.8mgenius.com.br".into();
    snapshot("read_only_title", &app);
}
