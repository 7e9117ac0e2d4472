//! The fields of the contact forms: their API names, labels, order, validation and how a value is
//! normalised before sending.

use crate::api::Contact;
use crate::tui::model::validate::{self, Check};
use crate::tui::widgets::text_input::TextInput;

/// A field of the edit or create form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    FirstName,
    LastName,
    Email,
    Phone,
    BusinessName,
    Birthday,
    Address,
    City,
    State,
    Zipcode,
    TimeZone,
    Value,
    Stage,
    Quality,
    Owner,
    Snapshot,
    Note,
    Tags,
}

impl FieldId {
    /// The 13 fields PUT /api/contact updates, in the reference's order.
    pub const EDIT: [FieldId; 13] = [
        FieldId::FirstName,
        FieldId::LastName,
        FieldId::Email,
        FieldId::Phone,
        FieldId::BusinessName,
        FieldId::Birthday,
        FieldId::Address,
        FieldId::City,
        FieldId::State,
        FieldId::Zipcode,
        FieldId::TimeZone,
        FieldId::Value,
        FieldId::Snapshot,
    ];

    /// Every field POST /api/contact takes, in the reference's order (`name` is split into first
    /// and last name, which the API accepts instead).
    pub const CREATE: [FieldId; 18] = [
        FieldId::FirstName,
        FieldId::LastName,
        FieldId::Email,
        FieldId::Phone,
        FieldId::BusinessName,
        FieldId::Birthday,
        FieldId::Address,
        FieldId::City,
        FieldId::State,
        FieldId::Zipcode,
        FieldId::TimeZone,
        FieldId::Value,
        FieldId::Stage,
        FieldId::Quality,
        FieldId::Owner,
        FieldId::Snapshot,
        FieldId::Note,
        FieldId::Tags,
    ];

    /// The JSON field name.
    pub fn api_name(self) -> &'static str {
        match self {
            FieldId::FirstName => "firstName",
            FieldId::LastName => "lastName",
            FieldId::Email => "email",
            FieldId::Phone => "phone",
            FieldId::BusinessName => "businessName",
            FieldId::Birthday => "birthday",
            FieldId::Address => "address",
            FieldId::City => "city",
            FieldId::State => "state",
            FieldId::Zipcode => "zipcode",
            FieldId::TimeZone => "timeZone",
            FieldId::Value => "value",
            FieldId::Stage => "stageName",
            FieldId::Quality => "qualityName",
            FieldId::Owner => "ownerEmail",
            FieldId::Snapshot => "snapshot",
            FieldId::Note => "note",
            FieldId::Tags => "tags",
        }
    }

    /// The field for a JSON name (`name` counts as the first name, where the API splits it).
    pub fn from_api_name(name: &str) -> Option<FieldId> {
        if name == "name" {
            return Some(FieldId::FirstName);
        }
        FieldId::CREATE.into_iter().find(|f| f.api_name() == name)
    }

    /// The label shown before the input.
    pub fn label(self) -> &'static str {
        match self {
            FieldId::FirstName => "First name",
            FieldId::LastName => "Last name",
            FieldId::Email => "Email",
            FieldId::Phone => "Phone",
            FieldId::BusinessName => "Business",
            FieldId::Birthday => "Birthday",
            FieldId::Address => "Address",
            FieldId::City => "City",
            FieldId::State => "State",
            FieldId::Zipcode => "Zip code",
            FieldId::TimeZone => "Time zone",
            FieldId::Value => "Value",
            FieldId::Stage => "Stage",
            FieldId::Quality => "Quality",
            FieldId::Owner => "Owner",
            FieldId::Snapshot => "Snapshot",
            FieldId::Note => "First note",
            FieldId::Tags => "Tags",
        }
    }

    /// The expected format, shown beside the field while it is empty.
    pub fn format_hint(self) -> Option<&'static str> {
        match self {
            FieldId::Birthday => Some("YYYY-MM-DD"),
            FieldId::Phone => Some("e.g. +5511987654321"),
            FieldId::Value => Some("e.g. 5000.50"),
            FieldId::TimeZone => Some("e.g. America/Sao_Paulo"),
            FieldId::Tags => Some("commas separate tags"),
            _ => None,
        }
    }

    /// True for fields whose value is chosen from a list (Enter opens a picker).
    pub fn has_picker(self) -> bool {
        matches!(
            self,
            FieldId::TimeZone | FieldId::Stage | FieldId::Quality | FieldId::Owner | FieldId::Tags
        )
    }

    /// Checks the typed text of this field.
    pub fn check(self, text: &str) -> Check {
        match self {
            FieldId::Email => validate::check_email(text),
            FieldId::Owner => match validate::check_email(text) {
                Check::Invalid(why) => Check::Invalid(format!("the owner's email: {why}")),
                other => other,
            },
            FieldId::Phone => validate::check_phone(text),
            FieldId::Birthday => validate::check_birthday(text),
            FieldId::Value => validate::check_value(text),
            FieldId::TimeZone => validate::check_time_zone(text),
            _ => Check::Valid,
        }
    }

    /// Checks the typed text, phones read in `region` when they have no country code.
    pub fn check_in(self, text: &str, region: Option<crate::api::Region>) -> Check {
        match self {
            FieldId::Phone => validate::check_phone_in(text, region),
            other => other.check(text),
        }
    }

    /// The value as it is sent, phones in E.164 when libphonenumber can place them.
    pub fn normalize_in(self, text: &str, region: Option<crate::api::Region>) -> String {
        match self {
            FieldId::Phone if !text.trim().is_empty() => validate::normalize_phone_in(text, region),
            other => other.normalize(text),
        }
    }

    /// The value as it is sent: trimmed, phones without separators, values without grouping,
    /// time zones in their canonical spelling.
    pub fn normalize(self, text: &str) -> String {
        let text = text.trim();
        match self {
            FieldId::Phone if !text.is_empty() => validate::normalize_phone(text),
            FieldId::Value => validate::normalize_value(text).unwrap_or_else(|| text.to_string()),
            FieldId::TimeZone => {
                validate::canonical_time_zone(text).map_or_else(|| text.to_string(), str::to_string)
            }
            _ => text.to_string(),
        }
    }

    /// This field's value on a contact the server returned.
    pub fn value_of(self, contact: &Contact) -> String {
        let value = match self {
            FieldId::FirstName => &contact.first_name,
            FieldId::LastName => &contact.last_name,
            FieldId::Email => &contact.email,
            FieldId::Phone => &contact.phone,
            FieldId::BusinessName => &contact.business_name,
            FieldId::Birthday => &contact.birthday,
            FieldId::Address => &contact.address,
            FieldId::City => &contact.city,
            FieldId::State => &contact.state,
            FieldId::Zipcode => &contact.zipcode,
            FieldId::TimeZone => &contact.time_zone,
            FieldId::Value => &contact.value,
            FieldId::Stage => &contact.stage_name,
            FieldId::Quality => &contact.quality_name,
            FieldId::Owner => &contact.owner_email,
            FieldId::Snapshot => &contact.snapshot,
            FieldId::Note => &None,
            FieldId::Tags => return contact.tags.join(", "),
        };
        value.clone().unwrap_or_default()
    }
}

/// One field of a form: its input, the value it started with, and what is wrong with it.
#[derive(Debug, Clone)]
pub struct FormField {
    pub id: FieldId,
    pub input: TextInput,
    /// The value the form opened with (the contact's), to know what changed.
    pub initial: String,
    /// The verdict on the text as typed.
    pub check: Check,
    /// A 400 from the server that named this field; cleared when the field is edited.
    pub server_error: Option<String>,
    /// The region a phone without a country code is read in (the phone field only).
    pub region: Option<crate::api::Region>,
}

impl FormField {
    /// A field holding `initial`.
    pub fn new(id: FieldId, initial: String) -> FormField {
        FormField {
            id,
            check: id.check(&initial),
            input: TextInput::new(initial.clone()),
            initial,
            server_error: None,
            region: None,
        }
    }

    /// The phone field reads national numbers in `region`: its value is shown in the
    /// international format and checked by libphonenumber.
    pub fn read_phones_in(&mut self, region: Option<crate::api::Region>) {
        self.region = region;
        if self.id == FieldId::Phone
            && let Ok(number) = crate::api::PhoneNumber::parse(self.initial.trim(), region)
            && self.text().trim() == self.initial.trim()
        {
            self.initial = number.international();
            self.input = TextInput::new(self.initial.clone());
        }
        self.check = self.id.check_in(self.input.value(), self.region);
    }

    /// The text as it is sent.
    pub fn sendable_text(&self) -> String {
        self.id.normalize_in(self.text(), self.region)
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// True when the person changed it (surrounding spaces do not count).
    pub fn is_changed(&self) -> bool {
        self.text().trim() != self.initial.trim()
    }

    /// Re-checks after an edit and forgets a server error about the old text.
    pub fn revalidate(&mut self) {
        self.check = self.id.check_in(self.input.value(), self.region);
        self.server_error = None;
    }

    /// Replaces the text (a picker's choice, a restored draft).
    pub fn set_text(&mut self, text: &str) {
        self.input = TextInput::new(text);
        self.revalidate();
    }
}
