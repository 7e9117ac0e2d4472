//! Drawing the lead-working screens and overlays in the body area the core gives them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::text::safe_line;
use crate::tui::app::App;
use crate::tui::app::work::{CreateStep, WorkOverlay, WorkScreen};
use crate::tui::model::display::relative_time;
use crate::tui::model::drafts::{DraftContent, DraftKind};
use crate::tui::widgets::layout::{centered, hints, line_at, overlay_box, truncate};

/// Draws a lead-working screen.
pub fn render_screen(app: &App, screen: &WorkScreen, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match screen {
        WorkScreen::Edit(edit) => edit.form.render(area, buf, theme),
        WorkScreen::Create(create) => {
            create.form.render(area, buf, theme);
            if let CreateStep::Warning(warning) = &create.step {
                warning.render(area, buf, theme);
            }
        }
        WorkScreen::Note(note) => note.editor.render(area, buf, theme),
    }
}

/// Draws a lead-working overlay over the body.
pub fn render_overlay(app: &App, overlay: &WorkOverlay, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    match overlay {
        WorkOverlay::Picker { picker, .. } => picker.render(area, buf, theme),
        WorkOverlay::Confirm { confirm, .. } => confirm.render(area, buf, theme),
        WorkOverlay::CommandLine => app.work.command_line.render(area, buf, theme),
        WorkOverlay::Drafts {
            selected,
            discarding,
        } => render_drafts(app, *selected, *discarding, area, buf),
    }
}

/// The drafts offered back on start: what each is, whose, when, and its first words.
fn render_drafts(app: &App, selected: usize, discarding: bool, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let drafts = &app.work.drafts;
    let height = (drafts.len() as u16).saturating_add(5).min(area.height);
    let inner = overlay_box(centered(area, 72, height), buf, "Unsaved drafts", theme);
    if inner.height < 3 {
        return;
    }
    line_at(
        buf,
        inner,
        inner.y,
        Line::styled(
            "These were being written when genius last closed:",
            theme.muted,
        ),
    );
    let rows = usize::from(inner.height.saturating_sub(3));
    let first = selected.saturating_sub(rows.saturating_sub(1));
    let width = usize::from(inner.width);
    for (offset, draft) in drafts.iter().skip(first).take(rows).enumerate() {
        let kind = match draft.key.kind {
            DraftKind::Note => "note",
            DraftKind::Edit => "edit",
            DraftKind::Create => "new contact",
        };
        let whose = draft
            .contact_name
            .clone()
            .or_else(|| draft.key.uid().map(str::to_string))
            .unwrap_or_default();
        let when = draft
            .saved_at
            .map(|at| relative_time(at, app.clock.now))
            .unwrap_or_default();
        let preview = match &draft.content {
            DraftContent::Note { .. } if draft.may_have_been_saved => {
                "may have been saved — check the notes first".to_string()
            }
            DraftContent::Note { text } => text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string(),
            DraftContent::Form { fields } => fields.keys().cloned().collect::<Vec<_>>().join(", "),
        };
        let text = format!(
            "{kind:<11} {:<20} {when:<12} {}",
            truncate(&whose, 20),
            preview
        );
        let y = inner.y + 1 + offset as u16;
        line_at(
            buf,
            inner,
            y,
            Line::from(Span::styled(truncate(&safe_line(&text), width), theme.text)),
        );
        if first + offset == selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
        }
    }
    let hint = if discarding {
        let mut line = hints(
            &[("y", "throw it away"), ("any other key", "keep it")],
            theme,
        );
        line.spans.insert(
            0,
            Span::styled("Throw the highlighted draft away?  ", theme.warning),
        );
        line
    } else {
        hints(
            &[
                ("Enter", "resume"),
                ("d", "discard"),
                ("↑↓", "choose"),
                ("Esc", "later"),
            ],
            theme,
        )
    };
    line_at(buf, inner, inner.y + inner.height - 1, hint);
}
