//! The OS keyring as a token store, behind a small trait so tests can use a fake (absent, hanging,
//! in-memory). Every call goes through [`TimeBoxed`]: it runs on its own thread and is abandoned
//! after a deadline, because an SSH box often has no keyring daemon and a D-Bus call to a missing
//! one can block for a long time — start-up must never wait on it.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// The keyring's service name; the account is the profile's name.
pub const KEYRING_SERVICE: &str = "genius";

/// The default deadline of one keyring call.
pub const KEYRING_TIMEOUT: Duration = Duration::from_millis(1500);

/// Why the keyring could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// No keyring on this machine, or it refused access.
    #[error("no keyring is reachable: {0}")]
    Unavailable(String),
    /// The keyring did not answer in time; the call was abandoned.
    #[error("the keyring did not answer within {} ms", .0.as_millis())]
    TimedOut(Duration),
}

/// A place that keeps one secret per account name.
pub trait SecretStore: Send + Sync {
    /// The secret of `account`, or `None` when there is none.
    fn get(&self, account: &str) -> Result<Option<String>, KeyringError>;
    /// Stores (or replaces) the secret of `account`.
    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError>;
    /// Removes the secret of `account`; true when there was one.
    fn delete(&self, account: &str) -> Result<bool, KeyringError>;
}

/// The platform keyring through the `keyring` crate (Linux: the kernel's keyutils, no daemon or
/// system library needed; macOS: Keychain; Windows: Credential Manager).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

fn entry(account: &str) -> Result<keyring::Entry, KeyringError> {
    keyring::Entry::new(KEYRING_SERVICE, account).map_err(|error| describe(&error))
}

fn describe(error: &keyring::Error) -> KeyringError {
    KeyringError::Unavailable(error.to_string())
}

impl SecretStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<String>, KeyringError> {
        match entry(account)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(describe(&error)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError> {
        entry(account)?
            .set_password(secret)
            .map_err(|error| describe(&error))
    }

    fn delete(&self, account: &str) -> Result<bool, KeyringError> {
        match entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(describe(&error)),
        }
    }
}

/// No keyring at all (`GENIUS_KEYRING=off`, or a platform without one).
#[derive(Debug, Clone)]
pub struct NoKeyring {
    /// Why there is none, for `genius doctor`.
    pub reason: String,
}

impl SecretStore for NoKeyring {
    fn get(&self, _account: &str) -> Result<Option<String>, KeyringError> {
        Err(KeyringError::Unavailable(self.reason.clone()))
    }
    fn set(&self, _account: &str, _secret: &str) -> Result<(), KeyringError> {
        Err(KeyringError::Unavailable(self.reason.clone()))
    }
    fn delete(&self, _account: &str) -> Result<bool, KeyringError> {
        Err(KeyringError::Unavailable(self.reason.clone()))
    }
}

/// The store this environment should use: none when `GENIUS_KEYRING` is `off`/`0`/`false`,
/// else the OS keyring.
pub fn store_for_environment() -> Arc<dyn SecretStore> {
    let setting = std::env::var("GENIUS_KEYRING").unwrap_or_default();
    if matches!(
        setting.trim().to_ascii_lowercase().as_str(),
        "off" | "0" | "false" | "no"
    ) {
        Arc::new(NoKeyring {
            reason: "turned off by GENIUS_KEYRING".to_string(),
        })
    } else {
        Arc::new(OsKeyring)
    }
}

/// A store whose every call is abandoned after `timeout`, so a hanging keyring costs at most that.
#[derive(Clone)]
pub struct TimeBoxed {
    inner: Arc<dyn SecretStore>,
    timeout: Duration,
}

impl TimeBoxed {
    /// Wraps `inner` with a deadline per call.
    pub fn new(inner: Arc<dyn SecretStore>, timeout: Duration) -> Self {
        TimeBoxed { inner, timeout }
    }

    fn run<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn SecretStore) -> Result<T, KeyringError> + Send + 'static,
    ) -> Result<T, KeyringError> {
        let (sender, receiver) = mpsc::sync_channel(1);
        let inner = Arc::clone(&self.inner);
        // A detached thread: if the keyring hangs, the thread is left behind rather than the caller.
        let spawned = std::thread::Builder::new()
            .name("genius-keyring".to_string())
            .spawn(move || {
                let _ = sender.send(call(inner.as_ref()));
            });
        if let Err(error) = spawned {
            return Err(KeyringError::Unavailable(format!(
                "could not start a thread: {error}"
            )));
        }
        match receiver.recv_timeout(self.timeout) {
            Ok(outcome) => outcome,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(KeyringError::TimedOut(self.timeout)),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(KeyringError::Unavailable(
                "the keyring call failed".to_string(),
            )),
        }
    }

    /// [`SecretStore::get`] within the deadline.
    pub fn get(&self, account: &str) -> Result<Option<String>, KeyringError> {
        let account = account.to_string();
        self.run(move |store| store.get(&account))
    }

    /// [`SecretStore::set`] within the deadline.
    pub fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError> {
        let account = account.to_string();
        let secret = secret.to_string();
        self.run(move |store| store.set(&account, &secret))
    }

    /// [`SecretStore::delete`] within the deadline.
    pub fn delete(&self, account: &str) -> Result<bool, KeyringError> {
        let account = account.to_string();
        self.run(move |store| store.delete(&account))
    }
}
