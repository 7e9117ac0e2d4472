//! Opening what works a contact — the edit form, the note editor, a picker, the create form —
//! and the requests that change a contact directly (stage, quality, owner, tags, a one-line
//! note), from the contact screen's keys and from the `:` line. A read-only profile refuses all
//! of them with a word.

use crate::api::{ApiRequest, Contact, ContactPatch, Identifier};
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::model::drafts::{Draft, DraftContent, DraftKey};
use crate::tui::overlays::command_line::LineCommand;
use crate::tui::overlays::confirm_delete::DeleteConfirm;
use crate::tui::overlays::picker::{PickTarget, PickerOverlay};
use crate::tui::screens::contact::ContactScreen;
use crate::tui::screens::create::CreateScreen;
use crate::tui::screens::edit::EditScreen;
use crate::tui::screens::note::{NoteEditor, NoteScreen};
use crate::tui::widgets::form::ContactForm;
use crate::tui::widgets::picker::Picker;

/// Why a change is refused on a read-only profile.
const READ_ONLY: &str =
    "this profile is read-only: no changes can be made (read_only in the config)";

/// A change to the contact on screen, as a key or the `:` line asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContactChange {
    Edit,
    AddNote,
    Delete,
    Pick(PickTarget),
}

impl App {
    /// The contact on the top screen, when it is a contact's detail.
    fn shown_contact(&self) -> Option<&Contact> {
        match self.top() {
            Screen::Contact(screen) => Some(&screen.contact),
            _ => None,
        }
    }

    /// The contact screen of `uid`, wherever it is on the stack.
    pub(crate) fn contact_screen_mut(&mut self, uid: &str) -> Option<&mut ContactScreen> {
        self.screens
            .iter_mut()
            .rev()
            .find_map(|screen| match screen {
                Screen::Contact(contact) if contact.contact.uid == uid => Some(contact.as_mut()),
                _ => None,
            })
    }

    /// Says a change is refused because the profile is read-only.
    pub(crate) fn refuse_read_only(&mut self) {
        self.notice = Some(Notice::Error(READ_ONLY.to_string()));
    }

    /// Starts changing the contact on screen: refused on a read-only profile, and away from a
    /// contact.
    pub(crate) fn change_contact(&mut self, change: ContactChange) -> Vec<Command> {
        if self.account.read_only {
            self.refuse_read_only();
            return Vec::new();
        }
        let Some(contact) = self.shown_contact().cloned() else {
            self.notice = Some(Notice::Error("open a contact first".to_string()));
            return Vec::new();
        };
        match change {
            ContactChange::Edit => self.open_edit(&contact),
            ContactChange::AddNote => self.open_note(&contact),
            ContactChange::Delete => {
                self.overlay = Some(Overlay::ConfirmDelete(DeleteConfirm::new(&contact)));
                Vec::new()
            }
            ContactChange::Pick(target) => self.open_picker(&contact, target),
        }
    }

    /// `c`, Ctrl-N or `:new`: the create form (refused on a read-only profile).
    pub(crate) fn create_contact(&mut self) -> Vec<Command> {
        if self.account.read_only {
            self.refuse_read_only();
            return Vec::new();
        }
        self.open_create()
    }

    fn open_picker(&mut self, contact: &Contact, target: PickTarget) -> Vec<Command> {
        self.vocabulary.learn_contact(contact);
        let vocabulary = &self.vocabulary;
        let picker = match target {
            PickTarget::Stage => Picker::stage(vocabulary, contact.stage_name.as_deref()),
            PickTarget::Quality => Picker::quality(vocabulary, contact.quality_name.as_deref()),
            PickTarget::Owner => Picker::owner(vocabulary, contact.owner_email.as_deref()),
            PickTarget::Tags => Picker::tags(vocabulary, &contact.tags),
        };
        self.overlay = Some(Overlay::Picker(Box::new(PickerOverlay {
            target,
            uid: contact.uid.clone(),
            picker,
        })));
        Vec::new()
    }

    /// `e`: the edit form, with the kept draft of this contact's edit restored.
    fn open_edit(&mut self, contact: &Contact) -> Vec<Command> {
        // What the status said about the screen left behind is not about this one.
        self.notice = None;
        let mut form =
            ContactForm::edit(contact, &self.vocabulary).with_phone_region(self.phone_region);
        let key = DraftKey::edit(self.drafts.profile.as_deref(), &contact.uid);
        if let Some(Draft {
            content: DraftContent::Form { fields },
            ..
        }) = self.drafts.get(&key)
        {
            form.restore_draft(fields);
            self.notice = Some(Notice::Info("your unsaved changes were restored".into()));
        }
        self.screens.push(Screen::Edit(Box::new(EditScreen {
            uid: contact.uid.clone(),
            contact_name: contact.display_name(),
            form,
            saving: None,
        })));
        Vec::new()
    }

    /// `n`: the note editor, holding the kept draft of this contact's note.
    fn open_note(&mut self, contact: &Contact) -> Vec<Command> {
        // What the status said about the screen left behind is not about this one.
        self.notice = None;
        let key = DraftKey::note(self.drafts.profile.as_deref(), &contact.uid);
        let name = contact.display_name();
        let editor = match self.drafts.get(&key) {
            Some(Draft {
                content: DraftContent::Note { text },
                may_have_been_saved,
                ..
            }) => {
                let mut editor = NoteEditor::with_draft(&name, text);
                if *may_have_been_saved {
                    editor.mark_may_have_been_saved();
                    self.notice = Some(Notice::Info(
                        "your note was restored; it may have been saved already".into(),
                    ));
                } else {
                    self.notice = Some(Notice::Info("your unsent note was restored".into()));
                }
                editor
            }
            _ => NoteEditor::new(&name),
        };
        self.screens.push(Screen::Note(Box::new(NoteScreen {
            uid: contact.uid.clone(),
            editor,
            sending: None,
            quick_notes: Vec::new(),
        })));
        Vec::new()
    }

    /// `c` or `:new`: the create form, with the kept create draft restored.
    pub(crate) fn open_create(&mut self) -> Vec<Command> {
        if matches!(self.screens.first(), Some(Screen::Setup)) {
            return Vec::new();
        }
        // A lookup's "no contact with email …" is not about the form that opens now.
        self.notice = None;
        let mut form = ContactForm::create(&self.vocabulary).with_phone_region(self.phone_region);
        let key = DraftKey::create(self.drafts.profile.as_deref());
        if let Some(Draft {
            content: DraftContent::Form { fields },
            ..
        }) = self.drafts.get(&key)
        {
            form.restore_draft(fields);
            self.notice = Some(Notice::Info(
                "the contact you were creating was restored".into(),
            ));
        }
        self.screens
            .push(Screen::Create(Box::new(CreateScreen::new(form))));
        Vec::new()
    }

    /// Sends a stage, quality or owner change through its own endpoint.
    pub(crate) fn send_change(
        &mut self,
        uid: &str,
        target: PickTarget,
        value: &str,
    ) -> Vec<Command> {
        let who = Identifier::Uid(uid.to_string());
        let (request, what) = match target {
            PickTarget::Stage => (ApiRequest::change_stage(&who, value), "stage"),
            PickTarget::Quality => (ApiRequest::change_quality(&who, value), "quality"),
            PickTarget::Owner => (ApiRequest::change_owner(&who, value), "owner"),
            PickTarget::Tags => return self.send_tags(uid, vec![value.to_string()]),
        };
        let purpose = Purpose::Change {
            uid: uid.to_string(),
            target,
            value: value.to_string(),
        };
        let description = format!("changing the {what} to {value}");
        self.notice = None;
        vec![self.send(purpose, description, request)]
    }

    /// Adds tags in one PUT /api/contact (tags there are additive), so several tags are one
    /// request and the answer is the contact with its whole tag list.
    pub(crate) fn send_tags(&mut self, uid: &str, tags: Vec<String>) -> Vec<Command> {
        let mut patch = ContactPatch::for_uid(uid);
        patch.tags = tags.clone();
        let description = format!("adding {}", describe_tags(&tags));
        let purpose = Purpose::AddTags {
            uid: uid.to_string(),
            tags,
        };
        self.notice = None;
        vec![self.send(purpose, description, ApiRequest::update(&patch))]
    }

    /// POST /api/contact/note/add.
    pub(crate) fn send_note(&mut self, uid: &str, text: &str, from_editor: bool) -> Vec<Command> {
        let request = ApiRequest::add_note(&Identifier::Uid(uid.to_string()), text);
        let purpose = Purpose::Note {
            uid: uid.to_string(),
            line: (!from_editor).then(|| text.to_string()),
        };
        self.notice = None;
        vec![self.send(purpose, "saving the note".to_string(), request)]
    }

    /// Re-fetches the contact `uid` on its screen (after a write that may or may not have landed,
    /// or after a note, so the timeline shows the server's entry).
    pub(crate) fn refetch(&mut self, uid: &str) -> Vec<Command> {
        let Some(screen) = self.contact_screen_mut(uid) else {
            return Vec::new();
        };
        if screen.refresh.is_some() {
            return Vec::new();
        }
        let description = format!("refreshing {}", screen.contact.display_name());
        let request = ApiRequest::get(&Identifier::Uid(uid.to_string()));
        let command = self.send(
            Purpose::Refresh {
                uid: uid.to_string(),
            },
            description,
            request,
        );
        if let (Some(screen), Command::Send { id, .. }) = (self.contact_screen_mut(uid), &command) {
            screen.refresh = Some(*id);
        }
        vec![command]
    }

    /// Runs a command typed on the `:` line.
    pub(crate) fn run_line_command(&mut self, command: LineCommand) -> Vec<Command> {
        let writes = matches!(
            command,
            LineCommand::Stage(_)
                | LineCommand::Quality(_)
                | LineCommand::Owner(_)
                | LineCommand::Tag(_)
                | LineCommand::Note(_)
                | LineCommand::New
                | LineCommand::Edit
                | LineCommand::Delete
        );
        if writes && self.account.read_only {
            self.refuse_read_only();
            return Vec::new();
        }
        let needs_contact = |app: &mut App| -> Option<Contact> {
            let contact = app.shown_contact().cloned();
            if contact.is_none() {
                app.notice = Some(Notice::Error("open a contact first (:open …)".to_string()));
            }
            contact
        };
        match command {
            LineCommand::Stage(value) => match needs_contact(self) {
                Some(c) => self.send_change(&c.uid, PickTarget::Stage, &value),
                None => Vec::new(),
            },
            LineCommand::Quality(value) => match needs_contact(self) {
                Some(c) => self.send_change(&c.uid, PickTarget::Quality, &value),
                None => Vec::new(),
            },
            LineCommand::Owner(value) => match needs_contact(self) {
                Some(c) => self.send_change(&c.uid, PickTarget::Owner, &value),
                None => Vec::new(),
            },
            LineCommand::Tag(tags) => match needs_contact(self) {
                Some(c) => self.send_tags(&c.uid, tags),
                None => Vec::new(),
            },
            LineCommand::Note(text) => match needs_contact(self) {
                Some(c) => self.send_note(&c.uid, &text, false),
                None => Vec::new(),
            },
            LineCommand::Open(identifier) => {
                let mut commands = self.focus_lookup();
                commands.extend(self.start_lookup(identifier));
                commands
            }
            LineCommand::New => self.open_create(),
            LineCommand::Edit => self.change_contact(ContactChange::Edit),
            LineCommand::Delete => self.change_contact(ContactChange::Delete),
            LineCommand::Refresh => match needs_contact(self) {
                Some(c) => self.refetch(&c.uid),
                None => Vec::new(),
            },
            LineCommand::Help => {
                self.open_help();
                Vec::new()
            }
            LineCommand::Quit => self.quit(),
            LineCommand::Work(path) => {
                self.notice = Some(crate::tui::app::Notice::Info(format!(
                    "opening the worklist {}…",
                    path.display()
                )));
                vec![Command::OpenWorklist { path }]
            }
        }
    }
}

/// "the tag VIP" / "3 tags".
fn describe_tags(tags: &[String]) -> String {
    match tags {
        [one] => format!("the tag {one}"),
        many => format!("{} tags", many.len()),
    }
}
