//! Shared test harness: a fixed clock, contact fixtures (full, sparse, long, CJK, hostile, many
//! notes), an app builder, key helpers, canned API replies, rendering to text with TestBackend,
//! and `SharedBackend`, a TestBackend a test can watch while the real event loop owns it.
//! `pty` (only used by the end-to-end tests) runs the real binary in a pseudo-terminal.
#![allow(dead_code)]

pub mod pty;

use chrono::{FixedOffset, TimeZone, Utc};
use genius::api::{ApiError, ApiSuccess, Contact, Operation};
use genius::tui::app::Command;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, AppOptions};
use genius::tui::effects::typed_reply;
use genius::tui::keymap::{Keymap, UserInput};
use genius::tui::model::RequestId;
use genius::tui::model::display::Clock;
use genius::tui::model::recents::{RecentContact, RecentList};
use genius::tui::theme::Theme;
use genius::tui::widgets::{Component, Ctx};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use serde_json::{Value, json};

/// Tuesday 10 March 2026, 17:05 UTC; the user is at UTC-3 (14:05 for them).
pub fn clock() -> Clock {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
        .single()
        .expect("a valid fixed date");
    Clock::fixed(
        now,
        FixedOffset::west_opt(3 * 3600).expect("a valid offset"),
    )
}

pub const SMALL: Size = Size::new(80, 24);
pub const LARGE: Size = Size::new(160, 48);

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

/// Three recent contacts, viewed 5 minutes, 2 hours and 3 days before the fixed clock.
pub fn recents() -> RecentList {
    let now = clock().now;
    let mut list = RecentList::default();
    for (contact, minutes_ago) in [
        (mary_jones(), 3 * 24 * 60),
        (john_smith(), 120),
        (john_doe(), 5),
    ] {
        list.record(RecentContact::from_contact(
            &contact,
            now - chrono::Duration::minutes(minutes_ago),
        ));
    }
    list
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn char_key(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Types `text` key by key, asserting no key asks for a side effect.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let commands = app.update(char_key(c));
        assert!(commands.is_empty(), "typing {c:?} emitted {commands:?}");
    }
}

/// The id of the only `Send` among `commands`.
pub fn sent_id(commands: &[Command]) -> RequestId {
    let ids: Vec<RequestId> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 1, "expected exactly one Send in {commands:?}");
    ids[0]
}

/// The typed message the effects runner sends for the reply to request `id` of `app`: the raw
/// `result` decoded as its operation's answer (a GET when the app no longer awaits `id`).
pub fn reply(app: &App, id: RequestId, result: Result<ApiSuccess, ApiError>) -> Msg {
    let operation = app
        .requests
        .get(id)
        .map_or(Operation::Get, |request| request.operation);
    typed_reply(id, operation, result)
}

/// A successful reply to request `id` of `app`, carrying `data`.
pub fn ok(app: &App, id: RequestId, data: Value) -> Msg {
    reply(
        app,
        id,
        Ok(ApiSuccess {
            status: 200,
            message: "Contact retrieved successfully".to_string(),
            data,
        }),
    )
}

/// A failed reply to request `id` of `app`.
pub fn failed(app: &App, id: RequestId, error: ApiError) -> Msg {
    reply(app, id, Err(error))
}

/// The API's error envelope with this status.
pub fn api_error(status: u16, message: &str) -> ApiError {
    ApiError::Api {
        status,
        code: None,
        message: message.to_string(),
    }
}

pub fn json_of(contact: &Contact) -> Value {
    serde_json::to_value(contact).expect("contacts serialise")
}

/// The reference's John Doe, every field filled.
pub fn john_doe() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        birthday: Some("1985-03-12".into()),
        address: Some("123 Main St".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        zipcode: Some("10001".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        stage_name: Some("New Lead".into()),
        quality_name: Some("High".into()),
        owner_email: Some("sales@yourcompany.com".into()),
        owner_name: Some("Jane Smith".into()),
        snapshot: Some("Interested in enterprise solution, contacted via website. Wants a demo for the whole sales team before the end of the quarter.".into()),
        notes: Some("2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n2025-08-14 10:46 Called as requested and sent the prices.\n\n2026-03-07 16:20 Follow-up call: he compared us with two other vendors; sending a case study and scheduling the demo for next Tuesday at 2 PM.".into()),
        tags: vec!["Hot Lead".into(), "Website".into()],
        created: Some("2024-01-15T10:30:00Z".into()),
        last_update: Some("2026-03-07T16:20:00Z".into()),
    }
}

/// The other John sharing john@example.com.
pub fn john_smith() -> Contact {
    Contact {
        uid: "XYZ67890".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15559876543".into()),
        first_name: Some("John".into()),
        last_name: Some("Smith".into()),
        business_name: Some("Smith & Sons Hardware".into()),
        stage_name: Some("Qualified".into()),
        owner_email: Some("ana@yourcompany.com".into()),
        owner_name: Some("Ana Lima".into()),
        last_update: Some("2026-02-01T12:00:00Z".into()),
        ..Contact::default()
    }
}

pub fn mary_jones() -> Contact {
    Contact {
        uid: "MJ000001".into(),
        phone: Some("+44 20 7946 0958".into()),
        first_name: Some("Mary".into()),
        last_name: Some("Jones".into()),
        business_name: Some("Jones Logistics".into()),
        ..Contact::default()
    }
}

/// Only what the API cannot do without: a uid and an email.
pub fn sparse() -> Contact {
    Contact {
        uid: "SPRS0001".into(),
        email: Some("lead@unknown.example".into()),
        ..Contact::default()
    }
}

/// Every field long enough to need cutting or wrapping.
pub fn long_values() -> Contact {
    Contact {
        uid: "LONG0001".into(),
        first_name: Some("Maximiliano Alejandro Bartholomew".into()),
        last_name: Some("Fitzgerald-Vanderbilt de la Cruz".into()),
        business_name: Some("International Consolidated Widgets, Sprockets and Gears Holding Company Ltd.".into()),
        email: Some("maximiliano.alejandro.fitzgerald-vanderbilt@international-consolidated-widgets.example.com".into()),
        phone: Some("+55 (11) 98765-4321 ext. 1234".into()),
        address: Some("Avenida Brigadeiro Faria Lima, 3477, Torre Norte, 14º andar, conjunto 142".into()),
        city: Some("São Paulo".into()),
        state: Some("SP".into()),
        zipcode: Some("04538-133".into()),
        time_zone: Some("America/Sao_Paulo".into()),
        value: Some("123456789.5".into()),
        stage_name: Some("Negotiation / Legal Review".into()),
        quality_name: Some("Very High".into()),
        owner_name: Some("Bartholomew Montgomery-Smythe".into()),
        owner_email: Some("bartholomew.montgomery-smythe@yourcompany.com".into()),
        snapshot: Some("A very long snapshot. ".repeat(30)),
        tags: (1..=12).map(|i| format!("Campaign tag number {i}")).collect(),
        ..Contact::default()
    }
}

/// Names, business and notes in CJK and emoji (two columns each).
pub fn cjk() -> Contact {
    Contact {
        uid: "CJK00001".into(),
        first_name: Some("小明".into()),
        last_name: Some("王".into()),
        business_name: Some("東京寿司株式会社 🍣".into()),
        email: Some("wang@例え.jp".into()),
        phone: Some("+81 3-1234-5678".into()),
        city: Some("東京".into()),
        time_zone: Some("Asia/Tokyo".into()),
        stage_name: Some("商談中".into()),
        tags: vec!["VIP 🌟".into(), "日本".into()],
        notes: Some(
            "2026-03-09 09:00 電話しました。来週デモを予定 📅 お客様はとても興味があります。"
                .into(),
        ),
        ..Contact::default()
    }
}

/// A contact whose every field tries to take over the terminal.
pub fn hostile() -> Contact {
    Contact {
        uid: "EVIL0001".into(),
        first_name: Some("Eve\u{1b}]52;c;cm0gLXJmIH4=\u{7}".into()),
        last_name: Some("\u{1b}[2J\u{1b}[H".into()),
        business_name: Some("\u{202e}pleh\u{202c} Corp\u{9b}31m".into()),
        email: Some("eve@example.com\u{1b}]0;pwned\u{7}".into()),
        phone: Some("+1555\r\n0000".into()),
        snapshot: Some("line one\u{1b}[31m red\u{7f}".into()),
        notes: Some(
            "2026-03-01 10:00 \u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}".into(),
        ),
        tags: vec!["\u{1b}[5mblink".into()],
        ..Contact::default()
    }
}

/// `count` timestamped notes, oldest first as the API keeps them.
pub fn many_notes(count: usize) -> String {
    (0..count)
        .map(|i| {
            let day = 1 + (i / 24) % 28;
            let month = 1 + (i / (24 * 28)) % 12;
            format!(
                "2025-{month:02}-{day:02} {:02}:{:02} Call {} — discussed the proposal; next step agreed.",
                i % 24,
                i % 60,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
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

/// A lookup's reply carrying `contact` (as the server sends it: decoded from its JSON).
pub fn one(id: RequestId, contact: &Contact) -> Msg {
    typed_reply(
        id,
        Operation::Get,
        Ok(ApiSuccess {
            status: 200,
            message: "Contact retrieved successfully".to_string(),
            data: json_of(contact),
        }),
    )
}

/// A lookup's reply carrying several contacts.
pub fn many(id: RequestId, contacts: &[Contact]) -> Msg {
    typed_reply(
        id,
        Operation::Get,
        Ok(ApiSuccess {
            status: 200,
            message: "Contacts retrieved successfully".to_string(),
            data: json!(contacts.iter().map(json_of).collect::<Vec<_>>()),
        }),
    )
}

/// A TestBackend that a test can read while the event loop owns the terminal: clones share one
/// backend, so a session runs in a task while the test watches the screen.
#[derive(Clone)]
pub struct SharedBackend(std::sync::Arc<std::sync::Mutex<TestBackend>>);

impl SharedBackend {
    pub fn new(width: u16, height: u16) -> SharedBackend {
        SharedBackend(std::sync::Arc::new(std::sync::Mutex::new(
            TestBackend::new(width, height),
        )))
    }

    fn with<T>(&self, f: impl FnOnce(&mut TestBackend) -> T) -> T {
        let mut backend = self
            .0
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
        self.with(|backend| backend.flush())
    }
}
