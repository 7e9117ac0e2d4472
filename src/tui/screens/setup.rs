//! The screen shown when no API token is configured: how to set one, and how to try the demo.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;

/// Draws the no-token screen.
pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let code = |text: &'static str| Line::from(Span::styled(format!("    {text}"), theme.key));
    let lines = vec![
        Line::raw(""),
        Line::styled(
            "genius needs an API token to reach your 8M Genius account.",
            theme.accent,
        ),
        Line::raw(""),
        Line::raw("Copy the token from your account settings, then start genius with it:"),
        code("export GENIUS_TOKEN='your-token'"),
        code("genius"),
        Line::raw(""),
        Line::styled(
            "Only the Starter, Pro and Business plans include API access.",
            theme.muted,
        ),
        Line::raw(""),
        Line::raw("Just looking around? The demo account needs no token:"),
        code("genius demo"),
        Line::raw(""),
        Line::from(vec![Span::styled("q", theme.key), Span::raw(" quits.")]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            ratatui::widgets::Block::new().padding(ratatui::widgets::Padding::horizontal(2)),
        ),
        area,
    );
}
