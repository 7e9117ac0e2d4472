//! What the app does with the outcome of the screen on top: a lookup, opening a contact and the
//! things that work it, a draft kept, a save or a note sent, the duplicate check of a new contact,
//! a screen left.

use crate::api::{ApiRequest, NewContact};
use crate::tui::app::actions::ContactChange;
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::keymap::UserInput;
use crate::tui::model::drafts::{DraftContent, DraftKey, DraftKind};
use crate::tui::model::duplicates::duplicate_lookups;
use crate::tui::overlays::copy_menu::CopyMenu;
use crate::tui::overlays::export::ExportPrompt;
use crate::tui::overlays::reader::ReaderOverlay;
use crate::tui::screens::contact::ContactOutcome;
use crate::tui::screens::create::{CreateOutcome, CreateScreen, CreateStep};
use crate::tui::screens::edit::EditOutcome;
use crate::tui::screens::home::HomeOutcome;
use crate::tui::screens::note::NoteScreenOutcome;
use crate::tui::screens::results::ResultsOutcome;
use crate::tui::screens::worklist::WorklistOutcome;
use crate::tui::widgets::Component;

/// The outcome of whichever screen was on top.
enum ScreenOutcome {
    Home(HomeOutcome),
    Results(ResultsOutcome),
    Contact(ContactOutcome),
    Edit {
        uid: String,
        outcome: EditOutcome,
    },
    Create(CreateOutcome),
    Note {
        uid: String,
        outcome: NoteScreenOutcome,
    },
    Worklist(WorklistOutcome),
    None,
}

impl App {
    /// `input` for the screen on top.
    pub(crate) fn screen_input(&mut self, input: UserInput) -> Vec<Command> {
        let Some(mut screen) = self.screens.pop() else {
            return Vec::new();
        };
        let ctx = self.ctx();
        let outcome = match &mut screen {
            Screen::Home(home) => ScreenOutcome::Home(home.handle(input, &ctx)),
            Screen::Results(results) => ScreenOutcome::Results(results.handle(input, &ctx)),
            Screen::Contact(contact) => ScreenOutcome::Contact(contact.handle(input, &ctx)),
            Screen::Setup => ScreenOutcome::None,
            Screen::Edit(edit) => ScreenOutcome::Edit {
                outcome: edit.handle(input, &ctx),
                uid: edit.uid.clone(),
            },
            Screen::Create(create) => ScreenOutcome::Create(create.handle(input, &ctx)),
            Screen::Note(note) => ScreenOutcome::Note {
                outcome: note.handle(input, &ctx),
                uid: note.uid.clone(),
            },
            Screen::Worklist(list) => ScreenOutcome::Worklist(list.handle(input, &ctx)),
        };
        self.screens.push(screen);
        if matches!(outcome, ScreenOutcome::Home(HomeOutcome::None)) {
            self.refresh_name_matches();
        }
        match outcome {
            ScreenOutcome::Home(HomeOutcome::None)
            | ScreenOutcome::Results(ResultsOutcome::None)
            | ScreenOutcome::None => Vec::new(),
            ScreenOutcome::Home(HomeOutcome::LookUp { selected_uid, .. }) => {
                self.submit_lookup(selected_uid)
            }
            ScreenOutcome::Results(ResultsOutcome::Open) if self.is_choosing_lead() => {
                match self.top() {
                    Screen::Results(list) => match list.current().cloned() {
                        Some(contact) => self.choose_lead_contact(&contact),
                        None => Vec::new(),
                    },
                    _ => Vec::new(),
                }
            }
            ScreenOutcome::Results(ResultsOutcome::Open) => self.open_selected_result(),
            ScreenOutcome::Worklist(outcome) => self.on_worklist_outcome(outcome),
            ScreenOutcome::Results(ResultsOutcome::Highlighted) => self.preview_highlighted(false),
            ScreenOutcome::Contact(outcome) => self.on_contact_outcome(outcome),
            ScreenOutcome::Edit { uid, outcome } => self.on_edit_outcome(&uid, outcome),
            ScreenOutcome::Create(outcome) => self.on_create_outcome(outcome),
            ScreenOutcome::Note { uid, outcome } => self.on_note_outcome(&uid, outcome),
        }
    }

    fn on_contact_outcome(&mut self, outcome: ContactOutcome) -> Vec<Command> {
        let Screen::Contact(screen) = self.top() else {
            return Vec::new();
        };
        let contact = screen.contact.clone();
        match outcome {
            ContactOutcome::None => Vec::new(),
            ContactOutcome::NoteOrder(newest_first) => self.note_order_chosen(newest_first),
            ContactOutcome::Refresh => self.refresh_contact(),
            ContactOutcome::ShowSnapshot => {
                let title = format!("Snapshot — {}", contact.display_name());
                match crate::tui::model::display::present(&contact.snapshot) {
                    Some(text) => {
                        self.overlay = Some(Overlay::Reader(ReaderOverlay::new(title, text)));
                    }
                    None => {
                        self.notice = Some(Notice::Info("this contact has no snapshot".into()));
                    }
                }
                Vec::new()
            }
            ContactOutcome::Copy => {
                self.overlay = Some(Overlay::CopyMenu(CopyMenu::for_contact(&contact)));
                Vec::new()
            }
            ContactOutcome::CopyAll => self.copy_text(
                "the whole contact",
                &crate::tui::model::contact_text::as_text(&contact),
            ),
            ContactOutcome::Export => {
                let prompt = ExportPrompt::new(&contact, &self.export_dir);
                self.overlay = Some(Overlay::Export(Box::new(prompt)));
                Vec::new()
            }
            ContactOutcome::Edit => self.change_contact(ContactChange::Edit),
            ContactOutcome::AddNote => self.change_contact(ContactChange::AddNote),
            ContactOutcome::Delete => self.change_contact(ContactChange::Delete),
            ContactOutcome::Pick(target) => self.change_contact(ContactChange::Pick(target)),
            ContactOutcome::LogCall => self.start_log_call(),
            ContactOutcome::NextLead => self.step_lead(true),
            ContactOutcome::PreviousLead => self.step_lead(false),
            ContactOutcome::Undo => self.ask_undo(),
        }
    }

    fn on_edit_outcome(&mut self, uid: &str, outcome: EditOutcome) -> Vec<Command> {
        let key = DraftKey::edit(self.drafts.profile.as_deref(), uid);
        match outcome {
            EditOutcome::None => Vec::new(),
            EditOutcome::KeepDraft(content) => {
                let name = match self.top() {
                    Screen::Edit(edit) => edit.contact_name.clone(),
                    _ => String::new(),
                };
                self.keep_typed_draft(key, content, name)
            }
            EditOutcome::Save(patch) => {
                let command = self.send(
                    Purpose::Save {
                        uid: uid.to_string(),
                    },
                    "saving the contact".into(),
                    ApiRequest::update(&patch),
                );
                if let (Some(Screen::Edit(edit)), Command::Send { id, .. }) =
                    (self.screens.last_mut(), &command)
                {
                    edit.saving = Some(*id);
                }
                vec![command]
            }
            EditOutcome::Leave => {
                self.screens.pop();
                vec![self.forget_draft(&key)]
            }
        }
    }

    fn on_create_outcome(&mut self, outcome: CreateOutcome) -> Vec<Command> {
        let key = DraftKey::create(self.drafts.profile.as_deref());
        match outcome {
            CreateOutcome::None => Vec::new(),
            CreateOutcome::KeepDraft { content, name } => self.keep_typed_draft(key, content, name),
            CreateOutcome::CheckDuplicates(contact) => self.check_duplicates(contact),
            CreateOutcome::Create(contact) => self.send_create(&contact),
            CreateOutcome::OpenInstead(contact) => {
                // The create draft stays on disk: nothing typed is lost by looking elsewhere.
                self.screens.pop();
                let uid = contact.uid.clone();
                let mut commands = self.open_contact(*contact);
                commands.extend(self.refetch(&uid));
                commands
            }
            CreateOutcome::Leave => {
                self.screens.pop();
                vec![self.forget_draft(&key)]
            }
        }
    }

    fn on_note_outcome(&mut self, uid: &str, outcome: NoteScreenOutcome) -> Vec<Command> {
        let key = DraftKey::note(self.drafts.profile.as_deref(), uid);
        match outcome {
            NoteScreenOutcome::None => Vec::new(),
            NoteScreenOutcome::KeepDraft(text) => {
                self.keep_typed_draft(key, DraftContent::Note { text }, String::new())
            }
            NoteScreenOutcome::Send(text) => {
                let commands = self.send_note(uid, &text, true);
                if let (Some(Screen::Note(note)), Some(Command::Send { id, .. })) =
                    (self.screens.last_mut(), commands.first())
                {
                    note.sending = Some(*id);
                }
                commands
            }
            NoteScreenOutcome::EditExternally(draft) => vec![Command::EditExternally {
                uid: uid.to_string(),
                draft,
            }],
            NoteScreenOutcome::Leave => {
                self.screens.pop();
                if self.log_call.as_ref().is_some_and(|call| call.uid == uid) {
                    self.log_call = None;
                }
                vec![self.forget_draft(&key)]
            }
        }
    }

    /// The external editor came back with the note of `uid` (or why it could not run).
    pub(crate) fn edited_externally(
        &mut self,
        uid: &str,
        result: Result<String, String>,
    ) -> Vec<Command> {
        let note = self
            .screens
            .iter_mut()
            .rev()
            .find_map(|screen| match screen {
                Screen::Note(note) if note.uid == uid => Some(note),
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
                let key = DraftKey::note(self.drafts.profile.as_deref(), uid);
                self.keep_typed_draft(key, content, String::new())
            }
            Err(error) => {
                note.editor.set_notice(&error);
                Vec::new()
            }
        }
    }

    /// Keeps what was typed as a draft named after its contact (`name`, or the contact's screen).
    fn keep_typed_draft(
        &mut self,
        key: DraftKey,
        content: DraftContent,
        name: String,
    ) -> Vec<Command> {
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
        vec![self.keep_draft(draft)]
    }

    /// True when the note editor of the draft `key` holds a note that may have been saved.
    fn note_may_have_been_saved(&self, key: &DraftKey) -> bool {
        key.kind == DraftKind::Note
            && self.screens.iter().any(|screen| {
                matches!(screen, Screen::Note(note)
                    if Some(note.uid.as_str()) == key.uid() && note.editor.may_have_been_saved())
            })
    }

    /// Before creating: look up the email and the phone; with neither, create straight away.
    fn check_duplicates(&mut self, contact: Box<NewContact>) -> Vec<Command> {
        let lookups = duplicate_lookups(&contact);
        if lookups.is_empty() {
            return self.send_create(&contact);
        }
        let mut commands = Vec::new();
        let mut pending = Vec::new();
        for identifier in lookups {
            let description = format!("checking whether {identifier} is already a contact");
            let request = ApiRequest::get(&identifier);
            let command = self.send(Purpose::DuplicateCheck(identifier), description, request);
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
    pub(crate) fn send_create(&mut self, contact: &NewContact) -> Vec<Command> {
        let command = self.send(
            Purpose::Create,
            "creating the contact".into(),
            ApiRequest::create(contact),
        );
        if let (Some(create), Command::Send { id, .. }) = (self.create_screen_mut(), &command) {
            create.form.set_saving();
            create.step = CreateStep::Creating(*id);
        }
        vec![command]
    }

    /// The create screen on top, if it is.
    pub(crate) fn create_screen_mut(&mut self) -> Option<&mut CreateScreen> {
        match self.screens.last_mut() {
            Some(Screen::Create(create)) => Some(create),
            _ => None,
        }
    }
}
