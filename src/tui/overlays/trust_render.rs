//! Drawing the trust features: the title bar's badges (privacy, read-only) beside the profile, the
//! copy menu, the export prompt, the profile switcher, and the help overlay's footer with the log
//! path. Sensitive values pass through privacy masking here.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::text::safe_line;
use crate::tui::app::App;
use crate::tui::app::trust::TrustOverlay;
use crate::tui::effects::profiles::host_of;
use crate::tui::model::privacy::shown;
use crate::tui::overlays::copy_menu::CopyMenu;
use crate::tui::overlays::export::{ExportPrompt, FORMATS};
use crate::tui::overlays::profiles::ProfileSwitcher;
use crate::tui::screens::home::pad;
use crate::tui::widgets::centered;

/// The right end of the title line: `PRIVATE` in privacy mode, `READ-ONLY` on a read-only
/// profile, then the account, and the profile being switched to.
pub fn title_right(app: &App) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let mut spans = Vec::new();
    if app.privacy {
        spans.push(Span::styled(
            " PRIVATE ",
            theme.status_bar.patch(theme.warning),
        ));
        spans.push(Span::styled(" ", theme.title_bar));
    }
    if app.work.read_only {
        spans.push(Span::styled(
            " READ-ONLY ",
            theme.status_bar.patch(theme.error),
        ));
        spans.push(Span::styled(" ", theme.title_bar));
    }
    let label = match &app.trust.switching {
        Some(name) => format!("{} → {name}… ", app.account_label),
        None => format!("{} ", app.account_label),
    };
    let label = safe_line(&label).into_owned();
    spans.push(Span::styled(label, theme.title_bar));
    spans
}

/// The width of [`title_right`].
pub fn title_right_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// Draws the trust overlay on top of the body area.
pub fn render_overlay(app: &App, overlay: &TrustOverlay, area: Rect, frame: &mut Frame) {
    match overlay {
        TrustOverlay::Copy(menu) => render_copy_menu(app, menu, area, frame),
        TrustOverlay::Export(prompt) => render_export(app, prompt, area, frame),
        TrustOverlay::Profiles(switcher) => render_switcher(app, switcher, area, frame),
    }
}

fn popup(app: &App, title: &str, hint: &str) -> Block<'static> {
    Block::bordered()
        .title(format!(" {title} "))
        .title_bottom(Line::styled(format!(" {hint} "), app.theme.muted).right_aligned())
        .border_style(app.theme.border_focused)
}

fn render_copy_menu(app: &App, menu: &CopyMenu, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let width = area.width.min(60);
    let inner_width = width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = menu
        .fields
        .iter()
        .map(|field| {
            let value = match field.sensitive {
                Some(kind) => shown(app, kind, &field.value).into_owned(),
                None => field.value.clone(),
            };
            let first = safe_line(value.lines().next().unwrap_or("")).into_owned();
            let first = if value.lines().count() > 1 {
                format!("{first} …")
            } else {
                first
            };
            Line::from(vec![
                Span::styled(format!(" {}  ", field.letter), theme.key),
                Span::styled(pad(field.label, 10), theme.label),
                Span::styled(pad(&first, inner_width.saturating_sub(14)), theme.text),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(" nothing to copy", theme.muted));
    }
    let popup_area = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup_area);
    frame.render_widget(
        Paragraph::new(lines).block(popup(app, "Copy", "a letter copies · Esc cancels")),
        popup_area,
    );
}

fn render_export(app: &App, prompt: &ExportPrompt, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let width = area.width.min(76);
    let popup_area = centered(area, width, 8);
    frame.render_widget(Clear, popup_area);
    let block = popup(app, "Export", "Enter writes · Tab format · Esc cancels");
    let inner = block.inner(popup_area);
    frame.render_widget(block, popup_area);
    let mut formats = vec![Span::styled(" Format  ", theme.label)];
    for (format, label) in FORMATS {
        let style = if format == prompt.format {
            theme.selected
        } else {
            theme.muted
        };
        formats.push(Span::styled(format!(" {label} "), style));
        formats.push(Span::raw(" "));
    }
    let field_width = inner.width.saturating_sub(9) as usize;
    let path = crate::tui::widgets::shown_input::shown_input(&prompt.path, field_width);
    let problem = match &prompt.problem {
        Some(problem) => Line::styled(format!(" {problem}"), theme.warning),
        None => Line::styled(" the file is readable by you only (mode 0600)", theme.muted),
    };
    let lines = vec![
        Line::from(formats),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" File    ", theme.label),
            Span::styled(pad(&path.text, field_width), theme.text),
        ]),
        Line::raw(""),
        problem,
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    if inner.width > 10 && inner.height > 2 {
        let column = path.cursor_column as u16;
        frame.set_cursor_position(Position::new(
            inner.x + 9 + column.min(inner.width.saturating_sub(10)),
            inner.y + 2,
        ));
    }
}

fn render_switcher(app: &App, switcher: &ProfileSwitcher, area: Rect, frame: &mut Frame) {
    let theme = &app.theme;
    let width = area.width.min(70);
    let inner_width = width.saturating_sub(2) as usize;
    let lines: Vec<Line> = app
        .trust
        .profiles
        .iter()
        .enumerate()
        .map(|(row, entry)| {
            let active = app.trust.profile.as_deref() == Some(entry.name.as_str());
            let marker = if row == switcher.selected {
                "› "
            } else {
                "  "
            };
            let mut flags = Vec::new();
            if entry.read_only {
                flags.push("read-only");
            }
            if active {
                flags.push("active");
            }
            let text = format!(
                "{marker}{}{}{}",
                pad(&safe_line(&entry.name), 16),
                pad(
                    &safe_line(&host_of(&entry.base_url)),
                    inner_width.saturating_sub(36).max(8)
                ),
                flags.join(", ")
            );
            let style = if row == switcher.selected {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(pad(&text, inner_width), style)
        })
        .collect();
    let popup_area = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup_area);
    frame.render_widget(
        Paragraph::new(lines).block(popup(app, "Profiles", "Enter switches · Esc stays")),
        popup_area,
    );
}
