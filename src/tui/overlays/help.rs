//! The help overlay: every key of the screen below, read from the same keymap table that dispatch
//! uses, so help cannot drift from behaviour — a rebinding shows here at once.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::keymap::{Action, Context, KeyChord, Keymap, UserInput, keys_label};
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{cells, centered};
use crate::tui::widgets::{Component, Ctx, ViewCtx, safe_text};

/// The editing keys of every text input, summed up in a few lines where an input has the
/// keyboard: each line names the first key of its actions (and, in brackets, their other keys
/// that need no modifier).
const EDITING_SUMMARY: &[(&[Action], &str)] = &[
    (
        &[Action::LineStart, Action::LineEnd],
        "start / end of the line",
    ),
    (
        &[Action::WordLeft, Action::WordRight],
        "back / forward a word",
    ),
    (
        &[Action::DeleteToStart, Action::DeleteToEnd],
        "delete to the start / to the end",
    ),
    (
        &[Action::DeleteWordBefore],
        "delete the word before the cursor",
    ),
    (&[Action::Yank], "paste back what was deleted"),
];

/// The help overlay's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Rows scrolled past.
    pub scroll: u16,
    /// How many lines the help has (it scrolls no further than the last).
    pub lines: u16,
}

/// What the help asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpOutcome {
    /// Still open.
    Stay,
    /// Close it.
    Close,
}

impl HelpOverlay {
    /// Help of `lines` lines, from the top.
    pub fn new(lines: usize) -> HelpOverlay {
        HelpOverlay {
            scroll: 0,
            lines: u16::try_from(lines).unwrap_or(u16::MAX),
        }
    }
}

impl Component for HelpOverlay {
    type Outcome = HelpOutcome;

    fn context(&self) -> Context {
        Context::Help
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> HelpOutcome {
        let max_scroll = self.lines.saturating_sub(ctx.body.height.saturating_sub(2));
        match input {
            UserInput::Action(Action::CloseOverlay | Action::Help) => return HelpOutcome::Close,
            UserInput::Action(Action::Down) => {
                self.scroll = self.scroll.saturating_add(1).min(max_scroll);
            }
            UserInput::Action(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
        HelpOutcome::Stay
    }
}

/// The rows of help for these contexts: (keys, what they do).
fn help_rows(keymap: &Keymap, contexts: &[Context]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = keymap
        .bindings_for(contexts)
        .into_iter()
        .filter(|binding| binding.context != Context::TextInput)
        .map(|binding| (keys_label(binding), binding.help.to_string()))
        .collect();
    if contexts.iter().any(|context| context.has_text_input()) {
        for (actions, words) in EDITING_SUMMARY {
            let keys: Vec<&[KeyChord]> = actions
                .iter()
                .map(|action| keymap.keys_of(Context::TextInput, *action))
                .collect();
            let label = keys
                .iter()
                .filter_map(|keys| keys.first().map(KeyChord::label))
                .collect::<Vec<_>>()
                .join("/");
            let also: Vec<String> = keys
                .iter()
                .flat_map(|keys| keys.iter().skip(1))
                .filter(|key| key.modifiers.is_empty())
                .map(KeyChord::label)
                .collect();
            let help = if also.is_empty() {
                words.to_string()
            } else {
                format!("{words} (also {})", also.join("/"))
            };
            rows.push((label, help));
        }
    }
    rows
}

/// Every line the help shows for a screen whose keyboard is in `contexts` (and where the logs are).
pub fn help_lines(
    keymap: &Keymap,
    contexts: &[Context],
    log_dir: Option<&Path>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = help_rows(keymap, contexts);
    let key_width = rows
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.key),
                Span::styled(help, theme.text),
            ])
        })
        .collect();
    if let Some(dir) = log_dir {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            safe_text::line(&format!(" Logs: {}", dir.display())).into_owned(),
            theme.muted,
        ));
    }
    lines
}

/// Draws the help over the body, for the screen below it.
pub struct HelpView<'a> {
    pub help: &'a HelpOverlay,
    /// The screen's name, for the title.
    pub screen_name: &'a str,
    /// The keymap contexts of the screen below.
    pub contexts: &'a [Context],
    pub log_dir: Option<&'a Path>,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let lines = help_lines(self.ctx.keymap, self.contexts, self.log_dir, theme);
        let width = cells(lines.iter().map(Line::width).max().unwrap_or(20)) + 4;
        let height = cells(lines.len()) + 2;
        let popup = centered(area, width.max(30), height);
        Clear.render(popup, buf);
        let title = format!(" Keys — {} ", self.screen_name);
        let hidden = lines
            .len()
            .saturating_sub(popup.height.saturating_sub(2) as usize);
        let scroll = self.help.scroll.min(cells(hidden));
        let key = |action| self.ctx.key(Context::Help, action);
        let scrolling = format!(
            "{}/{} scroll · {} closes",
            key(Action::Down),
            key(Action::Up),
            key(Action::CloseOverlay)
        );
        // When the list does not fit, say so and how to see the rest.
        let footer = match (scroll > 0, (scroll as usize) < hidden) {
            (_, true) => format!(" ↓ more: {scrolling} "),
            (true, false) => format!(" ↑ more: {scrolling} "),
            (false, false) => format!(" {} closes ", key(Action::CloseOverlay)),
        };
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(title)
                    .title_bottom(Line::styled(footer, theme.muted).right_aligned())
                    .border_style(theme.border_focused),
            )
            .render(popup, buf);
    }
}
