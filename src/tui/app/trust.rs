//! Trust and comforts in the TUI (issue 5): the active profile and the profile switcher,
//! read-only profiles (no write ever leaves `App::update`), the privacy-mode key, copying through
//! OSC 52 and exporting a contact to a file. The app keeps this state in `App::trust`; its overlays
//! sit in `Overlay::Trust`; its side effects are `Command::Trust` (run by `trust_effects`) and their
//! outcomes come back as `Msg::Trust`.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::clipboard::Multiplexer;
use crate::tui::app::command::Command;
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::keymap::{Action, Context};

pub use crate::tui::effects::profiles::ProfileSession;

/// One account profile as the switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileEntry {
    pub name: String,
    /// Where it points (the host, for the list).
    pub base_url: String,
    pub read_only: bool,
}

/// What the trust features keep across screens. (Privacy, ASCII, the cache and the log directory
/// are `App` fields shared with the core; read-only is `App::work.read_only`, shared with the
/// lead-working screens.)
#[derive(Debug, Clone)]
pub struct TrustState {
    /// The active profile's name (None: no config profile, or the demo).
    pub profile: Option<String>,
    /// Every profile of the config file, for the switcher.
    pub profiles: Vec<ProfileEntry>,
    /// How OSC 52 reaches the user's terminal (tmux and screen need wrapping).
    pub multiplexer: Multiplexer,
    /// Where exports go by default (the working directory).
    pub export_dir: PathBuf,
    /// The profile being switched to while its token is resolved.
    pub switching: Option<String>,
}

impl Default for TrustState {
    fn default() -> Self {
        TrustState {
            profile: None,
            profiles: Vec::new(),
            multiplexer: Multiplexer::None,
            export_dir: PathBuf::from("."),
            switching: None,
        }
    }
}

/// The trust overlays: each takes the keys while it is open.
#[derive(Debug, Clone, PartialEq)]
pub enum TrustOverlay {
    /// Which field to copy.
    Copy(crate::tui::overlays::copy_menu::CopyMenu),
    /// Format and file of an export.
    Export(Box<crate::tui::overlays::export::ExportPrompt>),
    /// The profiles of the config file.
    Profiles(crate::tui::overlays::profiles::ProfileSwitcher),
}

impl TrustOverlay {
    /// The keymap context of this overlay.
    pub fn context(&self) -> Context {
        match self {
            TrustOverlay::Copy(_) => Context::CopyMenu,
            TrustOverlay::Export(_) => Context::ExportPrompt,
            TrustOverlay::Profiles(_) => Context::ProfileSwitcher,
        }
    }
}

/// A side effect of the trust features, performed by the effects runner.
#[derive(Debug, Clone, PartialEq)]
pub enum TrustCommand {
    /// Write these bytes (an OSC 52 clipboard sequence, already wrapped for tmux or screen) to
    /// the terminal between two frames.
    WriteToTerminal { bytes: Vec<u8> },
    /// Write an exported contact to `path` (mode 0600); unless `replace`, an existing file is
    /// left alone and reported as `TrustMsg::ExportExists`.
    Export {
        path: PathBuf,
        contents: String,
        replace: bool,
    },
    /// Resolve a profile (config, token sources — which may run a command or ask the keyring)
    /// off the UI thread; answered by `TrustMsg::ProfileReady` or `TrustMsg::ProfileFailed`.
    ResolveProfile { name: String },
    /// From now on send requests, save recents and cache contacts as this profile.
    UseProfile(Box<ProfileSession>),
}

/// The outcome of a trust side effect.
#[derive(Debug, Clone, PartialEq)]
pub enum TrustMsg {
    /// The export was written.
    Exported { path: PathBuf },
    /// The export's file exists already: nothing was written.
    ExportExists { path: PathBuf, contents: String },
    /// A profile was resolved and is ready to use.
    ProfileReady(Box<ProfileSession>),
    /// A profile could not be resolved (bad config, no token source answered…).
    ProfileFailed { name: String, error: String },
}

/// Actions the trust features own (dispatched to [`App::on_trust_action`]).
pub fn is_trust_action(action: Action) -> bool {
    matches!(
        action,
        Action::Copy
            | Action::CopyAll
            | Action::Export
            | Action::TogglePrivacy
            | Action::SwitchProfile
    )
}

impl App {
    /// A trust action from a screen (not from one of the trust overlays).
    pub(crate) fn on_trust_action(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::TogglePrivacy => {
                self.privacy = !self.privacy;
                let state = if self.privacy {
                    "on: emails, phones and addresses are masked"
                } else {
                    "off"
                };
                self.notice = Some(Notice::Info(format!("privacy mode {state}")));
                Vec::new()
            }
            Action::SwitchProfile => self.open_profile_switcher(),
            Action::Copy | Action::CopyAll | Action::Export => {
                let Screen::Contact(screen) = self.top() else {
                    return Vec::new();
                };
                let contact = screen.contact.clone();
                match action {
                    Action::Copy => {
                        self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Copy(
                            crate::tui::overlays::copy_menu::CopyMenu::for_contact(&contact),
                        ))));
                        Vec::new()
                    }
                    Action::CopyAll => self.copy_text(
                        "the whole contact",
                        &crate::tui::overlays::copy_menu::as_text(&contact),
                    ),
                    _ => {
                        let prompt = crate::tui::overlays::export::ExportPrompt::new(
                            &contact,
                            &self.trust.export_dir,
                        );
                        self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Export(
                            Box::new(prompt),
                        ))));
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        }
    }

    /// A key while a trust overlay is open.
    pub(crate) fn on_trust_overlay_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(Overlay::Trust(overlay)) = self.overlay.take() else {
            return Vec::new();
        };
        match *overlay {
            TrustOverlay::Copy(menu) => self.on_copy_menu_key(menu, key),
            TrustOverlay::Export(prompt) => self.on_export_key(*prompt, key),
            TrustOverlay::Profiles(switcher) => self.on_switcher_key(switcher, key),
        }
    }

    /// Pasted text: into the export prompt's file name; the other overlays take none.
    pub(crate) fn on_trust_paste(&mut self, text: &str) {
        if let Some(Overlay::Trust(overlay)) = &mut self.overlay
            && let TrustOverlay::Export(prompt) = overlay.as_mut()
        {
            crate::tui::widgets::text_input::paste(&mut prompt.path, text);
            prompt.path_edited = true;
            prompt.confirm_replace = None;
            prompt.problem = None;
        }
    }

    /// The outcome of a trust side effect.
    pub(crate) fn on_trust_msg(&mut self, msg: TrustMsg) -> Vec<Command> {
        match msg {
            TrustMsg::Exported { path } => {
                self.notice = Some(Notice::Info(format!("exported to {}", path.display())));
                Vec::new()
            }
            TrustMsg::ExportExists { path, contents } => {
                self.reopen_export_to_replace(path, contents);
                Vec::new()
            }
            TrustMsg::ProfileReady(session) => self.use_profile(session),
            TrustMsg::ProfileFailed { name, error } => {
                if self.trust.switching.as_deref() == Some(name.as_str()) {
                    self.trust.switching = None;
                }
                self.notice = Some(Notice::Error(format!(
                    "cannot switch to profile {name}: {error}"
                )));
                Vec::new()
            }
        }
    }
}
