//! The event loop: messages in (input, replies, the spinner tick while busy), `App::update`, the
//! commands run, and a draw once the queue is drained — never on a timer, so an idle TUI writes
//! nothing and sleeps. Generic over the ratatui backend and fed input as a stream of messages, so
//! a whole session runs on `TestBackend` with scripted input.

use std::time::Duration;

use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::tui::app::{App, Command, Msg, view};
use crate::tui::effects::Effects;
use crate::tui::model::display::Clock;

/// The most input events handled before a draw.
const MAX_BATCH: usize = 256;

/// How often the spinner turns while a request is in flight.
pub const TICK: Duration = Duration::from_millis(120);

/// How often a screen showing live times (a contact's local time) is redrawn while idle.
pub const CLOCK_TICK: Duration = Duration::from_secs(60);

/// What the loop needs from its surroundings besides the terminal.
pub trait Host {
    /// The time now (tests give a fixed clock).
    fn clock(&self) -> Clock;
    /// Ctrl-Z: give the terminal back and stop until resumed.
    fn suspend(&mut self) -> std::io::Result<()>;

    /// The process was continued (SIGCONT): take the terminal again. Hosts without a terminal
    /// (tests) have nothing to take.
    fn resume(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    /// Give the terminal to `$VISUAL`/`$EDITOR` on `draft`, take it back, and return the edited
    /// text. Hosts without a terminal to lend (tests) say so.
    fn edit_externally(&mut self, draft: &str) -> std::io::Result<String> {
        let _ = draft;
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "no external editor here",
        ))
    }
}

/// The message for a terminal event, if it means anything to the app.
pub fn msg_from_event(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        Event::FocusGained | Event::FocusLost => None,
    }
}

/// Runs `app` until it quits or `input` ends. `initial` are the commands to perform first (the
/// lookup given on the command line).
pub async fn run<B, I, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    input: I,
    replies: &mut UnboundedReceiver<Msg>,
    effects: &mut Effects,
    host: &mut H,
    initial: Vec<Command>,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: Stream<Item = Msg> + Unpin,
    H: Host,
{
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // Every event already waiting comes in one batch, so a burst of keys or a paste costs one
    // draw. (Polling the input with `now_or_never` instead would hand crossterm's EventStream a
    // no-op waker that it keeps, and the loop would stop waking up for keys.)
    let mut minute = tokio::time::interval(CLOCK_TICK);
    minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut input = input.ready_chunks(MAX_BATCH);
    perform(terminal, app, effects, host, initial)?;
    draw(terminal, app, host)?;
    // What the first frame does not need (the cache's index) is read only once it is drawn.
    let later = app.after_first_frame();
    perform(terminal, app, effects, host, later)?;
    while !app.quitting {
        let busy = app.is_busy();
        let batch = tokio::select! {
            batch = input.next() => match batch {
                Some(batch) => batch,
                None => break,
            },
            Some(msg) = replies.recv() => vec![msg],
            _ = ticker.tick(), if busy => vec![Msg::Tick],
            _ = minute.tick(), if app.shows_live_times() => vec![Msg::ClockTick],
        };
        let mut shows = false;
        for msg in batch {
            if app.quitting {
                break;
            }
            shows |= changes_what_is_shown(app, &msg);
            handle(terminal, app, effects, host, msg)?;
        }
        // Replies that arrived meanwhile are applied before drawing too.
        while !app.quitting {
            let Ok(msg) = replies.try_recv() else {
                break;
            };
            shows |= changes_what_is_shown(app, &msg);
            handle(terminal, app, effects, host, msg)?;
        }
        if !app.quitting && shows {
            draw(terminal, app, host)?;
        }
    }
    Ok(())
}

/// False for the messages that change nothing on screen: no frame is drawn for them, so even the
/// few bytes of an unchanged frame (cursor, colours reset) are not written. The cache's index
/// (read in the background just after the first frame) never shows; the name-search index shows
/// only under a name being typed on the start screen.
fn changes_what_is_shown(app: &App, msg: &Msg) -> bool {
    match msg {
        Msg::CacheIndexLoaded { .. } => false,
        Msg::SearchIndexReady(_) => app.is_typing_a_lookup(),
        _ => true,
    }
}

fn handle<B, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    effects: &mut Effects,
    host: &mut H,
    msg: Msg,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    H: Host,
{
    match msg {
        Msg::Resize { .. } => terminal.autoresize()?,
        // Whatever was on the terminal while stopped is gone: repaint all of it.
        Msg::Resumed => {
            host.resume()?;
            clear_screen(terminal)?;
        }
        _ => {}
    }
    app.set_clock(host.clock());
    let commands = app.update(msg);
    perform(terminal, app, effects, host, commands)
}

fn perform<B, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    effects: &mut Effects,
    host: &mut H,
    commands: Vec<Command>,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    H: Host,
{
    for command in commands {
        match command {
            Command::Quit => app.quitting = true,
            Command::Suspend => {
                host.suspend()?;
                clear_screen(terminal)?;
                app.set_clock(host.clock());
                let more = app.update(Msg::Resumed);
                perform(terminal, app, effects, host, more)?;
            }
            Command::EditExternally { uid, draft } => {
                let result = host
                    .edit_externally(&draft)
                    .map_err(|error| format!("the editor did not give the note back: {error}"));
                clear_screen(terminal)?;
                app.set_clock(host.clock());
                let more = app.update(Msg::EditedExternally { uid, result });
                perform(terminal, app, effects, host, more)?;
            }
            other => effects.run(other),
        }
    }
    Ok(())
}

/// Clears the whole screen and makes the next draw repaint everything. Unlike `Terminal::clear`
/// it does not ask the terminal where its cursor is: that round trip stalls on slow links and
/// fails with terminals (or test harnesses) that do not answer.
pub fn clear_screen<B>(terminal: &mut Terminal<B>) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

fn draw<B, H>(terminal: &mut Terminal<B>, app: &mut App, host: &H) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    H: Host,
{
    app.set_clock(host.clock());
    terminal.draw(|frame| view::draw(app, frame))?;
    Ok(())
}
