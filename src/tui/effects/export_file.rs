//! Writing an exported contact (mode 0600), off the UI thread. An existing file is never replaced
//! unasked: its would-be contents come back (`Msg::ExportExists`) for a second Enter.

use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use crate::tui::app::Msg;

/// Writes `contents` to `path` (replacing a file there only when `replace`) and reports the
/// outcome on `messages`. Must be called inside a tokio runtime.
pub fn spawn_export(
    messages: UnboundedSender<Msg>,
    path: PathBuf,
    contents: String,
    replace: bool,
) {
    tokio::spawn(async move {
        let target = path.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            if !replace && target.exists() {
                return Ok(Some(contents));
            }
            crate::paths::write_private_file(&target, contents.as_bytes()).map(|()| None)
        })
        .await;
        let failed = |error: String| Msg::EffectFailed {
            what: format!("{} was not written", path.display()),
            error,
        };
        let msg = match outcome {
            Ok(Ok(None)) => Msg::Exported { path },
            Ok(Ok(Some(contents))) => Msg::ExportExists { path, contents },
            Ok(Err(error)) => failed(error.to_string()),
            Err(error) => failed(error.to_string()),
        };
        let _ = messages.send(msg);
    });
}
