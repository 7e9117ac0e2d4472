//! The shape of `src/`, checked: which top-level module uses which (every `crate::X` path in code,
//! `use crate::{X, Y}` groups, and `super::` chains that climb to the crate root), with comments and
//! string literals skipped. The graph has no cycle; the API client and the simulator know nothing
//! of the modules built on them; nothing in the library takes the command line's clap types;
//! logging imports nothing of config. Inside `src/tui`, see `tui`.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "architecture/scan.rs"]
mod scan;
#[path = "architecture/tui.rs"]
mod tui;

use scan::{code_only, uses_in};

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
        for (used, line) in uses_in(&code_only(&source), &path) {
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
    // The graph is read from the code, not empty: the TUI talks to the API through its client.
    assert!(graph["tui"].contains_key("api"), "{graph:?}");
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
    let own: Vec<String> = ["tui", "home"].map(String::from).to_vec();
    let names: Vec<String> = uses_in(&code, &own).into_iter().map(|(m, _)| m).collect();
    assert_eq!(names, ["api", "config", "cache", "paths"]);
    let nested: Vec<String> = uses_in(
        &code_only("mod tests { use super::super::x; }"),
        &["tui".to_string()],
    )
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
