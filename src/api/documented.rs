//! What the reference documents a successful reply's `data` to be, checked before anything in it is
//! believed: a contact is an object with a non-empty `uid`; a lookup is one such contact or a list
//! of summaries, each an object with a non-empty `uid` (its other four fields may be null; any
//! further field is dropped, never believed); an action reply names the contact changed (`contactUid`), and a reply to a request made by
//! uid is about that uid. Extra fields and the API's scalar slop (numbers for strings) stay welcome:
//! the models decode leniently; only what a caller would otherwise take on faith is checked here.

use serde::Deserialize;
use serde_json::Value;

use super::lookup::{ContactSummary, Lookup};
use super::model::{Contact, ContactChange, DeletedContact};
use super::request::{ApiRequest, Operation};

/// A reply `data` decoded only when it has its documented shape.
pub trait Documented: Sized {
    /// The decoded value, or what is wrong with `data`, in words ("the contact has no uid").
    fn from_data(data: &Value) -> Result<Self, String>;
}

/// Raw `data`, for a caller that only needs to know the request succeeded (the client has already
/// checked the reply against the request it answers).
impl Documented for Value {
    fn from_data(data: &Value) -> Result<Self, String> {
        Ok(data.clone())
    }
}

impl Documented for Contact {
    fn from_data(data: &Value) -> Result<Self, String> {
        let object = expect_object(data, "a contact")?;
        let contact = decode::<Contact>(data)?;
        if contact.uid.trim().is_empty() {
            return Err(if object.is_empty() {
                "its data is an empty object where a contact belongs".to_string()
            } else {
                "the contact has no uid".to_string()
            });
        }
        Ok(contact)
    }
}

impl Documented for ContactSummary {
    fn from_data(data: &Value) -> Result<Self, String> {
        let object = expect_object(data, "a matching contact")?;
        let summary = decode::<ContactSummary>(data)?;
        if summary.uid.trim().is_empty() {
            return Err(if object.is_empty() {
                "its data is an empty object where a matching contact belongs".to_string()
            } else {
                "the matching contact has no uid".to_string()
            });
        }
        Ok(summary)
    }
}

impl Documented for Lookup {
    fn from_data(data: &Value) -> Result<Self, String> {
        let Value::Array(items) = data else {
            return Contact::from_data(data).map(|contact| Lookup::One(Box::new(contact)));
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                ContactSummary::from_data(item)
                    .map_err(|what| format!("in item {} of its list, {what}", index + 1))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Lookup::Several)
    }
}

impl Documented for ContactChange {
    fn from_data(data: &Value) -> Result<Self, String> {
        let object = expect_object(data, "the changed contact")?;
        let change = decode::<ContactChange>(data)?;
        if change.contact_uid.trim().is_empty() {
            return Err(if object.is_empty() {
                "its data is an empty object where the changed contact belongs".to_string()
            } else {
                "it does not name the contact changed (no contactUid)".to_string()
            });
        }
        Ok(change)
    }
}

impl Documented for DeletedContact {
    fn from_data(data: &Value) -> Result<Self, String> {
        let object = expect_object(data, "the deleted contact")?;
        let deleted = decode::<DeletedContact>(data)?;
        if deleted.uid.trim().is_empty() {
            return Err(if object.is_empty() {
                "its data is an empty object where the deleted contact belongs".to_string()
            } else {
                "it does not name the contact deleted (no uid)".to_string()
            });
        }
        Ok(deleted)
    }
}

/// Checks a success's `data` against the request it answers: the shape the reference documents
/// for that operation, and, for a request made by uid, that the reply is about that uid.
pub fn check_reply(request: &ApiRequest, data: &Value) -> Result<(), String> {
    check_reply_for(request.operation, request.asked_uid(), data)
}

/// [`check_reply`] for a request of `operation` made by uid `asked` (if it was).
pub fn check_reply_for(
    operation: Operation,
    asked: Option<&str>,
    data: &Value,
) -> Result<(), String> {
    let answered_uids: Vec<String> = match operation {
        Operation::Get => Lookup::from_data(data)?
            .uids()
            .into_iter()
            .map(str::to_string)
            .collect(),
        Operation::Create | Operation::Update => vec![Contact::from_data(data)?.uid],
        Operation::Delete => vec![DeletedContact::from_data(data)?.uid],
        Operation::AddTag
        | Operation::AddNote
        | Operation::ChangeStage
        | Operation::ChangeQuality
        | Operation::ChangeOwner => vec![ContactChange::from_data(data)?.contact_uid],
    };
    let answered: Vec<&str> = answered_uids.iter().map(String::as_str).collect();
    check_answered_uids(asked, &answered)
}

/// For a request made by uid (`asked`), a reply about other contacts is refused.
pub fn check_answered_uids(asked: Option<&str>, answered_uids: &[&str]) -> Result<(), String> {
    let Some(asked) = asked else {
        return Ok(());
    };
    if answered_uids.is_empty() || answered_uids.iter().any(|uid| same_uid(uid, asked)) {
        return Ok(());
    }
    let other = match answered_uids {
        [one] if one.chars().count() <= 40 => format!("contact {one}"),
        _ => "other contacts".to_string(),
    };
    Err(format!("it answers about {other}, not uid {asked}"))
}

/// A documented object that names its contact by a uid that must not be blank.
pub(super) trait Keyed: serde::de::DeserializeOwned {
    fn key(&self) -> &str;
}

impl Keyed for Contact {
    fn key(&self) -> &str {
        &self.uid
    }
}

impl Keyed for ContactSummary {
    fn key(&self) -> &str {
        &self.uid
    }
}

impl Keyed for ContactChange {
    fn key(&self) -> &str {
        &self.contact_uid
    }
}

impl Keyed for DeletedContact {
    fn key(&self) -> &str {
        &self.uid
    }
}

/// `T` straight from the text of one JSON value, when it is an object that decodes into a `T`
/// with a uid; None otherwise — and then the value's `from_data` says what is wrong, in the same
/// words as ever. (A success here is what `from_data` makes of the same value.)
pub(super) fn keyed_from_text<T: Keyed>(text: &str) -> Option<T> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let decoded: T = serde_json::from_str(text).ok()?;
    (!decoded.key().trim().is_empty()).then_some(decoded)
}

/// Uids compare without regard to case or surrounding spaces (a typed uid is upper-cased).
fn same_uid(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn expect_object<'a>(
    data: &'a Value,
    what: &str,
) -> Result<&'a serde_json::Map<String, Value>, String> {
    match data {
        Value::Object(object) => Ok(object),
        Value::Null => Err(format!("it has no data where {what} belongs")),
        other => Err(format!(
            "it holds {} where {what} belongs",
            json_kind(other)
        )),
    }
}

fn decode<'a, T: Deserialize<'a>>(data: &'a Value) -> Result<T, String> {
    // The models take any scalar for any field, so this fails only on a malformed object; serde's
    // words would quote the server's text, which is untrusted and may be long.
    T::deserialize(data).map_err(|_| "its fields are not of the documented types".to_string())
}

/// A JSON value's type, in words.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::{ContactPatch, Identifier, NewContact};

    #[test]
    fn a_contact_needs_an_object_with_a_uid_and_tolerates_the_rest() {
        assert_eq!(
            Contact::from_data(&json!({})).unwrap_err(),
            "its data is an empty object where a contact belongs"
        );
        assert_eq!(
            Contact::from_data(&json!({"email": "a@b.c"})).unwrap_err(),
            "the contact has no uid"
        );
        assert_eq!(
            Contact::from_data(&json!({"uid": "  "})).unwrap_err(),
            "the contact has no uid"
        );
        assert_eq!(
            Contact::from_data(&json!(null)).unwrap_err(),
            "it has no data where a contact belongs"
        );
        assert_eq!(
            Contact::from_data(&json!(["ABC12345"])).unwrap_err(),
            "it holds a list where a contact belongs"
        );
        let slop = json!({"uid": 12345678, "value": 5000, "tags": "one", "extra": {"x": [1]}});
        let contact = Contact::from_data(&slop).expect("tolerated");
        assert_eq!(contact.uid, "12345678");
        assert_eq!(contact.value.as_deref(), Some("5000"));
    }

    #[test]
    fn a_lookup_is_one_contact_or_a_list_of_summaries_each_with_a_uid() {
        assert!(matches!(
            Lookup::from_data(&json!({"uid": "ABC12345"})),
            Ok(Lookup::One(_))
        ));
        assert!(
            matches!(Lookup::from_data(&json!([])), Ok(Lookup::Several(list)) if list.is_empty())
        );
        assert_eq!(
            Lookup::from_data(&json!([{"uid": "ABC12345"}, {"email": "x@y.z"}])).unwrap_err(),
            "in item 2 of its list, the matching contact has no uid"
        );
        assert_eq!(
            Lookup::from_data(&json!([{"uid": "ABC12345"}, {}])).unwrap_err(),
            "in item 2 of its list, its data is an empty object where a matching contact belongs"
        );
        assert_eq!(
            Lookup::from_data(&json!([{"uid": "ABC12345"}, 7])).unwrap_err(),
            "in item 2 of its list, it holds a number where a matching contact belongs"
        );
        assert_eq!(
            Lookup::from_data(&json!("surprise")).unwrap_err(),
            "it holds text where a contact belongs"
        );
    }

    #[test]
    fn several_matches_are_the_documented_summary_and_nothing_more() {
        let reference = json!([
            {"uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567",
             "firstName": "John", "lastName": "Doe"},
            {"uid": "XYZ67890", "email": "john@example.com", "phone": "+15559876543",
             "firstName": "John", "lastName": "Smith"}
        ]);
        let Ok(Lookup::Several(summaries)) = Lookup::from_data(&reference) else {
            panic!("the reference's example is a list of summaries");
        };
        assert_eq!(summaries[1].display_name(), "John Smith");
        assert_eq!(summaries[1].phone.as_deref(), Some("+15559876543"));
        // A server that lists more than the summary (whole contacts, say) is understood, but what
        // it adds is dropped: the client never comes to rely on it.
        let extra = json!([
            {"uid": "ABC12345", "firstName": "John", "stageName": "Won", "notes": "x"},
            {"uid": "XYZ67890", "email": "j@x.y"}
        ]);
        let Ok(Lookup::Several(summaries)) = Lookup::from_data(&extra) else {
            panic!("extra fields are tolerated");
        };
        let kept = serde_json::to_value(&summaries[0]).unwrap_or_default();
        assert_eq!(
            kept,
            json!({"uid": "ABC12345", "email": null, "phone": null, "firstName": "John",
                   "lastName": null})
        );
        // Missing or null identity fields are absent; a missing uid is not a summary.
        let sparse = json!([{"uid": "ABC12345", "email": null}, {"uid": 12345678}]);
        let Ok(Lookup::Several(summaries)) = Lookup::from_data(&sparse) else {
            panic!("absent fields are tolerated");
        };
        assert_eq!(summaries[0].display_name(), "ABC12345");
        assert_eq!(summaries[1].uid, "12345678");
        assert_eq!(
            Lookup::from_data(&json!([{"uid": "A"}, {"firstName": "John"}])).unwrap_err(),
            "in item 2 of its list, the matching contact has no uid"
        );
    }

    #[test]
    fn replies_are_checked_against_the_request_they_answer() {
        let by_uid = Identifier::Uid("ABC12345".into());
        let by_email = Identifier::Email("ana@example.com".into());
        let change = |uid: &str| json!({"contactUid": uid, "note": "hi"});
        assert_eq!(
            check_reply(&ApiRequest::add_note(&by_uid, "hi"), &change("abc12345")),
            Ok(())
        );
        assert_eq!(
            check_reply(&ApiRequest::add_note(&by_uid, "hi"), &change("XYZ67890")).unwrap_err(),
            "it answers about contact XYZ67890, not uid ABC12345"
        );
        assert_eq!(
            check_reply(&ApiRequest::add_tag(&by_email, "t"), &change("XYZ67890")),
            Ok(())
        );
        assert!(check_reply(&ApiRequest::change_stage(&by_uid, "Won"), &json!({})).is_err());
        assert!(check_reply(&ApiRequest::delete("ABC12345"), &json!({"uid": "XYZ67890"})).is_err());
        assert!(
            check_reply(
                &ApiRequest::update(&ContactPatch::for_uid("ABC12345")),
                &json!({"uid": "XYZ67890"})
            )
            .is_err()
        );
        assert!(check_reply(&ApiRequest::get(&by_uid), &json!({"uid": "XYZ67890"})).is_err());
        assert_eq!(
            check_reply(
                &ApiRequest::get(&by_email),
                &json!([{"uid": "A"}, {"uid": "B"}])
            ),
            Ok(())
        );
        let create = ApiRequest::create(&NewContact::default());
        assert_eq!(create.asked_uid(), None);
        assert!(check_reply(&create, &json!([])).is_err());
        assert_eq!(check_reply(&create, &json!({"uid": "NEW00001"})), Ok(()));
    }
}
