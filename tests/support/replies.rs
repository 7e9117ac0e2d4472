//! Requests and replies as the effects runner would see them: the request a command sends, and
//! the typed message answering it — built by the runner's own decoder from the JSON a server
//! would send, so the tests also go through the door.

use genius::api::{ApiError, ApiRequest, ApiSuccess, Contact, Operation, Reply};
use genius::tui::app::{App, Command, Msg};
use genius::tui::effects::typed_reply;
use genius::tui::model::RequestId;
use serde_json::{Value, json};

use super::json_of;

/// The id of the only `Send` among `commands`.
pub fn sent_id(commands: &[Command]) -> RequestId {
    let ids: Vec<RequestId> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 1, "expected exactly one Send in {commands:?}");
    ids[0]
}

/// The typed message the effects runner sends for the reply to request `id` of `app`: the raw
/// `result` decoded as its operation's answer (a GET when the app no longer awaits `id`).
pub fn reply(app: &App, id: RequestId, result: Result<ApiSuccess, ApiError>) -> Msg {
    let operation = app
        .requests
        .get(id)
        .map_or(Operation::Get, |request| request.operation);
    typed_reply(id, operation, as_reply(operation, result))
}

/// The typed reply `result` carries, an answer to an `operation`. A success whose data is not in
/// its documented shape is an error for a read and a create; for another write the server
/// confirmed it stays a success whose answer cannot be read (an answer of another kind), so the
/// app's handling of such a confirmation is exercised too.
pub fn as_reply(
    operation: Operation,
    result: Result<ApiSuccess, ApiError>,
) -> Result<Reply, ApiError> {
    result.and_then(|success| match Reply::from_data(operation, &success.data) {
        Ok(reply) => Ok(reply),
        Err(_) if operation.is_write() && operation != Operation::Create => {
            Ok(Reply::Deleted(genius::api::DeletedContact::default()))
        }
        Err(what) => Err(ApiError::Undocumented { what, write: false }),
    })
}

/// A successful reply to request `id` of `app`, carrying `data`.
pub fn ok(app: &App, id: RequestId, data: Value) -> Msg {
    reply(
        app,
        id,
        Ok(ApiSuccess {
            status: 200,
            message: "Contact retrieved successfully".to_string(),
            data,
        }),
    )
}

/// A failed reply to request `id` of `app`.
pub fn failed(app: &App, id: RequestId, error: ApiError) -> Msg {
    reply(app, id, Err(error))
}

/// No answer in time, for a write that may have been applied.
pub fn timeout() -> ApiError {
    ApiError::Timeout {
        after: std::time::Duration::from_secs(20),
        maybe_applied: true,
    }
}

/// The API's error envelope with this status.
pub fn api_error(status: u16, message: &str) -> ApiError {
    ApiError::Api {
        status,
        code: None,
        message: message.to_string(),
    }
}

/// The only `Send` of `commands`, with its request.
pub fn sent(commands: &[Command]) -> (RequestId, ApiRequest) {
    let sends: Vec<(RequestId, ApiRequest)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Send { id, request } => Some((*id, request.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(sends.len(), 1, "expected one Send in {commands:?}");
    sends[0].clone()
}

/// A lookup's reply carrying `contact` (as the server sends it: decoded from its JSON).
pub fn one(id: RequestId, contact: &Contact) -> Msg {
    typed_reply(
        id,
        Operation::Get,
        as_reply(
            Operation::Get,
            Ok(ApiSuccess {
                status: 200,
                message: "Contact retrieved successfully".to_string(),
                data: json_of(contact),
            }),
        ),
    )
}

/// A lookup's reply listing several contacts, as the server lists them: each a summary (uid,
/// email, phone, first and last name), never the whole contact.
pub fn many(id: RequestId, contacts: &[Contact]) -> Msg {
    typed_reply(
        id,
        Operation::Get,
        as_reply(
            Operation::Get,
            Ok(ApiSuccess {
                status: 200,
                message: "Contacts retrieved successfully".to_string(),
                data: json!(contacts.iter().map(summary_json).collect::<Vec<_>>()),
            }),
        ),
    )
}

/// The summary the server lists for `contact` among several matches.
pub fn summary_json(contact: &Contact) -> Value {
    json!({
        "uid": contact.uid,
        "email": contact.email,
        "phone": contact.phone,
        "firstName": contact.first_name,
        "lastName": contact.last_name,
    })
}
