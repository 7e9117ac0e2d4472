//! What the app does with the outcome of each overlay: keep it open, close it, or act — send a
//! change, copy a field, write an export, resume a draft, run a `:` command, switch profile.

use crate::api::ApiRequest;
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Overlay};
use crate::tui::keymap::UserInput;
use crate::tui::overlays::command_line::{CommandLine, CommandLineOutcome};
use crate::tui::overlays::confirm_delete::ConfirmOutcome;
use crate::tui::overlays::confirm_undo::UndoAnswer;
use crate::tui::overlays::copy_menu::CopyOutcome;
use crate::tui::overlays::drafts::DraftsOutcome;
use crate::tui::overlays::export::ExportOutcome;
use crate::tui::overlays::help::HelpOutcome;
use crate::tui::overlays::picker::PickerOverlayOutcome;
use crate::tui::overlays::profiles::ProfilesOutcome;
use crate::tui::overlays::reader::ReaderOutcome;
use crate::tui::widgets::Component;

impl App {
    /// `input` for the open overlay (taken out of `self.overlay`, put back while it stays).
    pub(crate) fn overlay_input(&mut self, mut overlay: Overlay, input: UserInput) -> Vec<Command> {
        let ctx = self.ctx();
        match &mut overlay {
            Overlay::Help(help) => match help.handle(input, &ctx) {
                HelpOutcome::Stay => {}
                HelpOutcome::Close => return Vec::new(),
            },
            Overlay::Reader(reader) => match reader.handle(input, &ctx) {
                ReaderOutcome::Stay => {}
                ReaderOutcome::Close => return Vec::new(),
                ReaderOutcome::Help => {
                    self.open_help();
                    return Vec::new();
                }
            },
            Overlay::Picker(picker) => match picker.handle(input, &ctx) {
                PickerOverlayOutcome::Stay => {}
                PickerOverlayOutcome::Close => return self.log_call_stage_kept(),
                PickerOverlayOutcome::Unchanged(value) => {
                    self.notice = Some(Notice::Info(format!("no change: it already is {value}")));
                    return self.log_call_stage_kept();
                }
                PickerOverlayOutcome::Change { uid, target, value } => {
                    self.log_call_stage_sent(&uid, target);
                    return self.send_change(&uid, target, &value);
                }
                PickerOverlayOutcome::AddTags { uid, tags } => return self.send_tags(&uid, tags),
            },
            Overlay::ConfirmDelete(confirm) => match confirm.handle(input, &ctx) {
                ConfirmOutcome::Continue => {}
                ConfirmOutcome::Cancel => {
                    // Any key but the deliberate one keeps the contact: say so, so a stray key
                    // is not taken for a delete that happened.
                    self.notice = Some(Notice::Info(format!("{} not deleted", confirm.name())));
                    return Vec::new();
                }
                ConfirmOutcome::Confirmed => {
                    let uid = confirm.uid().to_string();
                    let name = self
                        .contact_name(&uid)
                        .unwrap_or_else(|| confirm.name().to_string());
                    let command = self.send(
                        Purpose::Delete {
                            uid: uid.clone(),
                            name,
                        },
                        "deleting the contact".into(),
                        ApiRequest::delete(&uid),
                    );
                    if let Command::Send { id, .. } = &command {
                        confirm.set_deleting(*id);
                    }
                    self.overlay = Some(overlay);
                    return vec![command];
                }
            },
            Overlay::CommandLine(line) => {
                let outcome = line.handle(input, &ctx);
                // The history outlives the line.
                self.command_history = line.history().to_vec();
                match outcome {
                    CommandLineOutcome::Continue => {}
                    CommandLineOutcome::Cancel => return Vec::new(),
                    CommandLineOutcome::Run(command) => return self.run_line_command(command),
                }
            }
            Overlay::Drafts(drafts) => match drafts.handle(input, &ctx) {
                DraftsOutcome::Stay => {}
                DraftsOutcome::Close => return Vec::new(),
                DraftsOutcome::Resume(row) => {
                    let Some(key) = self.drafts.list.get(row).map(|d| d.key.clone()) else {
                        return Vec::new();
                    };
                    return self.resume_draft(key);
                }
                DraftsOutcome::Discard(row) => {
                    let Some(key) = self.drafts.list.get(row).map(|d| d.key.clone()) else {
                        return Vec::new();
                    };
                    let command = self.forget_draft(&key);
                    drafts.selected = drafts
                        .selected
                        .min(self.drafts.list.len().saturating_sub(1));
                    if !self.drafts.list.is_empty() {
                        self.overlay = Some(overlay);
                    }
                    return vec![command];
                }
            },
            Overlay::CopyMenu(menu) => match menu.handle(input, &ctx) {
                CopyOutcome::Stay => {}
                CopyOutcome::Close => return Vec::new(),
                CopyOutcome::Copy(field) => return self.copy_text(field.label, &field.value),
            },
            Overlay::Export(prompt) => match prompt.handle(input, &ctx) {
                ExportOutcome::Stay => {}
                ExportOutcome::Close => return Vec::new(),
                ExportOutcome::Write {
                    path,
                    contents,
                    replace,
                } => {
                    // The file name carries the contact's name: it stays out of the log.
                    tracing::info!(format = %prompt.format, "exporting a contact");
                    self.notice = Some(Notice::Info(format!("exporting to {}…", path.display())));
                    return vec![Command::Export {
                        path,
                        contents,
                        replace,
                    }];
                }
            },
            Overlay::Profiles(switcher) => match switcher.handle(input, &ctx) {
                ProfilesOutcome::Stay => {}
                ProfilesOutcome::Close => return Vec::new(),
                ProfilesOutcome::Switch(row) => return self.switch_to(row),
            },
            Overlay::ConfirmUndo(confirm) => {
                return match confirm.handle(input, &ctx) {
                    UndoAnswer::Yes => self.undo_confirmed(),
                    UndoAnswer::No => {
                        self.notice = Some(Notice::Info("nothing was undone".to_string()));
                        Vec::new()
                    }
                };
            }
        }
        self.overlay = Some(overlay);
        Vec::new()
    }

    /// `:` — the command line, with this session's history.
    pub(crate) fn open_command_line(&mut self) {
        // `:open` completes from the recent contacts, then the ones in the cache.
        let known = self
            .recents
            .entries
            .iter()
            .cloned()
            .chain(self.cache.iter().map(|cached| {
                crate::tui::model::recents::RecentContact::from_contact(
                    &cached.contact,
                    cached.fetched_at,
                )
            }))
            .collect();
        self.overlay = Some(Overlay::CommandLine(Box::new(
            CommandLine::with_history(self.command_history.clone(), &self.vocabulary)
                .with_contacts(known),
        )));
    }
}
