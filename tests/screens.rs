//! Snapshot tests: every screen, overlay and component drawn with ratatui's TestBackend — whole
//! screens through the app at 80×24 and 160×48 (`start`, `contact`, `results`, `modes`,
//! `overlays`, `in_the_app`), components alone in the body of a screen (`forms`, `pickers`,
//! `editors`, `command_line`), and every component at any size (`any_size`). The clock is fixed,
//! so dates, ages and local times are stable. Review changes with `cargo insta review`.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

#[path = "screens/any_size.rs"]
mod any_size;
#[path = "screens/command_line.rs"]
mod command_line;
#[path = "screens/contact.rs"]
mod contact;
#[path = "screens/editors.rs"]
mod editors;
#[path = "screens/forms.rs"]
mod forms;
#[path = "screens/in_the_app.rs"]
mod in_the_app;
#[path = "screens/modes.rs"]
mod modes;
#[path = "screens/overlays.rs"]
mod overlays;
#[path = "screens/pickers.rs"]
mod pickers;
#[path = "screens/results.rs"]
mod results;
#[path = "screens/start.rs"]
mod start;
#[path = "screens/worklist.rs"]
mod worklist;

use genius::tui::keymap::Keymap;
use genius::tui::model::recents::RecentList;
use genius::tui::model::vocabulary::{Owner, Vocabulary};
use genius::tui::overlays::command_line::{CommandLine, CommandLineView};
use genius::tui::overlays::confirm_delete::{ConfirmDeleteView, DeleteConfirm};
use genius::tui::screens::create::duplicates::{DuplicateWarning, DuplicatesView};
use genius::tui::screens::note::{NoteEditor, NoteEditorView};
use genius::tui::theme::Theme;
use genius::tui::widgets::ViewCtx;
use genius::tui::widgets::form::{ContactForm, FieldId, FormView};
use genius::tui::widgets::picker::{Picker, PickerView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;

use support::*;

/// Snapshots `app` at its 80×24.
fn snapshot(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}@80x24"), render(app));
}

/// Snapshots `app` at 80×24, then resized to 160×48 (and back).
fn snapshot_resized(name: &str, app: &mut App) {
    snapshot(name, app);
    resize(app, LARGE);
    insta::assert_snapshot!(format!("{name}@160x48"), render(app));
    resize(app, SMALL);
}

/// Builds the scenario at both sizes and snapshots each.
fn snapshot_both(name: &str, scenario: impl Fn(Size) -> App) {
    for size in [SMALL, LARGE] {
        let app = scenario(size);
        insta::assert_snapshot!(
            format!("{name}@{}x{}", size.width, size.height),
            render(&app)
        );
    }
}

fn typed(size: Size, recents: RecentList, text: &str) -> App {
    let mut app = app_with(size, recents);
    type_text(&mut app, text);
    app
}

/// The app showing `contact`, looked up by uid.
fn showing(size: Size, contact: &Contact) -> App {
    let mut app = app_with(size, recents());
    type_text(&mut app, &contact.uid);
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(id, contact));
    app
}

fn failed_lookup(size: Size, error: ApiError) -> App {
    let mut app = typed(size, recents(), "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(failed(&app, id, error));
    app
}

/// Draws a component alone through its view, with the default theme and keys.
trait Draw {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx);
}

impl Draw for ContactForm {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        FormView {
            form: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for Picker {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        PickerView {
            picker: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for NoteEditor {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        NoteEditorView {
            editor: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for DeleteConfirm {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        ConfirmDeleteView {
            confirm: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for DuplicateWarning {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        DuplicatesView {
            warning: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

impl Draw for CommandLine {
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        CommandLineView {
            line: self,
            ctx: *ctx,
        }
        .render(area, buf);
    }
}

/// What the components' views read: the default theme and keys, the fixed clock.
fn with_view_ctx<T>(run: impl FnOnce(&ViewCtx) -> T) -> T {
    let theme = Theme::default_16();
    let keymap = Keymap::default();
    let clock = support::clock();
    let vocabulary = Vocabulary::default();
    run(&ViewCtx {
        theme: &theme,
        clock: &clock,
        privacy: false,
        ascii: false,
        keymap: &keymap,
        spinner_frame: 0,
        zones: genius::api::time_zones::TimeZones {
            account: genius::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
            display: genius::api::time_zones::DisplayZone::Fixed(clock.local_offset),
        },
        vocabulary: &vocabulary,
    })
}

/// Draws `draw` into the body (all rows but the first and last) of a `size` screen.
fn screen(size: Size, draw: impl FnOnce(Rect, &mut Buffer, &ViewCtx)) -> String {
    let mut terminal = match Terminal::new(TestBackend::new(size.width, size.height)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("test terminal: {e}"),
    };
    let drawn = terminal.draw(|frame| {
        let body = Rect::new(0, 1, size.width, size.height.saturating_sub(2));
        with_view_ctx(|ctx| draw(body, frame.buffer_mut(), ctx));
    });
    if let Err(e) = drawn {
        panic!("draw: {e}");
    }
    terminal.backend().to_string()
}

/// Types `text` into a component, key by key.
fn type_into(mut handle: impl FnMut(KeyEvent), text: &str) {
    for c in text.chars() {
        handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// John Doe with his address and snapshot, as the forms are drawn with.
fn john_with_address() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        address: Some("123 Main St".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        zipcode: Some("10001".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        snapshot: Some("Interested in enterprise solution, contacted via website form".into()),
        stage_name: Some("New Lead".into()),
        quality_name: Some("High".into()),
        owner_email: Some("sales@yourcompany.com".into()),
        owner_name: Some("Jane Smith".into()),
        tags: vec!["Hot Lead".into(), "Website".into()],
        ..Contact::default()
    }
}

/// An account with a pipeline, qualities, a team (one of them hostile) and tags.
fn vocabulary() -> Vocabulary {
    Vocabulary::configured(
        [
            "New Lead",
            "Contacted",
            "Qualified",
            "Proposal",
            "Closed Won",
            "Closed Lost",
        ]
        .map(String::from),
        ["High", "Medium", "Low"].map(String::from),
        [
            Owner {
                email: "sales@yourcompany.com".into(),
                name: Some("Jane Smith".into()),
            },
            Owner {
                email: "ana@yourcompany.com".into(),
                name: Some("Ana Lima".into()),
            },
            Owner {
                email: "evil@yourcompany.com".into(),
                name: Some("Mallory\x1b]52;c;aGk=\x07 \u{202e}resU".into()),
            },
        ],
        ["Hot Lead", "Website", "VIP Customer", "Q1 2024"].map(String::from),
    )
}

/// John's edit form.
fn edit_form() -> ContactForm {
    ContactForm::edit(&john_with_address(), &vocabulary())
}
