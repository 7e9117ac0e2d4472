//! The terminal's size as the backend reads it: asked of the terminal once, then again only after
//! a SIGWINCH said it may have changed. Asking opens `/dev/tty` (crossterm), an `open`, an `ioctl`
//! and a `close` that cost more than drawing a key's frame, and ratatui asks at every frame.

use std::cell::Cell;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::layout::Size;

/// How the size is asked of the terminal (crossterm in the TUI; a counter in tests).
pub type AskSize = fn() -> io::Result<Size>;

/// The terminal's size, remembered between resizes.
#[derive(Debug)]
pub struct WatchedSize {
    ask: AskSize,
    known: Cell<Size>,
    /// Set by the SIGWINCH handler. `None` where the signal cannot be watched: every read asks.
    changed: Option<Arc<AtomicBool>>,
    #[cfg(unix)]
    registration: Option<signal_hook::SigId>,
}

impl WatchedSize {
    /// The size of the terminal on stdout.
    pub fn of_terminal() -> io::Result<WatchedSize> {
        WatchedSize::watch(|| {
            let (width, height) = ratatui::crossterm::terminal::size()?;
            Ok(Size::new(width, height))
        })
    }

    /// The size `ask` gives, asked again after each SIGWINCH. The handler is in place before the
    /// first ask, so a resize in between is not missed.
    pub fn watch(ask: AskSize) -> io::Result<WatchedSize> {
        let changed = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        let registration =
            signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&changed)).ok();
        #[cfg(unix)]
        let watched = registration.is_some();
        #[cfg(not(unix))]
        let watched = false;
        Ok(WatchedSize {
            ask,
            known: Cell::new(ask()?),
            changed: watched.then_some(changed),
            #[cfg(unix)]
            registration,
        })
    }

    /// The size now: the one known, unless the terminal was resized since it was asked.
    pub fn get(&self) -> io::Result<Size> {
        match &self.changed {
            Some(changed) if !changed.swap(false, Ordering::AcqRel) => Ok(self.known.get()),
            changed => {
                let asked = (self.ask)();
                match &asked {
                    Ok(size) => self.known.set(*size),
                    // Still unknown: the next read asks again.
                    Err(_) => {
                        if let Some(changed) = changed {
                            changed.store(true, Ordering::Release);
                        }
                    }
                }
                asked
            }
        }
    }
}

impl Drop for WatchedSize {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(registration) = self.registration.take() {
            signal_hook::low_level::unregister(registration);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    static ASKED: AtomicUsize = AtomicUsize::new(0);

    fn counting_ask() -> io::Result<Size> {
        let asked = ASKED.fetch_add(1, Ordering::SeqCst);
        Ok(Size::new(80 + u16::try_from(asked).unwrap_or(0), 24))
    }

    #[test]
    fn the_size_is_asked_once_and_again_only_after_a_resize_signal() {
        let size = WatchedSize::watch(counting_ask).expect("watch");
        let asked_at_start = ASKED.load(Ordering::SeqCst);
        let first = size.get().expect("size");
        assert_eq!(size.get().expect("size"), first);
        assert_eq!(ASKED.load(Ordering::SeqCst), asked_at_start, "no new ask");

        signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).expect("raise");
        let resized = size.get().expect("size");
        assert_ne!(resized, first, "asked again after SIGWINCH");
        assert_eq!(size.get().expect("size"), resized);
        assert_eq!(ASKED.load(Ordering::SeqCst), asked_at_start + 1);
    }
}
