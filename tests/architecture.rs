//! The shape of `src/`, checked: which top-level module uses which (every `crate::X` path in code,
//! `use crate::{X, Y}` groups, and `super::` chains that climb to the crate root), with comments and
//! string literals skipped. The graph has no cycle; the API client and the simulator know nothing
//! of the modules built on them; nothing in the library takes the command line's clap types;
//! logging imports nothing of config. Inside `src/tui`, see `tui`.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "architecture/tui.rs"]
mod tui;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One use of another top-level module: where it is, for messages.
#[derive(Debug, Clone)]
struct Use {
    file: PathBuf,
    line: usize,
}

/// Top-level module → the modules it uses, each with its first use.
type Graph = BTreeMap<String, BTreeMap<String, Use>>;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level modules `src/lib.rs` declares.
fn top_level_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(src_dir().join("lib.rs")).expect("src/lib.rs");
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            Some(rest.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a source directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of a file under `src/`: `src/config/mod.rs` is `[config]`, `src/config/file.rs`
/// is `[config, file]`. None for the crate roots.
fn module_path(file: &Path) -> Option<Vec<String>> {
    let relative = file.strip_prefix(src_dir()).ok()?;
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    match last.strip_suffix(".rs")? {
        "mod" => {}
        "lib" | "main" if parts.is_empty() => return None,
        stem => parts.push(stem.to_string()),
    }
    Some(parts)
}

/// The source with comments and the contents of string and character literals blanked out (line
/// breaks kept, so line numbers stay right).
fn code_only(source: &str) -> String {
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

fn prev(chars: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|p| chars.get(p).copied())
}

fn is_ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// The identifier starting at `i`, if any.
fn ident_at(chars: &[char], i: usize) -> Option<String> {
    let ident: String = chars[i.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// The top-level modules a file's code names, each with the line of its first use. Follows
/// `crate::X`, `crate::{X, Y::…}`, and `super::` chains that climb past the file's own module
/// (inline `mod name { … }` blocks counted).
fn uses_in(code: &str, file_depth: usize) -> Vec<(String, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    // The brace depth at which each open inline module started.
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
        let after = i + word.chars().count();
        if word == "mod" {
            pending_inline_module = true;
        }
        let climbs_to_root = match word.as_str() {
            "crate" => Some(after),
            "super" => {
                // Count the chain: super::super::…
                let mut levels = 0;
                let mut j = i;
                while ident_at(&chars, j).as_deref() == Some("super")
                    && chars.get(j + 5) == Some(&':')
                    && chars.get(j + 6) == Some(&':')
                {
                    levels += 1;
                    j += 7;
                }
                let depth = file_depth + inline_modules.len();
                (levels >= depth && levels > 0).then_some(j.saturating_sub(2))
            }
            _ => None,
        };
        if let Some(end) = climbs_to_root
            && chars.get(end) == Some(&':')
            && chars.get(end + 1) == Some(&':')
        {
            let rest = end + 2;
            if chars.get(rest) == Some(&'{') {
                found.extend(group_heads(&chars, rest).into_iter().map(|m| (m, line)));
            } else if let Some(module) = ident_at(&chars, rest) {
                found.push((module, line));
            }
        }
        i = after;
    }
    found
}

/// The first identifier of each item of the `{…}` group opening at `open`.
fn group_heads(chars: &[char], open: usize) -> Vec<String> {
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

/// The graph of `src/`, built once per test.
fn graph() -> Graph {
    let modules = top_level_modules();
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    for file in rust_files(&src_dir()) {
        let Some(path) = module_path(&file) else {
            continue;
        };
        let Some(owner) = path.first().cloned() else {
            continue;
        };
        let source = std::fs::read_to_string(&file).expect("a source file");
        for (used, line) in uses_in(&code_only(&source), path.len()) {
            if used != owner && modules.contains(&used) {
                graph
                    .entry(owner.clone())
                    .or_default()
                    .entry(used)
                    .or_insert_with(|| Use {
                        file: file.clone(),
                        line,
                    });
            }
        }
    }
    graph
}

/// A cycle, as the modules along it, if the graph has one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn describe(graph: &Graph, from: &str, to: &str) -> String {
    let at = &graph[from][to];
    let shown = at.file.strip_prefix(src_dir()).unwrap_or(&at.file);
    format!("{from} -> {to} (src/{}:{})", shown.display(), at.line)
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let graph = graph();
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|pair| describe(&graph, &pair[0], &pair[1]))
            .collect();
        panic!("an import cycle:\n  {}", steps.join("\n  "));
    }
}

#[test]
fn the_api_client_and_the_simulator_know_nothing_built_on_them() {
    let graph = graph();
    let above = ["tui", "config", "cli", "scripting", "account"];
    for low in ["api", "sim"] {
        for high in above {
            assert!(
                !graph[low].contains_key(high),
                "{}",
                describe(&graph, low, high)
            );
        }
    }
}

#[test]
fn only_the_binary_reads_the_command_line_definitions() {
    let graph = graph();
    for (module, uses) in &graph {
        assert!(
            !uses.contains_key("cli"),
            "{}: library code takes plain values, not clap types",
            describe(&graph, module, "cli")
        );
    }
    for file in rust_files(&src_dir()) {
        let in_cli = file.starts_with(src_dir().join("cli")) || file.ends_with("main.rs");
        let code = code_only(&std::fs::read_to_string(&file).expect("a source file"));
        assert!(
            in_cli || !code.contains("clap::"),
            "{} uses clap outside src/cli",
            file.display()
        );
    }
}

#[test]
fn logging_imports_nothing_of_config() {
    let graph = graph();
    for other in ["config", "cli", "tui", "account", "scripting"] {
        assert!(
            !graph["logging"].contains_key(other),
            "{}",
            describe(&graph, "logging", other)
        );
    }
}

#[test]
fn the_checker_sees_every_way_of_naming_a_module() {
    let code = code_only(
        "use crate::{api::Client, config};\n\
         // crate::tui in a comment\n\
         let s = \"crate::cli in a string\";\n\
         let c = '\"'; fn f<'a>(x: &'a str) {}\n\
         crate::cache::ContactCache::disabled();\n\
         use super::super::paths;\n\
         mod tests { use super::text; }\n",
    );
    let names: Vec<String> = uses_in(&code, 2).into_iter().map(|(m, _)| m).collect();
    assert_eq!(names, ["api", "config", "cache", "paths"]);
    let nested: Vec<String> = uses_in(&code_only("mod tests { use super::super::x; }"), 1)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(nested, ["x"]);
    let mut cyclic = Graph::new();
    let at = Use {
        file: PathBuf::from("x.rs"),
        line: 1,
    };
    cyclic
        .entry("a".into())
        .or_default()
        .insert("b".into(), at.clone());
    cyclic.entry("b".into()).or_default().insert("a".into(), at);
    assert_eq!(
        find_cycle(&cyclic),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
}
