//! The note order (`O`) as a preference of the profile: a contact opens in the order last
//! chosen on that profile, and each change is kept on disk (`Command::SaveNoteOrder`).

use crate::tui::app::{App, Command};

impl App {
    /// The profile the preference is kept under.
    fn note_order_profile(&self) -> String {
        self.account
            .profile
            .clone()
            .unwrap_or_else(|| crate::config::UNNAMED_PROFILE.to_string())
    }

    /// True unless this profile last chose to read notes oldest first.
    pub(crate) fn notes_newest_first(&self) -> bool {
        !self
            .oldest_first_profiles
            .contains(&self.note_order_profile())
    }

    /// `O` was pressed on a contact: remember the order now shown, for this profile.
    pub(crate) fn note_order_chosen(&mut self, newest_first: bool) -> Vec<Command> {
        let profile = self.note_order_profile();
        let changed = if newest_first {
            self.oldest_first_profiles.remove(&profile)
        } else {
            self.oldest_first_profiles.insert(profile)
        };
        if !changed {
            return Vec::new();
        }
        vec![Command::SaveNoteOrder {
            oldest_first: self.oldest_first_profiles.iter().cloned().collect(),
        }]
    }
}
