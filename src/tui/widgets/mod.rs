//! Pieces of screen shared by several screens: wrapping, the title bar, the status bar, the help
//! overlay and the note timeline.

pub mod chrome;
pub mod form;
pub mod layout;
pub mod picker;
pub mod readline;
pub mod shown_input;
pub mod text_input;
pub mod timeline;
pub mod wrap;

use ratatui::layout::Rect;

/// A rectangle of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
