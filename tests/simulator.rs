//! The Contact API over real HTTP. The simulator end to end: started in-process with
//! `genius::sim::spawn` on a free loopback port and driven over real HTTP: raw requests checking the
//! exact protocol (`http`) and what each operation does to the data (`behaviour`); the real API
//! client (`client`); the simulator's life — restarts with a state file, injected faults, `genius
//! serve` as a real process (`lifecycle`); the OpenAPI description (`openapi`); `--state` under kills
//! and compaction (`persistence`); idle connections (`connections`). And the API client against
//! servers that misbehave as real ones do (`bad_servers`).
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "simulator/bad_servers.rs"]
mod bad_servers;
#[path = "simulator/behaviour.rs"]
mod behaviour;
#[path = "simulator/client.rs"]
mod client;
#[path = "simulator/connections.rs"]
mod connections;
#[path = "simulator/http.rs"]
mod http;
#[path = "simulator/lifecycle.rs"]
mod lifecycle;
#[path = "simulator/openapi.rs"]
mod openapi;
#[path = "simulator/persistence.rs"]
mod persistence;

use std::time::{Duration, Instant};

use genius::sim::{self, RunningSimulator, SimOptions};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// The notes of the reference's "Get Contact" example, as the demo's ABC12345 carries them.
pub const JOHN_DOE_NOTES: &str = "2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n2025-08-14 10:46 Called as requested and sent the prices.";

/// Starts the embedded demo with the given tweaks.
pub async fn start_with(configure: impl FnOnce(&mut SimOptions)) -> RunningSimulator {
    let mut options = SimOptions::demo();
    configure(&mut options);
    sim::spawn(options).await.expect("the simulator starts")
}

/// Starts the embedded demo as `genius demo` does.
pub async fn start() -> RunningSimulator {
    start_with(|_| {}).await
}

/// One answer, decoded.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Answer {
    /// The error envelope's `code`, asserting the envelope's shape.
    pub fn error_code(&self) -> &str {
        assert_eq!(
            self.json["success"], false,
            "not an error envelope: {}",
            self.text
        );
        assert!(
            self.json["error"].is_string(),
            "no error message: {}",
            self.text
        );
        self.json["code"].as_str().expect("an error code")
    }

    /// The error envelope's message.
    pub fn error_message(&self) -> &str {
        self.json["error"].as_str().expect("an error message")
    }

    /// The success envelope's `data`, asserting the envelope's shape.
    pub fn data(&self) -> &Value {
        assert_eq!(self.json["success"], true, "not a success: {}", self.text);
        assert!(
            self.json["message"].is_string(),
            "no message: {}",
            self.text
        );
        &self.json["data"]
    }
}

/// A request to build and send.
pub struct Call {
    pub method: Method,
    pub path: String,
    pub token: Option<String>,
    pub body: Option<String>,
    pub content_type: Option<&'static str>,
}

/// A request with the demo token and no body.
pub fn call(method: Method, path: &str) -> Call {
    Call {
        method,
        path: path.to_string(),
        token: Some(sim::DEMO_TOKEN.to_string()),
        body: None,
        content_type: None,
    }
}

impl Call {
    /// With this JSON body (Content-Type: application/json).
    pub fn json(mut self, body: &Value) -> Self {
        self.body = Some(body.to_string());
        self.content_type = Some("application/json");
        self
    }

    /// With this raw body and content type.
    pub fn raw(mut self, body: &str, content_type: Option<&'static str>) -> Self {
        self.body = Some(body.to_string());
        self.content_type = content_type;
        self
    }

    /// With another token (or none).
    pub fn token(mut self, token: Option<&str>) -> Self {
        self.token = token.map(str::to_string);
        self
    }

    /// Sends it to `sim` and reads the whole answer.
    pub async fn send(self, sim: &RunningSimulator) -> Answer {
        let http = http_client();
        let mut request = http.request(self.method, format!("{}{}", sim.base_url(), self.path));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(kind) = self.content_type {
            request = request.header("content-type", kind);
        }
        if let Some(body) = self.body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the simulator answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            text,
            json,
        }
    }
}

/// A plain HTTP client. reqwest is built without a default TLS crypto provider (the app installs ring
/// when it builds its API client), so install it here too, whichever test runs first.
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// Waits until `condition` holds, polling every 20 ms, for at most 10 s.
pub async fn wait_until<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
