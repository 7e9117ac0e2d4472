//! Typed shapes of the Contact API's requests and answers, decoded tolerantly: unknown fields are
//! ignored, any optional field may be missing or `null`, and scalar fields accept a number where a
//! string is documented (a real server sends `"value": 5000` as often as `"value": "5000"`).
#![deny(clippy::indexing_slicing)]

use serde::{Deserialize, Deserializer, Serialize};

/// A contact as the API returns it. Every field but `uid` is optional; `tags` is never `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Contact {
    #[serde(deserialize_with = "lenient_string")]
    pub uid: String,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub business_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub birthday: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub address: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub zipcode: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub stage_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub quality_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_email: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub snapshot: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub notes: Option<String>,
    #[serde(
        deserialize_with = "lenient_tags",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_update: Option<String>,
}

impl Contact {
    /// "First Last", falling back to whichever part exists, then to the email, phone or uid.
    pub fn display_name(&self) -> String {
        display_name(
            &self.uid,
            [&self.first_name, &self.last_name],
            [&self.email, &self.phone],
        )
    }

    /// The identifier that names this contact most precisely (its uid).
    pub fn identifier(&self) -> Identifier {
        Identifier::Uid(self.uid.clone())
    }

    /// Overlays the fields a partial answer carries (an update or create response) on this contact.
    pub fn merge_from(&mut self, newer: &Contact) {
        macro_rules! take {
            ($($field:ident),*) => { $( if newer.$field.is_some() { self.$field = newer.$field.clone(); } )* };
        }
        take!(
            email,
            phone,
            first_name,
            last_name,
            business_name,
            birthday,
            address,
            city,
            state,
            zipcode,
            time_zone,
            value,
            stage_name,
            quality_name,
            owner_email,
            owner_name,
            snapshot,
            notes,
            created,
            last_update
        );
        for tag in &newer.tags {
            if !self.tags.contains(tag) {
                self.tags.push(tag.clone());
            }
        }
    }
}

/// "First Last", falling back to whichever part exists, then to the first reach that is not blank,
/// then to the uid: the one rule for naming a contact and a summary alike.
pub(super) fn display_name(
    uid: &str,
    [first, last]: [&Option<String>; 2],
    reaches: [&Option<String>; 2],
) -> String {
    let first = first.as_deref().unwrap_or("").trim();
    let last = last.as_deref().unwrap_or("").trim();
    let full = format!("{first} {last}");
    let full = full.trim();
    if !full.is_empty() {
        return full.to_string();
    }
    reaches
        .into_iter()
        .flatten()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| uid.to_string())
}

/// How a contact is named in a request: the five "action" endpoints accept any of the three.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Identifier {
    Uid(String),
    Email(String),
    Phone(String),
}

/// Why a typed lookup text is not an identifier; its Display says what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    #[error("type a uid (8 letters or digits), an email or a phone number")]
    Empty,
    #[error(
        "not a uid, email or phone: a uid is 8 letters or digits, an email contains @, a phone is digits with + ( ) - . or spaces"
    )]
    Unrecognised,
}

impl Identifier {
    /// Detects what kind of identifier a typed or pasted text is, after cleaning it: surrounding
    /// whitespace and a `mailto:` or `tel:` prefix are removed. A phone is kept as typed;
    /// `parse_with_region` (in `api::phone`) sends it in E.164 instead.
    pub fn parse(input: &str) -> Result<Identifier, IdentifierError> {
        let cleaned = clean_pasted_identifier(input);
        if cleaned.is_empty() {
            return Err(IdentifierError::Empty);
        }
        if cleaned.contains('@') {
            return Ok(Identifier::Email(cleaned));
        }
        if cleaned.len() == 8 && cleaned.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Ok(Identifier::Uid(cleaned.to_ascii_uppercase()));
        }
        let phone_chars = cleaned.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '+' | '(' | ')' | '-' | '.')
        });
        if phone_chars && cleaned.chars().any(|c| c.is_ascii_digit()) {
            // A phone copied from a web page or a spreadsheet often holds no-break or thin spaces.
            let spaced = cleaned
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            return Ok(Identifier::Phone(spaced));
        }
        Err(IdentifierError::Unrecognised)
    }

    /// The query-string / JSON field name: `uid`, `email` or `phone`.
    pub fn field(&self) -> &'static str {
        match self {
            Identifier::Uid(_) => "uid",
            Identifier::Email(_) => "email",
            Identifier::Phone(_) => "phone",
        }
    }

    /// The identifier's text.
    pub fn value(&self) -> &str {
        match self {
            Identifier::Uid(v) | Identifier::Email(v) | Identifier::Phone(v) => v,
        }
    }
}

impl std::fmt::Display for Identifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field(), self.value())
    }
}

/// Trims whitespace and strips a `mailto:` / `tel:` prefix (any case) from pasted text.
pub fn clean_pasted_identifier(input: &str) -> String {
    let trimmed = input.trim();
    for prefix in ["mailto:", "tel:"] {
        // `get` rather than indexing: the first bytes may end inside a character ("José").
        let head = trimmed.get(..prefix.len());
        if head.is_some_and(|head| head.eq_ignore_ascii_case(prefix))
            && let Some(rest) = trimmed.get(prefix.len()..)
        {
            return rest.trim().to_string();
        }
    }
    trimmed.to_string()
}

/// The body of POST /api/contact. Absent fields are not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<String>,
}

/// The body of PUT /api/contact: the uid and only the fields that change. Tags are added, never removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPatch {
    pub uid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zipcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<String>,
}

impl NewContact {
    /// The update body that sets what this create body would (the note aside, which has its own
    /// endpoint) on the contact `uid`.
    pub fn to_patch(&self, uid: &str) -> ContactPatch {
        ContactPatch {
            uid: uid.to_string(),
            name: self.name.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            business_name: self.business_name.clone(),
            birthday: self.birthday.clone(),
            address: self.address.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
            zipcode: self.zipcode.clone(),
            time_zone: self.time_zone.clone(),
            value: self.value.clone(),
            stage_name: self.stage_name.clone(),
            quality_name: self.quality_name.clone(),
            owner_email: self.owner_email.clone(),
            snapshot: self.snapshot.clone(),
            tags: self.tags.clone(),
        }
    }
}

impl ContactPatch {
    /// A patch for `uid` that changes nothing yet.
    pub fn for_uid(uid: impl Into<String>) -> Self {
        ContactPatch {
            uid: uid.into(),
            ..ContactPatch::default()
        }
    }

    /// True when the patch carries no change besides the uid.
    pub fn is_empty(&self) -> bool {
        *self == ContactPatch::for_uid(self.uid.clone())
    }
}

/// The `data` of DELETE /api/contact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeletedContact {
    #[serde(deserialize_with = "lenient_string")]
    pub uid: String,
}

/// The `data` of the five action endpoints (tag, note, stage, quality, owner): the contact's
/// identifiers plus the one value that was applied.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactChange {
    #[serde(deserialize_with = "lenient_string")]
    pub contact_uid: String,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_email: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_phone: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub tag_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub stage_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub quality_name: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_email: Option<String>,
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_name: Option<String>,
}

/// Any JSON scalar as text: strings verbatim, numbers and booleans in their JSON spelling.
fn scalar_to_string(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

pub(super) fn lenient_opt_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(scalar_to_string(serde_json::Value::deserialize(d)?))
}

pub(super) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(scalar_to_string(serde_json::Value::deserialize(d)?).unwrap_or_default())
}

/// Tags as a list of strings; `null`, a missing field, a single string or non-string items are tolerated.
fn lenient_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(items) => items.into_iter().filter_map(scalar_to_string).collect(),
        serde_json::Value::Null => Vec::new(),
        single => scalar_to_string(single).into_iter().collect(),
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn a_create_body_becomes_the_update_body_of_the_same_fields_without_the_note() {
        let body = NewContact {
            name: Some("Ana Clara Souza".into()),
            city: Some("Recife".into()),
            note: Some("met at the fair".into()),
            tags: vec!["Feira".into()],
            ..NewContact::default()
        };
        let patch = body.to_patch("ABC12345");
        assert_eq!(patch.uid, "ABC12345");
        assert_eq!(patch.name.as_deref(), Some("Ana Clara Souza"));
        assert_eq!(patch.city.as_deref(), Some("Recife"));
        assert_eq!(patch.tags, ["Feira"]);
        let sent = serde_json::to_value(&patch).unwrap_or_default();
        assert!(sent.get("note").is_none(), "{sent}");
    }
}

#[cfg(test)]
mod pasted_identifier_tests {
    use super::clean_pasted_identifier;

    #[test]
    fn names_whose_first_bytes_split_a_character_are_kept_whole() {
        for name in ["José", "Conceição", "张伟", "Zoë", "té", "mailtö:x"] {
            assert_eq!(clean_pasted_identifier(name), name);
        }
        assert_eq!(clean_pasted_identifier(" MAILTO:José@x.br "), "José@x.br");
        assert_eq!(clean_pasted_identifier("tel:+55 11"), "+55 11");
    }
}
