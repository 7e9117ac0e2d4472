//! The screen shown when no API token is configured: how to set one, and how to try the demo. It
//! has no state and no keys of its own (quitting and switching profile are the app's).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::ViewCtx;

/// Draws the no-token screen.
pub struct SetupView<'a> {
    pub ctx: ViewCtx<'a>,
}

impl Widget for &SetupView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let quit = self.ctx.key(Context::Setup, Action::Quit);
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
            Line::from(vec![Span::styled(quit, theme.key), Span::raw(" quits.")]),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(ratatui::widgets::Block::new().padding(ratatui::widgets::Padding::horizontal(2)))
            .render(area, buf);
    }
}
