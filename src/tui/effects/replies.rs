//! The door API replies come in by: each answer decoded, here and only here, into the typed
//! message of its operation (`Msg::Matches`, `Msg::Saved`…) with its request id, so `App::update`
//! never reads JSON. A reply whose `data` is not in its documented shape is an error for a read
//! and for a create; a save or a change the server confirmed stays confirmed (the app fetches the
//! contact again, or reports what was asked).

use crate::api::client::decode_data;
use crate::api::{ApiError, ApiSuccess, Contact, ContactChange, Lookup, Operation};
use crate::tui::app::Msg;
use crate::tui::model::RequestId;

/// The typed message answering request `id`, an `operation` whose raw result is `result`.
pub fn typed_reply(
    id: RequestId,
    operation: Operation,
    result: Result<ApiSuccess, ApiError>,
) -> Msg {
    match operation {
        Operation::Get => Msg::Matches {
            id,
            result: result.and_then(|success| decode_data::<Lookup>(success.data)),
        },
        Operation::Update => Msg::Saved {
            id,
            result: result.map(|success| match decode_data::<Contact>(success.data) {
                Ok(contact) => Some(contact),
                Err(error) => {
                    tracing::debug!(%error, "a confirmed save whose answer could not be read");
                    None
                }
            }),
        },
        Operation::Create => Msg::Created {
            id,
            result: result.and_then(|success| decode_data::<Contact>(success.data)),
        },
        Operation::ChangeStage
        | Operation::ChangeQuality
        | Operation::ChangeOwner
        | Operation::AddTag => Msg::Changed {
            id,
            result: result.map(|success| {
                decode_data::<ContactChange>(success.data).unwrap_or_else(|error| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn success(data: serde_json::Value) -> Result<ApiSuccess, ApiError> {
        Ok(ApiSuccess {
            status: 200,
            message: "ok".to_string(),
            data,
        })
    }

    #[test]
    fn each_operation_answers_with_its_typed_message() {
        let id = RequestId(7);
        let contact = json!({"uid": "ABC12345", "firstName": "Ana"});
        match typed_reply(
            id,
            Operation::Get,
            success(json!([contact, {"uid": "XYZ98765"}])),
        ) {
            Msg::Matches { id: got, result } => {
                assert_eq!(got, id);
                assert_eq!(result.map(|lookup| lookup.uids().len()), Ok(2));
            }
            other => panic!("{other:?}"),
        }
        match typed_reply(id, Operation::Update, success(json!({}))) {
            Msg::Saved { result, .. } => assert_eq!(result, Ok(None), "confirmed, unreadable"),
            other => panic!("{other:?}"),
        }
        match typed_reply(id, Operation::Create, success(json!({}))) {
            Msg::Created { result, .. } => assert!(result.is_err(), "nothing to show: an error"),
            other => panic!("{other:?}"),
        }
        match typed_reply(id, Operation::ChangeStage, success(json!("odd"))) {
            Msg::Changed { result, .. } => assert_eq!(result, Ok(ContactChange::default())),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            typed_reply(id, Operation::AddNote, success(json!({}))),
            Msg::NoteAdded { result: Ok(()), .. }
        ));
        let failure = Err(ApiError::Setup("no token".into()));
        assert!(matches!(
            typed_reply(id, Operation::Delete, failure),
            Msg::Deleted { result: Err(_), .. }
        ));
    }
}
