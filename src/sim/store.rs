//! The simulator's data: every account of the loaded file, in memory behind one lock, and — with
//! `--state FILE` — written back atomically (0600, temp file + rename) after each change.
//! The file format is documented in `demo.rs`.

use std::path::{Path, PathBuf};

use super::demo::{Account, AccountFile, Plan};
use super::reply::SimError;

/// All accounts, plus where to save them.
#[derive(Debug)]
pub struct Store {
    file: AccountFile,
    state_path: Option<PathBuf>,
    rng: fastrand::Rng,
}

impl Store {
    /// Loads the state file if it exists, else the data file (or the embedded demo).
    pub fn open(data: Option<&Path>, state: Option<&Path>) -> anyhow::Result<Store> {
        let file = match (state.filter(|path| path.exists()), data) {
            (Some(saved), _) => AccountFile::load(saved)?,
            (None, Some(data)) => AccountFile::load(data)?,
            (None, None) => AccountFile::demo()?,
        };
        let store = Store {
            file,
            state_path: state.map(Path::to_path_buf),
            rng: fastrand::Rng::new(),
        };
        // Write the seed at once, so the state file exists from the first run on.
        if store.state_path.as_ref().is_some_and(|path| !path.exists()) {
            store.save().map_err(|e| anyhow::anyhow!(e.message))?;
        }
        Ok(store)
    }

    /// The account a token opens, with its plan.
    pub fn account_for_token(&self, token: &str) -> Option<(usize, Plan)> {
        self.file
            .accounts
            .iter()
            .position(|account| account.token == token)
            .map(|index| (index, self.file.accounts[index].plan))
    }

    /// An account by index (from [`Store::account_for_token`]).
    pub fn account(&self, index: usize) -> &Account {
        &self.file.accounts[index]
    }

    /// An account by index, for changing.
    pub fn account_mut(&mut self, index: usize) -> &mut Account {
        &mut self.file.accounts[index]
    }

    /// The number of contacts of the account a token opens.
    pub fn contact_count(&self, token: &str) -> Option<usize> {
        self.account_for_token(token)
            .map(|(index, _)| self.account(index).contacts.len())
    }

    /// A fresh uid for `account`: 8 characters of A–Z and 0–9, unused in the account.
    pub fn new_uid(&mut self, account: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        loop {
            let uid: String = (0..8)
                .map(|_| char::from(ALPHABET[self.rng.usize(..ALPHABET.len())]))
                .collect();
            let taken = self.file.accounts[account]
                .contacts
                .iter()
                .any(|contact| contact.uid == uid);
            if !taken {
                return uid;
            }
        }
    }

    /// Writes every account to the state file, when there is one. Called after each change.
    pub fn save(&self) -> Result<(), SimError> {
        let Some(path) = &self.state_path else {
            return Ok(());
        };
        let failed = |error: String| {
            tracing::error!(path = %path.display(), %error, "cannot save the simulator state");
            SimError::server_error(format!(
                "the change was made but the simulator could not save its state file: {error}"
            ))
        };
        let bytes = self.file.to_json().map_err(|e| failed(e.to_string()))?;
        crate::paths::write_private_file(path, &bytes).map_err(|e| failed(e.to_string()))
    }
}
