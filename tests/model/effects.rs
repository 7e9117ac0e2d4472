//! The trust side effects as the effects runner performs them: an export is written with mode
//! 0600 and never replaces a file unasked; clipboard bytes reach the terminal writer untouched;
//! asking for a profile without the command line's flags says so.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use genius::cache::ContactCache;
use genius::tui::app::{Command, Msg};
use genius::tui::effects::Effects;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The next message, waited for with a deadline.
async fn next(messages: &mut UnboundedReceiver<Msg>) -> Msg {
    tokio::time::timeout(Duration::from_secs(10), messages.recv())
        .await
        .ok()
        .flatten()
        .expect("an answer within 10 s")
}

/// A runner without a client, whose files go to a temporary directory.
fn effects(sender: UnboundedSender<Msg>, dir: &std::path::Path) -> Effects {
    Effects::new(
        None,
        sender,
        dir.join("recents.json"),
        ContactCache::disabled(),
    )
}

#[tokio::test]
async fn an_export_is_private_and_never_replaces_a_file_unasked() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("john.vcf");
    let (sender, mut messages) = unbounded_channel();
    let mut effects = effects(sender, dir.path());
    effects.run(Command::Export {
        path: path.clone(),
        contents: "BEGIN:VCARD\r\nEND:VCARD\r\n".into(),
        replace: false,
    });
    assert_eq!(
        next(&mut messages).await,
        Msg::Exported { path: path.clone() }
    );
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("BEGIN:VCARD\r\nEND:VCARD\r\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }

    effects.run(Command::Export {
        path: path.clone(),
        contents: "newer".into(),
        replace: false,
    });
    assert_eq!(
        next(&mut messages).await,
        Msg::ExportExists {
            path: path.clone(),
            contents: "newer".into()
        }
    );
    assert!(std::fs::read_to_string(&path).is_ok_and(|text| text.starts_with("BEGIN:VCARD")));

    effects.run(Command::Export {
        path: path.clone(),
        contents: "newer".into(),
        replace: true,
    });
    assert_eq!(
        next(&mut messages).await,
        Msg::Exported { path: path.clone() }
    );
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("newer")
    );
}

/// A terminal that keeps what is written to it.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<u8>>>);

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn clipboard_bytes_reach_the_terminal_as_they_are() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (sender, mut messages) = unbounded_channel();
    let mut effects = effects(sender, dir.path());
    effects.run(Command::WriteToTerminal {
        bytes: b"\x1b]52;c;QUJD\x07".to_vec(),
    });
    assert!(
        matches!(next(&mut messages).await, Msg::EffectFailed { what, .. } if what == "nothing was copied"),
        "without a terminal, copying says it failed"
    );
    let terminal = Recorder::default();
    effects.set_terminal(Box::new(terminal.clone()));
    effects.run(Command::WriteToTerminal {
        bytes: b"\x1b]52;c;QUJD\x07".to_vec(),
    });
    let written = terminal.0.lock().map(|b| b.clone()).unwrap_or_default();
    assert_eq!(written, b"\x1b]52;c;QUJD\x07");
    assert!(
        messages.try_recv().is_err(),
        "a successful copy sends nothing back"
    );
}

#[tokio::test]
async fn a_profile_cannot_be_resolved_without_the_command_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (sender, mut messages) = unbounded_channel();
    let mut effects = effects(sender, dir.path());
    effects.run(Command::ResolveProfile {
        name: "prod".into(),
    });
    assert!(matches!(
        next(&mut messages).await,
        Msg::ProfileFailed { name, .. } if name == "prod"
    ));
}

#[tokio::test]
async fn work_opens_a_list_and_its_progress_is_appended_before_the_end() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let list = dir.path().join("leads.txt");
    std::fs::write(&list, "ABC12345\nmary@example.com\n").unwrap();
    let (sender, mut messages) = unbounded_channel();
    let mut runner = effects(sender, dir.path());
    let progress = dir.path().join("worklists");
    runner.set_worklists(progress.clone(), None);
    runner.run(Command::OpenWorklist { path: list.clone() });
    let Msg::WorklistOpened(mut opened) = next(&mut messages).await else {
        panic!("the list was not opened");
    };
    assert_eq!(opened.len(), 2);
    let event = opened.found(0, "ABC12345", chrono::Utc::now()).unwrap();
    runner.run(Command::RecordWorklistProgress(event));
    // Opening the same list again (`:work` twice) is not refused by this session's own lock.
    runner.run(Command::OpenWorklist { path: list.clone() });
    let Msg::WorklistOpened(again) = next(&mut messages).await else {
        panic!("the list was not opened again");
    };
    assert_eq!(again.progress(0).unwrap().uid.as_deref(), Some("ABC12345"));
    runner.finish().await;
    let journal = std::fs::read_dir(&progress)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .expect("a journal");
    use std::os::unix::fs::PermissionsExt;
    let mode = journal.metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[tokio::test]
async fn a_timer_sends_its_message_back_after_its_delay_and_not_before() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (sender, mut messages) = unbounded_channel();
    let mut runner = effects(sender, dir.path());
    let delay = Duration::from_millis(50);
    let asked = std::time::Instant::now();
    runner.run(Command::After {
        delay,
        msg: Box::new(Msg::PreviewDue { generation: 7 }),
    });
    assert_eq!(next(&mut messages).await, Msg::PreviewDue { generation: 7 });
    assert!(asked.elapsed() >= delay, "the message waited for its delay");
}

#[tokio::test]
async fn a_burst_of_recents_ends_with_the_newest_on_disk() {
    use genius::tui::model::recents::{RecentContact, RecentList};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (sender, _messages) = unbounded_channel();
    let mut effects = effects(sender, dir.path());
    let mut list = RecentList::default();
    for n in 0..200 {
        let mut contact = crate::support::john_doe();
        contact.uid = format!("UID{n:05}");
        list.record(RecentContact::from_contact(
            &contact,
            crate::support::clock().now,
        ));
        effects.run(Command::SaveRecents(list.clone()));
    }
    effects.finish().await;
    let saved = genius::tui::effects::recents_file::load_recents(&dir.path().join("recents.json"));
    assert_eq!(saved, list, "the newest list is written by the end");
}

#[tokio::test]
async fn the_cache_is_read_and_forgotten_in_the_order_asked() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = ContactCache::at(dir.path().join("cache"));
    let (sender, mut messages) = unbounded_channel();
    let mut effects = Effects::new(None, sender, dir.path().join("recents.json"), cache.clone());
    let now = crate::support::clock().now;
    let (john, smith) = (crate::support::john_doe(), crate::support::john_smith());
    effects.run(Command::CacheContacts {
        contacts: vec![john.clone(), smith.clone()],
        fetched_at: now,
    });
    effects.run(Command::ForgetCachedContact {
        uid: smith.uid.clone(),
    });
    effects.run(Command::LoadCacheIndex);
    // The index may be read before or after the writes land; wait for the writes to have landed.
    let started = std::time::Instant::now();
    while cache.get(&john.uid).is_none() || cache.get(&smith.uid).is_some() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the writes never landed"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(matches!(
        next(&mut messages).await,
        Msg::CacheIndexLoaded { .. }
    ));
    effects.run(Command::LoadCacheIndex);
    assert_eq!(
        next(&mut messages).await,
        Msg::CacheIndexLoaded {
            uids: vec![john.uid.clone()]
        }
    );
    effects.run(Command::ReadCachedContact {
        uid: john.uid.clone(),
    });
    assert_eq!(
        next(&mut messages).await,
        Msg::CachedContactRead {
            uid: john.uid.clone(),
            cached: Some(Box::new(genius::cache::CachedContact::new(john, now))),
        }
    );
    effects.run(Command::ReadCachedContact {
        uid: smith.uid.clone(),
    });
    assert_eq!(
        next(&mut messages).await,
        Msg::CachedContactRead {
            uid: smith.uid,
            cached: None,
        }
    );
}

#[tokio::test]
async fn a_cut_copy_is_cached_marked_as_cut() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = ContactCache::at(dir.path().join("cache"));
    let (sender, _messages) = unbounded_channel();
    let mut effects = Effects::new(None, sender, dir.path().join("recents.json"), cache.clone());
    let now = crate::support::clock().now;
    effects.run(Command::CacheCutContact {
        contact: Box::new(crate::support::john_doe()),
        fetched_at: now,
    });
    effects.finish().await;
    let cached = cache.get("ABC12345").expect("cached");
    assert!(cached.notes_cut);
    assert_eq!(cached.contact, crate::support::john_doe());
}
