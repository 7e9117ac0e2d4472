//! The contact cache at start-up, through the real event loop and effects runner on a test
//! backend: the first frame is drawn before anything of the cache is read, the index is read
//! right after, and a contact the cache holds then opens from its file, marked stale.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use genius::cache::ContactCache;
use genius::tui::app::msg::Msg;
use genius::tui::effects::Effects;
use genius::tui::model::display::Clock;
use genius::tui::runtime::event_loop::{self, Host};
use ratatui::Terminal;
use ratatui::crossterm::event::KeyCode;
use tokio::sync::mpsc::unbounded_channel;

use crate::support::{self, SharedBackend, ch, ctrl, john_doe, john_smith, key};

struct FixedHost;

impl Host for FixedHost {
    fn clock(&self) -> Clock {
        support::clock()
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_frame_comes_before_the_cache_is_read_and_a_cached_contact_opens_from_disk() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let earlier = ContactCache::at(dir.path().join("cache"));
    let fetched = support::clock().now - chrono::Duration::days(1);
    earlier
        .put_many(&[john_doe(), john_smith()], fetched)
        .expect("the cache is written");
    // A fresh handle, as a new session opens it: nothing read yet.
    let cache = ContactCache::at(dir.path().join("cache"));
    assert!(!cache.index_is_loaded());

    // The runner's messages pass through here on their way to the loop, so the test knows when
    // the index's answer is queued for it.
    let (sender, mut from_effects) = unbounded_channel::<Msg>();
    let (to_loop, mut replies) = unbounded_channel::<Msg>();
    let index_answer_queued = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let queued = Arc::clone(&index_answer_queued);
    tokio::spawn(async move {
        while let Some(msg) = from_effects.recv().await {
            let is_index = matches!(msg, Msg::CacheIndexLoaded { .. });
            let _ = to_loop.send(msg);
            if is_index {
                queued.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    let mut effects = Effects::new(None, sender, dir.path().join("recents.json"), cache.clone());
    let (keys, mut typed) = unbounded_channel::<Msg>();
    let input = futures_util::stream::poll_fn(move |cx| typed.poll_recv(cx));
    // At every frame flushed: whether the cache's index had been read by then.
    let index_read_at_each_frame: Arc<Mutex<Vec<bool>>> = Arc::default();
    let backend = SharedBackend::new(80, 24).on_flush({
        let cache = cache.clone();
        let frames = Arc::clone(&index_read_at_each_frame);
        move || frames.lock().unwrap().push(cache.index_is_loaded())
    });
    let frames = || index_read_at_each_frame.lock().unwrap().clone();
    let mut terminal = Terminal::new(backend.clone()).expect("a terminal");
    let mut app = genius::tui::app::App::new(genius::tui::app::AppOptions {
        cache_enabled: true,
        clock: support::clock(),
        ..Default::default()
    });
    let session = tokio::spawn(async move {
        let outcome = event_loop::run(
            &mut terminal,
            &mut app,
            input,
            &mut replies,
            &mut effects,
            &mut FixedHost,
            Vec::new(),
        )
        .await;
        outcome.map(|()| app)
    });

    wait_until("the first frame", || !frames().is_empty()).await;
    assert_eq!(
        frames().first(),
        Some(&false),
        "the first frame was drawn before the index was read"
    );
    wait_until("the index's answer", || {
        index_answer_queued.load(std::sync::atomic::Ordering::SeqCst)
    })
    .await;
    assert_eq!(
        frames().len(),
        1,
        "the index's answer changes nothing on screen: no frame is drawn for it"
    );
    // A key queued after the answer is drawn after the answer was applied (the loop applies
    // every queued reply before drawing): from then on, the uid opens from disk.
    keys.send(key(KeyCode::Right).into())
        .expect("the loop is running");
    wait_until("the frame of a key", || frames().len() > 1).await;

    let shown = |text: &str| backend.screen().contains(text);
    for c in "ABC12345".chars() {
        keys.send(ch(c).into()).expect("the loop is running");
    }
    keys.send(key(KeyCode::Enter).into())
        .expect("the loop is running");
    wait_until("the cached contact", || shown("John Doe")).await;
    assert!(shown("last known, yesterday"), "{}", backend.screen());
    keys.send(ctrl('c').into()).expect("the loop is running");
    let app = session
        .await
        .expect("the session task ends")
        .expect("the session ends cleanly");
    assert!(app.cached_on_disk.contains("XYZ67890"));
    assert!(app.cache.contains("ABC12345"));
}
