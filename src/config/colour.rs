//! Colour names as the config and theme files write them: a name, a 256-colour index or
//! `#rrggbb`. The config checks a profile's accent with it when the file is read; the theme files
//! build their styles with it.

use ratatui::style::Color;

/// The colour names a theme or an accent may use, for messages.
pub const COLOR_NAMES: &str = "black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, \
light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white, default, \
a number 0-255, or #rrggbb";

/// Parses a colour name, a 256-colour index or `#rrggbb`.
pub fn parse_color(text: &str) -> Result<Color, String> {
    let name = text.trim().to_ascii_lowercase().replace('_', "-");
    let color = match name.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" | "bright-black" => Color::DarkGray,
        "light-red" | "bright-red" => Color::LightRed,
        "light-green" | "bright-green" => Color::LightGreen,
        "light-yellow" | "bright-yellow" => Color::LightYellow,
        "light-blue" | "bright-blue" => Color::LightBlue,
        "light-magenta" | "bright-magenta" => Color::LightMagenta,
        "light-cyan" | "bright-cyan" => Color::LightCyan,
        "white" | "bright-white" => Color::White,
        "default" | "reset" => Color::Reset,
        _ => return parse_numeric_color(&name).ok_or_else(|| unknown_color(text)),
    };
    Ok(color)
}

fn parse_numeric_color(name: &str) -> Option<Color> {
    if let Some(hex) = name.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    name.parse::<u8>().ok().map(Color::Indexed)
}

fn unknown_color(text: &str) -> String {
    format!("unknown colour {text:?}; use one of {COLOR_NAMES}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_by_name_index_and_hex() {
        assert_eq!(parse_color("Light_Red"), Ok(Color::LightRed));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert_eq!(parse_color("#ff8000"), Ok(Color::Rgb(255, 128, 0)));
        let error = parse_color("chartreuse").unwrap_err();
        assert!(
            error.contains("\"chartreuse\"") && error.contains("#rrggbb"),
            "{error}"
        );
        assert!(parse_color("#ff80").is_err());
        assert!(parse_color("256").is_err());
    }
}
