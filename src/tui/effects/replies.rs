//! The door API replies come in by: each answer decoded, here and only here, into the typed
//! message of its operation (`Msg::Matches`, `Msg::Saved`…) with its request id, so `App::update`
//! never reads JSON. A reply whose `data` is not in its documented shape is an error for a read
//! and for a create; a save or a change the server confirmed stays confirmed (the app fetches the
//! contact again, or reports what was asked).

use crate::api::reply::FromReply;
use crate::api::{ApiError, Contact, ContactChange, Lookup, Operation, Reply};
use crate::tui::app::Msg;
use crate::tui::model::RequestId;

/// The typed message answering request `id`, an `operation` whose decoded result is `result`.
pub fn typed_reply(id: RequestId, operation: Operation, result: Result<Reply, ApiError>) -> Msg {
    match operation {
        Operation::Get => Msg::Matches {
            id,
            result: result.and_then(taken::<Lookup>),
        },
        Operation::Update => Msg::Saved {
            id,
            result: result.map(|reply| match taken::<Contact>(reply) {
                Ok(contact) => Some(contact),
                Err(error) => {
                    tracing::debug!(%error, "a confirmed save whose answer could not be read");
                    None
                }
            }),
        },
        Operation::Create => Msg::Created {
            id,
            result: result.and_then(taken::<Contact>),
        },
        Operation::ChangeStage
        | Operation::ChangeQuality
        | Operation::ChangeOwner
        | Operation::AddTag => Msg::Changed {
            id,
            result: result.map(|reply| {
                taken::<ContactChange>(reply).unwrap_or_else(|error| {
                    tracing::debug!(%error, "a confirmed change whose answer could not be read");
                    ContactChange::default()
                })
            }),
        },
        Operation::AddNote => Msg::NoteAdded {
            id,
            result: result.map(|_| ()),
        },
        Operation::Delete => Msg::Deleted {
            id,
            result: result.map(|_| ()),
        },
    }
}

/// The `T` a reply holds, or an error saying it holds something else.
fn taken<T: FromReply>(reply: Reply) -> Result<T, ApiError> {
    T::from_reply(reply).map_err(|what| ApiError::Undocumented { what, write: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn success(operation: Operation, data: &serde_json::Value) -> Result<Reply, ApiError> {
        Ok(Reply::from_data(operation, data).unwrap_or_else(|what| panic!("{what}")))
    }

    #[test]
    fn each_operation_answers_with_its_typed_message() {
        let id = RequestId(7);
        let contact = json!({"uid": "ABC12345", "firstName": "Ana"});
        match typed_reply(
            id,
            Operation::Get,
            success(Operation::Get, &json!([contact, {"uid": "XYZ98765"}])),
        ) {
            Msg::Matches { id: got, result } => {
                assert_eq!(got, id);
                assert_eq!(result.map(|lookup| lookup.uids().len()), Ok(2));
            }
            other => panic!("{other:?}"),
        }
        // A confirmed save whose answer is not a contact: confirmed, nothing to show.
        let change = success(Operation::AddTag, &json!({"contactUid": "ABC12345"}));
        match typed_reply(id, Operation::Update, change.clone()) {
            Msg::Saved { result, .. } => assert_eq!(result, Ok(None), "confirmed, unreadable"),
            other => panic!("{other:?}"),
        }
        match typed_reply(id, Operation::Create, change.clone()) {
            Msg::Created { result, .. } => assert!(result.is_err(), "nothing to show: an error"),
            other => panic!("{other:?}"),
        }
        let created = success(Operation::Create, &json!({"uid": "ABC12345"}));
        match typed_reply(id, Operation::ChangeStage, created) {
            Msg::Changed { result, .. } => assert_eq!(result, Ok(ContactChange::default())),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            typed_reply(id, Operation::AddNote, change),
            Msg::NoteAdded { result: Ok(()), .. }
        ));
        let failure = Err(ApiError::Setup("no token".into()));
        assert!(matches!(
            typed_reply(id, Operation::Delete, failure),
            Msg::Deleted { result: Err(_), .. }
        ));
    }
}
