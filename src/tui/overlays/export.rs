//! Exporting the contact on screen (`x`): a small prompt with the format (Tab: vCard 3.0, vCard 4.0,
//! JSON) and the file (a sensible default in the working directory, editable with the readline
//! keys). Enter asks the effects runner to write it; an existing file is never replaced without a
//! second Enter on the same name.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;
use tui_input::Input;

use crate::api::Contact;
use crate::export::{ExportFormat, export, file_name};
use crate::tui::app::command::Command;
use crate::tui::app::trust::{TrustCommand, TrustOverlay};
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::text_input;

/// The formats the prompt offers, in Tab order.
pub const FORMATS: [(ExportFormat, &str); 3] = [
    (ExportFormat::VCard3, "vCard 3.0"),
    (ExportFormat::VCard4, "vCard 4.0"),
    (ExportFormat::Json, "JSON"),
];

/// The export prompt's state.
#[derive(Debug, Clone)]
pub struct ExportPrompt {
    /// The contact to write, as the server sent it.
    pub contact: Contact,
    pub format: ExportFormat,
    /// The file, as typed.
    pub path: Input,
    /// The user typed in the file name: changing the format then only changes its extension.
    pub path_edited: bool,
    /// Where a relative name is put (the working directory).
    pub dir: PathBuf,
    /// The file exists: Enter on this same name replaces it with these contents.
    pub confirm_replace: Option<(PathBuf, String)>,
    /// Why the last Enter wrote nothing.
    pub problem: Option<String>,
}

impl PartialEq for ExportPrompt {
    fn eq(&self, other: &Self) -> bool {
        self.contact == other.contact
            && self.format == other.format
            && self.path.value() == other.path.value()
            && self.path_edited == other.path_edited
            && self.dir == other.dir
            && self.confirm_replace == other.confirm_replace
            && self.problem == other.problem
    }
}

/// The label of a format in the prompt.
pub fn format_label(format: ExportFormat) -> &'static str {
    FORMATS
        .iter()
        .find(|(f, _)| *f == format)
        .map_or("vCard 3.0", |(_, label)| *label)
}

impl ExportPrompt {
    /// A prompt for `contact`: vCard 3.0 into `dir/<name>-<uid>.vcf`.
    pub fn new(contact: &Contact, dir: &Path) -> ExportPrompt {
        let format = ExportFormat::VCard3;
        let path = dir.join(file_name(contact, format));
        ExportPrompt {
            contact: contact.clone(),
            format,
            path: Input::new(path.display().to_string()),
            path_edited: false,
            dir: dir.to_path_buf(),
            confirm_replace: None,
            problem: None,
        }
    }

    /// Tab: the next format; the file name follows (only its extension, once edited).
    pub fn next_format(&mut self) {
        let index = FORMATS
            .iter()
            .position(|(f, _)| *f == self.format)
            .unwrap_or(0);
        let (next, _) = FORMATS[(index + 1) % FORMATS.len()];
        let old_extension = format!(".{}", self.format.extension());
        self.format = next;
        let value = if self.path_edited {
            let typed = self.path.value();
            match typed.strip_suffix(&old_extension) {
                Some(stem) => format!("{stem}.{}", next.extension()),
                None => typed.to_string(),
            }
        } else {
            self.dir
                .join(file_name(&self.contact, next))
                .display()
                .to_string()
        };
        self.path = Input::new(value);
        self.confirm_replace = None;
    }

    /// The file the typed name means: relative names go in [`ExportPrompt::dir`].
    pub fn target(&self) -> Option<PathBuf> {
        let typed = self.path.value().trim();
        if typed.is_empty() {
            return None;
        }
        let path = PathBuf::from(typed);
        // The default name already carries the directory; only a bare name is put in it.
        Some(if path.is_absolute() || path.starts_with(&self.dir) {
            path
        } else {
            self.dir.join(path)
        })
    }
}

impl App {
    pub(crate) fn on_export_key(
        &mut self,
        mut prompt: ExportPrompt,
        key: KeyEvent,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        match self
            .keymap
            .resolve(&[Context::ExportPrompt, Context::Anywhere], &key)
        {
            Some(Action::CloseOverlay) => return Vec::new(),
            Some(action @ (Action::ForceQuit | Action::Suspend)) => {
                commands = self.on_action(action);
            }
            Some(Action::NextFormat) => prompt.next_format(),
            Some(Action::Submit) => match self.write_export(&prompt) {
                Ok(command) => return vec![command],
                Err(problem) => prompt.problem = Some(problem),
            },
            _ => {
                let before = prompt.path.value().to_string();
                if text_input::edit(&mut prompt.path, &key) && prompt.path.value() != before {
                    prompt.path_edited = true;
                    prompt.confirm_replace = None;
                    prompt.problem = None;
                }
            }
        }
        if !self.quitting {
            self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Export(Box::new(
                prompt,
            )))));
        }
        commands
    }

    /// The command writing the prompt's export, or why there is none.
    fn write_export(&mut self, prompt: &ExportPrompt) -> Result<Command, String> {
        let path = prompt
            .target()
            .ok_or_else(|| "type a file name first".to_string())?;
        if let Some((confirmed, contents)) = &prompt.confirm_replace
            && *confirmed == path
        {
            self.notice = Some(Notice::Info(format!("exporting to {}…", path.display())));
            return Ok(Command::Trust(TrustCommand::Export {
                path,
                contents: contents.clone(),
                replace: true,
            }));
        }
        let contents = export(std::slice::from_ref(&prompt.contact), prompt.format)
            .map_err(|error| error.to_string())?;
        // The file name carries the contact's name: it stays out of the log.
        tracing::info!(format = %prompt.format, "exporting a contact");
        self.notice = Some(Notice::Info(format!("exporting to {}…", path.display())));
        Ok(Command::Trust(TrustCommand::Export {
            path,
            contents,
            replace: false,
        }))
    }

    /// The export's file exists: the prompt comes back on that name, and Enter replaces it.
    pub(crate) fn reopen_export_to_replace(&mut self, path: PathBuf, contents: String) {
        let Screen::Contact(screen) = self.top() else {
            self.notice = Some(Notice::Error(format!(
                "{} exists already; nothing was written",
                path.display()
            )));
            return;
        };
        let mut prompt = ExportPrompt::new(&screen.contact, &self.trust.export_dir);
        // The contents were made already; the prompt shows which format they are in.
        prompt.format = if path.extension().is_some_and(|e| e == "json") {
            ExportFormat::Json
        } else if contents.contains("VERSION:4.0") {
            ExportFormat::VCard4
        } else {
            ExportFormat::VCard3
        };
        prompt.path = Input::new(path.display().to_string());
        prompt.path_edited = true;
        prompt.problem = Some("exists already — Enter replaces it, or change the name".into());
        prompt.confirm_replace = Some((path, contents));
        self.notice = None;
        self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Export(Box::new(
            prompt,
        )))));
    }
}
