//! Copying to the user's clipboard with OSC 52, which works over SSH because the terminal on the
//! user's own machine does the copying. Pure functions returning the bytes to write: the base64
//! payload; inside tmux, plain when tmux's `set-clipboard` forwards it, tmux's DCS passthrough
//! when only `allow-passthrough` lets it out, and nothing (with what to set) when tmux would drop
//! it; GNU screen's DCS when inside screen; and a size cap, since many terminals silently drop
//! longer sequences. Asking tmux for its settings is the one piece of IO here.

use std::io::Write;

use base64::Engine;

/// The largest base64 payload sent (many terminals and tmux drop more than ~74 KB).
pub const MAX_BASE64_LEN: usize = 74_994;

/// How the OSC 52 sequence reaches the user's terminal through whatever sits in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    /// Straight to the terminal.
    None,
    /// Inside tmux, wrapped in its passthrough: tmux lets it out because `allow-passthrough` is
    /// on (or it is a tmux older than 3.3, which always does), or because tmux could not be asked.
    Tmux,
    /// Inside GNU screen.
    Screen,
    /// Inside tmux whose `set-clipboard` is on: sent plain, and tmux sets the outer terminal's
    /// clipboard itself (the way tmux's own manual recommends).
    TmuxClipboard,
    /// Inside tmux with `set-clipboard` and `allow-passthrough` both off: tmux drops the sequence,
    /// so nothing is sent and the person is told what to set.
    TmuxClosed,
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

    /// Inside tmux, the route its settings allow, from what `tmux show-options -gv` said of
    /// `set-clipboard` and of `allow-passthrough` (each the value, or why it could not be read).
    pub fn inside_tmux(
        set_clipboard: &Result<String, String>,
        allow_passthrough: &Result<String, String>,
    ) -> Multiplexer {
        if matches!(set_clipboard, Ok(value) if value.trim() == "on") {
            return Multiplexer::TmuxClipboard;
        }
        match allow_passthrough {
            Ok(value) if matches!(value.trim(), "on" | "all") => Multiplexer::Tmux,
            Ok(_) if set_clipboard.is_ok() => Multiplexer::TmuxClosed,
            // A tmux before 3.3 has no such option and passes every passthrough on.
            Err(reason) if is_unknown_option(reason) => Multiplexer::Tmux,
            // tmux could not be asked: passthrough is the best guess (`genius doctor` warns).
            _ => Multiplexer::Tmux,
        }
    }

    /// The route for this process: [`Multiplexer::detect`] on its environment, and inside tmux
    /// the route tmux's settings allow (asking tmux, a few milliseconds; at most a second each).
    pub fn from_environment() -> Multiplexer {
        let detected = Multiplexer::detect(
            std::env::var("TMUX").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        );
        if detected != Multiplexer::Tmux {
            return detected;
        }
        Multiplexer::inside_tmux(
            &tmux_option("set-clipboard"),
            &tmux_option("allow-passthrough"),
        )
    }
}

/// True when tmux's answer says it has no such option (a tmux older than the option).
pub fn is_unknown_option(reason: &str) -> bool {
    reason.contains("invalid option") || reason.contains("unknown option")
}

/// What `tmux show-options -gv NAME` says: the value, or why it could not be read.
pub fn tmux_option(name: &str) -> Result<String, String> {
    let mut command = std::process::Command::new("tmux");
    command.args(["show-options", "-gv", name]);
    let finished = crate::config::process::run_captured(command, std::time::Duration::from_secs(1))
        .map_err(|e| e.to_string())?;
    if finished.status.success() {
        Ok(String::from_utf8_lossy(&finished.stdout).trim().to_string())
    } else {
        Err(finished.stderr.trim().to_string())
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
    /// Inside tmux with neither `set-clipboard` nor `allow-passthrough` on: tmux would drop it.
    #[error(
        "tmux passes no clipboard writes on: add `set -g set-clipboard on` to ~/.tmux.conf and \
run `tmux source ~/.tmux.conf`"
    )]
    TmuxClosed,
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
    if multiplexer == Multiplexer::TmuxClosed {
        return Err(ClipboardError::TmuxClosed);
    }
    let osc = format!("\x1b]52;c;{encoded}\x07");
    Ok(wrap_for(osc, multiplexer).into_bytes())
}

fn wrap_for(sequence: String, multiplexer: Multiplexer) -> String {
    match multiplexer {
        Multiplexer::None | Multiplexer::TmuxClipboard | Multiplexer::TmuxClosed => sequence,
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
            "OSC 52 through tmux's passthrough (`allow-passthrough on`; `set -g set-clipboard on` \
in ~/.tmux.conf is the surer way)"
        }
        Multiplexer::Screen => "OSC 52 through GNU screen's passthrough",
        Multiplexer::TmuxClipboard => {
            "OSC 52 to tmux, which sets your terminal's clipboard (set-clipboard is on)"
        }
        Multiplexer::TmuxClosed => {
            "inside tmux with set-clipboard and allow-passthrough off: copying cannot reach your \
computer; add `set -g set-clipboard on` to ~/.tmux.conf and run `tmux source ~/.tmux.conf`"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tmux_the_route_follows_its_settings() {
        let said = |value: &str| Ok(value.to_string());
        let failed = |reason: &str| Err(reason.to_string());
        let route = Multiplexer::inside_tmux;
        assert_eq!(route(&said("on"), &said("off")), Multiplexer::TmuxClipboard);
        assert_eq!(route(&said("external"), &said("on")), Multiplexer::Tmux);
        assert_eq!(route(&said("off"), &said("all")), Multiplexer::Tmux);
        assert_eq!(
            route(&said("external"), &said("off")),
            Multiplexer::TmuxClosed
        );
        assert_eq!(
            route(&said("off"), &failed("invalid option: allow-passthrough")),
            Multiplexer::Tmux
        );
        assert_eq!(
            route(&failed("no server running"), &failed("no server running")),
            Multiplexer::Tmux
        );
        // Forwarded by set-clipboard: plain, as tmux expects it; closed: nothing is sent.
        assert_eq!(
            osc52_sequence("hi", Multiplexer::TmuxClipboard).unwrap(),
            b"\x1b]52;c;aGk=\x07"
        );
        assert_eq!(
            osc52_sequence("hi", Multiplexer::TmuxClosed),
            Err(ClipboardError::TmuxClosed)
        );
    }

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
