//! A reply decoded straight from the body into the typed answer its operation documents (one
//! contact, a lookup, a change, a deletion), with no JSON value of the whole body in between:
//! the envelope is read with its `data` left as text inside the body, the typed answer is made
//! from that text, and a huge `notes` string becomes the contact's notes inside the body's own
//! buffer, so a 100,000-note contact is never held twice. Whatever this quick path does not take
//! as a plain success (a body that is not one object, a field given twice, a shape the reference
//! does not document) goes the way every reply went before — a JSON value, checked by
//! [`check_reply`](super::documented::check_reply) — so the errors and their words are the same.

use std::ops::Range;

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::documented::{Documented, check_answered_uids, check_reply_for, keyed_from_text};
use super::envelope::{EnvelopeFields, decode_envelope, judge, success_flag, without_bom};
use super::error::ApiError;
use super::lookup::{ContactSummary, Lookup};
use super::model::{Contact, ContactChange, DeletedContact};
use super::request::{ApiRequest, Operation};

/// A `notes` string longer than this is made the contact's notes inside the body's buffer; a
/// shorter one is decoded like any field.
const NOTES_KEPT_IN_PLACE: usize = 64 * 1024;

/// The typed answer of one request, as the reference documents it for its operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// GET: one whole contact, or several summaries.
    Lookup(Lookup),
    /// POST and PUT /api/contact: the contact created or updated.
    Contact(Box<Contact>),
    /// The five action endpoints: the contact changed and the value applied.
    Change(ContactChange),
    /// DELETE: the contact deleted.
    Deleted(DeletedContact),
}

impl Reply {
    /// The uids the answer is about.
    pub fn uids(&self) -> Vec<&str> {
        match self {
            Reply::Lookup(lookup) => lookup.uids(),
            Reply::Contact(contact) => vec![contact.uid.as_str()],
            Reply::Change(change) => vec![change.contact_uid.as_str()],
            Reply::Deleted(deleted) => vec![deleted.uid.as_str()],
        }
    }

    /// The answer documented for `operation`, from its `data` as a JSON value.
    pub fn from_data(operation: Operation, data: &Value) -> Result<Reply, String> {
        Ok(match operation {
            Operation::Get => Reply::Lookup(Lookup::from_data(data)?),
            Operation::Create | Operation::Update => {
                Reply::Contact(Box::new(Contact::from_data(data)?))
            }
            Operation::Delete => Reply::Deleted(DeletedContact::from_data(data)?),
            Operation::AddTag
            | Operation::AddNote
            | Operation::ChangeStage
            | Operation::ChangeQuality
            | Operation::ChangeOwner => Reply::Change(ContactChange::from_data(data)?),
        })
    }

    /// The answer documented for `operation`, straight from the text of its `data`, when it is a
    /// plain success; None sends the reply the way of a JSON value.
    fn from_text(operation: Operation, text: &str) -> Option<Reply> {
        Some(match operation {
            Operation::Get if text.trim_start().starts_with('[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text).ok()?;
                let summaries = items
                    .iter()
                    .map(|item| keyed_from_text::<ContactSummary>(item.get()))
                    .collect::<Option<Vec<_>>>()?;
                Reply::Lookup(Lookup::Several(summaries))
            }
            Operation::Get => Reply::Lookup(Lookup::One(Box::new(keyed_from_text(text)?))),
            Operation::Create | Operation::Update => {
                Reply::Contact(Box::new(keyed_from_text(text)?))
            }
            Operation::Delete => Reply::Deleted(keyed_from_text(text)?),
            Operation::AddTag
            | Operation::AddNote
            | Operation::ChangeStage
            | Operation::ChangeQuality
            | Operation::ChangeOwner => Reply::Change(keyed_from_text(text)?),
        })
    }

    /// The one whole contact in the answer, if it holds one.
    fn contact_mut(&mut self) -> Option<&mut Contact> {
        match self {
            Reply::Lookup(Lookup::One(contact)) | Reply::Contact(contact) => Some(contact),
            _ => None,
        }
    }
}

/// A typed value taken from a [`Reply`]: the answer of the operation that documents it.
pub trait FromReply: Sized {
    /// The value, or what is wrong with the reply, in words.
    fn from_reply(reply: Reply) -> Result<Self, String>;
}

impl FromReply for Reply {
    fn from_reply(reply: Reply) -> Result<Self, String> {
        Ok(reply)
    }
}

impl FromReply for Lookup {
    fn from_reply(reply: Reply) -> Result<Self, String> {
        match reply {
            Reply::Lookup(lookup) => Ok(lookup),
            Reply::Contact(contact) => Ok(Lookup::One(contact)),
            other => Err(mismatch(&other, "a contact")),
        }
    }
}

impl FromReply for Contact {
    fn from_reply(reply: Reply) -> Result<Self, String> {
        match reply {
            Reply::Contact(contact) | Reply::Lookup(Lookup::One(contact)) => Ok(*contact),
            other => Err(mismatch(&other, "a contact")),
        }
    }
}

impl FromReply for ContactChange {
    fn from_reply(reply: Reply) -> Result<Self, String> {
        match reply {
            Reply::Change(change) => Ok(change),
            other => Err(mismatch(&other, "the changed contact")),
        }
    }
}

impl FromReply for DeletedContact {
    fn from_reply(reply: Reply) -> Result<Self, String> {
        match reply {
            Reply::Deleted(deleted) => Ok(deleted),
            other => Err(mismatch(&other, "the deleted contact")),
        }
    }
}

/// The words for a reply of another kind than `wanted` (a list where one contact belongs).
fn mismatch(reply: &Reply, wanted: &str) -> String {
    let held = match reply {
        Reply::Lookup(Lookup::Several(_)) => "a list",
        _ => "another kind of answer",
    };
    format!("it holds {held} where {wanted} belongs")
}

/// What a reply is checked against: the request's operation and the uid it was made by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub operation: Operation,
    pub asked_uid: Option<String>,
}

impl Expected {
    pub fn of(request: &ApiRequest) -> Expected {
        Expected {
            operation: request.operation,
            asked_uid: request.asked_uid().map(str::to_string),
        }
    }
}

/// The envelope as it is in the body: each field left as its JSON text.
#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(borrow, default)]
    success: Option<&'a RawValue>,
    #[serde(borrow, default)]
    code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    error: Option<&'a RawValue>,
    #[serde(borrow, default)]
    message: Option<&'a RawValue>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// A contact's `notes` as it is in the body.
#[derive(Deserialize)]
struct RawNotes<'a> {
    #[serde(borrow, default)]
    notes: Option<&'a RawValue>,
}

/// Decodes the answer of a request expected to be `expected`: an error for a failure, a body
/// that is not JSON, or one that is not in the shape documented for the request (the same
/// errors [`decode_envelope`] and [`check_reply`](super::documented::check_reply) give).
pub fn decode_reply(
    status: StatusCode,
    body: Vec<u8>,
    expected: &Expected,
) -> Result<Reply, ApiError> {
    let write = expected.operation.is_write();
    let body = match quick(status, body, expected) {
        Quick::Decoded(result) => return result,
        Quick::NotTaken(body) => body,
    };
    let success = decode_envelope(status, &body, write)?;
    drop(body);
    let undocumented = |what| ApiError::Undocumented { what, write };
    check_reply_for(
        expected.operation,
        expected.asked_uid.as_deref(),
        &success.data,
    )
    .map_err(undocumented)?;
    Reply::from_data(expected.operation, &success.data).map_err(undocumented)
}

enum Quick {
    Decoded(Result<Reply, ApiError>),
    /// The body, untouched, for the JSON value's way.
    NotTaken(Vec<u8>),
}

/// The quick way: the envelope read in place, `data` decoded from its text.
fn quick(status: StatusCode, body: Vec<u8>, expected: &Expected) -> Quick {
    let write = expected.operation.is_write();
    let (fields, data, notes) = {
        let text = without_bom(&body);
        // A derived struct would also take a list of the fields in order: only an object is.
        if !text.trim_ascii_start().starts_with(b"{") {
            return Quick::NotTaken(body);
        }
        let Ok(envelope) = serde_json::from_slice::<RawEnvelope<'_>>(text) else {
            return Quick::NotTaken(body);
        };
        let Some(fields) = envelope_fields(&envelope) else {
            return Quick::NotTaken(body);
        };
        let data = envelope.data.map_or("null", RawValue::get);
        let notes = big_notes(data).map(|notes| span_in(&body, notes));
        (fields, span_in(&body, data), notes)
    };
    if let Err(error) = judge(status, fields, write) {
        return Quick::Decoded(Err(error));
    }
    let data_text = text_at(&body, &data);
    let reply = match &notes {
        None => Reply::from_text(expected.operation, data_text),
        Some(notes) => without_notes(data_text, &data, notes)
            .and_then(|text| Reply::from_text(expected.operation, &text)),
    };
    let Some(mut reply) = reply else {
        return Quick::NotTaken(body);
    };
    if let Err(what) = check_answered_uids(expected.asked_uid.as_deref(), &reply.uids()) {
        return Quick::Decoded(Err(ApiError::Undocumented { what, write }));
    }
    if let Some(notes) = notes {
        let Some(contact) = reply.contact_mut() else {
            return Quick::NotTaken(body);
        };
        match super::json_text::unescape_in_place(body, notes) {
            Ok(text) => contact.notes = Some(text),
            Err(body) => return Quick::NotTaken(body),
        }
    }
    Quick::Decoded(Ok(reply))
}

/// The envelope's fields as [`judge`] reads them; None when one of them is not JSON it can read.
fn envelope_fields(envelope: &RawEnvelope<'_>) -> Option<EnvelopeFields> {
    let value = |raw: Option<&RawValue>| -> Option<Value> {
        raw.map(|raw| serde_json::from_str(raw.get()).ok())
            .unwrap_or(Some(Value::Null))
    };
    let text = |raw| value(raw).map(|value| value.as_str().map(str::to_string));
    Some(EnvelopeFields {
        success: success_flag(&value(envelope.success)?),
        code: text(envelope.code)?,
        error: text(envelope.error)?,
        message: text(envelope.message)?,
    })
}

/// The text of a contact's `notes` when it is a string long enough to be kept in place.
fn big_notes(data: &str) -> Option<&str> {
    if data.len() < NOTES_KEPT_IN_PLACE || !data.trim_start().starts_with('{') {
        return None;
    }
    let notes = serde_json::from_str::<RawNotes<'_>>(data)
        .ok()?
        .notes?
        .get();
    (notes.len() >= NOTES_KEPT_IN_PLACE && notes.starts_with('"')).then_some(notes)
}

/// Where `part` (a slice of `body`) lies in it.
fn span_in(body: &[u8], part: &str) -> Range<usize> {
    let start = part.as_ptr().addr().saturating_sub(body.as_ptr().addr());
    start..start + part.len()
}

fn text_at<'a>(body: &'a [u8], span: &Range<usize>) -> &'a str {
    body.get(span.clone())
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .unwrap_or("null")
}

/// The data's text with its notes string replaced by `null`: everything of the contact but its
/// notes, small enough to decode like any reply.
fn without_notes(data_text: &str, data: &Range<usize>, notes: &Range<usize>) -> Option<String> {
    let before = data_text.get(..notes.start.checked_sub(data.start)?)?;
    let after = data_text.get(notes.end.checked_sub(data.start)?..)?;
    Some([before, "null", after].concat())
}

#[cfg(test)]
#[path = "reply_tests.rs"]
mod tests;
