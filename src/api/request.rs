//! Every request the Contact API accepts, described as data: its method, path, query and JSON body,
//! and whether repeating it is harmless. The client sends these; the CLI's `--json` mode and the TUI's
//! effects runner build them.

use serde_json::{Value, json};

use super::model::{ContactPatch, Identifier, NewContact};

/// The ten operations of the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    Create,
    Get,
    Update,
    Delete,
    AddTag,
    AddNote,
    ChangeStage,
    ChangeQuality,
    ChangeOwner,
}

impl Operation {
    /// False for requests that would apply twice if repeated (create, add note, add tag as an event).
    /// Such a request is never retried after a timeout or a broken connection.
    pub fn is_idempotent(self) -> bool {
        !matches!(
            self,
            Operation::Create | Operation::AddNote | Operation::AddTag
        )
    }

    /// True for every operation that changes data on the server.
    pub fn is_write(self) -> bool {
        self != Operation::Get
    }

    /// What the operation does, for status lines and logs ("looking up", "saving the note"…).
    pub fn describe(self) -> &'static str {
        match self {
            Operation::Create => "creating the contact",
            Operation::Get => "looking up",
            Operation::Update => "saving the contact",
            Operation::Delete => "deleting the contact",
            Operation::AddTag => "adding the tag",
            Operation::AddNote => "saving the note",
            Operation::ChangeStage => "changing the stage",
            Operation::ChangeQuality => "changing the quality",
            Operation::ChangeOwner => "changing the owner",
        }
    }
}

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
}

/// One request, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    pub operation: Operation,
    pub method: HttpMethod,
    pub path: &'static str,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
}

impl ApiRequest {
    fn with_body(
        operation: Operation,
        method: HttpMethod,
        path: &'static str,
        body: Value,
    ) -> Self {
        ApiRequest {
            operation,
            method,
            path,
            query: Vec::new(),
            body: Some(body),
        }
    }

    /// The uid the request names its contact by (in the query or the body), when it names one so;
    /// `None` for a create, or a contact named by email or phone.
    pub fn asked_uid(&self) -> Option<&str> {
        let in_query = self
            .query
            .iter()
            .find(|(field, _)| *field == "uid")
            .map(|(_, value)| value.as_str());
        in_query.or_else(|| self.body.as_ref()?.get("uid")?.as_str())
    }

    /// POST /api/contact
    pub fn create(contact: &NewContact) -> Self {
        let body = serde_json::to_value(contact).unwrap_or(Value::Null);
        Self::with_body(Operation::Create, HttpMethod::Post, "/api/contact", body)
    }

    /// GET /api/contact?uid=|email=|phone=
    pub fn get(who: &Identifier) -> Self {
        ApiRequest {
            operation: Operation::Get,
            method: HttpMethod::Get,
            path: "/api/contact",
            query: vec![(who.field(), who.value().to_string())],
            body: None,
        }
    }

    /// PUT /api/contact with the uid and the changed fields only.
    pub fn update(patch: &ContactPatch) -> Self {
        let body = serde_json::to_value(patch).unwrap_or(Value::Null);
        Self::with_body(Operation::Update, HttpMethod::Put, "/api/contact", body)
    }

    /// DELETE /api/contact?uid=
    pub fn delete(uid: &str) -> Self {
        ApiRequest {
            operation: Operation::Delete,
            method: HttpMethod::Delete,
            path: "/api/contact",
            query: vec![("uid", uid.to_string())],
            body: None,
        }
    }

    fn action(
        operation: Operation,
        method: HttpMethod,
        path: &'static str,
        who: &Identifier,
        field: &str,
        value: &str,
    ) -> Self {
        let mut body = json!({ who.field(): who.value() });
        if let Some(object) = body.as_object_mut() {
            object.insert(field.to_string(), Value::String(value.to_string()));
        }
        Self::with_body(operation, method, path, body)
    }

    /// POST /api/contact/tag/add
    pub fn add_tag(who: &Identifier, tag: &str) -> Self {
        Self::action(
            Operation::AddTag,
            HttpMethod::Post,
            "/api/contact/tag/add",
            who,
            "tagName",
            tag,
        )
    }

    /// POST /api/contact/note/add
    pub fn add_note(who: &Identifier, note: &str) -> Self {
        Self::action(
            Operation::AddNote,
            HttpMethod::Post,
            "/api/contact/note/add",
            who,
            "note",
            note,
        )
    }

    /// PUT /api/contact/stage
    pub fn change_stage(who: &Identifier, stage: &str) -> Self {
        Self::action(
            Operation::ChangeStage,
            HttpMethod::Put,
            "/api/contact/stage",
            who,
            "stageName",
            stage,
        )
    }

    /// PUT /api/contact/quality
    pub fn change_quality(who: &Identifier, quality: &str) -> Self {
        Self::action(
            Operation::ChangeQuality,
            HttpMethod::Put,
            "/api/contact/quality",
            who,
            "qualityName",
            quality,
        )
    }

    /// PUT /api/contact/owner
    pub fn change_owner(who: &Identifier, owner_email: &str) -> Self {
        Self::action(
            Operation::ChangeOwner,
            HttpMethod::Put,
            "/api/contact/owner",
            who,
            "ownerEmail",
            owner_email,
        )
    }
}
