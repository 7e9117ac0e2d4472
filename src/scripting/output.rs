//! Human output of the scripting commands: a key: value block for one contact, a compact aligned
//! table for several. Server text always goes through `crate::text::safe_line` (a name can never
//! move the cursor or retitle the window), and colour is used only on a terminal without NO_COLOR.

use std::io::IsTerminal;

use unicode_width::UnicodeWidthChar;

use crate::api::{Contact, NoteTimeline};
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

/// One contact as aligned `key  value` lines; empty fields are left out, notes are listed one per line.
pub fn contact_block(contact: &Contact, style: Style) -> String {
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
    let owner = match (&contact.owner_name, &contact.owner_email) {
        (Some(name), Some(email)) if !name.trim().is_empty() => format!("{name} <{email}>"),
        (_, Some(email)) => email.clone(),
        (Some(name), None) => name.clone(),
        (None, None) => String::new(),
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields: [(&str, String); 16] = [
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
        ("created", opt(&contact.created)),
        ("updated", opt(&contact.last_update)),
    ];
    let mut out = String::new();
    for (key, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
        out.push_str(&style.label(&format!("{key:<9}")));
        out.push_str("  ");
        out.push_str(&safe_line(value.trim()));
        out.push('\n');
    }
    let timeline = NoteTimeline::parse(contact.notes.as_deref().unwrap_or(""));
    if !timeline.is_empty() {
        out.push_str(&style.label("notes"));
        out.push('\n');
        for entry in &timeline.entries {
            out.push_str("  ");
            out.push_str(&safe_line(entry.source.trim()));
            out.push('\n');
        }
    }
    out
}

/// Several contacts as an aligned table: UID, NAME, EMAIL, PHONE, STAGE.
pub fn contact_table(contacts: &[Contact], style: Style) -> String {
    let header = ["UID", "NAME", "EMAIL", "PHONE", "STAGE"];
    let rows: Vec<[String; 5]> = contacts
        .iter()
        .map(|c| {
            let field = |v: &Option<String>| safe_line(v.as_deref().unwrap_or("")).into_owned();
            [
                safe_line(&c.uid).into_owned(),
                safe_line(&c.display_name()).into_owned(),
                field(&c.email),
                field(&c.phone),
                field(&c.stage_name),
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

    #[test]
    fn block_hides_empty_fields_and_cleans_server_text() {
        let contact = Contact {
            uid: "ABC12345".into(),
            first_name: Some("Ana\x1b[2J".into()),
            email: Some("ana@example.com".into()),
            notes: Some("2025-08-12 09:35 Called\n\n2025-08-14 10:46 Sent".into()),
            ..Contact::default()
        };
        let block = contact_block(&contact, PLAIN);
        assert_eq!(
            block,
            "uid        ABC12345\nname       Ana\u{241b}[2J\nemail      ana@example.com\nnotes\n  2025-08-12 09:35 Called\n  2025-08-14 10:46 Sent\n"
        );
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
