//! From the typed fields to requests and back: the patch of changed fields, the new contact, the
//! reference's rules, drafts, and placing a server's 400 message at the field it names.

use std::collections::BTreeMap;

use super::{ContactForm, FieldId, FormMode, FormOutcome, FormState, FormSubmission};
use crate::api::{ContactPatch, NewContact};
use crate::tui::model::drafts::DraftContent;

impl ContactForm {
    /// The text of `id` as it would be sent, or None when the field is empty or absent.
    fn sendable(&self, id: FieldId) -> Option<String> {
        let normalized = self.field(id)?.sendable_text();
        (!normalized.is_empty()).then_some(normalized)
    }

    /// PUT /api/contact's body: the uid and only the fields that changed. A field emptied by the
    /// person is sent as an empty string (the API keeps omitted fields, so omitting it would
    /// silently keep the old value).
    pub fn patch(&self) -> ContactPatch {
        let uid = match &self.mode {
            FormMode::Edit { uid } => uid.clone(),
            FormMode::Create => String::new(),
        };
        let mut patch = ContactPatch::for_uid(uid);
        for field in self.fields.iter().filter(|f| f.is_changed()) {
            let value = Some(field.sendable_text());
            match field.id {
                FieldId::FirstName => patch.first_name = value,
                FieldId::LastName => patch.last_name = value,
                FieldId::Email => patch.email = value,
                FieldId::Phone => patch.phone = value,
                FieldId::BusinessName => patch.business_name = value,
                FieldId::Birthday => patch.birthday = value,
                FieldId::Address => patch.address = value,
                FieldId::City => patch.city = value,
                FieldId::State => patch.state = value,
                FieldId::Zipcode => patch.zipcode = value,
                FieldId::TimeZone => patch.time_zone = value,
                FieldId::Value => patch.value = value,
                FieldId::Snapshot => patch.snapshot = value,
                FieldId::Stage => patch.stage_name = value,
                FieldId::Quality => patch.quality_name = value,
                FieldId::Owner => patch.owner_email = value,
                FieldId::Tags => patch.tags = split_tags(field.text()),
                FieldId::Note => {}
            }
        }
        patch
    }

    /// POST /api/contact's body: every non-empty field, normalised.
    pub fn new_contact(&self) -> NewContact {
        NewContact {
            name: None,
            first_name: self.sendable(FieldId::FirstName),
            last_name: self.sendable(FieldId::LastName),
            email: self.sendable(FieldId::Email),
            phone: self.sendable(FieldId::Phone),
            business_name: self.sendable(FieldId::BusinessName),
            birthday: self.sendable(FieldId::Birthday),
            address: self.sendable(FieldId::Address),
            city: self.sendable(FieldId::City),
            state: self.sendable(FieldId::State),
            zipcode: self.sendable(FieldId::Zipcode),
            time_zone: self.sendable(FieldId::TimeZone),
            value: self.sendable(FieldId::Value),
            stage_name: self.sendable(FieldId::Stage),
            quality_name: self.sendable(FieldId::Quality),
            owner_email: self.sendable(FieldId::Owner),
            snapshot: self.sendable(FieldId::Snapshot),
            note: self
                .value(FieldId::Note)
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            tags: self
                .value(FieldId::Tags)
                .map(split_tags)
                .unwrap_or_default(),
        }
    }

    /// Everything that stops the form from being saved, in field order: invalid fields, then the
    /// reference's rules (a name; an email or a phone).
    pub fn problems(&self) -> Vec<(FieldId, String)> {
        let mut problems: Vec<(FieldId, String)> = self
            .fields
            .iter()
            .filter_map(|f| match &f.check {
                crate::tui::model::validate::Check::Invalid(why) => Some((f.id, why.clone())),
                _ => None,
            })
            .collect();
        let filled = |id: FieldId| self.value(id).is_some_and(|v| !v.trim().is_empty());
        let had = |id: FieldId| self.field(id).is_some_and(|f| !f.initial.trim().is_empty());
        let creating = self.mode == FormMode::Create;
        let has_name = filled(FieldId::FirstName) || filled(FieldId::LastName);
        let had_name = had(FieldId::FirstName) || had(FieldId::LastName);
        if !has_name && (creating || had_name) {
            problems.push((
                FieldId::FirstName,
                "a first or last name is needed".to_string(),
            ));
        }
        let reachable = filled(FieldId::Email) || filled(FieldId::Phone);
        let was_reachable = had(FieldId::Email) || had(FieldId::Phone);
        if !reachable && (creating || was_reachable) {
            problems.push((FieldId::Email, "an email or a phone is needed".to_string()));
        }
        problems
    }

    /// Ctrl-S: refuses with the reason (at the field, and on the status line) while something is
    /// wrong; otherwise asks the app to send and starts saving.
    pub(super) fn try_save(&mut self) -> FormOutcome {
        if matches!(self.state, FormState::Saving { .. }) {
            return FormOutcome::Continue;
        }
        let problems = self.problems();
        if let Some((id, why)) = problems.first() {
            for (problem_field, problem) in &problems {
                if let Some(index) = self.index_of(*problem_field) {
                    let field = &mut self.fields[index];
                    if !field.check.blocks_saving() {
                        field.server_error = Some(problem.clone());
                    }
                }
            }
            self.notice = Some(format!("Can't save yet — {}: {why}", id.label()));
            self.focus(*id);
            return FormOutcome::Continue;
        }
        let submission = match &self.mode {
            FormMode::Edit { .. } => {
                let patch = self.patch();
                if patch.is_empty() {
                    return FormOutcome::Cancel;
                }
                FormSubmission::Update(patch)
            }
            FormMode::Create => FormSubmission::Create(self.new_contact()),
        };
        self.set_saving();
        FormOutcome::Save(Box::new(submission))
    }

    /// Shows a server's refusal (a 400) and, when its message names a field (`Invalid email
    /// format`, `stageName 'X' does not exist`), puts it beside that field and moves there.
    /// Returns the field it was put at.
    pub fn apply_server_error(&mut self, message: &str) -> Option<FieldId> {
        self.state = FormState::Failed(message.to_string());
        let field = field_named_in(message, &self.fields.iter().map(|f| f.id))?;
        if let Some(index) = self.index_of(field) {
            self.fields[index].server_error = Some(message.to_string());
            self.focus = index;
        }
        Some(field)
    }

    /// What to keep on disk: the changed fields by API name.
    pub fn draft(&self) -> DraftContent {
        let fields: BTreeMap<String, String> = self
            .fields
            .iter()
            .filter(|f| f.is_changed())
            .map(|f| (f.id.api_name().to_string(), f.text().to_string()))
            .collect();
        DraftContent::Form { fields }
    }

    /// Puts a kept draft's fields back (unknown names are ignored).
    pub fn restore_draft(&mut self, fields: &BTreeMap<String, String>) {
        for (name, text) in fields {
            if let Some(id) = FieldId::from_api_name(name) {
                self.set_value(id, text);
            }
        }
    }
}

/// Tags typed as `A, B, C`: trimmed, empty pieces and repeats dropped.
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags
            .iter()
            .any(|known| known.to_lowercase() == tag.to_lowercase())
        {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// The field a message names: an exact camelCase API name first (`stageName`, `firstName`), then a
/// field's name in any case (`Email`, `phone`), then everyday words (`stage`, `zip`, `time zone`);
/// within a tier, the earliest in the message.
fn field_named_in(
    message: &str,
    fields: &(impl Iterator<Item = FieldId> + Clone),
) -> Option<FieldId> {
    let words: Vec<&str> = message
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let lower = message.to_lowercase();
    let earliest = |matches: &dyn Fn(FieldId, &str) -> bool| {
        words
            .iter()
            .find_map(|word| fields.clone().find(|id| matches(*id, word)))
    };
    let exact_camel = |id: FieldId, word: &str| {
        id.api_name().chars().any(char::is_uppercase) && word == id.api_name()
    };
    if let Some(found) = earliest(&exact_camel) {
        return Some(found);
    }
    // "value" is also an everyday word ("invalid value for birthday"): it names the Value field
    // only when nothing else is named.
    let any_case = |id: FieldId, word: &str| {
        id != FieldId::Value
            && (word.eq_ignore_ascii_case(id.api_name())
                || (word.eq_ignore_ascii_case("name") && id == FieldId::FirstName))
    };
    if let Some(found) = earliest(&any_case) {
        return Some(found);
    }
    let names_time_zone = lower.contains("time zone") || lower.contains("timezone");
    if names_time_zone && fields.clone().any(|id| id == FieldId::TimeZone) {
        return Some(FieldId::TimeZone);
    }
    let everyday = |id: FieldId, word: &str| {
        let word = word.to_lowercase();
        let aliases: &[&str] = match id {
            FieldId::Stage => &["stage"],
            FieldId::Quality => &["quality"],
            FieldId::Owner => &["owner"],
            FieldId::Tags => &["tag"],
            FieldId::Zipcode => &["zip", "postal"],
            FieldId::BusinessName => &["business", "company"],
            FieldId::Birthday => &["birth", "date"],
            FieldId::Phone => &["telephone", "mobile"],
            FieldId::Email => &["mail"],
            _ => &[],
        };
        aliases.contains(&word.as_str())
    };
    earliest(&everyday).or_else(|| {
        earliest(&|id: FieldId, word: &str| {
            id == FieldId::Value && word.eq_ignore_ascii_case("value")
        })
    })
}
