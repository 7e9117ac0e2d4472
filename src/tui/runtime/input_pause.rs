//! Terminal input that can be paused while another program has the terminal. crossterm's
//! `EventStream` keeps a thread blocked reading the terminal; left running while `$EDITOR` is open
//! it would take the editor's first keystrokes. Pausing drops the stream (which stops that thread)
//! and resuming starts a fresh one.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use futures_util::Stream;
use ratatui::crossterm::event::{Event, EventStream};

#[derive(Default)]
struct Shared {
    stream: Option<EventStream>,
    waker: Option<Waker>,
}

/// The terminal's events, pausable through an [`InputPause`].
pub struct PausableEvents {
    shared: Arc<Mutex<Shared>>,
}

/// Pauses and resumes a [`PausableEvents`].
#[derive(Clone)]
pub struct InputPause {
    shared: Arc<Mutex<Shared>>,
}

/// Terminal events, and the handle that pauses them.
pub fn pausable_events() -> (PausableEvents, InputPause) {
    let shared = Arc::new(Mutex::new(Shared {
        stream: Some(EventStream::new()),
        waker: None,
    }));
    (
        PausableEvents {
            shared: Arc::clone(&shared),
        },
        InputPause { shared },
    )
}

impl InputPause {
    /// Stops reading the terminal until [`InputPause::resume`].
    pub fn pause(&self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.stream = None;
        }
    }

    /// Reads the terminal again.
    pub fn resume(&self) {
        if let Ok(mut shared) = self.shared.lock() {
            if shared.stream.is_none() {
                shared.stream = Some(EventStream::new());
            }
            if let Some(waker) = shared.waker.take() {
                waker.wake();
            }
        }
    }
}

impl Stream for PausableEvents {
    type Item = std::io::Result<Event>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Ok(mut shared) = self.shared.lock() else {
            return Poll::Ready(None);
        };
        shared.waker = Some(cx.waker().clone());
        match shared.stream.as_mut() {
            Some(stream) => Pin::new(stream).poll_next(cx),
            None => Poll::Pending,
        }
    }
}
