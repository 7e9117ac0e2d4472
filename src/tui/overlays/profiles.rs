//! The profile switcher (`P`): the config file's profiles, the active one marked. Choosing another
//! asks the app to switch (it resolves the profile off the UI thread and starts over on it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::profiles::{ProfileEntry, host_of};
use crate::tui::widgets::layout::{cells, centered, pad, popup_block};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// The switcher's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProfileSwitcher {
    /// The highlighted row of the profiles.
    pub selected: usize,
}

/// What the switcher asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfilesOutcome {
    /// Still open.
    Stay,
    /// Stay on this profile.
    Close,
    /// Switch to the profile of this row.
    Switch(usize),
}

impl Component for ProfileSwitcher {
    type Outcome = ProfilesOutcome;

    fn context(&self) -> Context {
        Context::ProfileSwitcher
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> ProfilesOutcome {
        let count = ctx.profiles.len();
        match input {
            UserInput::Action(Action::CloseOverlay) => return ProfilesOutcome::Close,
            UserInput::Action(Action::Submit) => return ProfilesOutcome::Switch(self.selected),
            UserInput::Action(Action::Down) => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            UserInput::Action(Action::Up) => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
        ProfilesOutcome::Stay
    }
}

/// Draws the switcher over the body.
pub struct ProfilesView<'a> {
    pub switcher: &'a ProfileSwitcher,
    pub profiles: &'a [ProfileEntry],
    /// The profile in use.
    pub active: Option<&'a str>,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &ProfilesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let width = area.width.min(70);
        let inner_width = width.saturating_sub(2) as usize;
        let selected = self.switcher.selected;
        let lines: Vec<Line> = self
            .profiles
            .iter()
            .enumerate()
            .map(|(row, entry)| {
                let marker = if row == selected { "› " } else { "  " };
                let mut flags = Vec::new();
                if entry.read_only {
                    flags.push("read-only");
                }
                if self.active == Some(entry.name.as_str()) {
                    flags.push("active");
                }
                let text = format!(
                    "{marker}{}{}{}",
                    pad(&safe_text::line(&entry.name), 16),
                    pad(
                        &safe_text::line(&host_of(&entry.base_url)),
                        inner_width.saturating_sub(36).max(8)
                    ),
                    flags.join(", ")
                );
                let style = if row == selected {
                    theme.selected
                } else {
                    theme.text
                };
                Line::styled(pad(&text, inner_width), style)
            })
            .collect();
        let popup_area = centered(area, width, cells(lines.len()) + 2);
        Clear.render(popup_area, buf);
        let key = |action| self.ctx.key(Context::ProfileSwitcher, action);
        let hint = format!(
            "{} switches · {} stays",
            key(Action::Submit),
            key(Action::CloseOverlay)
        );
        Paragraph::new(lines)
            .block(popup_block("Profiles", &hint, theme))
            .render(popup_area, buf);
    }
}
