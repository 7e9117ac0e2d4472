//! Bytes the app asks to have written to the terminal between two frames — an OSC 52 clipboard
//! sequence, already wrapped for tmux or screen. A failure comes back as `Msg::EffectFailed`.

use std::io::Write;

use tokio::sync::mpsc::UnboundedSender;

use crate::tui::app::Msg;

/// Where clipboard sequences go: the terminal's output (none: copying reports a failure).
#[derive(Default)]
pub struct TerminalOutput {
    terminal: Option<Box<dyn Write + Send>>,
}

impl TerminalOutput {
    /// Writes to `terminal` from now on.
    pub fn set(&mut self, terminal: Box<dyn Write + Send>) {
        self.terminal = Some(terminal);
    }

    /// Writes `bytes` and flushes, reporting a failure on `messages`.
    pub fn write(&mut self, bytes: &[u8], messages: &UnboundedSender<Msg>) {
        let outcome = match self.terminal.as_mut() {
            Some(terminal) => terminal
                .write_all(bytes)
                .and_then(|()| terminal.flush())
                .map_err(|e| e.to_string()),
            None => Err("there is no terminal to write to".to_string()),
        };
        if let Err(error) = outcome {
            let _ = messages.send(Msg::EffectFailed {
                what: "nothing was copied".to_string(),
                error,
            });
        }
    }
}
