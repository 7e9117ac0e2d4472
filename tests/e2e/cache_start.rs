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
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use tokio::sync::mpsc::unbounded_channel;

use crate::support::{self, ch, ctrl, john_doe, john_smith, key};

struct FixedHost;

impl Host for FixedHost {
    fn clock(&self) -> Clock {
        support::clock()
    }
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A test backend that notes, at every frame flushed, whether the cache's index was read.
#[derive(Clone)]
struct WatchedBackend {
    screen: Arc<Mutex<TestBackend>>,
    cache: ContactCache,
    index_read_at_each_frame: Arc<Mutex<Vec<bool>>>,
}

impl WatchedBackend {
    fn with<T>(&self, f: impl FnOnce(&mut TestBackend) -> T) -> T {
        let mut backend = self.screen.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut backend)
    }
    fn text(&self) -> String {
        self.with(|backend| backend.to_string())
    }
    fn frames(&self) -> Vec<bool> {
        self.index_read_at_each_frame.lock().unwrap().clone()
    }
}

impl Backend for WatchedBackend {
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
        let read = self.cache.index_is_loaded();
        self.index_read_at_each_frame.lock().unwrap().push(read);
        self.with(|backend| backend.flush())
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
    let backend = WatchedBackend {
        screen: Arc::new(Mutex::new(TestBackend::new(80, 24))),
        cache: cache.clone(),
        index_read_at_each_frame: Arc::default(),
    };
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

    wait_until("the first frame", || !backend.frames().is_empty()).await;
    assert_eq!(
        backend.frames().first(),
        Some(&false),
        "the first frame was drawn before the index was read"
    );
    wait_until("the index's answer", || {
        index_answer_queued.load(std::sync::atomic::Ordering::SeqCst)
    })
    .await;
    assert_eq!(
        backend.frames().len(),
        1,
        "the index's answer changes nothing on screen: no frame is drawn for it"
    );
    // A key queued after the answer is drawn after the answer was applied (the loop applies
    // every queued reply before drawing): from then on, the uid opens from disk.
    keys.send(key(KeyCode::Right).into())
        .expect("the loop is running");
    wait_until("the frame of a key", || backend.frames().len() > 1).await;

    let shown = |text: &str| backend.text().contains(text);
    for c in "ABC12345".chars() {
        keys.send(ch(c).into()).expect("the loop is running");
    }
    keys.send(key(KeyCode::Enter).into())
        .expect("the loop is running");
    wait_until("the cached contact", || shown("John Doe")).await;
    assert!(shown("last known, yesterday"), "{}", backend.text());
    keys.send(ctrl('c').into()).expect("the loop is running");
    let app = session
        .await
        .expect("the session task ends")
        .expect("the session ends cleanly");
    assert!(app.cached_on_disk.contains("XYZ67890"));
    assert!(app.cache.contains("ABC12345"));
}
