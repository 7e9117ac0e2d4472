//! The profile switcher (`P`): the config file's profiles, the active one marked. Choosing another
//! resolves it off the UI thread (its token may come from a command or the keyring); once ready,
//! the app starts over on that profile's start screen with its own recents, cache, accent and
//! read-only switch, and the effects runner sends with its client from then on.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::command::Command;
use crate::tui::app::trust::{ProfileSession, TrustCommand, TrustOverlay};
use crate::tui::app::{App, Notice, Overlay, Screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::home::HomeScreen;

/// The switcher's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProfileSwitcher {
    /// The highlighted row of `TrustState::profiles`.
    pub selected: usize,
}

impl App {
    pub(crate) fn open_profile_switcher(&mut self) -> Vec<Command> {
        if self.trust.profiles.is_empty() {
            self.notice = Some(Notice::Error(
                "the config file has no profiles (`genius config init` writes an example)".into(),
            ));
            return Vec::new();
        }
        let selected = self
            .trust
            .profiles
            .iter()
            .position(|p| Some(&p.name) == self.trust.profile.as_ref())
            .unwrap_or(0);
        self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Profiles(
            ProfileSwitcher { selected },
        ))));
        Vec::new()
    }

    pub(crate) fn on_switcher_key(
        &mut self,
        mut switcher: ProfileSwitcher,
        key: KeyEvent,
    ) -> Vec<Command> {
        let count = self.trust.profiles.len();
        match self
            .keymap
            .resolve(&[Context::ProfileSwitcher, Context::Anywhere], &key)
        {
            Some(Action::CloseOverlay) => return Vec::new(),
            Some(Action::Submit) => return self.switch_to(switcher.selected),
            Some(Action::Down) => {
                switcher.selected = (switcher.selected + 1).min(count.saturating_sub(1))
            }
            Some(Action::Up) => switcher.selected = switcher.selected.saturating_sub(1),
            Some(action @ (Action::ForceQuit | Action::Suspend)) => {
                self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Profiles(switcher))));
                return self.on_action(action);
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Profiles(switcher))));
        Vec::new()
    }

    fn switch_to(&mut self, row: usize) -> Vec<Command> {
        let Some(entry) = self.trust.profiles.get(row) else {
            return Vec::new();
        };
        let name = entry.name.clone();
        if self.trust.profile.as_deref() == Some(name.as_str()) {
            self.notice = Some(Notice::Info(format!("already on profile {name}")));
            return Vec::new();
        }
        let mut commands = self.cancel_all_requests();
        tracing::info!(profile = %name, "switching profile");
        self.trust.switching = Some(name.clone());
        self.notice = Some(Notice::Info(format!("switching to profile {name}…")));
        commands.push(Command::Trust(TrustCommand::ResolveProfile { name }));
        commands
    }

    /// Forgets every request in flight (their answers belong to the profile being left).
    fn cancel_all_requests(&mut self) -> Vec<Command> {
        let ids: Vec<_> = self.requests.in_flight.iter().map(|r| r.id).collect();
        ids.into_iter()
            .filter_map(|id| self.requests.finish(id).map(|_| Command::Cancel { id }))
            .collect()
    }

    /// A resolved profile becomes the active one: its start screen, recents, cache, look and
    /// read-only switch; the effects runner is told to use it.
    pub(crate) fn use_profile(&mut self, session: Box<ProfileSession>) -> Vec<Command> {
        if self.trust.switching.as_deref() != Some(session.name.as_str()) {
            // The user chose something else meanwhile: this one is no longer wanted.
            return Vec::new();
        }
        let mut commands = self.cancel_all_requests();
        self.trust.switching = None;
        self.trust.profile = Some(session.name.clone());
        self.work.read_only = session.read_only;
        self.cache_enabled = session.cache_enabled;
        self.cache = session.cached.clone();
        self.theme = session.theme.clone();
        self.account_label = session.account_label.clone();
        self.recents = session.recents.clone();
        self.work.vocabulary = session.vocabulary.clone();
        self.work.profile = Some(session.name.clone());
        self.work.drafts = session.drafts.clone();
        // The profile's unsent drafts are offered back, as at start-up.
        self.overlay = (!session.drafts.is_empty()).then(|| {
            Overlay::Work(Box::new(crate::tui::app::work::WorkOverlay::Drafts {
                selected: 0,
                discarding: false,
            }))
        });
        self.screens = vec![if session.client.is_some() {
            Screen::Home(HomeScreen::default())
        } else {
            Screen::Setup
        }];
        let read_only = if session.read_only {
            " (read-only)"
        } else {
            ""
        };
        self.notice = Some(Notice::Info(format!(
            "now on profile {}{read_only}",
            session.name
        )));
        commands.push(Command::Trust(TrustCommand::UseProfile(session)));
        commands
    }
}
