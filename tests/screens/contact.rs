//! A contact's detail: full, sparse, long, CJK and hostile values, the note history from none to
//! 5 000, the last known copy from the cache, and the whole snapshot in the reader.

use genius::cache::CachedContact;

use crate::support::*;
use crate::*;

#[test]
fn contact_detail() {
    snapshot_both("contact_full", |size| showing(size, &john_doe()));
    snapshot_both("contact_sparse", |size| showing(size, &sparse()));
    snapshot_both("contact_long_values", |size| showing(size, &long_values()));
    snapshot_both("contact_cjk_emoji", |size| showing(size, &cjk()));
    snapshot_both("contact_hostile_text", |size| showing(size, &hostile()));
}

#[test]
fn note_history() {
    snapshot_both("notes_0", |size| showing(size, &sparse()));
    snapshot_both("notes_3", |size| showing(size, &john_doe()));
    snapshot_both("notes_5000", |size| {
        let mut contact = john_doe();
        contact.notes = Some(many_notes(5_000));
        let mut app = showing(size, &contact);
        app.update(key(KeyCode::PageDown));
        app.update(ch('j'));
        app
    });
    snapshot_both("notes_5000_oldest_first_at_the_end", |size| {
        let mut contact = john_doe();
        contact.notes = Some(many_notes(5_000));
        let mut app = showing(size, &contact);
        app.update(ch('O'));
        app.update(ch('G'));
        app
    });
}

#[test]
fn a_contact_from_the_cache_says_it_is_the_last_known_data() {
    snapshot_both("contact_stale_from_cache", |size| {
        let fetched_at = clock().now - chrono::Duration::days(3);
        let mut app = App::new(AppOptions {
            cached: vec![genius::cache::CachedContact::new(john_doe(), fetched_at)],
            cache_enabled: true,
            clock: clock(),
            viewport: size,
            account_label: "demo".into(),
            ..Default::default()
        });
        type_text(&mut app, "ABC12345");
        app.update(key(KeyCode::Enter));
        app
    });
}

#[test]
fn the_whole_snapshot_in_the_reader() {
    snapshot_both("snapshot_reader", |size| {
        let mut app = showing(size, &long_values());
        app.update(ch('v'));
        app
    });
}

#[test]
fn stale_marker_on_a_cached_contact() {
    let mut app = app_with(SMALL, recents());
    app.cache_enabled = true;
    app.cache.insert(CachedContact::new(
        john_doe(),
        clock().now - chrono::Duration::days(2),
    ));
    app.update(key(KeyCode::Down));
    app.update(key(KeyCode::Enter));
    snapshot_resized("stale_contact", &mut app);
}

/// Every demo contact at 80×24: its email, phone and each tag appear whole on the screen (the
/// left column is too narrow for most of them, so they take full-width rows), and a value that
/// is cut anywhere on the screen ends in `…`.
#[test]
fn every_demo_contact_shows_email_phone_and_tags_whole_at_80x24() {
    let demo = genius::sim::demo::AccountFile::demo().unwrap();
    let account = &demo.accounts[0];
    for record in &account.contacts {
        let contact = Contact {
            uid: record.uid.clone(),
            email: record.email.clone(),
            phone: record.phone.clone(),
            first_name: record.first_name.clone(),
            last_name: record.last_name.clone(),
            business_name: record.business_name.clone(),
            address: record.address.clone(),
            city: record.city.clone(),
            state: record.state.clone(),
            zipcode: record.zipcode.clone(),
            time_zone: record.time_zone.clone(),
            value: record.value.clone(),
            stage_name: record.stage_name.clone(),
            quality_name: record.quality_name.clone(),
            owner_email: record.owner_email.clone(),
            snapshot: record.snapshot.clone(),
            tags: record.tags.clone(),
            ..Contact::default()
        };
        let app = showing(SMALL, &contact);
        let screen = render(&app);
        let whole = [&record.email, &record.phone]
            .into_iter()
            .flatten()
            .chain(&record.tags)
            .filter(|text| !text.trim().is_empty());
        for text in whole {
            let shown = genius::text::safe_line(text);
            assert!(
                screen.contains(shown.as_ref()),
                "{} does not show {shown:?} whole:\n{screen}",
                record.uid
            );
        }
    }
}

/// The contact's name is the most important text on the screen: drawn in the accent style, never
/// also faint (the uid beside it is muted in cells of its own).
#[test]
fn the_name_in_the_header_is_not_dimmed() {
    use ratatui::style::Modifier;
    let app = showing(SMALL, &john_doe());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| genius::tui::app::view::render(&app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let name_cell = &buffer[(1, 1)];
    assert_eq!(name_cell.symbol(), "J");
    assert!(
        !name_cell.modifier.contains(Modifier::DIM),
        "{:?}",
        name_cell.modifier
    );
    let uid_cell = &buffer[(79 - "ABC12345".len() as u16, 1)];
    assert_eq!(uid_cell.symbol(), "A");
}

/// The user in a zone other than the account's (UTC+1 against São Paulo's UTC-3) adds a note
/// now: the server writes it at São Paulo wall time and `lastUpdate` in UTC, and the screen shows
/// both at the same minute of the user's clock, saying the zone once.
fn note_added_now(size: Size) -> App {
    let now = clock().now; // 2026-03-10 17:05 UTC
    let mut app = App::new(AppOptions {
        clock: genius::tui::model::display::Clock::fixed(
            now,
            chrono::FixedOffset::east_opt(3600).expect("a valid offset"),
        ),
        viewport: size,
        ..options()
    });
    let mut contact = john_smith();
    contact.notes = None;
    open(&mut app, &contact);
    app.update(ch('n'));
    type_in(&mut app, "Called back, sending the quote.");
    let id = sent_id(&app.update(ctrl('s')));
    let commands = app.update(ok(
        &app,
        id,
        serde_json::json!({"contactUid": "XYZ67890", "note": "Called back, sending the quote."}),
    ));
    let refetch = sent_id(&commands);
    contact.notes = Some("2026-03-10 14:05 Called back, sending the quote.".into());
    contact.last_update = Some("2026-03-10T17:05:00Z".into());
    app.update(one(refetch, &contact));
    app
}

#[test]
fn a_note_added_now_shows_the_same_minute_as_updated() {
    snapshot_both("contact_zone", note_added_now);
    let screen = render(&note_added_now(SMALL));
    assert!(
        screen.contains("2026-03-10 18:05"),
        "the note, at 18:05: {screen}"
    );
    assert!(
        screen.contains("10 Mar 2026 18:05"),
        "Updated, at 18:05: {screen}"
    );
    assert!(
        !screen.contains("14:05"),
        "no time in the account's zone: {screen}"
    );
    assert_eq!(
        screen.matches("UTC+1").count(),
        1,
        "the zone said once: {screen}"
    );
}

#[test]
fn the_owner_is_named_from_the_team_when_the_server_gives_only_an_email() {
    let mut contact = john_smith();
    contact.owner_name = None;
    let mut app = showing(SMALL, &contact);
    let screen = render(&app);
    assert!(screen.contains("Owner  ana@yourcompany.com"), "{screen}");
    assert!(
        !screen.contains("Birthday"),
        "no birthday sent, no row: {screen}"
    );
    app.vocabulary
        .add_owner(genius::tui::model::vocabulary::Owner {
            email: "ANA@yourcompany.com".into(),
            name: Some("Ana Lima\u{1b}[2J".into()),
        });
    let screen = render(&app);
    assert!(
        screen.contains("Owner  Ana Lima␛[2J"),
        "the team's name, made safe: {screen}"
    );
    assert!(
        screen.contains("ana@yourcompany.com"),
        "the email beside it: {screen}"
    );
    let screen = render(&showing(SMALL, &john_doe()));
    assert!(screen.contains("Birthday"), "{screen}");
}
