//! The overlays over a contact that take a key: the copy menu, the export prompt, the profile
//! switcher.

use genius::tui::model::profiles::ProfileEntry;

use crate::support::*;
use crate::*;

#[test]
fn profile_switcher() {
    let mut app = app_with(SMALL, recents());
    app.account.profile = Some("test".into());
    app.account.label = "test · 127.0.0.1".into();
    app.account.profiles = vec![
        ProfileEntry {
            name: "prod".into(),
            base_url: "https://contact-api.8mgenius.com.br".into(),
            read_only: true,
        },
        ProfileEntry {
            name: "test".into(),
            base_url: "http://127.0.0.1:8080".into(),
            read_only: false,
        },
    ];
    app.update(key(KeyCode::Down));
    app.update(ch('P'));
    app.update(ch('k'));
    snapshot_resized("profile_switcher", &mut app);
}

#[test]
fn copy_menu_and_export_prompt() {
    let mut app = app();
    app.export_dir = "/home/ana".into();
    open(&mut app, &john_doe());
    app.update(ch('y'));
    snapshot_resized("copy_menu", &mut app);
    app.update(ch('e'));
    snapshot("copied_email", &app);
    app.update(ch('x'));
    snapshot_resized("export_prompt", &mut app);
}
