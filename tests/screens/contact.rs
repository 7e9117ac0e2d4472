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
