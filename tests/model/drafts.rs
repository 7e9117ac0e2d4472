//! Drafts on disk: kept as typed (0600), keyed by profile, contact and kind, offered back, discarded.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use genius::tui::effects::drafts_store::{DraftError, DraftStore};
use genius::tui::model::drafts::{Draft, DraftContent, DraftKey, DraftKind, DraftSubject};

use crate::stop_waiting::with_a_note_draft;
use crate::support::*;
use genius::tui::app::Command;

fn note(profile: Option<&str>, uid: &str, text: &str, minute: u32) -> Draft {
    Draft {
        key: DraftKey::note(profile, uid),
        content: DraftContent::Note { text: text.into() },
        contact_name: Some("John Doe".into()),
        saved_at: Utc.with_ymd_and_hms(2026, 11, 26, 8, minute, 0).single(),
        may_have_been_saved: false,
    }
}

fn store() -> (tempfile::TempDir, DraftStore) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = DraftStore::new(dir.path().join("drafts"));
    (dir, store)
}

#[test]
fn a_draft_is_kept_privately_and_read_back() {
    let (_dir, store) = store();
    let draft = note(None, "ABC12345", "Called, no answer", 1);
    store.save(&draft).expect("saved");
    assert_eq!(store.load(&draft.key).ok().flatten(), Some(draft.clone()));
    let files: Vec<_> = std::fs::read_dir(store.dir())
        .expect("listed")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "no temporary files left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = files[0].metadata().expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let newer = note(None, "ABC12345", "Called, no answer. Again.", 2);
    store.save(&newer).expect("saved again");
    assert_eq!(store.load(&draft.key).ok().flatten(), Some(newer));
}

#[test]
fn keys_separate_profiles_contacts_and_kinds() {
    let (_dir, store) = store();
    let mut fields = BTreeMap::new();
    fields.insert("city".to_string(), "Boston".to_string());
    let edit = Draft {
        key: DraftKey::edit(Some("work"), "ABC12345"),
        content: DraftContent::Form {
            fields: fields.clone(),
        },
        contact_name: None,
        saved_at: None,
        may_have_been_saved: false,
    };
    let create = Draft {
        key: DraftKey::create(Some("work")),
        content: DraftContent::Form { fields },
        contact_name: None,
        saved_at: None,
        may_have_been_saved: false,
    };
    for draft in [
        &edit,
        &create,
        &note(Some("work"), "ABC12345", "n", 3),
        &note(None, "ABC12345", "other profile", 4),
    ] {
        store.save(draft).expect("saved");
    }
    assert_eq!(store.for_contact(Some("work"), "ABC12345").len(), 2);
    assert_eq!(store.for_contact(None, "ABC12345").len(), 1);
    let (work, problems) = store.list(Some("work"));
    assert!(problems.is_empty());
    assert_eq!(work.len(), 3);
    assert_eq!(work[0].key.kind, DraftKind::Note, "newest first");
    assert_eq!(create.key.subject, DraftSubject::New);
    assert_eq!(create.key.uid(), None);
}

#[test]
fn discarding_and_saving_an_empty_draft_remove_the_file() {
    let (_dir, store) = store();
    let draft = note(None, "ABC12345", "text", 1);
    store.save(&draft).expect("saved");
    store
        .save(&note(None, "ABC12345", "   ", 2))
        .expect("emptied");
    assert_eq!(store.load(&draft.key).ok().flatten(), None);
    store.save(&draft).expect("saved");
    store.discard(&draft.key).expect("discarded");
    store.discard(&draft.key).expect("discarding twice is fine");
    assert_eq!(store.load(&draft.key).ok().flatten(), None);
}

#[test]
fn hostile_uids_and_profiles_cannot_leave_the_drafts_directory() {
    let (dir, store) = store();
    let draft = note(Some("../../etc"), "../../x/y", "text", 1);
    store.save(&draft).expect("saved");
    let names: Vec<String> = std::fs::read_dir(store.dir())
        .expect("listed")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(!names[0].contains('/'));
    assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 1);
    assert_eq!(store.load(&draft.key).ok().flatten(), Some(draft));
}

#[test]
fn a_damaged_draft_is_reported_and_left_on_disk() {
    let (_dir, store) = store();
    let draft = note(None, "ABC12345", "text", 1);
    store.save(&draft).expect("saved");
    let path = std::fs::read_dir(store.dir())
        .expect("listed")
        .flatten()
        .next()
        .map(|e| e.path());
    let path = path.expect("one file");
    std::fs::write(&path, b"{ not json").expect("damaged");
    assert!(matches!(
        store.load(&draft.key),
        Err(DraftError::Damaged { .. })
    ));
    let (drafts, problems) = store.list(None);
    assert!(drafts.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(path.exists());
}

#[test]
fn a_missing_directory_means_no_drafts() {
    let (_dir, store) = store();
    let (drafts, problems) = store.list(None);
    assert!(drafts.is_empty() && problems.is_empty());
    assert_eq!(store.load(&DraftKey::create(None)).ok().flatten(), None);
}

#[test]
fn a_draft_written_before_the_may_have_been_saved_mark_reads_unmarked_and_the_mark_round_trips() {
    let (_dir, store) = store();
    std::fs::create_dir_all(store.dir()).expect("the drafts directory");
    let key = DraftKey::note(None, "ABC12345");
    let old = r#"{"key":{"profile":null,"subject":{"contact":"ABC12345"},"kind":"note"},"content":{"type":"note","text":"Called"}}"#;
    std::fs::write(store.dir().join("_~c-ABC12345~note.json"), old).expect("written");
    let read = store.load(&key).expect("readable").expect("found");
    assert!(!read.may_have_been_saved);
    assert_eq!(
        read.content,
        DraftContent::Note {
            text: "Called".into()
        }
    );

    let mut marked = note(None, "ABC12345", "Called", 3);
    store.save(&marked).expect("saved");
    let written =
        std::fs::read_to_string(store.dir().join("_~c-ABC12345~note.json")).expect("read");
    assert!(
        !written.contains("may_have_been_saved"),
        "unmarked drafts keep the old format"
    );
    marked.may_have_been_saved = true;
    store.save(&marked).expect("saved");
    assert_eq!(store.load(&key).ok().flatten(), Some(marked));
}

#[test]
fn drafts_are_restored_when_the_editor_opens_again() {
    let mut app = on_john();
    app.drafts.list = vec![Draft {
        key: DraftKey::note(None, "ABC12345"),
        content: DraftContent::Note {
            text: "half a note".into(),
        },
        contact_name: Some("John Doe".into()),
        saved_at: None,
        may_have_been_saved: false,
    }];
    app.update(ch('n'));
    assert_eq!(note_text(&app), "half a note");
}

#[test]
fn drafts_left_on_disk_are_offered_on_start_and_resumed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = genius::tui::effects::drafts_store::DraftStore::new(dir.path().join("drafts"));
    let draft = Draft {
        key: DraftKey::note(None, "ABC12345"),
        content: DraftContent::Note {
            text: "unsent".into(),
        },
        contact_name: Some("John Doe".into()),
        saved_at: None,
        may_have_been_saved: false,
    };
    store.save(&draft).expect("saved");
    let mut app = app();
    let (drafts, problems) = store.list(None);
    assert!(problems.is_empty());
    app.offer_drafts(None, drafts, None);
    assert!(matches!(&app.overlay, Some(Overlay::Drafts(_))));
    let (id, request) = sent(&app.update(key(KeyCode::Enter)));
    assert_eq!(
        request,
        ApiRequest::get(&Identifier::Uid("ABC12345".into()))
    );
    assert!(app.overlay.is_none());
    app.update(one(id, &john_doe()));
    assert_eq!(note_text(&app), "unsent");
}

#[test]
fn the_drafts_list_asks_before_throwing_a_draft_away() {
    let mut app = app();
    with_a_note_draft(&mut app);
    // A lookup typed before the list was noticed throws nothing away.
    for c in "david@example.com".chars() {
        let commands = app.update(ch(c));
        assert!(
            !commands
                .iter()
                .any(|c| matches!(c, Command::DiscardDraft(_))),
            "{c:?} discarded a draft"
        );
    }
    assert_eq!(app.drafts.list.len(), 1);
    app.update(ch('d'));
    assert!(render(&app).contains("Throw the highlighted draft away?"));
    assert_eq!(
        app.update(ch('y')),
        vec![Command::DiscardDraft(DraftKey::note(None, "ABC12345"))]
    );
    assert!(app.drafts.list.is_empty());
}

#[test]
fn resuming_a_draft_of_the_contact_already_open_names_each_screen_once() {
    let mut app = on_john();
    let uid = shown(&app).uid;
    let draft = Draft {
        key: DraftKey::note(None, &uid),
        content: DraftContent::Note {
            text: "unsent".into(),
        },
        contact_name: Some("John Doe".into()),
        saved_at: None,
        may_have_been_saved: false,
    };
    app.offer_drafts(None, vec![draft], None);
    let (id, _) = sent(&app.update(key(KeyCode::Enter)));
    app.update(one(id, &john_doe()));
    assert_eq!(note_text(&app), "unsent");
    let crumbs: Vec<String> = app.screens.iter().map(Screen::title).collect();
    let mut unique = crumbs.clone();
    unique.dedup();
    assert_eq!(crumbs, unique, "{crumbs:?}");
    assert_eq!(app.screens.len(), 3, "{crumbs:?}");
}
