//! Drawing a contact: the title and badges, the fields, the snapshot cut short (`v` reads it all),
//! the notes heading and the timeline. Every value is drawn from `ViewCtx::contact` — masked in
//! privacy mode and made safe — never from the model's verbatim text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{
    ContactLayout, ContactScreen, LABEL_WIDTH, badge, field_rows, labelled, layout, snapshot_lines,
    thousands,
};
use crate::tui::model::display::{present, relative_time};
use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{cells, fit_line};

/// Draws the contact screen.
pub struct ContactView<'a> {
    pub screen: &'a ContactScreen,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &ContactView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = &self.ctx;
        let screen = self.screen;
        let theme = ctx.theme;
        let contact = ctx.contact(&screen.contact);
        let contact = contact.as_ref();
        let parts = layout(area, contact, ctx.clock, theme);

        let mut title = vec![Span::styled(contact.display_name(), theme.accent)];
        if let Some(business) = present(&contact.business_name) {
            title.push(Span::styled(" · ", theme.muted));
            title.push(Span::styled(business, theme.text));
        }
        let owner = ctx.owner(&screen.contact, contact);
        let owner = owner.as_deref();
        let mut badges = Vec::new();
        badges.extend(badge(
            "Stage",
            present(&contact.stage_name),
            theme.badge_stage,
            theme,
        ));
        badges.extend(badge(
            "Quality",
            present(&contact.quality_name),
            theme.badge_quality,
            theme,
        ));
        badges.extend(badge("Owner", owner, theme.badge_owner, theme));
        let [title_row, badge_row] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(parts.header);
        // The owner's email is a detail: shown whole when it fits, never cut in half.
        let badges_width: usize = badges.iter().map(Span::width).sum();
        if let Some(email) = present(&contact.owner_email)
            .filter(|_| owner != present(&contact.owner_email))
            .filter(|email| {
                badges_width + unicode_width::UnicodeWidthStr::width(*email)
                    <= usize::from(badge_row.width)
            })
        {
            badges.push(Span::styled(email, theme.muted));
        }
        // Cached data says how old it is until the refresh answers; otherwise the uid is shown.
        let (uid, uid_style) = match screen.stale_since {
            Some(fetched) if screen.notes_cut => (
                format!(
                    "last known, {} · older notes not cached",
                    relative_time(fetched, ctx.clock.now)
                ),
                theme.warning,
            ),
            Some(fetched) => (
                format!("last known, {}", relative_time(fetched, ctx.clock.now)),
                theme.warning,
            ),
            None => (format!("uid {}", contact.uid), theme.muted),
        };
        let uid_width =
            cells(unicode_width::UnicodeWidthStr::width(uid.as_str())).min(title_row.width);
        let title_area = Rect {
            width: title_row.width.saturating_sub(uid_width + 2),
            ..title_row
        };
        fit_line(Line::from(title), title_area.width as usize).render(title_area, buf);
        // The uid gets its own cells: a line's style covers its whole area, and the name must
        // not be dimmed by the uid's muted style.
        let uid_area = Rect {
            x: title_row.right().saturating_sub(uid_width),
            width: uid_width,
            ..title_row
        };
        fit_line(Line::styled(uid, uid_style), usize::from(uid_width)).render(uid_area, buf);
        fit_line(Line::from(badges), usize::from(badge_row.width)).render(badge_row, buf);

        Paragraph::new(field_rows(contact, ctx.clock, theme, parts.fields.width))
            .render(parts.fields, buf);

        if parts.snapshot.height > 0 {
            let all = format!(
                "{}: all",
                ctx.key(
                    crate::tui::keymap::Context::Contact,
                    crate::tui::keymap::Action::ShowSnapshot
                )
            );
            let wrapped = snapshot_lines(contact, parts.snapshot.width);
            let shown = parts.snapshot.height as usize;
            let lines: Vec<Line> = wrapped
                .iter()
                .take(shown)
                .enumerate()
                .map(|(i, text)| {
                    let label = if i == 0 { "Snapshot" } else { "" };
                    let more = i + 1 == shown && wrapped.len() > shown;
                    if more {
                        // Cut short: the label column says how to read the rest.
                        return Line::from(vec![
                            Span::styled(format!("{all:<LABEL_WIDTH$}"), theme.key),
                            Span::styled(format!("{text} …"), theme.text),
                        ]);
                    }
                    labelled(label, vec![Span::styled(text.clone(), theme.text)], theme)
                })
                .collect();
            Paragraph::new(lines).render(parts.snapshot, buf);
        }

        render_notes_heading(ctx, screen, parts, buf);
        let timeline = screen.notes.widget(
            screen.contact.notes.as_deref().unwrap_or(""),
            theme,
            ctx.zones,
        );
        let timeline = if ctx.privacy {
            timeline.masked(ctx.ascii)
        } else {
            timeline
        };
        timeline.render(parts.notes, buf);
    }
}

fn render_notes_heading(
    ctx: &ViewCtx,
    screen: &ContactScreen,
    parts: ContactLayout,
    buf: &mut Buffer,
) {
    let theme = ctx.theme;
    let notes = &screen.notes;
    let order = if notes.newest_first {
        "newest first"
    } else {
        "oldest first"
    };
    let right = match notes.visible_range(
        screen.contact.notes.as_deref().unwrap_or(""),
        parts.notes.width,
        parts.notes.height,
    ) {
        Some((first, last)) if notes.len() > 1 => format!(
            " {}–{} of {} ──",
            thousands(first),
            thousands(last),
            thousands(notes.len())
        ),
        _ => "──".to_string(),
    };
    let width = parts.notes_heading.width as usize;
    let right_width = unicode_width::UnicodeWidthStr::width(right.as_str());
    // Every time on this screen is in the user's zone: said once, here (briefly when narrow).
    let zone = ctx.zone_label();
    let count = thousands(notes.len());
    let mut left = format!("── Notes ({count}, {order}) · times in your zone, {zone} ");
    if unicode_width::UnicodeWidthStr::width(left.as_str()) + right_width > width {
        left = format!("── Notes ({count}, {order}) · your time {zone} ");
    }
    let used = unicode_width::UnicodeWidthStr::width(left.as_str()) + right_width;
    let rule = "─".repeat(width.saturating_sub(used));
    Line::from(vec![
        Span::styled(left, theme.label),
        Span::styled(rule, theme.border),
        Span::styled(right, theme.muted),
    ])
    .render(parts.notes_heading, buf);
}
