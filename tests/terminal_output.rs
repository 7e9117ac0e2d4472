//! The TUI's output backend, seen from a terminal: whatever sequence of frames it is given
//! (random styles, wide characters, combining marks, emoji, resizes, partial updates, scrolled
//! blocks, cursor moves and hides, a shell scribbling over the screen in between), a terminal
//! emulator fed its bytes shows exactly the last frame; and the bytes it writes for the
//! common cases (a typed character, a list scrolled by one line, nothing changed) are few.
// Tests may unwrap what they built themselves (clippy.toml).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "terminal_output/bytes.rs"]
mod bytes;
#[path = "terminal_output/frames.rs"]
mod frames;
#[path = "terminal_output/screen.rs"]
mod screen;
