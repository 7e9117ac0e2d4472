//! A fuzzy-filtered list to choose a value from — stage, quality, owner, time zone, or several tags
//! at once. The current value is marked; text that matches nothing can be used as it is (free
//! entry), since the account may have values genius has not seen yet. A component of its own:
//! the picker overlay shows it over a contact, the form over its fields. Does no IO.

use ratatui::crossterm::event::KeyCode;

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::fuzzy;
use crate::tui::model::validate::{self, Check};
use crate::tui::model::vocabulary::{Owner, Vocabulary};
use crate::tui::widgets::text_input::{Edit, TextInput};
use crate::tui::widgets::{Component, Ctx};

/// One choice of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    /// What is sent to the API when chosen.
    pub value: String,
    /// What the list shows.
    pub label: String,
    /// Secondary text shown muted after the label (an owner's email).
    pub detail: Option<String>,
}

impl PickerItem {
    /// An item shown as its own value.
    pub fn plain(value: impl Into<String>) -> PickerItem {
        let value = value.into();
        PickerItem {
            label: value.clone(),
            value,
            detail: None,
        }
    }

    /// An owner: the name with the email beside it (or the email alone); the email is the value.
    pub fn owner(owner: &Owner) -> PickerItem {
        match &owner.name {
            Some(name) => PickerItem {
                value: owner.email.clone(),
                label: name.clone(),
                detail: Some(owner.email.clone()),
            },
            None => PickerItem::plain(owner.email.clone()),
        }
    }
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOutcome {
    /// Still choosing.
    Continue,
    /// One value chosen (single-choice pickers).
    Picked(String),
    /// The values to add (the tags picker), never empty.
    PickedMany(Vec<String>),
    /// Closed without choosing.
    Cancel,
    /// The key means nothing here; the app may handle it.
    Ignored,
}

/// Which typed text may be used when it matches no item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeEntry {
    /// Anything non-blank.
    Any,
    /// A valid email (owners).
    Email,
    /// A valid IANA time zone.
    TimeZone,
}

/// A row of the visible list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerRow {
    /// The item at this index of the picker's items.
    Item(usize),
    /// Use the typed text itself.
    Free(String),
}

/// A fuzzy-filtered choice list; see the module docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub(crate) title: String,
    pub(crate) items: Vec<PickerItem>,
    haystacks: Vec<String>,
    pub(crate) current: Vec<String>,
    pub(crate) query: TextInput,
    pub(crate) rows: Vec<PickerRow>,
    pub(crate) selected: usize,
    pub(crate) multiple: bool,
    pub(crate) chosen: Vec<String>,
    pub(crate) note: Option<String>,
    pub(crate) empty_text: String,
    free_entry: FreeEntry,
    pub(crate) error: Option<String>,
}

impl Picker {
    /// A single-choice picker over `items`, with `current` marked.
    pub fn new(title: &str, items: Vec<PickerItem>, current: Option<&str>) -> Picker {
        let haystacks = items
            .iter()
            .map(|item| match &item.detail {
                Some(detail) => format!("{} {detail}", item.label),
                None => item.label.clone(),
            })
            .collect();
        let mut picker = Picker {
            title: title.to_string(),
            items,
            haystacks,
            current: current.map(str::to_string).into_iter().collect(),
            query: TextInput::default(),
            rows: Vec::new(),
            selected: 0,
            multiple: false,
            chosen: Vec::new(),
            note: None,
            empty_text: "Nothing known yet: type a value.".to_string(),
            free_entry: FreeEntry::Any,
            error: None,
        };
        picker.refilter();
        picker.select_current();
        picker
    }

    /// The stage picker: the account's stages; a typed name must exist in the account.
    pub fn stage(vocabulary: &Vocabulary, current: Option<&str>) -> Picker {
        let items = vocabulary.stages().iter().map(PickerItem::plain).collect();
        Picker::new("Stage", items, current)
            .with_empty_text("No stages seen yet: type the stage's name as it is in your account.")
    }

    /// The quality picker.
    pub fn quality(vocabulary: &Vocabulary, current: Option<&str>) -> Picker {
        let items = vocabulary
            .qualities()
            .iter()
            .map(PickerItem::plain)
            .collect();
        Picker::new("Quality", items, current).with_empty_text(
            "No qualities seen yet: type the quality's name as it is in your account.",
        )
    }

    /// The owner picker: names with emails; a typed value must be an email.
    pub fn owner(vocabulary: &Vocabulary, current_email: Option<&str>) -> Picker {
        let items = vocabulary.owners().iter().map(PickerItem::owner).collect();
        let mut picker = Picker::new("Owner", items, current_email)
            .with_empty_text("No owners seen yet: type the team member's email.");
        picker.free_entry = FreeEntry::Email;
        picker
    }

    /// The time zone picker over every IANA zone.
    pub fn time_zone(current: Option<&str>) -> Picker {
        let items = validate::all_time_zones()
            .into_iter()
            .map(PickerItem::plain)
            .collect();
        let mut picker = Picker::new("Time zone", items, current);
        picker.free_entry = FreeEntry::TimeZone;
        picker
    }

    /// The tags picker: several tags at once, `existing` (the contact's tags) marked; says plainly
    /// that tags cannot be removed.
    pub fn tags(vocabulary: &Vocabulary, existing: &[String]) -> Picker {
        let items = vocabulary.tags().iter().map(PickerItem::plain).collect();
        let mut picker = Picker::new("Add tags", items, None)
            .with_empty_text("No tags seen yet: type a new tag (it is created when added).");
        picker.current = existing.to_vec();
        picker.multiple = true;
        picker.selected = 0;
        picker.note = Some("Tags can only be added: the API has no way to remove one.".into());
        picker
    }

    fn with_empty_text(mut self, text: &str) -> Picker {
        self.empty_text = text.to_string();
        self
    }

    /// Starts with `text` already typed (the form passes what its field holds).
    pub fn with_query(mut self, text: &str) -> Picker {
        self.query = TextInput::new(text);
        self.refilter();
        self
    }

    /// Starts with these values already collected (a multiple-choice picker reopened on a field).
    pub fn with_chosen(mut self, chosen: Vec<String>) -> Picker {
        self.chosen = chosen;
        self
    }

    /// Replaces the plain note under the list (None removes it).
    pub fn with_note(mut self, note: Option<&str>) -> Picker {
        self.note = note.map(str::to_string);
        self
    }

    /// The title shown on the box.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The typed filter text.
    pub fn query(&self) -> &str {
        self.query.value()
    }

    /// The visible rows, best match first, free entry last.
    pub fn rows(&self) -> &[PickerRow] {
        &self.rows
    }

    /// The index of the highlighted row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The item at `index`.
    pub fn item(&self, index: usize) -> Option<&PickerItem> {
        self.items.get(index)
    }

    /// The tags collected so far (tags picker).
    pub fn chosen(&self) -> &[String] {
        &self.chosen
    }

    /// Why the last choice was refused, if it was.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// True when `value` is the current value (or, for tags, one the contact has).
    pub fn is_current(&self, value: &str) -> bool {
        self.current.iter().any(|c| same(c, value))
    }

    /// Pasted text goes into the filter; for tags, commas and line breaks separate several.
    fn paste(&mut self, text: &str) {
        self.error = None;
        if self.multiple && text.contains([',', '\n']) {
            let mut pieces: Vec<&str> = text.split([',', '\n']).collect();
            let last = pieces.pop().unwrap_or_default();
            for piece in pieces {
                self.add_tag(piece);
            }
            self.query = TextInput::default();
            self.query.paste(last.trim_start());
        } else {
            self.query.paste(text);
        }
        self.refilter();
    }

    fn refilter(&mut self) {
        let query = self.query.value().trim().to_string();
        self.rows = fuzzy::rank(&query, &self.haystacks)
            .into_iter()
            .map(PickerRow::Item)
            .collect();
        let exact = self.items.iter().any(|item| same(&item.value, &query));
        if !query.is_empty() && !exact {
            // A complete email or time zone typed in full is meant as it is, not as the nearest
            // fuzzy match; a partial stage or tag name is better served by the best match.
            let precise =
                self.free_entry != FreeEntry::Any && self.accept_free_entry(&query).is_ok();
            if precise {
                self.rows.insert(0, PickerRow::Free(query));
            } else {
                self.rows.push(PickerRow::Free(query));
            }
        }
        self.selected = 0;
    }

    fn select_current(&mut self) {
        let Some(current) = self.current.first() else {
            return;
        };
        if let Some(position) = self.rows.iter().position(
            |row| matches!(row, PickerRow::Item(i) if same(&self.items[*i].value, current)),
        ) {
            self.selected = position;
        }
    }

    fn move_selection(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Tab: the query becomes the highlighted item's value, so it can be refined or used.
    fn complete(&mut self) {
        if let Some(PickerRow::Item(index)) = self.rows.get(self.selected) {
            let value = self.items[*index].value.clone();
            self.query = TextInput::new(value);
            self.refilter();
        }
    }

    fn highlighted_value(&self) -> Option<String> {
        match self.rows.get(self.selected)? {
            PickerRow::Item(index) => Some(self.items[*index].value.clone()),
            PickerRow::Free(text) => Some(text.clone()),
        }
    }

    fn choose(&mut self) -> PickerOutcome {
        if self.multiple {
            if self.query.value().trim().is_empty() && !self.chosen.is_empty() {
                return self.finish();
            }
            if let Some(value) = self.highlighted_value() {
                self.add_tag(&value);
                self.query = TextInput::default();
                self.refilter();
            }
            return PickerOutcome::Continue;
        }
        let Some(value) = self.highlighted_value() else {
            self.error = Some("type a value, or Esc to close".to_string());
            return PickerOutcome::Continue;
        };
        if matches!(self.rows.get(self.selected), Some(PickerRow::Free(_))) {
            if let Err(why) = self.accept_free_entry(&value) {
                self.error = Some(why);
                return PickerOutcome::Continue;
            }
            return PickerOutcome::Picked(self.canonical_free_entry(&value));
        }
        PickerOutcome::Picked(value)
    }

    fn accept_free_entry(&self, value: &str) -> Result<(), String> {
        let check = match self.free_entry {
            FreeEntry::Any => Check::Valid,
            FreeEntry::Email => validate::check_email(value),
            FreeEntry::TimeZone => validate::check_time_zone(value),
        };
        match check {
            Check::Invalid(why) => Err(why),
            _ => Ok(()),
        }
    }

    fn canonical_free_entry(&self, value: &str) -> String {
        match self.free_entry {
            FreeEntry::TimeZone => validate::canonical_time_zone(value)
                .map(str::to_string)
                .unwrap_or_else(|| value.to_string()),
            _ => value.trim().to_string(),
        }
    }

    /// Ctrl-S: single pickers choose the highlighted row; the tags picker adds what is typed and
    /// returns everything collected.
    fn finish(&mut self) -> PickerOutcome {
        if !self.multiple {
            return self.choose();
        }
        self.commit_typed();
        if self.chosen.is_empty() {
            self.error = Some("nothing to add yet: type a tag".to_string());
            return PickerOutcome::Continue;
        }
        PickerOutcome::PickedMany(self.chosen.clone())
    }

    fn commit_typed(&mut self) {
        let typed = self.query.value().to_string();
        self.add_tag(&typed);
        self.query = TextInput::default();
        self.refilter();
    }

    /// Adds a tag to the collection in the account's spelling when it is a known tag.
    fn add_tag(&mut self, tag: &str) {
        let tag = tag.trim();
        if tag.is_empty() {
            return;
        }
        let spelled = self
            .items
            .iter()
            .find(|item| same(&item.value, tag))
            .map_or_else(|| tag.to_string(), |item| item.value.clone());
        if self.is_current(&spelled) {
            self.error = Some(format!("the contact already has '{spelled}'"));
            return;
        }
        if !self.chosen.iter().any(|c| same(c, &spelled)) {
            self.chosen.push(spelled);
        }
    }
}

impl Component for Picker {
    type Outcome = PickerOutcome;

    fn context(&self) -> Context {
        Context::Picker
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> PickerOutcome {
        match input {
            UserInput::Paste(text) => self.paste(&text),
            UserInput::Action(Action::Cancel) => return PickerOutcome::Cancel,
            UserInput::Action(Action::Save) => return self.finish(),
            UserInput::Action(Action::Pick) => return self.choose(),
            UserInput::Action(Action::Down) => self.move_selection(1),
            UserInput::Action(Action::Up) => self.move_selection(-1),
            UserInput::Action(Action::PageDown) => self.move_selection(8),
            UserInput::Action(Action::PageUp) => self.move_selection(-8),
            UserInput::Action(Action::Complete) => self.complete(),
            // A comma separates tags as they are typed.
            UserInput::Key(key) if self.multiple && key.code == KeyCode::Char(',') => {
                self.commit_typed();
            }
            UserInput::Action(Action::DeleteBefore)
                if self.multiple && self.query.value().is_empty() =>
            {
                self.chosen.pop();
            }
            other => match self.query.handle(&other) {
                Edit::NotAnEdit => return PickerOutcome::Ignored,
                Edit::Moved => {}
                Edit::Changed => {
                    self.error = None;
                    self.refilter();
                }
            },
        }
        PickerOutcome::Continue
    }
}

/// Case-insensitive equality, Unicode-aware ("QUALIFICAÇÃO" = "qualificação").
fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

mod view;

pub use view::PickerView;
