//! Keys and pastes on the lead-working screens and overlays: each goes to its component, and the
//! component's outcome becomes commands — a draft kept, a request sent, a screen left. Ctrl-C,
//! Ctrl-Z and F1 keep working everywhere.

use crossterm::event::{KeyCode, KeyEvent};

use crate::api::{ApiRequest, Identifier, NewContact};
use crate::tui::app::command::Command;
use crate::tui::app::requests::Purpose;
use crate::tui::app::work::{
    CreateStep, PickTarget, WorkMsg, WorkOverlay, WorkPurpose, WorkScreen,
};
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::model::drafts::{DraftContent, DraftKey, DraftKind};
use crate::tui::overlays::command_line::CommandLineOutcome;
use crate::tui::overlays::confirm_delete::ConfirmOutcome;
use crate::tui::screens::duplicates::DuplicateOutcome;
use crate::tui::screens::duplicates::duplicate_lookups;
use crate::tui::screens::note::NoteOutcome;
use crate::tui::widgets::form::{FormOutcome, FormSubmission};
use crate::tui::widgets::picker::PickerOutcome;

/// What a screen's component asked for, taken out of the borrow of the screen.
enum ScreenWish {
    Nothing,
    KeepDraft(DraftKey, DraftContent, String),
    Leave(DraftKey),
    SaveEdit {
        uid: String,
        patch: Box<crate::api::ContactPatch>,
    },
    CheckDuplicates(Box<NewContact>),
    Create(Box<NewContact>),
    OpenInstead(Box<crate::api::Contact>),
    SendNote {
        uid: String,
        text: String,
    },
    EditExternally {
        uid: String,
        draft: String,
    },
}

impl App {
    /// A key while a lead-working screen or overlay has the keyboard.
    pub(crate) fn on_work_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let overlay_open = matches!(self.overlay, Some(Overlay::Work(_)));
        match self.keymap.resolve(&[Context::Anywhere], &key) {
            Some(action @ (Action::ForceQuit | Action::Suspend)) => return self.on_action(action),
            // Help would replace the overlay (and what was typed in it); overlays show their keys.
            Some(Action::Help) if !overlay_open => return self.on_action(Action::Help),
            _ => {}
        }
        if matches!(self.overlay, Some(Overlay::Work(_))) {
            return self.on_work_overlay_key(key);
        }
        let profile = self.work.profile.clone();
        let Some(Screen::Work(work)) = self.screens.last_mut() else {
            return Vec::new();
        };
        let wish = match work.as_mut() {
            WorkScreen::Edit(edit) => match edit.form.handle_key(key) {
                FormOutcome::Edited => ScreenWish::KeepDraft(
                    DraftKey::edit(profile.as_deref(), &edit.uid),
                    edit.form.draft(),
                    edit.contact_name.clone(),
                ),
                FormOutcome::Save(submission) => match *submission {
                    FormSubmission::Update(patch) => ScreenWish::SaveEdit {
                        uid: edit.uid.clone(),
                        patch: Box::new(patch),
                    },
                    FormSubmission::Create(_) => ScreenWish::Nothing,
                },
                FormOutcome::Cancel => {
                    ScreenWish::Leave(DraftKey::edit(profile.as_deref(), &edit.uid))
                }
                FormOutcome::Continue | FormOutcome::Ignored => ScreenWish::Nothing,
            },
            WorkScreen::Create(create) => match &mut create.step {
                CreateStep::Warning(warning) => match warning.handle_key(key) {
                    DuplicateOutcome::Continue => ScreenWish::Nothing,
                    DuplicateOutcome::Open(contact) => ScreenWish::OpenInstead(contact),
                    DuplicateOutcome::CreateAnyway(contact) => ScreenWish::Create(contact),
                    DuplicateOutcome::BackToForm => {
                        create.step = CreateStep::Filling;
                        create.form.set_editing();
                        ScreenWish::Nothing
                    }
                },
                _ => match create.form.handle_key(key) {
                    FormOutcome::Edited => ScreenWish::KeepDraft(
                        DraftKey::create(profile.as_deref()),
                        create.form.draft(),
                        typed_name(&create.form),
                    ),
                    FormOutcome::Save(submission) => match *submission {
                        FormSubmission::Create(contact) => {
                            ScreenWish::CheckDuplicates(Box::new(contact))
                        }
                        FormSubmission::Update(_) => ScreenWish::Nothing,
                    },
                    FormOutcome::Cancel => ScreenWish::Leave(DraftKey::create(profile.as_deref())),
                    FormOutcome::Continue | FormOutcome::Ignored => ScreenWish::Nothing,
                },
            },
            WorkScreen::Note(note) => match note.editor.handle_key(key) {
                NoteOutcome::Edited => ScreenWish::KeepDraft(
                    DraftKey::note(profile.as_deref(), &note.uid),
                    DraftContent::Note {
                        text: note.editor.text(),
                    },
                    String::new(),
                ),
                NoteOutcome::Send(text) => ScreenWish::SendNote {
                    uid: note.uid.clone(),
                    text,
                },
                NoteOutcome::OpenExternalEditor(draft) => ScreenWish::EditExternally {
                    uid: note.uid.clone(),
                    draft,
                },
                NoteOutcome::Cancel => {
                    ScreenWish::Leave(DraftKey::note(profile.as_deref(), &note.uid))
                }
                NoteOutcome::Continue | NoteOutcome::Ignored => ScreenWish::Nothing,
            },
        };
        self.fulfil(wish)
    }

    /// Pasted text while a lead-working screen or overlay has the keyboard.
    pub(crate) fn on_work_paste(&mut self, text: &str) -> Vec<Command> {
        if let Some(Overlay::Work(overlay)) = &mut self.overlay {
            match overlay.as_mut() {
                WorkOverlay::Picker { picker, .. } => picker.handle_paste(text),
                WorkOverlay::CommandLine => self.work.command_line.handle_paste(text),
                WorkOverlay::Confirm { .. } | WorkOverlay::Drafts { .. } => {}
            }
            return Vec::new();
        }
        let profile = self.work.profile.clone();
        let Some(Screen::Work(work)) = self.screens.last_mut() else {
            return Vec::new();
        };
        let wish = match work.as_mut() {
            WorkScreen::Edit(edit) => match edit.form.handle_paste(text) {
                FormOutcome::Edited => ScreenWish::KeepDraft(
                    DraftKey::edit(profile.as_deref(), &edit.uid),
                    edit.form.draft(),
                    edit.contact_name.clone(),
                ),
                _ => ScreenWish::Nothing,
            },
            WorkScreen::Create(create) if matches!(create.step, CreateStep::Filling) => {
                match create.form.handle_paste(text) {
                    FormOutcome::Edited => ScreenWish::KeepDraft(
                        DraftKey::create(profile.as_deref()),
                        create.form.draft(),
                        typed_name(&create.form),
                    ),
                    _ => ScreenWish::Nothing,
                }
            }
            WorkScreen::Create(_) => ScreenWish::Nothing,
            WorkScreen::Note(note) => match note.editor.handle_paste(text) {
                NoteOutcome::Edited => ScreenWish::KeepDraft(
                    DraftKey::note(profile.as_deref(), &note.uid),
                    DraftContent::Note {
                        text: note.editor.text(),
                    },
                    String::new(),
                ),
                _ => ScreenWish::Nothing,
            },
        };
        self.fulfil(wish)
    }

    /// A lead-working message (the external editor came back).
    pub(crate) fn on_work_msg(&mut self, msg: WorkMsg) -> Vec<Command> {
        match msg {
            WorkMsg::EditedExternally { uid, result } => {
                let profile = self.work.profile.clone();
                let note = self
                    .screens
                    .iter_mut()
                    .rev()
                    .find_map(|screen| match screen {
                        Screen::Work(work) => match work.as_mut() {
                            WorkScreen::Note(note) if note.uid == uid => Some(note),
                            _ => None,
                        },
                        _ => None,
                    });
                let Some(note) = note else {
                    return Vec::new();
                };
                match result {
                    Ok(text) => {
                        note.editor.replace_text(&text);
                        let content = DraftContent::Note {
                            text: note.editor.text(),
                        };
                        self.fulfil(ScreenWish::KeepDraft(
                            DraftKey::note(profile.as_deref(), &uid),
                            content,
                            String::new(),
                        ))
                    }
                    Err(error) => {
                        note.editor.set_notice(&error);
                        Vec::new()
                    }
                }
            }
        }
    }

    fn fulfil(&mut self, wish: ScreenWish) -> Vec<Command> {
        match wish {
            ScreenWish::Nothing => Vec::new(),
            ScreenWish::KeepDraft(key, content, name) => {
                let name = if name.is_empty() {
                    key.uid()
                        .and_then(|uid| self.contact_name(uid))
                        .unwrap_or_default()
                } else {
                    name
                };
                let mut draft = self.draft_now(key, content, &name);
                // A note reopened as "may have been saved" stays so until it is sent again.
                draft.may_have_been_saved = self.note_may_have_been_saved(&draft.key);
                vec![self.work.keep_draft(draft)]
            }
            ScreenWish::Leave(key) => {
                self.screens.pop();
                vec![self.work.forget_draft(&key)]
            }
            ScreenWish::SaveEdit { uid, patch } => {
                let purpose = Purpose::Work(WorkPurpose::Save { uid: uid.clone() });
                let command = self.send(
                    purpose,
                    "saving the contact".into(),
                    ApiRequest::update(&patch),
                );
                if let (Some(Screen::Work(work)), Command::Send { id, .. }) =
                    (self.screens.last_mut(), &command)
                    && let WorkScreen::Edit(edit) = work.as_mut()
                {
                    edit.saving = Some(*id);
                }
                vec![command]
            }
            ScreenWish::CheckDuplicates(contact) => self.check_duplicates(contact),
            ScreenWish::Create(contact) => self.send_create(contact),
            ScreenWish::OpenInstead(contact) => {
                // The create draft stays on disk: nothing typed is lost by looking elsewhere.
                self.screens.pop();
                let uid = contact.uid.clone();
                let mut commands = self.open_contact(*contact);
                commands.extend(self.refetch(&uid));
                commands
            }
            ScreenWish::SendNote { uid, text } => {
                let commands = self.send_note(&uid, &text, true);
                if let (Some(Screen::Work(work)), Some(Command::Send { id, .. })) =
                    (self.screens.last_mut(), commands.first())
                    && let WorkScreen::Note(note) = work.as_mut()
                {
                    note.sending = Some(*id);
                }
                commands
            }
            ScreenWish::EditExternally { uid, draft } => {
                vec![Command::EditExternally { uid, draft }]
            }
        }
    }

    /// True when the note editor of the draft `key` holds a note that may have been saved.
    fn note_may_have_been_saved(&self, key: &DraftKey) -> bool {
        key.kind == DraftKind::Note
            && self.screens.iter().any(|screen| {
                matches!(screen, Screen::Work(work) if matches!(work.as_ref(),
                    WorkScreen::Note(note) if Some(note.uid.as_str()) == key.uid()
                        && note.editor.may_have_been_saved()))
            })
    }

    /// The display name of the contact `uid` if a screen shows it.
    fn contact_name(&self, uid: &str) -> Option<String> {
        self.screens.iter().find_map(|screen| match screen {
            Screen::Contact(contact) if contact.contact.uid == uid => {
                Some(contact.contact.display_name())
            }
            _ => None,
        })
    }

    /// Before creating: look up the email and the phone; with neither, create straight away.
    fn check_duplicates(&mut self, contact: Box<NewContact>) -> Vec<Command> {
        let lookups = duplicate_lookups(&contact);
        if lookups.is_empty() {
            return self.send_create(contact);
        }
        let mut commands = Vec::new();
        let mut pending = Vec::new();
        for identifier in lookups {
            let description = format!("checking whether {identifier} is already a contact");
            let request = ApiRequest::get(&identifier);
            let command = self.send(
                Purpose::Work(WorkPurpose::DuplicateCheck(identifier)),
                description,
                request,
            );
            if let Command::Send { id, .. } = &command {
                pending.push(*id);
            }
            commands.push(command);
        }
        if let Some(create) = self.create_screen_mut() {
            create.step = CreateStep::Checking {
                contact,
                pending,
                matches: Vec::new(),
            };
        }
        commands
    }

    /// POST /api/contact.
    pub(crate) fn send_create(&mut self, contact: Box<NewContact>) -> Vec<Command> {
        let command = self.send(
            Purpose::Work(WorkPurpose::Create),
            "creating the contact".into(),
            ApiRequest::create(&contact),
        );
        if let (Some(create), Command::Send { id, .. }) = (self.create_screen_mut(), &command) {
            create.form.set_saving();
            create.step = CreateStep::Creating(*id);
        }
        vec![command]
    }

    /// The create screen on top, if it is.
    pub(crate) fn create_screen_mut(&mut self) -> Option<&mut crate::tui::app::work::CreateScreen> {
        match self.screens.last_mut() {
            Some(Screen::Work(work)) => match work.as_mut() {
                WorkScreen::Create(create) => Some(create),
                _ => None,
            },
            _ => None,
        }
    }

    fn on_work_overlay_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(Overlay::Work(mut overlay)) = self.overlay.take() else {
            return Vec::new();
        };
        match overlay.as_mut() {
            WorkOverlay::Picker {
                target,
                uid,
                picker,
            } => match picker.handle_key(key) {
                PickerOutcome::Continue | PickerOutcome::Ignored => {}
                PickerOutcome::Cancel => return Vec::new(),
                PickerOutcome::Picked(value) => {
                    let (target, uid) = (*target, uid.clone());
                    if picker.is_current(&value) && target != PickTarget::Tags {
                        self.notice = Some(Notice::Info(format!(
                            "no change: it already is {}",
                            crate::text::safe_line(&value)
                        )));
                        return Vec::new();
                    }
                    return self.send_change(&uid, target, &value);
                }
                PickerOutcome::PickedMany(tags) => {
                    let uid = uid.clone();
                    return self.send_tags(&uid, tags);
                }
            },
            WorkOverlay::Confirm { confirm, deleting } => match confirm.handle_key(key) {
                ConfirmOutcome::Continue => {}
                ConfirmOutcome::Cancel => return Vec::new(),
                ConfirmOutcome::Confirmed => {
                    let uid = confirm.uid().to_string();
                    let name = self.contact_name(&uid).unwrap_or_else(|| uid.clone());
                    let command = self.send(
                        Purpose::Work(WorkPurpose::Delete {
                            uid: uid.clone(),
                            name,
                        }),
                        "deleting the contact".into(),
                        ApiRequest::delete(&uid),
                    );
                    if let Command::Send { id, .. } = &command {
                        *deleting = Some(*id);
                    }
                    confirm.set_deleting();
                    self.overlay = Some(Overlay::Work(overlay));
                    return vec![command];
                }
            },
            WorkOverlay::CommandLine => match self.work.command_line.handle_key(key) {
                CommandLineOutcome::Continue => {}
                CommandLineOutcome::Cancel => return Vec::new(),
                CommandLineOutcome::Run(command) => return self.run_line_command(command),
            },
            WorkOverlay::Drafts {
                selected,
                discarding,
            } => {
                let count = self.work.drafts.len();
                // `d` only asks: a `d` typed into a lookup while this list was up throws nothing
                // away. The answer is `y`; any other key keeps the draft.
                if std::mem::take(discarding) {
                    if !matches!(key.code, KeyCode::Char('y' | 'Y')) {
                        self.overlay = Some(Overlay::Work(overlay));
                        return Vec::new();
                    }
                    let Some(key) = self.work.drafts.get(*selected).map(|d| d.key.clone()) else {
                        return Vec::new();
                    };
                    let command = self.work.forget_draft(&key);
                    *selected = (*selected).min(self.work.drafts.len().saturating_sub(1));
                    if !self.work.drafts.is_empty() {
                        self.overlay = Some(Overlay::Work(overlay));
                    }
                    return vec![command];
                }
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => {
                        *selected = (*selected + 1).min(count.saturating_sub(1));
                    }
                    KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
                    KeyCode::Esc => return Vec::new(),
                    KeyCode::Char('d') if count > 0 => *discarding = true,
                    KeyCode::Enter => {
                        let Some(key) = self.work.drafts.get(*selected).map(|d| d.key.clone())
                        else {
                            return Vec::new();
                        };
                        return self.resume_draft(key);
                    }
                    _ => {}
                }
            }
        }
        self.overlay = Some(Overlay::Work(overlay));
        Vec::new()
    }

    /// Opens what a kept draft belongs to: the create form, or the contact (fetched) and then its
    /// note editor or edit form with the draft in it.
    fn resume_draft(&mut self, key: DraftKey) -> Vec<Command> {
        match (key.kind, key.uid().map(str::to_string)) {
            (DraftKind::Create, _) | (_, None) => self.open_create(),
            (_, Some(uid)) => {
                let request = ApiRequest::get(&Identifier::Uid(uid.clone()));
                vec![self.send(
                    Purpose::Work(WorkPurpose::ResumeDraft(key)),
                    format!("opening {uid} to resume its draft"),
                    request,
                )]
            }
        }
    }
}

/// The name typed so far in the create form, to say whose draft it is.
fn typed_name(form: &crate::tui::widgets::form::ContactForm) -> String {
    use crate::tui::widgets::form::FieldId;
    let part = |id| form.value(id).unwrap_or("").trim().to_string();
    format!("{} {}", part(FieldId::FirstName), part(FieldId::LastName))
        .trim()
        .to_string()
}
