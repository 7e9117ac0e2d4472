//! The trust side effects, run by the effects runner: OSC 52 bytes written to the terminal between
//! frames, export files written (never replacing one unasked), and profiles resolved off the UI
//! thread — their token may come from a command or a keyring that takes its time.

use std::io::Write;
use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use crate::cli::GlobalArgs;
use crate::tui::app::msg::Msg;
use crate::tui::app::trust::{ProfileSession, TrustCommand, TrustMsg};

/// Performs [`TrustCommand`]s (all but `UseProfile`, which the runner applies itself).
pub struct TrustEffects {
    messages: UnboundedSender<Msg>,
    /// Where clipboard sequences go: the terminal's output. None: copying reports a failure.
    terminal: Option<Box<dyn Write + Send>>,
    /// The command line's flags, to resolve another profile as `--profile NAME` would.
    global: Option<GlobalArgs>,
}

impl TrustEffects {
    /// Trust effects reporting on `messages`; no terminal and no profiles until set. Must be
    /// called inside a tokio runtime.
    pub fn new(messages: UnboundedSender<Msg>) -> TrustEffects {
        TrustEffects {
            messages,
            terminal: None,
            global: None,
        }
    }

    /// Sets where clipboard sequences are written.
    pub fn set_terminal(&mut self, terminal: Box<dyn Write + Send>) {
        self.terminal = Some(terminal);
    }

    /// Profiles are resolved with these command-line flags.
    pub fn set_global(&mut self, global: GlobalArgs) {
        self.global = Some(global);
    }

    /// Performs one trust command.
    pub fn run(&mut self, command: TrustCommand) {
        match command {
            TrustCommand::WriteToTerminal { bytes } => self.write_to_terminal(&bytes),
            TrustCommand::Export {
                path,
                contents,
                replace,
            } => self.export(path, contents, replace),
            TrustCommand::ResolveProfile { name } => self.resolve_profile(name),
            // The runner applies it: it swaps the client, the recents file and the cache.
            TrustCommand::UseProfile(_) => {}
        }
    }

    fn write_to_terminal(&mut self, bytes: &[u8]) {
        let outcome = match self.terminal.as_mut() {
            Some(terminal) => terminal
                .write_all(bytes)
                .and_then(|()| terminal.flush())
                .map_err(|e| e.to_string()),
            None => Err("there is no terminal to write to".to_string()),
        };
        if let Err(error) = outcome {
            let _ = self.messages.send(Msg::EffectFailed {
                what: "nothing was copied".to_string(),
                error,
            });
        }
    }

    fn export(&self, path: PathBuf, contents: String, replace: bool) {
        let messages = self.messages.clone();
        tokio::spawn(async move {
            let target = path.clone();
            // An existing file is left alone; its would-be contents come back for a second Enter.
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
                Ok(Ok(None)) => Msg::Trust(TrustMsg::Exported { path }),
                Ok(Ok(Some(contents))) => Msg::Trust(TrustMsg::ExportExists { path, contents }),
                Ok(Err(error)) => failed(error.to_string()),
                Err(error) => failed(error.to_string()),
            };
            let _ = messages.send(msg);
        });
    }

    fn resolve_profile(&self, name: String) {
        let messages = self.messages.clone();
        let Some(global) = self.global.clone() else {
            let _ = messages.send(Msg::Trust(TrustMsg::ProfileFailed {
                name,
                error: "profiles are not available here".to_string(),
            }));
            return;
        };
        tokio::spawn(async move {
            let wanted = name.clone();
            let outcome =
                tokio::task::spawn_blocking(move || ProfileSession::resolve(&global, &wanted))
                    .await;
            let msg = match outcome {
                Ok(Ok(session)) => TrustMsg::ProfileReady(Box::new(session)),
                Ok(Err(error)) => TrustMsg::ProfileFailed {
                    name,
                    error: format!("{error:#}"),
                },
                Err(error) => TrustMsg::ProfileFailed {
                    name,
                    error: error.to_string(),
                },
            };
            let _ = messages.send(Msg::Trust(msg));
        });
    }
}
