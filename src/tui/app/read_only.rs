//! Read-only profiles: no write request ever leaves `App::update`. Every command the app emits
//! passes [`App::refuse_writes`]; a write (`Command::Send` of an operation that changes data) is
//! taken out and answered at once as a failure, through the ordinary reply path, so whatever
//! screen asked for it unwinds as after any refused request — and the status bar says why.

use crate::api::ApiError;

use crate::tui::app::{App, Command, Notice};

/// What the status bar says when a write is refused.
pub fn refusal(profile: Option<&str>) -> String {
    match profile {
        Some(name) => format!("profile {name} is read-only: nothing was sent to the server"),
        None => "this profile is read-only: nothing was sent to the server".to_string(),
    }
}

impl App {
    /// Takes every write out of `commands` when the profile is read-only.
    pub fn refuse_writes(&mut self, commands: Vec<Command>) -> Vec<Command> {
        if !self.account.read_only {
            return commands;
        }
        let mut allowed = Vec::with_capacity(commands.len());
        let mut refused = Vec::new();
        for command in commands {
            match command {
                Command::Send { id, request } if request.operation.is_write() => {
                    tracing::info!(operation = ?request.operation, "write refused: read-only profile");
                    refused.push(id);
                }
                other => allowed.push(other),
            }
        }
        if refused.is_empty() {
            return allowed;
        }
        let message = refusal(self.account.profile.as_deref());
        for id in refused {
            let follow_up = self.on_awaited_reply(id, Err(ApiError::Setup(message.clone())));
            // The screens' own reactions to the refusal pass the same check.
            allowed.extend(self.refuse_writes(follow_up));
        }
        self.notice = Some(Notice::Error(message));
        allowed
    }
}
