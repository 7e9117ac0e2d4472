//! How long drawing the contact view takes with a long note history (5,000 entries) at 80×24 and
//! 160×48, scrolled to the top and to the middle, and how long opening such a contact takes
//! (making it display-safe and splitting the notes), and what the TUI's own backend adds to a
//! frame scrolled by `j` at 100×30 and 160×48 (shadow, scroll detection, bytes), and a `j` down
//! the start screen's recent contacts, the list the side-by-side harness times against abook's.
//! Speed goals live here, never in timed tests.
// Measurement code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{FixedOffset, Offset, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use genius::api::Contact;
use genius::tui::app::msg::Msg;
use genius::tui::app::{App, AppOptions, Screen};
use genius::tui::model::display::Clock;
use genius::tui::runtime::output::TerminalOutput;
use genius::tui::screens::contact::ContactScreen;
use genius::tui::theme::Theme;
use genius::tui::widgets::safe_text::owned_contact as display_safe_contact;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

fn notes(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "2025-{:02}-{:02} {:02}:{:02} Call {} — discussed the proposal at length with the buyer and agreed on the next steps for the pilot.",
                1 + (i / 672) % 12,
                1 + (i / 24) % 28,
                i % 24,
                i % 60,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn contact() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe".into()),
        business_name: Some("Acme Corp".into()),
        time_zone: Some("America/New_York".into()),
        value: Some("5000".into()),
        stage_name: Some("New Lead".into()),
        snapshot: Some("Interested in enterprise solution".into()),
        notes: Some(notes(5_000)),
        tags: vec!["Hot Lead".into()],
        ..Contact::default()
    }
}

fn app_showing(size: Size, contact: &Contact) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
        .single()
        .unwrap_or_default();
    let offset = FixedOffset::west_opt(3 * 3600).unwrap_or(Utc.fix());
    let mut app = App::new(AppOptions {
        theme: Theme::default_16(),
        account_label: "demo".into(),
        recents: Default::default(),
        has_token: true,
        clock: Clock::fixed(now, offset),
        viewport: size,
        ..Default::default()
    });
    app.screens
        .push(Screen::Contact(Box::new(ContactScreen::new(
            display_safe_contact(contact.clone()),
        ))));
    app
}

fn bench_render(c: &mut Criterion) {
    let contact = contact();
    for size in [Size::new(80, 24), Size::new(160, 48)] {
        let mut terminal =
            Terminal::new(TestBackend::new(size.width, size.height)).unwrap_or_else(|e| match e {});
        let top = app_showing(size, &contact);
        c.bench_function(
            &format!(
                "draw contact, 5000 notes, top, {}x{}",
                size.width, size.height
            ),
            |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| genius::tui::app::view::render(black_box(&top), frame))
                        .map(|_| ())
                        .unwrap_or_else(|e| match e {})
                })
            },
        );
        let mut middle = app_showing(size, &contact);
        for _ in 0..250 {
            middle.update(Msg::Key(KeyEvent::new(
                KeyCode::PageDown,
                KeyModifiers::NONE,
            )));
        }
        c.bench_function(
            &format!(
                "draw contact, 5000 notes, middle, {}x{}",
                size.width, size.height
            ),
            |b| {
                b.iter(|| {
                    terminal
                        .draw(|frame| genius::tui::app::view::render(black_box(&middle), frame))
                        .map(|_| ())
                        .unwrap_or_else(|e| match e {})
                })
            },
        );
    }
    for size in [Size::new(100, 30), Size::new(160, 48)] {
        bench_scrolling_output(c, &contact, size);
    }
    c.bench_function("page down through 5000 notes, 80x24", |b| {
        let mut app = app_showing(Size::new(80, 24), &contact);
        b.iter(|| {
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::PageDown,
                KeyModifiers::NONE,
            )))
        })
    });
    c.bench_function("jump to the oldest of 5000 notes, 80x24", |b| {
        let mut app = app_showing(Size::new(80, 24), &contact);
        b.iter(|| {
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Char('G'),
                KeyModifiers::NONE,
            )))
        })
    });
    c.bench_function("open a contact with 5000 notes (clean + parse)", |b| {
        b.iter(|| ContactScreen::new(display_safe_contact(black_box(contact.clone()))))
    });
}

/// One `j` on the notes timeline then the frame, drawn into ratatui's test backend (no output at
/// all) and into the TUI's own backend (the shadow, scroll detection and the bytes): the
/// difference is what the minimal output costs per frame.
fn bench_scrolling_output(c: &mut Criterion, contact: &Contact, size: Size) {
    let j = || Msg::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let k = || Msg::Key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
    let mut app = app_showing(size, contact);
    let mut test_backend =
        Terminal::new(TestBackend::new(size.width, size.height)).unwrap_or_else(|e| match e {});
    let mut down = true;
    c.bench_function(
        &format!(
            "j/k then draw, test backend, {}x{}",
            size.width, size.height
        ),
        |b| {
            b.iter(|| {
                app.update(if down { j() } else { k() });
                down = !down;
                test_backend
                    .draw(|frame| genius::tui::app::view::render(&app, frame))
                    .map(|_| ())
                    .unwrap_or_else(|e| match e {})
            })
        },
    );
    let mut app = app_showing(size, contact);
    let mut output = Terminal::new(TerminalOutput::with_size(std::io::sink(), size)).unwrap();
    let mut down = true;
    c.bench_function(
        &format!(
            "j/k then draw, terminal output, {}x{}",
            size.width, size.height
        ),
        |b| {
            b.iter(|| {
                app.update(if down { j() } else { k() });
                down = !down;
                output
                    .draw(|frame| genius::tui::app::view::render(&app, frame))
                    .map(|_| ())
                    .unwrap()
            })
        },
    );
}

/// The start screen with `count` recent contacts, as a user sees it after a few days.
fn home_with_recents(size: Size, count: usize) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
        .single()
        .unwrap_or_default();
    let mut recents = genius::tui::model::recents::RecentList::default();
    for index in 0..count {
        let contact = Contact {
            uid: format!("UID{index:05}"),
            email: Some(format!("buyer{index}@example.com")),
            phone: Some(format!("+5511955{index:06}")),
            first_name: Some(format!("José {index}")),
            last_name: Some("Gonçalves".into()),
            business_name: Some("Padaria Avenida".into()),
            ..Contact::default()
        };
        let seen = now - chrono::Duration::minutes(i64::try_from(index).unwrap_or(0));
        recents.record(genius::tui::model::recents::RecentContact::from_contact(
            &contact, seen,
        ));
    }
    let offset = FixedOffset::west_opt(3 * 3600).unwrap_or(Utc.fix());
    let mut app = App::new(AppOptions {
        theme: Theme::default_16(),
        account_label: "demo".into(),
        recents,
        has_token: true,
        clock: Clock::fixed(now, offset),
        viewport: size,
        ..Default::default()
    });
    // Into the list, on its first row, as the harness does (Down from the lookup input).
    app.update(Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)));
    app
}

/// One `j` (or `k`, alternately) on the start screen's recent contacts, then the frame through the
/// TUI's own backend: what one key in the list costs genius before the bytes leave.
fn bench_home_list(c: &mut Criterion) {
    let size = Size::new(100, 30);
    let mut app = home_with_recents(size, 20);
    let mut output = Terminal::new(TerminalOutput::with_size(std::io::sink(), size)).unwrap();
    let mut down = true;
    c.bench_function("j/k on the start screen's recents then draw, 100x30", |b| {
        b.iter(|| {
            let key = if down { 'j' } else { 'k' };
            down = !down;
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Char(key),
                KeyModifiers::NONE,
            )));
            output
                .draw(|frame| genius::tui::app::view::render(&app, frame))
                .map(|_| ())
                .unwrap()
        })
    });
}

criterion_group!(benches, bench_render, bench_home_list);
criterion_main!(benches);
