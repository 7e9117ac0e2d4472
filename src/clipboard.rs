//! Copying to the user's clipboard with OSC 52, which works over SSH because the terminal on the
//! user's own machine does the copying. Pure functions returning the bytes to write: the base64
//! payload, tmux's DCS passthrough when inside tmux, GNU screen's DCS when inside screen, and a size
//! cap, since many terminals silently drop longer sequences.

use std::io::Write;

use base64::Engine;

/// The largest base64 payload sent (many terminals and tmux drop more than ~74 KB).
pub const MAX_BASE64_LEN: usize = 74_994;

/// Which wrapping the terminal in between needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    /// Straight to the terminal.
    None,
    /// Inside tmux: needs `set -g set-clipboard on` (or `allow-passthrough on`) in tmux.conf.
    Tmux,
    /// Inside GNU screen.
    Screen,
}

impl Multiplexer {
    /// tmux when `TMUX` is set; screen when `TERM` starts with `screen` and not in tmux.
    pub fn detect(tmux: Option<&str>, term: Option<&str>) -> Multiplexer {
        if tmux.is_some_and(|v| !v.is_empty()) {
            Multiplexer::Tmux
        } else if term.is_some_and(|t| t.starts_with("screen")) {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }

    /// [`Multiplexer::detect`] on this process's environment.
    pub fn from_environment() -> Multiplexer {
        Multiplexer::detect(
            std::env::var("TMUX").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }
}

/// Why a text cannot be copied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    /// The text encodes to more than [`MAX_BASE64_LEN`] bytes.
    #[error(
        "too long to copy through the terminal ({encoded} bytes encoded, at most {MAX_BASE64_LEN}); \
export it to a file instead"
    )]
    TooLarge { encoded: usize },
    /// The terminal could not be written to.
    #[error("could not write to the terminal: {0}")]
    Terminal(String),
}

/// The bytes that put `text` on the clipboard: `ESC ] 52 ; c ; BASE64 BEL`, wrapped for the multiplexer.
pub fn osc52_sequence(text: &str, multiplexer: Multiplexer) -> Result<Vec<u8>, ClipboardError> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    if encoded.len() > MAX_BASE64_LEN {
        return Err(ClipboardError::TooLarge {
            encoded: encoded.len(),
        });
    }
    let osc = format!("\x1b]52;c;{encoded}\x07");
    Ok(wrap_for(osc, multiplexer).into_bytes())
}

fn wrap_for(sequence: String, multiplexer: Multiplexer) -> String {
    match multiplexer {
        Multiplexer::None => sequence,
        // tmux passes a DCS "tmux;" body to the outer terminal with each doubled ESC made single.
        Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")),
        // screen passes a DCS body through as it is.
        Multiplexer::Screen => format!("\x1bP{sequence}\x1b\\"),
    }
}

/// Puts `text` on the clipboard by writing the sequence to `terminal` in one write, then flushing.
/// The TUI calls it with its output buffer between frames.
pub fn copy_to(
    terminal: &mut impl Write,
    text: &str,
    multiplexer: Multiplexer,
) -> Result<(), ClipboardError> {
    let bytes = osc52_sequence(text, multiplexer)?;
    terminal
        .write_all(&bytes)
        .and_then(|()| terminal.flush())
        .map_err(|e| ClipboardError::Terminal(e.to_string()))
}

/// How copying works here, in words for `genius doctor` and the help overlay.
pub fn describe_method(multiplexer: Multiplexer) -> &'static str {
    match multiplexer {
        Multiplexer::None => {
            "OSC 52 straight to the terminal (the terminal must allow clipboard writes)"
        }
        Multiplexer::Tmux => {
            "OSC 52 through tmux: needs `set -g set-clipboard on` (tmux ≥ 3.3 may also need \
`set -g allow-passthrough on`) in ~/.tmux.conf"
        }
        Multiplexer::Screen => "OSC 52 through GNU screen's passthrough",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copying_writes_the_whole_sequence_or_nothing() {
        let mut terminal = Vec::new();
        copy_to(&mut terminal, "ABC12345", Multiplexer::None).unwrap();
        assert_eq!(terminal, b"\x1b]52;c;QUJDMTIzNDU=\x07");
        let mut untouched = Vec::new();
        let huge = "x".repeat(MAX_BASE64_LEN);
        assert!(copy_to(&mut untouched, &huge, Multiplexer::None).is_err());
        assert!(untouched.is_empty());
    }
}
