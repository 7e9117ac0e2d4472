//! Helpers of the account tests: config files in temporary directories and the run configuration
//! naming them, fake keyrings, and a tiny stand-in for the Contact API that accepts one token.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use genius::config::keyring::{KeyringError, SecretStore};
use genius::config::{RunConfig, Selection, TokenSources};

/// The token the fake API accepts.
pub const GOOD_TOKEN: &str = "tok-live-4f8a9c2e7b1d";

/// Writes `text` as `config.toml` in a new temporary directory with the given mode.
pub fn config_in_tempdir(text: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("write config");
    set_mode(&path, mode);
    (dir, path)
}

/// The run configuration of a command given `--config path` (the file read now, once).
pub fn run_config(path: &Path) -> RunConfig {
    RunConfig::read(Selection {
        config_path: Some(path.to_path_buf()),
        ..Selection::default()
    })
}

/// Sets a file's permission bits (Unix only).
pub fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// A keyring kept in memory.
#[derive(Default)]
pub struct MemoryKeyring {
    pub secrets: Mutex<HashMap<String, String>>,
}

impl MemoryKeyring {
    pub fn with(account: &str, secret: &str) -> Self {
        let keyring = MemoryKeyring::default();
        keyring
            .secrets
            .lock()
            .unwrap()
            .insert(account.to_string(), secret.to_string());
        keyring
    }
}

impl SecretStore for MemoryKeyring {
    fn get(&self, account: &str) -> Result<Option<String>, KeyringError> {
        Ok(self.secrets.lock().unwrap().get(account).cloned())
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), KeyringError> {
        self.secrets
            .lock()
            .unwrap()
            .insert(account.to_string(), secret.to_string());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<bool, KeyringError> {
        Ok(self.secrets.lock().unwrap().remove(account).is_some())
    }
}

/// A keyring that never answers in time (a D-Bus call to a daemon that is not there).
pub struct HangingKeyring;

impl SecretStore for HangingKeyring {
    fn get(&self, _account: &str) -> Result<Option<String>, KeyringError> {
        std::thread::sleep(Duration::from_secs(30));
        Ok(Some("never-seen".to_string()))
    }
    fn set(&self, _account: &str, _secret: &str) -> Result<(), KeyringError> {
        std::thread::sleep(Duration::from_secs(30));
        Ok(())
    }
    fn delete(&self, _account: &str) -> Result<bool, KeyringError> {
        std::thread::sleep(Duration::from_secs(30));
        Ok(false)
    }
}

/// No keyring at all.
pub fn absent_keyring() -> Arc<dyn SecretStore> {
    Arc::new(genius::config::keyring::NoKeyring {
        reason: "no keyring on this box".to_string(),
    })
}

/// Token sources with the given environment token and keyring, and short deadlines.
pub fn sources(env_token: Option<&str>, keyring: Arc<dyn SecretStore>) -> TokenSources {
    TokenSources {
        env_token: env_token.map(str::to_string),
        keyring,
        keyring_timeout: Duration::from_millis(300),
        command_timeout: Duration::from_secs(5),
    }
}

async fn fake_contact_api(headers: HeaderMap) -> impl IntoResponse {
    let authorised = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {GOOD_TOKEN}"));
    let mut reply = HeaderMap::new();
    reply.insert("x-ratelimit-limit", "120".parse().unwrap());
    reply.insert("x-ratelimit-remaining", "119".parse().unwrap());
    if authorised {
        (
            StatusCode::NOT_FOUND,
            reply,
            r#"{"success":false,"code":"NOT_FOUND","error":"Contact not found"}"#,
        )
    } else {
        (
            StatusCode::UNAUTHORIZED,
            reply,
            r#"{"success":false,"code":"UNAUTHORIZED","error":"Invalid token"}"#,
        )
    }
}

/// Starts the fake API on 127.0.0.1 (port 0) on `runtime`; returns its base URL.
pub fn start_fake_api(runtime: &tokio::runtime::Runtime) -> String {
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let address: SocketAddr = listener.local_addr().expect("address");
    let app = Router::new().route("/api/contact", get(fake_contact_api));
    runtime.spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{address}")
}

/// A multi-threaded runtime for servers that must keep answering while a test blocks.
pub fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}
