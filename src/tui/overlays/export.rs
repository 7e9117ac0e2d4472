//! Exporting the contact on screen (`x`): a small prompt with the format (Tab: vCard 3.0, vCard 4.0,
//! JSON) and the file (a sensible default in the working directory, editable with the text
//! input's keys; a paste goes in as it is, never cleaned as an identifier). Enter asks the app to
//! have it written; an existing file is never replaced without a second Enter on the same name.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::api::Contact;
use crate::export::{ExportFormat, export, file_name};
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::layout::{cells, centered, pad, popup_block};
use crate::tui::widgets::text_input::{Edit, TextInput};
use crate::tui::widgets::{Component, Ctx, ViewCtx, safe_text};

/// The formats the prompt offers, in Tab order.
pub const FORMATS: [(ExportFormat, &str); 3] = [
    (ExportFormat::VCard3, "vCard 3.0"),
    (ExportFormat::VCard4, "vCard 4.0"),
    (ExportFormat::Json, "JSON"),
];

/// The export prompt's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPrompt {
    /// The contact to write, as the server sent it.
    pub contact: Contact,
    pub format: ExportFormat,
    /// The file, as typed.
    pub path: TextInput,
    /// The user typed in the file name: changing the format then only changes its extension.
    pub path_edited: bool,
    /// Where a relative name is put (the working directory).
    pub dir: PathBuf,
    /// The file exists: Enter on this same name replaces it with these contents.
    pub confirm_replace: Option<(PathBuf, String)>,
    /// Why the last Enter wrote nothing.
    pub problem: Option<String>,
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
            path: TextInput::new(path.display().to_string()),
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
        self.path = TextInput::new(value);
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

    /// The prompt brought back on a file that exists: Enter replaces it with `contents`, which
    /// were made already (the prompt shows which format they are in).
    pub fn to_replace(
        contact: &Contact,
        dir: &Path,
        path: PathBuf,
        contents: String,
    ) -> ExportPrompt {
        let mut prompt = ExportPrompt::new(contact, dir);
        prompt.format = if path.extension().is_some_and(|e| e == "json") {
            ExportFormat::Json
        } else if contents.contains("VERSION:4.0") {
            ExportFormat::VCard4
        } else {
            ExportFormat::VCard3
        };
        prompt.path = TextInput::new(path.display().to_string());
        prompt.path_edited = true;
        prompt.problem = Some("exists already — Enter replaces it, or change the name".into());
        prompt.confirm_replace = Some((path, contents));
        prompt
    }

    /// What Enter writes: the file and its contents, or why nothing can be written.
    fn write(&self) -> Result<ExportOutcome, String> {
        let path = self
            .target()
            .ok_or_else(|| "type a file name first".to_string())?;
        if let Some((confirmed, contents)) = &self.confirm_replace
            && *confirmed == path
        {
            return Ok(ExportOutcome::Write {
                path,
                contents: contents.clone(),
                replace: true,
            });
        }
        let contents = export(std::slice::from_ref(&self.contact), self.format)
            .map_err(|error| error.to_string())?;
        Ok(ExportOutcome::Write {
            path,
            contents,
            replace: false,
        })
    }
}

/// What the export prompt asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Still open.
    Stay,
    /// Export nothing.
    Close,
    /// Write `contents` to `path` (replacing a file there only when `replace`).
    Write {
        path: PathBuf,
        contents: String,
        replace: bool,
    },
}

impl Component for ExportPrompt {
    type Outcome = ExportOutcome;

    fn context(&self) -> Context {
        Context::ExportPrompt
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> ExportOutcome {
        match input {
            UserInput::Action(Action::CloseOverlay) => return ExportOutcome::Close,
            UserInput::Action(Action::NextFormat) => self.next_format(),
            UserInput::Action(Action::Submit) => match self.write() {
                Ok(outcome) => return outcome,
                Err(problem) => self.problem = Some(problem),
            },
            other => {
                if self.path.handle(&other) == Edit::Changed {
                    self.path_edited = true;
                    self.confirm_replace = None;
                    self.problem = None;
                }
            }
        }
        ExportOutcome::Stay
    }
}

/// Draws the export prompt over the body.
pub struct ExportView<'a> {
    pub prompt: &'a ExportPrompt,
    pub ctx: ViewCtx<'a>,
}

/// Where the prompt's box and its inside go.
fn export_areas(area: Rect, block: &Block) -> (Rect, Rect) {
    let width = area.width.min(76);
    let popup_area = centered(area, width, 8);
    (popup_area, block.inner(popup_area))
}

impl ExportView<'_> {
    fn block(&self) -> Block<'static> {
        let key = |action| self.ctx.key(Context::ExportPrompt, action);
        let hint = format!(
            "{} writes · {} format · {} cancels",
            key(Action::Submit),
            key(Action::NextFormat),
            key(Action::CloseOverlay)
        );
        popup_block("Export", &hint, self.ctx.theme)
    }

    /// Where the terminal's cursor goes: in the file name.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        let (_, inner) = export_areas(area, &self.block());
        if inner.width <= 10 || inner.height <= 2 {
            return None;
        }
        let field_width = inner.width.saturating_sub(9) as usize;
        let column = cells(self.prompt.path.shown(field_width).cursor_column);
        Some(Position::new(
            inner.x + 9 + column.min(inner.width.saturating_sub(10)),
            inner.y + 2,
        ))
    }
}

impl Widget for &ExportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let prompt = self.prompt;
        let block = self.block();
        let (popup_area, inner) = export_areas(area, &block);
        Clear.render(popup_area, buf);
        block.render(popup_area, buf);
        let mut formats = vec![Span::styled(" Format  ", theme.label)];
        for (format, label) in FORMATS {
            let style = if format == prompt.format {
                theme.selected
            } else {
                theme.muted
            };
            formats.push(Span::styled(format!(" {label} "), style));
            formats.push(Span::raw(" "));
        }
        let field_width = inner.width.saturating_sub(9) as usize;
        let path = prompt.path.shown(field_width);
        let problem = match &prompt.problem {
            // A problem may name the path, as typed: it goes through the one door too.
            Some(problem) => {
                Line::from(safe_text::owned_span(format!(" {problem}"), theme.warning))
            }
            None => Line::styled(" the file is readable by you only (mode 0600)", theme.muted),
        };
        let lines = vec![
            Line::from(formats),
            Line::raw(""),
            Line::from(vec![
                Span::styled(" File    ", theme.label),
                Span::styled(pad(&path.text, field_width), theme.text),
            ]),
            Line::raw(""),
            problem,
        ];
        Paragraph::new(lines).render(inner, buf);
    }
}
