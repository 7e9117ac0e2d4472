//! The cache as a session uses it: memory bounded by `cache_memory_mb` (least recently used go,
//! a contact bigger than the budget is never kept), nothing of the disk cache asked for before the
//! first frame, a contact held on disk opened by reading its one file (with "older notes not
//! cached" when its notes were cut), a deleted or vanished contact leaving memory, disk and the
//! recents, and the recents written only when they change.

use genius::api::{ApiRequest, Identifier};
use genius::cache::CachedContact;
use genius::tui::app::{App, AppOptions, Command, Msg};
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use crate::support::*;

fn contact_numbered(n: usize) -> genius::api::Contact {
    let mut contact = john_doe();
    contact.uid = format!("UID{n:05}");
    contact.first_name = Some(format!("Person {n}"));
    contact
}

fn cache_app(memory_bytes: usize) -> App {
    App::new(AppOptions {
        cache_enabled: true,
        cache_memory_bytes: memory_bytes,
        ..options()
    })
}

/// Looks `uid` up and answers with `contact`; returns the commands of the answer.
fn fetch(app: &mut App, contact: &genius::api::Contact) -> Vec<Command> {
    type_text(app, &contact.uid);
    let commands = app.update(key(KeyCode::Enter));
    let id = sent_id(&commands);
    let answered = app.update(one(id, contact));
    app.update(key(KeyCode::Esc));
    answered
}

#[test]
fn memory_holds_the_most_recently_used_within_the_budget() {
    let one_contact = CachedContact::memory_size_of(&contact_numbered(0));
    let budget = one_contact * 5 + one_contact / 2;
    let mut app = cache_app(budget);
    for n in 0..40 {
        fetch(&mut app, &contact_numbered(n));
        assert!(
            app.cache.bytes() <= budget,
            "{} > {budget}",
            app.cache.bytes()
        );
    }
    assert_eq!(app.cache.len(), 5);
    assert!(app.cache.contains("UID00039"));
    assert!(app.cache.contains("UID00035"));
    assert!(
        !app.cache.contains("UID00034"),
        "the least recently used went"
    );
    // Every one of them was handed to the disk cache, which keeps its own bound.
    assert_eq!(app.cached_on_disk.len(), 40);
}

#[test]
fn a_contact_bigger_than_the_budget_is_not_kept_in_memory() {
    let mut app = cache_app(64 * 1024);
    let mut huge = contact_numbered(1);
    huge.notes = Some(many_notes(2_000));
    fetch(&mut app, &huge);
    assert!(!app.cache.contains("UID00001"));
    assert!(app.cache.bytes() <= 64 * 1024);
}

#[test]
fn nothing_of_the_cache_is_asked_for_before_the_first_frame() {
    let app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    assert!(app.cached_on_disk.is_empty());
    assert_eq!(
        app.after_first_frame(),
        vec![Command::LoadCacheIndex, Command::LoadSearchIndex]
    );
    let off = App::new(options());
    assert!(
        off.after_first_frame().is_empty(),
        "cache off: nothing to read"
    );
}

#[test]
fn a_contact_on_disk_opens_from_its_file_stale_with_its_cut_notes_said() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    app.update(Msg::CacheIndexLoaded {
        uids: vec!["ABC12345".into()],
    });
    type_text(&mut app, "ABC12345");
    assert_eq!(
        app.update(key(KeyCode::Enter)),
        vec![Command::ReadCachedContact {
            uid: "ABC12345".into()
        }]
    );
    let mut copy = CachedContact::new(john_doe(), clock().now - chrono::Duration::hours(2));
    copy.notes_cut = true;
    let commands = app.update(Msg::CachedContactRead {
        uid: "ABC12345".into(),
        cached: Some(Box::new(copy)),
    });
    let refresh = sent_id(&commands);
    assert!(commands.contains(&Command::Send {
        id: refresh,
        request: ApiRequest::get(&Identifier::Uid("ABC12345".into())),
    }));
    assert!(top_contact(&app).notes_cut);
    assert!(
        render(&app).contains("older notes not cached"),
        "{}",
        render(&app)
    );
    assert!(app.cache.contains("ABC12345"), "now held in memory too");

    app.update(one(refresh, &john_doe()));
    assert!(!top_contact(&app).notes_cut);
    assert!(!render(&app).contains("older notes not cached"));
}

#[test]
fn a_cached_file_gone_meanwhile_is_looked_up_instead() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    app.update(Msg::CacheIndexLoaded {
        uids: vec!["ABC12345".into()],
    });
    type_text(&mut app, "ABC12345");
    app.update(key(KeyCode::Enter));
    let commands = app.update(Msg::CachedContactRead {
        uid: "ABC12345".into(),
        cached: None,
    });
    let (_, request) = sent(&commands);
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    assert!(!app.cached_on_disk.contains("ABC12345"));
}

#[test]
fn a_read_answered_after_esc_opens_nothing() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    app.update(Msg::CacheIndexLoaded {
        uids: vec!["ABC12345".into()],
    });
    type_text(&mut app, "ABC12345");
    app.update(key(KeyCode::Enter));
    app.update(key(KeyCode::Esc));
    let commands = app.update(Msg::CachedContactRead {
        uid: "ABC12345".into(),
        cached: Some(Box::new(CachedContact::new(john_doe(), clock().now))),
    });
    assert!(commands.is_empty());
    assert!(matches!(app.top(), Screen::Home(_)));
}

#[test]
fn a_deleted_contact_leaves_memory_disk_and_recents() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    fetch(&mut app, &john_doe());
    fetch(&mut app, &john_smith());
    assert!(app.cache.contains("ABC12345") && app.cached_on_disk.contains("ABC12345"));
    type_text(&mut app, "ABC12345");
    let refresh = sent_id(&app.update(key(KeyCode::Enter)));
    app.update(one(refresh, &john_doe()));
    app.update(ch('D'));
    let (id, _) = sent(&app.update(ch('D')));
    let commands = app.update(ok(&app, id, json!({"uid": "ABC12345"})));
    assert!(commands.contains(&Command::ForgetCachedContact {
        uid: "ABC12345".into()
    }));
    assert!(commands.iter().any(
        |c| matches!(c, Command::SaveRecents(list) if list.entries.iter().all(|r| r.uid != "ABC12345"))
    ));
    assert!(!app.cache.contains("ABC12345"));
    assert!(!app.cached_on_disk.contains("ABC12345"));
    assert!(app.cache.contains("XYZ67890"), "the others stay");
}

#[test]
fn a_contact_gone_from_the_server_on_refresh_is_forgotten() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    fetch(&mut app, &john_doe());
    type_text(&mut app, "ABC12345");
    let refresh = sent_id(&app.update(key(KeyCode::Enter)));
    let commands = app.update(failed(&app, refresh, api_error(404, "Contact not found")));
    assert!(commands.contains(&Command::ForgetCachedContact {
        uid: "ABC12345".into()
    }));
    assert!(app.recents.entries.iter().all(|r| r.uid != "ABC12345"));
    assert!(!app.cache.contains("ABC12345"));
}

#[test]
fn looking_the_same_contact_up_again_writes_no_recents() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    let first = fetch(&mut app, &contact_numbered(7));
    assert!(first.iter().any(|c| matches!(c, Command::SaveRecents(_))));
    for _ in 0..5 {
        type_text(&mut app, "UID00007");
        let commands = app.update(key(KeyCode::Enter));
        assert!(
            !commands
                .iter()
                .any(|c| matches!(c, Command::SaveRecents(_))),
            "{commands:?}"
        );
        let refresh = sent_id(&commands);
        let answered = app.update(one(refresh, &contact_numbered(7)));
        assert!(
            !answered
                .iter()
                .any(|c| matches!(c, Command::SaveRecents(_))),
            "{answered:?}"
        );
        app.update(key(KeyCode::Esc));
    }
}

#[test]
fn a_huge_history_goes_to_the_disk_cache_as_its_newest_notes_only() {
    let mut app = cache_app(genius::cache::DEFAULT_MEMORY_BYTES);
    let mut huge = contact_numbered(3);
    let notes = many_notes(6_000);
    assert!(notes.len() > genius::cache::DEFAULT_KEEP_NOTES_BYTES);
    huge.notes = Some(notes.clone());
    let commands = fetch(&mut app, &huge);
    let cut = commands
        .iter()
        .find_map(|c| match c {
            Command::CacheCutContact { contact, .. } => Some(contact),
            _ => None,
        })
        .expect("the cut copy goes to the disk writer");
    let kept = cut.notes.as_deref().expect("the newest notes");
    assert!(kept.len() <= genius::cache::DEFAULT_KEEP_NOTES_BYTES);
    assert!(notes.ends_with(kept), "the newest notes, verbatim");
    assert!(kept.ends_with("Call 6000 — discussed the proposal; next step agreed."));
    assert_eq!(cut.first_name, huge.first_name);
    assert!(
        !commands
            .iter()
            .any(|c| matches!(c, Command::CacheContacts { .. })),
        "not also whole: {commands:?}"
    );
}
