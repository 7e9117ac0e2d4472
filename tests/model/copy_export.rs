//! Copying and exporting from the contact view: `y` then a letter and `Y` emit the exact OSC 52
//! bytes (wrapped for tmux), too-big texts are refused with the reason; `x` opens the export
//! prompt whose Enter emits the file's exact contents, and an existing file needs a second Enter.

use std::path::PathBuf;

use base64::Engine;
use genius::clipboard::Multiplexer;
use genius::export::{ExportFormat, export};
use genius::tui::app::command::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{Notice, Overlay};
use ratatui::crossterm::event::KeyCode;

use crate::support::*;

fn osc52(text: &str) -> Vec<u8> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07").into_bytes()
}

#[test]
fn y_then_a_letter_copies_that_field_as_exact_osc52_bytes() {
    let mut app = app();
    open(&mut app, &john_doe());
    assert!(app.update(ch('y')).is_empty());
    let menu = render(&app);
    assert!(
        menu.contains("e  email") && menu.contains("u  uid"),
        "{menu}"
    );
    for (letter, what, value) in [
        ('e', "email", "john@example.com"),
        ('p', "phone", "+15551234567"),
        ('u', "uid", "ABC12345"),
        ('n', "name", "John Doe"),
        ('a', "address", "123 Main St\nNew York, NY 10001"),
    ] {
        app.update(ch('y'));
        let commands = app.update(ch(letter));
        assert_eq!(
            commands,
            vec![Command::WriteToTerminal {
                bytes: osc52(value)
            }],
            "{what}"
        );
        assert_eq!(
            app.notice,
            Some(Notice::Info(format!(
                "sent {what} to the terminal's clipboard"
            )))
        );
        assert!(app.overlay.is_none());
    }
}

#[test]
fn inside_tmux_the_sequence_is_wrapped_for_passthrough() {
    let mut app = app();
    app.clipboard = Multiplexer::Tmux;
    open(&mut app, &john_doe());
    app.update(ch('y'));
    let commands = app.update(ch('u'));
    assert_eq!(
        commands,
        vec![Command::WriteToTerminal {
            bytes: b"\x1bPtmux;\x1b\x1b]52;c;QUJDMTIzNDU=\x07\x1b\\".to_vec()
        }]
    );
}

#[test]
fn shift_y_copies_the_whole_contact_and_a_huge_one_is_refused() {
    let mut app = app();
    open(&mut app, &john_doe());
    let commands = app.update(ch('Y'));
    let text = genius::tui::model::contact_text::as_text(&top_contact(&app).contact);
    assert!(
        text.starts_with("John Doe\nBusiness: Acme Corp\nEmail: john@example.com\n"),
        "{text}"
    );
    assert!(text.contains("uid: ABC12345"), "{text}");
    assert_eq!(
        commands,
        vec![Command::WriteToTerminal {
            bytes: osc52(&text)
        }]
    );

    let mut huge = john_doe();
    huge.uid = "HUGE0001".into();
    huge.address = Some("x".repeat(80_000));
    let mut app = crate::support::app();
    open(&mut app, &huge);
    assert!(app.update(ch('Y')).is_empty());
    assert!(
        matches!(&app.notice, Some(Notice::Error(text)) if text.contains("too long to copy")),
        "{:?}",
        app.notice
    );
}

#[test]
fn an_unknown_letter_keeps_the_menu_and_esc_copies_nothing() {
    let mut app = app();
    open(&mut app, &john_doe());
    app.update(ch('y'));
    assert!(app.update(ch('z')).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::CopyMenu(_))));
    assert!(app.update(key(KeyCode::Esc)).is_empty());
    assert!(app.overlay.is_none());
}

#[test]
fn x_exports_vcard_3_by_default_and_tab_changes_the_format() {
    let mut app = app();
    app.export_dir = PathBuf::from("/home/ana/exports");
    open(&mut app, &john_doe());
    app.update(ch('x'));
    let prompt = render(&app);
    assert!(
        prompt.contains("/home/ana/exports/john-doe-ABC12345.vcf"),
        "{prompt}"
    );
    let contact = top_contact(&app).contact.clone();
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::Export {
            path: PathBuf::from("/home/ana/exports/john-doe-ABC12345.vcf"),
            contents: export(std::slice::from_ref(&contact), ExportFormat::VCard3).expect("vCard"),
            replace: false,
        }]
    );
    assert!(app.overlay.is_none());

    app.update(ch('x'));
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::Export {
            path: PathBuf::from("/home/ana/exports/john-doe-ABC12345.json"),
            contents: export(std::slice::from_ref(&contact), ExportFormat::Json).expect("JSON"),
            replace: false,
        }]
    );
    app.update(Msg::Exported {
        path: PathBuf::from("/home/ana/exports/john-doe-ABC12345.json"),
    });
    assert_eq!(
        app.notice,
        Some(Notice::Info(
            "exported to /home/ana/exports/john-doe-ABC12345.json".into()
        ))
    );
}

#[test]
fn a_typed_name_is_kept_and_an_existing_file_needs_a_second_enter() {
    let mut app = app();
    app.export_dir = PathBuf::from("/tmp/out");
    open(&mut app, &john_doe());
    app.update(ch('x'));
    app.update(ctrl('u'));
    type_text(&mut app, "john.vcf");
    app.update(key(KeyCode::Tab));
    let commands = app.update(key(KeyCode::Enter));
    let Some(Command::Export {
        path,
        contents,
        replace,
    }) = commands.first().cloned()
    else {
        panic!("no export in {commands:?}");
    };
    assert_eq!(path, PathBuf::from("/tmp/out/john.vcf"));
    assert!(contents.contains("VERSION:4.0"), "{contents}");
    assert!(!replace);

    app.update(Msg::ExportExists {
        path: path.clone(),
        contents: contents.clone(),
    });
    assert!(render(&app).contains("exists already"));
    let commands = app.update(key(KeyCode::Enter));
    assert_eq!(
        commands,
        vec![Command::Export {
            path,
            contents,
            replace: true
        }]
    );
}

#[test]
fn a_pasted_file_name_goes_into_the_export_prompt() {
    let mut app = app();
    app.export_dir = PathBuf::from("/tmp/out");
    open(&mut app, &john_doe());
    app.update(ch('x'));
    app.update(ctrl('u'));
    app.update(Msg::Paste(" /home/ana/Desktop/john.vcf ".into()));
    let commands = app.update(key(KeyCode::Enter));
    assert!(
        matches!(
            commands.first(),
            Some(Command::Export { path, .. })
                if path == &PathBuf::from("/home/ana/Desktop/john.vcf")
        ),
        "{commands:?}"
    );
    assert!(
        matches!(app.top(), genius::tui::app::Screen::Contact(_)),
        "the paste did not start a lookup"
    );
}

#[test]
fn in_privacy_mode_the_menu_is_masked_but_the_real_value_is_copied() {
    let mut app = app();
    app.privacy = true;
    open(&mut app, &john_doe());
    app.update(ch('y'));
    let menu = render(&app);
    assert!(!menu.contains("john@example.com"), "{menu}");
    assert!(menu.contains("j•••@e••••••.com"), "{menu}");
    let commands = app.update(ch('e'));
    assert_eq!(
        commands,
        vec![Command::WriteToTerminal {
            bytes: osc52("john@example.com")
        }]
    );
    assert!(!render(&app).contains("john@example.com"));
}

#[test]
fn inside_tmux_the_route_its_settings_allow_is_taken_and_said() {
    let mut app = app();
    app.clipboard = Multiplexer::TmuxClipboard;
    open(&mut app, &john_doe());
    app.update(ch('y'));
    assert_eq!(
        app.update(ch('u')),
        vec![Command::WriteToTerminal {
            bytes: b"\x1b]52;c;QUJDMTIzNDU=\x07".to_vec()
        }],
        "set-clipboard on: plain OSC 52, which tmux forwards"
    );
    app.clipboard = Multiplexer::TmuxClosed;
    app.update(ch('y'));
    assert_eq!(app.update(ch('u')), Vec::new(), "nothing tmux would drop");
    assert!(
        error_notice(&app).contains("set -g set-clipboard on"),
        "{:?}",
        app.notice
    );
}
