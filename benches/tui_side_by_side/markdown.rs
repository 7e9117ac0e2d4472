//! The markdown the benchmark writes: tables, and replacing its own sections of BENCHMARKS.md
//! (from its `## ` heading to the next one) while leaving every other section as it was.

use std::path::Path;

/// A markdown table built row by row.
pub struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(head: &[&'static str]) -> Table {
        Table {
            head: head.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("| {} |\n", self.head.join(" | "));
        out.push_str(&format!("|{}\n", "---|".repeat(self.head.len())));
        for row in &self.rows {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out
    }
}

/// Replaces the section that starts at `heading` (up to the next `## ` heading) with `section`,
/// or appends it.
fn replace_section(document: &str, heading: &str, section: &str) -> String {
    let lines: Vec<&str> = document.lines().collect();
    let Some(start) = lines.iter().position(|line| line.trim_end() == heading) else {
        let mut out = document.trim_end().to_string();
        out.push_str("\n\n");
        out.push_str(section.trim_end());
        out.push('\n');
        return out;
    };
    let end = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, line)| line.starts_with("## "))
        .map_or(lines.len(), |(index, _)| index);
    let mut out = lines[..start].join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(section.trim_end());
    out.push('\n');
    if end < lines.len() {
        out.push('\n');
        out.push_str(&lines[end..].join("\n"));
        out.push('\n');
    }
    out
}

const INTRO: &str = "# Benchmarks\n\nMeasured figures for genius, each with the command that \
produced it and the machine it ran on. Speed goals are checked here and in `benches/`, never in \
timed tests.\n";

/// Writes `sections` (heading, text) into the file at `path`, replacing earlier versions of them.
pub fn update_file(path: &Path, sections: &[(&str, String)]) -> anyhow::Result<()> {
    let mut document = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => INTRO.to_string(),
        Err(error) => return Err(error.into()),
    };
    for (heading, section) in sections {
        document = replace_section(&document, heading, section);
    }
    std::fs::write(path, document)?;
    Ok(())
}
