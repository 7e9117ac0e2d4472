//! `--ascii`: for terminals without Unicode box drawing. Rather than teach every widget two sets
//! of symbols, the finished frame is translated cell by cell — box lines, the braille spinner,
//! arrows, bullets, ellipses and dashes become plain ASCII — so every screen and overlay, present
//! and future, draws in ASCII without knowing it.

use ratatui::buffer::Buffer;

/// The ASCII stand-in for one symbol, when it has one.
pub fn ascii_for(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let replacement = match c {
        // Horizontal and vertical lines of every weight.
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═' | '╴' | '╶' | '╸' | '╺' => {
            "-"
        }
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '║' | '╵' | '╷' | '╹' | '╻' => {
            "|"
        }
        '\u{2500}'..='\u{257F}' => "+",
        // Block elements (scrollbars, gauges).
        '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' | '▐' | '▀' | '▄' => {
            "#"
        }
        '░' | '▒' | '▓' => ":",
        // The braille spinner turns as | / - \.
        '⠋' | '⠼' | '⠇' => "|",
        '⠙' | '⠴' | '⠏' => "/",
        '⠹' | '⠦' => "-",
        '⠸' | '⠧' => "\\",
        '\u{2800}'..='\u{28FF}' => ".",
        '↑' | '▲' | '▴' => "^",
        '↓' | '▼' | '▾' => "v",
        '←' | '◀' | '◂' => "<",
        '→' | '▶' | '▸' | '›' | '»' => ">",
        '‹' | '«' => "<",
        '•' | '●' | '◦' | '∙' => "*",
        '·' => ".",
        '…' => "~",
        '—' | '–' | '‒' | '―' => "-",
        '✗' | '✘' | '×' => "x",
        '✓' | '✔' => "v",
        '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        _ => return None,
    };
    Some(replacement)
}

/// Replaces every symbol of the frame that has an ASCII stand-in.
pub fn transliterate(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        if let Some(replacement) = ascii_for(cell.symbol()) {
            cell.set_symbol(replacement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_lines_and_symbols_become_ascii() {
        for (symbol, ascii) in [
            ("─", "-"),
            ("│", "|"),
            ("┌", "+"),
            ("╯", "+"),
            ("⠋", "|"),
            ("↓", "v"),
            ("›", ">"),
            ("•", "*"),
            ("…", "~"),
            ("—", "-"),
        ] {
            assert_eq!(ascii_for(symbol), Some(ascii), "{symbol}");
        }
        assert_eq!(ascii_for("a"), None);
        assert_eq!(ascii_for("漢"), None);
    }
}
