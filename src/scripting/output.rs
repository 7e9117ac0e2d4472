//! Human output of the scripting commands: a key: value block for one contact, a compact aligned
//! table for several matches (what a summary has: uid, name, email, phone). Server text always goes
//! through `crate::text::safe_line` (a name can never move the cursor or retitle the window), and
//! colour is used only on a terminal without NO_COLOR. A block shows every time in one zone and says
//! which: note times (written in the account's zone) and `created`/`updated` (UTC) alike.

use std::io::IsTerminal;

use chrono::{DateTime, FixedOffset, Utc};
use unicode_width::UnicodeWidthChar;

use crate::api::time_zones::{DisplayZone, TimeZones};
use crate::api::{Contact, ContactSummary, NoteTimeline};
use crate::config::{Connection, TeamMember};
use crate::text::{safe_line, terminal_width};

/// Whether standard output gets colour: only on a terminal, and never when NO_COLOR is set.
pub fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// How labels are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Bold/dim SGR sequences around labels and headers.
    pub colour: bool,
}

impl Style {
    /// The style for standard output as it is right now.
    pub fn for_stdout() -> Style {
        Style {
            colour: stdout_colour(),
        }
    }

    fn label(self, text: &str) -> String {
        if self.colour {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn header(self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// What a contact block needs besides the contact: the zones its times are in and shown in, the
/// moment whose offset the block states, and the team, to name an owner the server did not.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockContext {
    pub zones: TimeZones,
    pub now: DateTime<Utc>,
    pub team: Vec<TeamMember>,
}

impl BlockContext {
    /// For a command run now: the profile's account zone and team, shown in this computer's zone.
    pub fn for_connection(connection: &Connection) -> BlockContext {
        BlockContext {
            zones: TimeZones {
                account: connection.account_time_zone(),
                display: DisplayZone::Local,
            },
            now: Utc::now(),
            team: connection.profile_settings.team.clone(),
        }
    }

    /// The offset the block states, and how it says it ("UTC-3, this computer's time zone").
    fn stated(&self) -> (FixedOffset, String) {
        let display = self.zones.display;
        let offset = display.offset_at(self.now);
        let label = display.label_at(self.now);
        let said = match display {
            DisplayZone::Local => format!("{label}, this computer's time zone"),
            DisplayZone::Named(zone) => format!("{label}, {}", zone.name()),
            DisplayZone::Fixed(_) => label,
        };
        (offset, said)
    }

    /// The owner as "Name <email>": the name the server gave, else the team member's, else the
    /// email alone (the reference does not promise `ownerName`).
    fn owner(&self, contact: &Contact) -> String {
        let email = contact
            .owner_email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let from_team = || {
            let email = email?;
            self.team
                .iter()
                .find(|member| member.email.trim().eq_ignore_ascii_case(email))
                .and_then(|member| member.name.as_deref())
        };
        let name = contact
            .owner_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .or_else(from_team)
            .map(str::trim)
            .filter(|n| !n.is_empty());
        match (name, email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (None, Some(email)) => email.to_string(),
            (Some(name), None) => name.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// One contact as aligned `key  value` lines; empty fields are left out, notes are listed one per
/// line. Times are shown in the context's display zone, stated once on a `times` line.
pub fn contact_block(contact: &Contact, context: &BlockContext, style: Style) -> String {
    let tags = contact.tags.join(", ");
    let name = contact.display_name();
    let address = [
        &contact.address,
        &contact.city,
        &contact.state,
        &contact.zipcode,
    ]
    .into_iter()
    .flatten()
    .map(|part| part.trim())
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let owner = context.owner(contact);
    let (said_offset, said) = context.stated();
    let display = context.zones.display;
    // A time the API sent that is not one is shown as it came.
    let api_time = |v: &Option<String>| {
        let text = v.as_deref().unwrap_or("").trim();
        match crate::api::time_zones::parse_api_time(text) {
            Some(at) => display.format_against(at, said_offset),
            None => text.to_string(),
        }
    };
    let timeline = NoteTimeline::parse(contact.notes.as_deref().unwrap_or(""));
    let has_times = contact.created.is_some()
        || contact.last_update.is_some()
        || timeline.entries.iter().any(|e| e.timestamp.is_some());
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields: [(&str, String); 17] = [
        ("uid", contact.uid.clone()),
        ("name", name),
        ("email", opt(&contact.email)),
        ("phone", opt(&contact.phone)),
        ("business", opt(&contact.business_name)),
        ("birthday", opt(&contact.birthday)),
        ("address", address),
        ("time zone", opt(&contact.time_zone)),
        ("value", opt(&contact.value)),
        ("stage", opt(&contact.stage_name)),
        ("quality", opt(&contact.quality_name)),
        ("owner", owner),
        ("tags", tags),
        ("snapshot", opt(&contact.snapshot)),
        ("created", api_time(&contact.created)),
        ("updated", api_time(&contact.last_update)),
        ("times", if has_times { said } else { String::new() }),
    ];
    let mut out = String::new();
    for (key, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
        out.push_str(&style.label(&format!("{key:<9}")));
        out.push_str("  ");
        out.push_str(&safe_line(value.trim()));
        out.push('\n');
    }
    if !timeline.is_empty() {
        out.push_str(&style.label("notes"));
        out.push('\n');
        for entry in &timeline.entries {
            let line = match entry.timestamp {
                Some(wall) => {
                    let at = context.zones.note_instant(wall);
                    format!(
                        "{} {}",
                        display.format_against(at, said_offset),
                        entry.body()
                    )
                }
                None => entry.source.trim().to_string(),
            };
            out.push_str("  ");
            out.push_str(&safe_line(&line));
            out.push('\n');
        }
    }
    out
}

/// Several matches as an aligned table of what a summary has: UID, NAME, EMAIL, PHONE.
pub fn summary_table(summaries: &[ContactSummary], style: Style) -> String {
    let header = ["UID", "NAME", "EMAIL", "PHONE"];
    let rows: Vec<[String; 4]> = summaries
        .iter()
        .map(|s| {
            let field = |v: &Option<String>| safe_line(v.as_deref().unwrap_or("")).into_owned();
            [
                safe_line(&s.uid).into_owned(),
                safe_line(&s.display_name()).into_owned(),
                field(&s.email),
                field(&s.phone),
            ]
        })
        .collect();
    table(&header, &rows, style)
}

/// Aligns cells into columns two spaces apart; a column is at most 32 columns wide (longer cells are
/// cut with an ellipsis). The last column is not padded.
pub fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]], style: Style) -> String {
    const WIDEST: usize = 32;
    // Widths are what the terminal advances (code point by code point), the same measure
    // `truncate` cuts by: a cluster measured one way and cut the other overflowed the padding.
    let mut widths: [usize; N] = header.map(terminal_width);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(terminal_width(cell).min(WIDEST));
        }
    }
    let line = |cells: [String; N]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let cell = truncate(cell, widths[i]);
            out.push_str(&cell);
            if i + 1 < N {
                out.push_str(&" ".repeat(widths[i].saturating_sub(terminal_width(&cell)) + 2));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = style.header(&line(header.map(str::to_string)));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.clone()));
        out.push('\n');
    }
    out
}

/// Cuts text to `width` terminal columns, ending with "…" when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    if terminal_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Style = Style { colour: false };

    /// Notes written in São Paulo, shown in `display`, stated as of mid-January 2026.
    fn context(display: DisplayZone) -> BlockContext {
        BlockContext {
            zones: TimeZones {
                account: crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
                display,
            },
            now: "2026-01-15T12:00:00Z".parse().unwrap(),
            team: vec![TeamMember {
                email: "jane@example.com".into(),
                name: Some("Jane Smith".into()),
            }],
        }
    }

    #[test]
    fn block_hides_empty_fields_and_cleans_server_text() {
        let contact = Contact {
            uid: "ABC12345".into(),
            first_name: Some("Ana\x1b[2J".into()),
            email: Some("ana@example.com".into()),
            notes: Some("2025-08-12 09:35 Called\n\n2025-08-14 10:46 Sent".into()),
            ..Contact::default()
        };
        let sao_paulo = DisplayZone::Named(crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE);
        let block = contact_block(&contact, &context(sao_paulo), PLAIN);
        assert_eq!(
            block,
            "uid        ABC12345\nname       Ana\u{241b}[2J\nemail      ana@example.com\ntimes      UTC-3, America/Sao_Paulo\nnotes\n  2025-08-12 09:35 Called\n  2025-08-14 10:46 Sent\n"
        );
    }

    #[test]
    fn every_time_of_a_block_is_in_one_zone_said_once() {
        let contact = Contact {
            uid: "ABC12345".into(),
            notes: Some("2025-08-12 15:12 Called\n\nno time here".into()),
            created: Some("2025-08-12T18:00:00Z".into()),
            last_update: Some("2025-08-12T18:12:00Z".into()),
            ..Contact::default()
        };
        let utc = DisplayZone::Fixed(FixedOffset::east_opt(0).unwrap());
        let block = contact_block(&contact, &context(utc), PLAIN);
        assert!(block.contains("created    2025-08-12 18:00\n"), "{block}");
        assert!(
            block.contains("updated    2025-08-12 18:12\ntimes      UTC\n"),
            "{block}"
        );
        assert!(block.contains("\n  2025-08-12 18:12 Called"), "{block}");
        // New York is UTC-5 in January (what the block states) and UTC-4 in August.
        let new_york = DisplayZone::Named(
            crate::api::time_zones::Zone::find_exact("America/New_York").unwrap(),
        );
        let block = contact_block(&contact, &context(new_york), PLAIN);
        assert!(
            block.contains("updated    2025-08-12 14:12 UTC-4\n"),
            "{block}"
        );
        assert!(
            block.contains("times      UTC-5, America/New_York\n"),
            "{block}"
        );
        assert!(
            block.contains("\n  2025-08-12 14:12 UTC-4 Called"),
            "{block}"
        );
        let odd = Contact {
            created: Some("yesterday".into()),
            ..Contact::default()
        };
        let block = contact_block(&odd, &context(utc), PLAIN);
        assert!(block.contains("created    yesterday\n"), "{block}");
    }

    #[test]
    fn the_owner_is_named_by_the_server_else_the_team_else_the_email() {
        let owned = |name: Option<&str>, email: &str| Contact {
            uid: "ABC12345".into(),
            owner_name: name.map(str::to_string),
            owner_email: Some(email.into()),
            ..Contact::default()
        };
        let context = context(DisplayZone::Local);
        let owner = |contact: &Contact| context.owner(contact);
        assert_eq!(
            owner(&owned(Some("J. S."), "jane@example.com")),
            "J. S. <jane@example.com>"
        );
        assert_eq!(
            owner(&owned(None, "JANE@example.com")),
            "Jane Smith <JANE@example.com>"
        );
        assert_eq!(
            owner(&owned(Some(" "), "jane@example.com")),
            "Jane Smith <jane@example.com>"
        );
        assert_eq!(owner(&owned(None, "bob@example.com")), "bob@example.com");
        assert_eq!(owner(&Contact::default()), "");
    }

    #[test]
    fn table_aligns_wide_characters_and_cuts_long_cells() {
        let rows = vec![
            ["北京".to_string(), "x".to_string()],
            ["a".repeat(40), "y".to_string()],
        ];
        let text = table(&["K", "V"], &rows, PLAIN);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("K{}V", " ".repeat(33)));
        assert_eq!(lines[1], format!("北京{}x", " ".repeat(30)));
        assert_eq!(lines[2], format!("{}…  y", "a".repeat(31)));
    }
}
