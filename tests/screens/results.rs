//! Several matches in a table, and every way a lookup can fail said in plain words.

use std::time::Duration;

use crate::support::*;
use crate::*;

/// The table of four matches for john@example.com; returns the first match's preview request.
fn four_matches(size: Size) -> (App, genius::tui::model::RequestId) {
    let mut app = typed(size, recents(), "john@example.com");
    let id = sent_id(&app.update(key(KeyCode::Enter)));
    let preview = sent_id(&app.update(many(id, &[john_doe(), john_smith(), long_values(), cjk()])));
    (app, preview)
}

#[test]
fn results_table() {
    // The highlight moved on while the first preview is on its way: the pane is loading.
    snapshot_both("results", |size| {
        let (mut app, _) = four_matches(size);
        app.update(ch('j'));
        app
    });
    snapshot_both("results_preview", |size| {
        let (mut app, preview) = four_matches(size);
        app.update(one(preview, &john_doe()));
        app
    });
    snapshot_both("results_preview_error", |size| {
        let (mut app, preview) = four_matches(size);
        let failure = failed(&app, preview, api_error(503, "Service Unavailable"));
        app.update(failure);
        app
    });
}

#[test]
fn errors() {
    snapshot_both("error_404", |size| {
        failed_lookup(size, api_error(404, "Contact not found"))
    });
    snapshot_both("error_401", |size| {
        failed_lookup(size, api_error(401, "Invalid token"))
    });
    snapshot_both("error_403", |size| {
        failed_lookup(size, api_error(403, "API not available"))
    });
    snapshot_both("error_429_gave_up", |size| {
        failed_lookup(
            size,
            ApiError::RateLimited {
                attempts: 6,
                retry_after: Some(Duration::from_secs(3)),
            },
        )
    });
    snapshot_both("error_timeout", |size| {
        failed_lookup(
            size,
            ApiError::Timeout {
                after: Duration::from_secs(20),
                maybe_applied: false,
            },
        )
    });
    snapshot_both("error_unreachable", |size| {
        failed_lookup(
            size,
            ApiError::Network {
                message:
                    "cannot reach contact-api.8mgenius.com.br: Connection refused (os error 111)"
                        .into(),
                maybe_applied: false,
            },
        )
    });
    snapshot_both("error_5xx", |size| {
        failed_lookup(size, api_error(502, "Bad Gateway"))
    });
}

/// A message longer than the status bar wraps onto more rows (the screen gives them up) rather
/// than losing its end.
#[test]
fn a_long_status_message_wraps() {
    snapshot_both("error_long_message_wraps", |size| {
        failed_lookup(
            size,
            api_error(
                422,
                "The stage 'Qualified Enterprise Lead' does not exist in this account: \
                 ask an administrator to add it under Settings › Pipeline stages",
            ),
        )
    });
}
