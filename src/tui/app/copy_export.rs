//! Copying through the terminal (OSC 52) and exporting to a file, as the app asks for them: the
//! exact bytes to write (wrapped for tmux or screen, refused with the reason when too big), and
//! the export prompt brought back when its file exists.

use std::path::PathBuf;

use crate::clipboard::osc52_sequence;
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::overlays::export::ExportPrompt;

impl App {
    /// Puts `text` on the clipboard through the terminal; the status bar says what was copied,
    /// or why nothing was.
    pub(crate) fn copy_text(&mut self, what: &str, text: &str) -> Vec<Command> {
        match osc52_sequence(text, self.clipboard) {
            Ok(bytes) => {
                tracing::info!(field = what, bytes = bytes.len(), "copying through OSC 52");
                // genius cannot see whether the terminal accepted it: say what was done.
                self.notice = Some(Notice::Info(format!(
                    "sent {what} to the terminal's clipboard"
                )));
                vec![Command::WriteToTerminal { bytes }]
            }
            Err(error) => {
                self.notice = Some(Notice::Error(format!("{what} not copied: {error}")));
                Vec::new()
            }
        }
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
        let prompt = ExportPrompt::to_replace(&screen.contact, &self.export_dir, path, contents);
        self.notice = None;
        self.overlay = Some(Overlay::Export(Box::new(prompt)));
    }
}
