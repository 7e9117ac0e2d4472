//! Terminal comforts: OSC 52 bytes outside and inside tmux and screen, the size cap; theme files
//! (all built-ins load and style every role, bad roles and colours are located, NO_COLOR gives no
//! colour); key strings and the `[keys]` validator.

use std::collections::BTreeMap;
use std::path::Path;

use crossterm::event::{KeyCode, KeyModifiers};
use genius::clipboard::{ClipboardError, MAX_BASE64_LEN, Multiplexer, osc52_sequence};
use genius::config::file::KeySpec;
use genius::config::keys::KeyParseError;
use genius::config::{KeyBinding, KeyConfigError, validate_keys};
use genius::tui::theme::Theme;
use genius::tui::theme::{BUILT_IN_THEMES, ROLES, load_theme, parse_theme, resolve_theme};
use ratatui::style::{Color, Modifier};

#[test]
fn osc52_outside_any_multiplexer() {
    let bytes = osc52_sequence("+55 11 91234-5678", Multiplexer::None).unwrap();
    assert_eq!(bytes, b"\x1b]52;c;KzU1IDExIDkxMjM0LTU2Nzg=\x07");
}

#[test]
fn osc52_inside_tmux_is_wrapped_with_escs_doubled() {
    let bytes = osc52_sequence("hi", Multiplexer::Tmux).unwrap();
    assert_eq!(bytes, b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
}

#[test]
fn osc52_inside_screen_uses_its_dcs() {
    let bytes = osc52_sequence("hi", Multiplexer::Screen).unwrap();
    assert_eq!(bytes, b"\x1bP\x1b]52;c;aGk=\x07\x1b\\");
}

#[test]
fn the_multiplexer_is_detected_from_tmux_then_term() {
    assert_eq!(
        Multiplexer::detect(Some("/tmp/tmux-1000/default,1,0"), Some("screen-256color")),
        Multiplexer::Tmux
    );
    assert_eq!(
        Multiplexer::detect(None, Some("screen-256color")),
        Multiplexer::Screen
    );
    assert_eq!(
        Multiplexer::detect(Some(""), Some("xterm-256color")),
        Multiplexer::None
    );
    assert_eq!(Multiplexer::detect(None, None), Multiplexer::None);
}

#[test]
fn osc52_refuses_more_than_the_cap() {
    // 3 bytes of text become 4 of base64: the largest text that fits, and one byte more.
    let fits = "a".repeat(MAX_BASE64_LEN / 4 * 3);
    assert!(osc52_sequence(&fits, Multiplexer::None).is_ok());
    let too_long = "a".repeat(MAX_BASE64_LEN / 4 * 3 + 1);
    let error = osc52_sequence(&too_long, Multiplexer::Tmux).unwrap_err();
    assert!(matches!(error, ClipboardError::TooLarge { encoded } if encoded > MAX_BASE64_LEN));
    assert!(error.to_string().contains("too long to copy"), "{error}");
}

#[test]
fn every_built_in_theme_loads_and_styles_every_role() {
    for (name, source) in BUILT_IN_THEMES {
        let table: toml::Table = toml::from_str(source).unwrap();
        for role in ROLES {
            assert!(
                table.contains_key(role),
                "theme {name} does not style {role}"
            );
        }
        let theme = load_theme(name, Path::new("/nonexistent")).unwrap();
        assert_eq!(theme.name, name);
    }
}

#[test]
fn the_built_in_files_match_the_code_defaults() {
    let nowhere = Path::new("/nonexistent");
    assert_eq!(load_theme("default", nowhere).unwrap(), Theme::default_16());
    assert_eq!(
        load_theme("monochrome", nowhere).unwrap(),
        Theme::monochrome()
    );
    let contrast = load_theme("high-contrast", nowhere).unwrap();
    assert_eq!(contrast.selected.bg, Some(Color::LightYellow));
}

fn colours_of(theme: &Theme) -> Vec<Option<Color>> {
    [
        theme.title_bar,
        theme.accent,
        theme.label,
        theme.text,
        theme.muted,
        theme.selected,
        theme.border,
        theme.border_focused,
        theme.badge_stage,
        theme.badge_quality,
        theme.badge_owner,
        theme.tag,
        theme.error,
        theme.warning,
        theme.success,
        theme.status_bar,
        theme.key,
    ]
    .iter()
    .flat_map(|style| [style.fg, style.bg])
    .collect()
}

#[test]
fn no_color_gives_a_theme_without_any_colour() {
    let theme = resolve_theme(
        Some("high-contrast"),
        Some("red"),
        true,
        Path::new("/nonexistent"),
    )
    .unwrap();
    assert_eq!(theme.name, "monochrome");
    assert!(colours_of(&theme).iter().all(Option::is_none), "{theme:?}");
    let coloured = resolve_theme(
        Some("default"),
        Some("red"),
        false,
        Path::new("/nonexistent"),
    )
    .unwrap();
    assert_eq!(coloured.accent.fg, Some(Color::Red));
    assert_eq!(coloured.title_bar.bg, Some(Color::Red));
    let plain = resolve_theme(Some("default"), None, false, Path::new("/nonexistent")).unwrap();
    assert_eq!(plain.title_bar.bg, Some(Color::Cyan));
}

#[test]
fn a_user_theme_file_is_read_next_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "[error]\nfg = \"light-red\"\nunderlined = true\n",
    )
    .unwrap();
    let theme = load_theme("mine.toml", dir.path()).unwrap();
    assert_eq!(theme.name, "mine");
    assert_eq!(theme.error.fg, Some(Color::LightRed));
    assert!(theme.error.add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(
        theme.label,
        Theme::default_16().label,
        "unstyled roles keep the default"
    );
}

#[test]
fn unknown_roles_colours_and_themes_are_reported() {
    let origin = Path::new("/cfg/mine.toml");
    let role = parse_theme(
        "[title_bar]\nbold = true\n[titlebar]\nbold = true\n",
        origin,
        "mine",
    )
    .unwrap_err();
    let role = role.to_string();
    assert!(
        role.contains("/cfg/mine.toml:3:2: unknown field `titlebar`"),
        "{role}"
    );
    let colour = parse_theme("[error]\nfg = \"crimson\"\n", origin, "mine")
        .unwrap_err()
        .to_string();
    assert!(
        colour.contains("[error] unknown colour \"crimson\""),
        "{colour}"
    );
    let attribute = parse_theme("[error]\nblink = true\n", origin, "mine")
        .unwrap_err()
        .to_string();
    assert!(attribute.contains("unknown field `blink`"), "{attribute}");
    let unknown = load_theme("solarized", Path::new("/cfg"))
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("neither a built-in theme (default, high-contrast, monochrome)"),
        "{unknown}"
    );
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyBinding {
    KeyBinding { code, modifiers }
}

#[test]
fn key_strings_parse_to_what_terminals_send() {
    let cases = [
        ("ctrl-s", key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        ("Ctrl+S", key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        ("D", key(KeyCode::Char('D'), KeyModifiers::NONE)),
        ("shift-d", key(KeyCode::Char('D'), KeyModifiers::NONE)),
        ("alt-b", key(KeyCode::Char('b'), KeyModifiers::ALT)),
        ("f5", key(KeyCode::F(5), KeyModifiers::NONE)),
        ("F12", key(KeyCode::F(12), KeyModifiers::NONE)),
        ("enter", key(KeyCode::Enter, KeyModifiers::NONE)),
        ("esc", key(KeyCode::Esc, KeyModifiers::NONE)),
        ("shift-tab", key(KeyCode::BackTab, KeyModifiers::NONE)),
        ("space", key(KeyCode::Char(' '), KeyModifiers::NONE)),
        ("pagedown", key(KeyCode::PageDown, KeyModifiers::NONE)),
        ("?", key(KeyCode::Char('?'), KeyModifiers::NONE)),
        ("-", key(KeyCode::Char('-'), KeyModifiers::NONE)),
        ("ctrl--", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
        (
            "ctrl-alt-x",
            key(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL | KeyModifiers::ALT,
            ),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(KeyBinding::parse(text), Ok(expected), "{text}");
    }
    assert_eq!(KeyBinding::parse("ctrl-s").unwrap().to_string(), "ctrl-s");
    assert_eq!(
        KeyBinding::parse("shift-tab").unwrap().to_string(),
        "backtab"
    );
}

#[test]
fn bad_key_strings_say_why() {
    assert_eq!(KeyBinding::parse(""), Err(KeyParseError::Empty));
    assert_eq!(
        KeyBinding::parse("hyper-x"),
        Err(KeyParseError::UnknownModifier("hyper".into()))
    );
    assert_eq!(
        KeyBinding::parse("f13"),
        Err(KeyParseError::UnknownKey("f13".into()))
    );
    assert_eq!(
        KeyBinding::parse("ctrl-foo"),
        Err(KeyParseError::UnknownKey("foo".into()))
    );
}

#[test]
fn the_keys_table_is_validated_against_the_keymap() {
    let actions = ["quit", "save", "copy_field", "help"];
    let mut table = BTreeMap::new();
    table.insert("save".to_string(), KeySpec::One("ctrl-s".into()));
    table.insert(
        "quit".to_string(),
        KeySpec::Many(vec!["q".into(), "ctrl-c".into()]),
    );
    let bindings = validate_keys(&table, &actions).unwrap();
    assert_eq!(bindings["quit"].len(), 2);
    assert_eq!(
        bindings["save"],
        [key(KeyCode::Char('s'), KeyModifiers::CONTROL)]
    );

    table.insert("copy_feild".to_string(), KeySpec::One("y".into()));
    table.insert("help".to_string(), KeySpec::One("f99".into()));
    table.insert("copy_field".to_string(), KeySpec::One("Q".into()));
    table.insert("save".to_string(), KeySpec::One("q".into()));
    let problems = validate_keys(&table, &actions).unwrap_err();
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        messages.contains(
            &"[keys] \"copy_feild\" is not an action (did you mean \"copy_field\"?)".to_string()
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("[keys] help = \"f99\": unknown key")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"[keys] q is bound to both quit and save".to_string()),
        "{messages:?}"
    );
    assert_eq!(problems.len(), 3, "{messages:?}");
    assert!(
        problems
            .iter()
            .all(|p| !matches!(p, KeyConfigError::Conflict { key, .. } if key == "Q"))
    );
}

#[test]
fn doctor_checks_tmux_settings_for_the_clipboard_as_the_tui_uses_them() {
    use genius::account::doctor::{Verdict, clipboard_check};
    let tmux = |set_clipboard: &'static str, passthrough: Result<&'static str, &'static str>| {
        move |name: &str| match name {
            "set-clipboard" => Ok(set_clipboard.to_string()),
            _ => passthrough.map(str::to_string).map_err(str::to_string),
        }
    };
    let plain = clipboard_check(Multiplexer::None, |_| {
        panic!("tmux is not asked outside tmux")
    });
    assert_eq!(plain.verdict, Verdict::Ok);
    let forwarded = clipboard_check(Multiplexer::Tmux, tmux("on", Ok("off")));
    assert_eq!(forwarded.verdict, Verdict::Ok);
    assert!(
        forwarded.detail.contains("set-clipboard is on"),
        "{}",
        forwarded.detail
    );
    let passthrough = clipboard_check(Multiplexer::Tmux, tmux("external", Ok("on")));
    assert_eq!(passthrough.verdict, Verdict::Ok);
    let closed = clipboard_check(Multiplexer::Tmux, tmux("off", Ok("off")));
    assert_eq!(closed.verdict, Verdict::Warn);
    assert!(
        closed.detail.contains("set -g set-clipboard on"),
        "{}",
        closed.detail
    );
    let old_tmux = clipboard_check(
        Multiplexer::Tmux,
        tmux("off", Err("invalid option: allow-passthrough")),
    );
    assert_eq!(old_tmux.verdict, Verdict::Ok);
    let no_tmux = clipboard_check(Multiplexer::Tmux, |_| {
        Err("could not start: not found".to_string())
    });
    assert_eq!(no_tmux.verdict, Verdict::Warn);
}

#[test]
fn doctor_never_ends_all_good_after_a_warning() {
    use genius::account::doctor::{Check, Verdict, conclusion};
    let line = |verdict| Check {
        name: "clipboard",
        verdict,
        detail: String::new(),
    };
    assert_eq!(conclusion(&[line(Verdict::Ok)]), "all good.");
    assert_eq!(
        conclusion(&[line(Verdict::Ok), line(Verdict::Warn)]),
        "usable, but see the warnings above."
    );
    assert!(conclusion(&[line(Verdict::Warn), line(Verdict::Fail)]).contains("FAIL"));
}

#[test]
fn doctor_reads_colours_and_locale_from_the_environment() {
    use genius::account::doctor::{Verdict, colour_check, unicode_check};
    let text = Some;
    assert!(
        colour_check(text("1"), None, text("xterm"))
            .detail
            .contains("NO_COLOR")
    );
    assert_eq!(
        colour_check(None, None, text("dumb")).verdict,
        Verdict::Warn
    );
    assert!(
        colour_check(None, text("truecolor"), text("xterm"))
            .detail
            .starts_with("true colour")
    );
    assert!(
        colour_check(None, None, text("screen"))
            .detail
            .starts_with("16 colours")
    );
    assert_eq!(
        unicode_check(None, text("pt_BR.UTF-8"), text("C")).verdict,
        Verdict::Ok
    );
    let ascii = unicode_check(text("C"), None, text("en_US.UTF-8"));
    assert_eq!(ascii.verdict, Verdict::Warn);
    assert!(ascii.detail.contains("--ascii"), "{}", ascii.detail);
}
