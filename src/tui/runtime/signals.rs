//! Terminal events and signals as one stream of messages: crossterm's events (pausable while
//! `$EDITOR` has the terminal), and SIGTERM, SIGHUP, SIGINT, SIGQUIT (end), SIGTSTP (stop) and
//! SIGCONT (resumed). In raw mode Ctrl-C and Ctrl-\\ are keys, so SIGINT and SIGQUIT come only
//! from outside (`kill`).

use futures_util::{Stream, StreamExt};

use crate::tui::app::Msg;
use crate::tui::runtime::event_loop::msg_from_event;
use crate::tui::runtime::input_pause::PausableEvents;

/// Terminal events and signals as one stream of messages. A signal that ends the session is
/// written to `ending` (its number) before `Msg::Terminate` is sent. In raw mode Ctrl-C and Ctrl-\
/// are keys, so SIGINT and SIGQUIT come only from outside (`kill`).
pub fn input_stream(
    events: PausableEvents,
    ending: std::sync::Arc<std::sync::atomic::AtomicI32>,
) -> anyhow::Result<impl Stream<Item = Msg> + Unpin> {
    let events = events.filter_map(|event| async move {
        match event {
            Ok(event) => msg_from_event(event),
            Err(error) => {
                tracing::warn!(%error, "terminal input failed");
                Some(Msg::Terminate)
            }
        }
    });
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        use std::task::Poll;
        use tokio::signal::unix::{SignalKind, signal};
        let mut ends = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
            .into_iter()
            .map(|number| Ok((signal(SignalKind::from_raw(number))?, number)))
            .collect::<std::io::Result<Vec<_>>>()?;
        // Caught so the terminal is given back before stopping (see `TerminalModes::suspend`).
        let mut stop = signal(SignalKind::from_raw(SIGTSTP))?;
        let mut continued = signal(SignalKind::from_raw(SIGCONT))?;
        let signals = futures_util::stream::poll_fn(move |cx| {
            for (signal, number) in &mut ends {
                if signal.poll_recv(cx).is_ready() {
                    ending.store(*number, std::sync::atomic::Ordering::SeqCst);
                    return Poll::Ready(Some(Msg::Terminate));
                }
            }
            if stop.poll_recv(cx).is_ready() {
                return Poll::Ready(Some(Msg::Stop));
            }
            if continued.poll_recv(cx).is_ready() {
                return Poll::Ready(Some(Msg::Resumed));
            }
            Poll::Pending
        });
        Ok(futures_util::stream::select(Box::pin(events), signals).boxed())
    }
    #[cfg(not(unix))]
    {
        let _ = ending;
        Ok(Box::pin(events))
    }
}
