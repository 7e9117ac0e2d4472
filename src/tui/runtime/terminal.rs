//! Owning the terminal: raw mode, the alternate screen and bracketed paste on the way in; all of it
//! undone on the way out — by [`TerminalModes`]'s `Drop` on normal exit and on error, by the panic
//! hook (installed before anything can panic), and by the event loop on SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT. Ctrl-Z (or SIGTSTP from outside) restores the terminal, stops the process, and takes
//! the screen back on `fg`; SIGCONT takes it back too, whatever a shell did to it meanwhile. Frames
//! are written by the TUI's own backend (`output`): as few bytes as keep the screen right, one write
//! a frame. Leaving resets the scroll region and colours it may have left set. Mouse capture stays off on
//! purpose: it would take the terminal's own text selection away from people copying an email or a
//! phone off the screen (`Msg::Mouse` is handled for hosts that do report wheel events).

use std::io::{self, Stdout, Write};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::output::TerminalOutput;
use super::output::sequences::write_reset_for_exit;

/// The terminal the TUI draws on: its own minimal-output backend over stdout.
pub type TuiTerminal = Terminal<TerminalOutput<Stdout>>;

static PANIC_HOOK: Once = Once::new();

/// Makes a panic restore the terminal before the panic message is printed, so the message is
/// readable and the shell usable. Call first thing; calling again does nothing.
pub fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore_modes();
            previous(info);
        }));
    });
}

/// Undoes every mode the TUI turns on. Safe to call more than once.
pub fn restore_modes() -> io::Result<()> {
    let raw = disable_raw_mode();
    let mut stdout = io::stdout();
    // Before leaving the alternate screen: the scroll region is not saved with it.
    let reset = write_reset_for_exit(&mut stdout);
    let screen = execute!(stdout, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = stdout.flush();
    raw.and(reset).and(screen)
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// While alive, the terminal is in the TUI's modes; dropping it restores them.
#[derive(Debug)]
pub struct TerminalModes {
    _private: (),
}

impl TerminalModes {
    /// Enters raw mode, the alternate screen and bracketed paste. On failure, whatever was
    /// entered is undone before the error is returned.
    pub fn enter() -> io::Result<TerminalModes> {
        if let Err(error) = enter_modes() {
            let _ = restore_modes();
            return Err(error);
        }
        Ok(TerminalModes { _private: () })
    }

    /// Gives the terminal back while `run` runs (an external editor), then takes it again.
    pub fn lend<T>(&mut self, run: impl FnOnce() -> T) -> io::Result<T> {
        restore_modes()?;
        let value = run();
        enter_modes()?;
        Ok(value)
    }

    /// Ctrl-Z: give the terminal back, stop until `fg`, then take it again. The stop is SIGSTOP:
    /// SIGTSTP is caught (so one sent from outside also gives the terminal back first), and
    /// raising it would only call that handler again.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore_modes()?;
        #[cfg(unix)]
        if a_shell_can_continue_us() {
            signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        }
        enter_modes()
    }

    /// After SIGCONT: raw mode, the alternate screen and bracketed paste again, as a shell may
    /// have reset the terminal while the process was stopped. Entering them twice does no harm.
    pub fn reclaim(&mut self) -> io::Result<()> {
        enter_modes()
    }
}

impl Drop for TerminalModes {
    fn drop(&mut self) {
        let _ = restore_modes();
    }
}

/// False when nothing could continue this process once stopped: its process group is orphaned
/// (no parent in another process group of the same session, as with no job-control shell). The
/// kernel ignores SIGTSTP then; SIGSTOP would not be ignored and would leave genius stopped for
/// good, so the stop is skipped, as the kernel would have skipped it.
#[cfg(target_os = "linux")]
fn a_shell_can_continue_us() -> bool {
    /// The process group and session of a process, from `/proc/<pid>/stat`.
    fn group_and_session(pid: &str) -> Option<(i64, i64)> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name, in parentheses, may hold spaces: the fields start after the last ')'.
        let (_, fields) = stat.rsplit_once(')')?;
        let mut fields = fields.split_whitespace().skip(2);
        let group = fields.next()?.parse().ok()?;
        let session = fields.next()?.parse().ok()?;
        Some((group, session))
    }
    let Some((group, session)) = group_and_session("self") else {
        return true;
    };
    let parent = std::os::unix::process::parent_id().to_string();
    match group_and_session(&parent) {
        Some((parent_group, parent_session)) => parent_session == session && parent_group != group,
        None => true,
    }
}

/// Elsewhere the stop is always made, as job-control shells expect.
#[cfg(all(unix, not(target_os = "linux")))]
fn a_shell_can_continue_us() -> bool {
    true
}

/// A ratatui terminal over stdout, through the TUI's own backend.
pub fn new_terminal() -> io::Result<TuiTerminal> {
    Terminal::new(TerminalOutput::new(io::stdout())?)
}
