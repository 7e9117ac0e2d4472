//! Reading which modules a Rust file names, without a parser: comments and literals blanked out,
//! then every `crate::…` path and `super::…` chain resolved from the file's own module (inline
//! `mod name { … }` blocks counted, `{a, b::c}` groups expanded one level). Shared by the checks
//! of `src/` as a whole and of `src/tui`.

/// The source with comments and the contents of string and character literals blanked out (line
/// breaks kept, so line numbers stay right).
pub fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !is_ident_char(prev(&chars, i)) {
            // A raw string: r"…" or r#"…"#, ended by a quote and as many #.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &skipped in &chars[i..j.min(chars.len())] {
                out.push(blank(skipped));
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&skipped) = chars.get(i) {
                    out.push(blank(skipped));
                }
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1F600}'); otherwise a lifetime.
            let end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

pub fn prev(chars: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|p| chars.get(p).copied())
}

pub fn is_ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// The identifier starting at `i`, if any.
pub fn ident_at(chars: &[char], i: usize) -> Option<String> {
    let ident: String = chars[i.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// The first identifier of each item of the `{…}` group opening at `open`.
pub fn group_heads(chars: &[char], open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && depth == 1 && (c.is_alphabetic() || c == '_') => {
                if let Some(head) = ident_at(chars, i) {
                    i += head.chars().count();
                    heads.push(head);
                    expect_head = false;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    heads
}

/// Every module path a file's code names through `crate::…` or a `super::…` chain (groups
/// `{a, b::c}` expanded one level), resolved from the file's own module; with its line.
pub fn paths_named(code: &str, own: &[String]) -> Vec<(Vec<String>, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut inline_modules: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let mut pending_inline_module = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '{' => {
                braces += 1;
                if pending_inline_module {
                    inline_modules.push(braces);
                    pending_inline_module = false;
                }
            }
            '}' => {
                if inline_modules.last() == Some(&braces) {
                    inline_modules.pop();
                }
                braces = braces.saturating_sub(1);
            }
            ';' => pending_inline_module = false,
            _ => {}
        }
        if is_ident_char(prev(&chars, i)) || !(c.is_alphabetic() || c == '_') {
            i += 1;
            continue;
        }
        let Some(word) = ident_at(&chars, i) else {
            i += 1;
            continue;
        };
        if word == "mod" {
            pending_inline_module = true;
        }
        if word != "crate" && word != "super" {
            i += word.chars().count();
            continue;
        }
        // The module the path starts from: the crate root, or `own` (with the inline modules
        // around this point) climbed once per `super`.
        let mut base: Vec<String> = Vec::new();
        let mut j = i;
        if word == "crate" {
            j += 5;
        } else {
            let mut here = own.to_vec();
            here.extend((0..inline_modules.len()).map(|_| "<inline>".to_string()));
            while ident_at(&chars, j).as_deref() == Some("super") {
                here.pop();
                j += 5;
                if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                    j += 2;
                } else {
                    break;
                }
            }
            // `super::` leaves j after the last `::`; step back so the loop below sees it.
            j = j.saturating_sub(2);
            base = here;
        }
        let mut path = base;
        let mut grouped = false;
        while chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
            j += 2;
            if chars.get(j) == Some(&'{') {
                for head in group_heads(&chars, j) {
                    let mut member = path.clone();
                    member.push(head);
                    found.push((member, line));
                }
                grouped = true;
                break;
            }
            match ident_at(&chars, j) {
                Some(segment) => {
                    j += segment.chars().count();
                    path.push(segment);
                }
                None => break,
            }
        }
        if !grouped {
            found.push((path, line));
        }
        i = j.max(i + 1);
    }
    found
}

/// The top-level modules other than its own that a file's code names, each with the line of its use.
pub fn uses_in(code: &str, own: &[String]) -> Vec<(String, usize)> {
    paths_named(code, own)
        .into_iter()
        .filter_map(|(path, line)| {
            let head = path.into_iter().next()?;
            (own.first() != Some(&head)).then_some((head, line))
        })
        .collect()
}
