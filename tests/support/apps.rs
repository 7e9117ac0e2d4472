//! Apps as tests drive them: built on the start screen, opened on a contact, read back (the
//! contact on top, the notice, the input), drawn to text with ratatui's TestBackend; components
//! driven alone as the app drives them ([`Drive`]); and `SharedBackend`, a TestBackend a test can
//! watch while the real event loop owns it.

use genius::api::{ApiRequest, Contact, Identifier};
use genius::tui::app::{App, AppOptions, Command, Msg, Notice, Screen};
use genius::tui::keymap::{Keymap, UserInput};
use genius::tui::model::RequestId;
use genius::tui::model::recents::RecentList;
use genius::tui::screens::contact::ContactScreen;
use genius::tui::theme::Theme;
use genius::tui::widgets::{Component, Ctx};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

use super::{SMALL, clock, john_doe, key, one, profile_entries, recents, sent_id, type_text};

/// A signed-in app on the start screen at `size`, with these recents.
pub fn app_with(size: Size, recents: RecentList) -> App {
    App::new(AppOptions {
        theme: Theme::default_16(),
        account_label: "demo".to_string(),
        recents,
        has_token: true,
        clock: clock(),
        viewport: size,
        ..Default::default()
    })
}

/// A signed-in app on the start screen at 80×24 with no recents.
pub fn app() -> App {
    app_with(SMALL, RecentList::default())
}

/// The options of an app on the start screen at 80×24, signed in as "demo".
pub fn options() -> AppOptions {
    AppOptions {
        theme: Theme::default_16(),
        account_label: "demo".into(),
        recents: Default::default(),
        has_token: true,
        clock: clock(),
        viewport: SMALL,
        ..Default::default()
    }
}

/// An app with two profiles, `test` active and `prod` read-only.
pub fn app_with_profiles() -> App {
    let mut app = app_with(SMALL, recents());
    app.account.profile = Some("test".to_string());
    app.account.profiles = profile_entries();
    app
}

/// Looks `contact` up by uid and opens it from the one-match reply.
pub fn open(app: &mut App, contact: &Contact) -> Vec<Command> {
    type_text(app, &contact.uid);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    app.update(one(id, contact))
}

/// The app showing John Doe (looked up by uid).
pub fn on_john() -> App {
    let mut app = app_with(SMALL, recents());
    open(&mut app, &john_doe());
    assert!(matches!(app.top(), Screen::Contact(_)));
    app
}

/// Types `text`, presses Enter, and returns the lookup's id after checking the exact request.
pub fn look_up(app: &mut App, text: &str, expected: Identifier) -> RequestId {
    type_text(app, text);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    assert_eq!(
        commands.last(),
        Some(&Command::Send {
            id,
            request: ApiRequest::get(&expected)
        })
    );
    id
}

/// The contact on top of the screen stack.
pub fn top_contact(app: &App) -> &ContactScreen {
    match app.top() {
        Screen::Contact(screen) => screen,
        other => panic!("expected a contact on top, got {}", other.title()),
    }
}

/// The name of the contact on top.
pub fn top_contact_name(app: &App) -> String {
    top_contact(app).contact.display_name()
}

/// The contact of the nearest contact screen (under a form, say), as the app holds it.
pub fn shown(app: &App) -> Contact {
    match app.screens.iter().rev().find_map(|s| match s {
        Screen::Contact(screen) => Some(screen.contact.clone()),
        _ => None,
    }) {
        Some(contact) => contact,
        None => panic!("no contact screen"),
    }
}

/// The text in the note editor on top.
pub fn note_text(app: &App) -> String {
    match app.top() {
        Screen::Note(note) => note.editor.text(),
        other => panic!("expected the note editor, got {other:?}"),
    }
}

/// What is typed in the lookup input.
pub fn home_input(app: &App) -> String {
    match app.screens.first() {
        Some(Screen::Home(home)) => home.input.value().to_string(),
        other => panic!("expected the start screen, found {other:?}"),
    }
}

/// The error on the status line.
pub fn error_notice(app: &App) -> String {
    match &app.notice {
        Some(Notice::Error(text)) => text.clone(),
        other => panic!("expected an error notice, found {other:?}"),
    }
}

/// Draws `app` at its viewport size and returns the screen as text.
pub fn render(app: &App) -> String {
    let size = app.viewport;
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("a test terminal");
    terminal
        .draw(|frame| genius::tui::app::view::render(app, frame))
        .expect("drawing never fails on TestBackend");
    terminal.backend().to_string()
}

/// Sets the viewport the way the event loop does on a resize.
pub fn resize(app: &mut App, size: Size) {
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
}

/// What a component reads while handling input, for driving it alone: an 80×24 body, the fixed
/// clock, no recents, drafts or profiles.
pub fn with_ctx<T>(run: impl FnOnce(&Ctx) -> T) -> T {
    let clock = clock();
    let recents = RecentList::default();
    run(&Ctx {
        body: ratatui::layout::Rect::new(0, 1, 80, 22),
        clock: &clock,
        recents: &recents,
        drafts: &[],
        profiles: &[],
    })
}

/// Drives one component as the app does: a key is looked up in the default keymap where the
/// component has the keyboard (`Component::context`), a paste goes in as it is.
pub trait Drive: Component {
    /// One key.
    fn handle_key(&mut self, key: KeyEvent) -> Self::Outcome {
        let input = Keymap::default().input(self.context(), key);
        with_ctx(|ctx| self.handle(input, ctx))
    }

    /// One paste.
    fn handle_paste(&mut self, text: &str) -> Self::Outcome {
        with_ctx(|ctx| self.handle(UserInput::Paste(text.to_string()), ctx))
    }
}

impl<C: Component> Drive for C {}

/// A TestBackend that a test can read while the event loop owns the terminal: clones share one
/// backend, so a session runs in a task while the test watches the screen. A test may also watch
/// each frame as it is flushed (`on_flush`).
#[derive(Clone)]
pub struct SharedBackend {
    screen: std::sync::Arc<std::sync::Mutex<TestBackend>>,
    on_flush: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

impl SharedBackend {
    pub fn new(width: u16, height: u16) -> SharedBackend {
        SharedBackend {
            screen: std::sync::Arc::new(std::sync::Mutex::new(TestBackend::new(width, height))),
            on_flush: None,
        }
    }

    /// This backend, calling `hook` each time a frame is flushed (before it is).
    #[allow(dead_code)] // Each test binary uses a different part of the support module.
    pub fn on_flush(mut self, hook: impl Fn() + Send + Sync + 'static) -> SharedBackend {
        self.on_flush = Some(std::sync::Arc::new(hook));
        self
    }

    fn with<T>(&self, f: impl FnOnce(&mut TestBackend) -> T) -> T {
        let mut backend = self
            .screen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut backend)
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.with(|backend| backend.to_string())
    }
}

impl ratatui::backend::Backend for SharedBackend {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.with(|backend| backend.draw(content))
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.with(|backend| backend.hide_cursor())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.with(|backend| backend.show_cursor())
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.with(|backend| backend.get_cursor_position())
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        let position = position.into();
        self.with(|backend| backend.set_cursor_position(position))
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.with(|backend| backend.clear())
    }
    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        self.with(|backend| backend.clear_region(clear_type))
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.with(|backend| backend.size())
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.with(|backend| backend.window_size())
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        if let Some(hook) = &self.on_flush {
            hook();
        }
        self.with(|backend| backend.flush())
    }
}
