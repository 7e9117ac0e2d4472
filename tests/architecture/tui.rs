//! The shape inside `src/tui`, checked: what draws and decides (`screens`, `overlays`, `widgets`,
//! `model`) names nothing of the code that performs (`effects`) or hosts (`runtime`), nor the async
//! runtime or the HTTP client; and `impl App` lives only in `tui/app`, so the App's behaviour is
//! read in one folder.

use std::path::{Path, PathBuf};

use super::scan::{code_only, paths_named};
use super::{module_path, rust_files, src_dir};

/// The folders that must stay free of side effects.
const PURE: [&str; 4] = ["screens", "overlays", "widgets", "model"];

/// The `src/tui` folders and crates those may not name.
const FORBIDDEN_TUI: [&str; 2] = ["effects", "runtime"];
const FORBIDDEN_CRATES: [&str; 2] = ["tokio", "reqwest"];

/// Where a file is, for messages.
fn shown(file: &Path) -> String {
    let relative = file.strip_prefix(src_dir()).unwrap_or(file);
    format!("src/{}", relative.display())
}

fn tui_files(folder: &str) -> Vec<PathBuf> {
    rust_files(&src_dir().join("tui").join(folder))
}

#[test]
fn what_draws_and_decides_names_nothing_that_performs() {
    let mut problems = Vec::new();
    for folder in PURE {
        for file in tui_files(folder) {
            let own = module_path(&file).expect("a module under src/tui");
            let code = code_only(&std::fs::read_to_string(&file).expect("a source file"));
            for (path, line) in paths_named(&code, &own) {
                if path.first().map(String::as_str) == Some("tui")
                    && path
                        .get(1)
                        .is_some_and(|second| FORBIDDEN_TUI.contains(&second.as_str()))
                {
                    problems.push(format!("{}:{line} names {}", shown(&file), path.join("::")));
                }
            }
            for (number, text) in code.lines().enumerate() {
                let words = text
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|word| FORBIDDEN_CRATES.contains(word));
                for word in words {
                    problems.push(format!("{}:{} names {word}", shown(&file), number + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "screens, overlays, widgets and model return what should happen as data; the effects \
         runner and the runtime perform it:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_app_is_implemented_only_in_its_folder() {
    let app_folder = src_dir().join("tui").join("app");
    let mut problems = Vec::new();
    for file in rust_files(&src_dir()) {
        if file.starts_with(&app_folder) {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&file).expect("a source file"));
        let words: Vec<&str> = code
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|word| !word.is_empty())
            .collect();
        for pair in words.windows(2) {
            if (pair[0] == "impl" || pair[0] == "for") && pair[1] == "App" {
                problems.push(format!("{}: {} App", shown(&file), pair[0]));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "`impl App` belongs in src/tui/app:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_tui_checker_resolves_crate_and_super_paths() {
    let own: Vec<String> = ["tui", "screens", "home"].map(String::from).to_vec();
    let code = code_only(
        "use crate::tui::{effects, app::Msg};\n\
         use super::super::runtime::signals;\n\
         // crate::tui::effects in a comment\n\
         let s = \"crate::tui::runtime\";\n\
         mod tests { use super::super::widgets; }\n",
    );
    let named: Vec<(String, usize)> = paths_named(&code, &own)
        .into_iter()
        .map(|(path, line)| (path.join("::"), line))
        .collect();
    assert_eq!(
        named,
        [
            ("tui::effects".to_string(), 1),
            ("tui::app".to_string(), 1),
            ("tui::runtime::signals".to_string(), 2),
            ("tui::screens::widgets".to_string(), 5),
        ]
    );
}
