//! Editing a note draft in the person's own editor (`$VISUAL`, else `$EDITOR`). The note editor
//! only asks for it; the effects layer leaves the alternate screen, calls
//! [`edit_in_external_editor`] (blocking) and hands the text back. The draft goes through a private
//! temporary file (mode 0600) that is removed afterwards.

use std::io::{Error, ErrorKind, Write};
use std::process::Command;

/// The editor to run, from `$VISUAL` then `$EDITOR`, split into program and arguments (quotes and
/// backslashes honoured, so `VISUAL="code --wait"` works). None when neither is set.
pub fn external_editor_command() -> Option<(String, Vec<String>)> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    editor_command_from(visual.as_deref(), editor.as_deref())
}

/// [`external_editor_command`] for given values of `VISUAL` and `EDITOR` (pure, for tests).
pub fn editor_command_from(
    visual: Option<&str>,
    editor: Option<&str>,
) -> Option<(String, Vec<String>)> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(split_command)
        .find(|words| !words.is_empty())
        .map(|mut words| {
            let program = words.remove(0);
            (program, words)
        })
}

/// Splits a command the way a shell would for plain words: whitespace separates, single quotes
/// keep everything, double quotes keep all but `\"` and `\\`, a backslash escapes the next char.
fn split_command(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for inner in chars.by_ref() {
                    if inner == '\'' {
                        break;
                    }
                    word.push(inner);
                }
            }
            '"' => {
                in_word = true;
                while let Some(inner) = chars.next() {
                    match inner {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(escaped @ ('"' | '\\')) => word.push(escaped),
                            Some(other) => {
                                word.push('\\');
                                word.push(other);
                            }
                            None => word.push('\\'),
                        },
                        other => word.push(other),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(escaped) = chars.next() {
                    word.push(escaped);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Opens the configured editor on `draft` and returns the edited text. Blocking: call it with the
/// terminal restored to normal mode. Fails when no editor is set, it cannot be started, or it
/// exits unsuccessfully — the caller keeps the draft it had.
pub fn edit_in_external_editor(draft: &str) -> std::io::Result<String> {
    let (program, args) = external_editor_command().ok_or_else(|| {
        Error::new(
            ErrorKind::NotFound,
            "no editor set: export VISUAL or EDITOR (e.g. EDITOR=nano)",
        )
    })?;
    edit_with(&program, &args, draft)
}

/// Runs `program args… FILE` on a private temporary file holding `draft`; returns the file's text
/// afterwards, without the final line break editors add.
pub fn edit_with(program: &str, args: &[String], draft: &str) -> std::io::Result<String> {
    // tempfile creates the file with mode 0600 and removes it when dropped.
    let mut file = tempfile::Builder::new()
        .prefix("genius-note-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(draft.as_bytes())?;
    file.as_file().sync_all()?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| {
            Error::new(
                e.kind(),
                format!("could not start the editor '{program}': {e}"),
            )
        })?;
    if !status.success() {
        return Err(Error::other(format!(
            "the editor '{program}' exited with {status}; the draft is unchanged"
        )));
    }
    let edited = std::fs::read_to_string(file.path())?;
    let edited = edited
        .strip_suffix("\r\n")
        .or_else(|| edited.strip_suffix('\n'))
        .unwrap_or(&edited);
    Ok(edited.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_split_like_a_shell() {
        assert_eq!(split_command("code --wait"), vec!["code", "--wait"]);
        assert_eq!(
            split_command(r#"'/opt/My Editor/bin/ed' -c "set tw=72" a\ b"#),
            vec!["/opt/My Editor/bin/ed", "-c", "set tw=72", "a b"]
        );
        assert!(split_command("   ").is_empty());
    }
}
