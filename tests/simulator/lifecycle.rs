//! The simulator's life: data kept across a restart with `--state`, the test-only faults and counters
//! of `--control`, and `genius serve` as a real process that prints where it listens and stops
//! cleanly on SIGTERM.

use std::time::Duration;

use genius::api::{ApiError, ApiToken, Client, ClientConfig, ErrorKind, Identifier, NewContact};
use genius::sim::DEMO_TOKEN;
use reqwest::Method;
use serde_json::{Value, json};

use super::{call, start, start_with, wait_until};

#[tokio::test]
async fn the_state_file_keeps_changes_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("sim-state.json");
    let first = start_with(|o| o.state = Some(state.clone())).await;
    assert!(state.exists(), "the seed is written at start");
    let created = call(Method::POST, "/api/contact")
        .json(&json!({"name": "Persistent Person", "phone": "+1 555 222 3333", "note": "kept"}))
        .send(&first)
        .await;
    let uid = created.data()["uid"].as_str().unwrap().to_string();
    call(Method::DELETE, "/api/contact?uid=XYZ67890")
        .send(&first)
        .await;
    first.shutdown().await;

    let second = start_with(|o| o.state = Some(state.clone())).await;
    let again = call(Method::GET, &format!("/api/contact?uid={uid}"))
        .send(&second)
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.data()["lastName"], "Person");
    assert!(again.data()["notes"].as_str().unwrap().ends_with(" kept"));
    let deleted = call(Method::GET, "/api/contact?uid=XYZ67890")
        .send(&second)
        .await;
    assert_eq!(deleted.status, 404);
    second.shutdown().await;

    // Without --state, a restart starts from the demo again.
    let fresh = start().await;
    assert_eq!(
        call(Method::GET, "/api/contact?uid=XYZ67890")
            .send(&fresh)
            .await
            .status,
        200
    );
    fresh.shutdown().await;
}

#[tokio::test]
async fn a_data_file_replaces_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("accounts.json");
    let file = json!({"accounts": [{
        "token": "t-1", "plan": "Business", "name": "Tiny", "timeZone": "Europe/Lisbon",
        "stages": ["Open"], "qualities": ["Good"], "team": [{"email": "me@tiny.pt", "name": "Eu"}],
        "contacts": [{"uid": "TINY0001", "firstName": "Inês", "lastName": "Sousa", "phone": "+351 912 345 678",
                      "notes": [["2025-07-01T09:00:00Z", "Olá"]],
                      "created": "2025-01-01T00:00:00Z", "lastUpdate": "2025-07-01T09:00:00Z"}]
    }]});
    std::fs::write(&data, file.to_string()).unwrap();
    let sim = start_with(|o| o.data = Some(data.clone())).await;
    let answer = call(Method::GET, "/api/contact?uid=TINY0001")
        .token(Some("t-1"))
        .send(&sim)
        .await;
    assert_eq!(
        answer.data()["notes"],
        "2025-07-01 10:00 Olá",
        "Lisbon summer time"
    );
    assert_eq!(answer.data()["ownerName"], Value::Null);
    let demo = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    assert_eq!(demo.error_code(), "AUTH_ERROR");
    sim.shutdown().await;
    std::fs::write(&data, "{\"accounts\": [").unwrap();
    let error = genius::sim::spawn(genius::sim::SimOptions {
        data: Some(data.clone()),
        ..genius::sim::SimOptions::demo()
    })
    .await
    .unwrap_err();
    assert!(format!("{error:#}").contains("accounts.json"), "{error:#}");
}

async fn set_fault(sim: &genius::sim::RunningSimulator, fault: Value) {
    let answer = call(Method::POST, "/__sim/fault")
        .token(None)
        .json(&fault)
        .send(sim)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
}

async fn stats(sim: &genius::sim::RunningSimulator) -> Value {
    call(Method::GET, "/__sim/stats")
        .token(None)
        .send(sim)
        .await
        .json
}

#[tokio::test]
async fn control_endpoints_exist_only_when_enabled() {
    let sim = start().await;
    let answer = call(Method::GET, "/__sim/stats")
        .token(None)
        .send(&sim)
        .await;
    assert_eq!(answer.status, 404);
    sim.shutdown().await;
}

#[tokio::test]
async fn faults_make_the_server_fail_the_way_real_ones_do() {
    let sim = start_with(|o| o.control = true).await;
    let mut config = ClientConfig::new(sim.base_url(), ApiToken::new(DEMO_TOKEN));
    config.request_timeout = Duration::from_millis(400);
    let client = Client::new(config).unwrap();
    let john = Identifier::Uid("ABC12345".into());

    set_fault(&sim, json!({"mode": "error500"})).await;
    let error = client.get(&john).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Server);
    assert_eq!(error.status(), Some(500));

    set_fault(&sim, json!({"mode": "html502"})).await;
    let error = client.get(&john).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::NotJson {
            status: 502,
            reason: "Bad Gateway".into()
        }
    );

    // Writes only: lookups still work while writes hang.
    set_fault(&sim, json!({"mode": "hang", "writes_only": true})).await;
    client.get(&john).await.expect("reads are not affected");
    let before = stats(&sim).await["requests"].as_u64().unwrap();
    let new = NewContact {
        name: Some("Hung Write".into()),
        phone: Some("+1 555 404 0000".into()),
        ..NewContact::default()
    };
    let error = client.create(&new).await.unwrap_err();
    assert!(error.maybe_applied(), "{error}");
    assert!(matches!(error, ApiError::Timeout { .. }));
    wait_until("the hung create to be counted", || async {
        stats(&sim).await["requests"].as_u64().unwrap() > before
    })
    .await;
    assert_eq!(
        stats(&sim).await["requests"].as_u64().unwrap(),
        before + 1,
        "a create is never retried"
    );

    // The client gave up and closed the connection: the hung create is dropped, never applied.
    wait_until("the abandoned request to be dropped", || async {
        stats(&sim).await["hanging"] == 0
    })
    .await;
    set_fault(&sim, json!({"mode": "none"})).await;
    client.get(&john).await.expect("answers again");
    let never = call(Method::GET, "/api/contact?phone=%2B1%20555%20404%200000")
        .send(&sim)
        .await;
    assert_eq!(never.status, 404, "the abandoned create was not applied");
    let bad = call(Method::POST, "/__sim/fault")
        .token(None)
        .json(&json!({"mode": "explode"}))
        .send(&sim)
        .await;
    assert_eq!((bad.status, bad.error_code()), (400, "BAD_REQUEST"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_hanging_request_is_released_at_shutdown() {
    let sim = start_with(|o| o.control = true).await;
    set_fault(&sim, json!({"mode": "hang"})).await;
    let url = format!("{}/api/contact?uid=ABC12345", sim.base_url());
    let pending = tokio::spawn(async move {
        super::http_client()
            .get(url)
            .bearer_auth(DEMO_TOKEN)
            .send()
            .await
            .map(|r| r.status().as_u16())
    });
    let base = sim.base_url();
    wait_until("the request to hang", || {
        let base = base.clone();
        async move {
            let stats: Value = super::http_client()
                .get(format!("{base}/__sim/stats"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            stats["hanging"].as_u64() == Some(1)
        }
    })
    .await;
    tokio::time::timeout(Duration::from_secs(10), sim.shutdown())
        .await
        .expect("shutdown is not blocked");
    let answered = tokio::time::timeout(Duration::from_secs(10), pending)
        .await
        .expect("released")
        .unwrap();
    assert!(matches!(answered, Ok(503) | Err(_)), "{answered:?}");
}

#[tokio::test]
async fn a_hanging_request_is_served_once_the_fault_is_cleared() {
    let sim = start_with(|o| o.control = true).await;
    set_fault(&sim, json!({"mode": "hang"})).await;
    let url = format!("{}/api/contact?uid=ABC12345", sim.base_url());
    let mut pending = tokio::spawn(async move {
        let response = super::http_client()
            .get(url)
            .bearer_auth(DEMO_TOKEN)
            .send()
            .await?;
        let status = response.status().as_u16();
        response.json::<Value>().await.map(|body| (status, body))
    });
    wait_until("the request to hang", || async {
        stats(&sim).await["hanging"].as_u64() == Some(1)
    })
    .await;
    assert!(
        tokio::time::timeout(Duration::from_millis(50), &mut pending)
            .await
            .is_err(),
        "no answer while the fault holds"
    );
    set_fault(&sim, json!({"mode": "none"})).await;
    let (status, body) = tokio::time::timeout(Duration::from_secs(10), pending)
        .await
        .expect("released")
        .unwrap()
        .unwrap();
    assert_eq!((status, &body["data"]["uid"]), (200, &json!("ABC12345")));
    sim.shutdown().await;
}

#[tokio::test]
async fn stats_count_requests_and_rate_limited_ones() {
    let sim = start_with(|o| {
        o.control = true;
        o.rate_limit = Some(1);
    })
    .await;
    for _ in 0..3 {
        call(Method::GET, "/api/contact?uid=ABC12345")
            .send(&sim)
            .await;
    }
    let stats = stats(&sim).await;
    let contacts = genius::sim::demo::AccountFile::demo().unwrap().accounts[0]
        .contacts
        .len();
    assert_eq!(
        stats,
        json!({"contacts": contacts, "requests": 3, "rate_limited": 2, "hanging": 0})
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn genius_serve_prints_where_it_listens_and_stops_on_sigterm() {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--control",
            "--rate-limit",
            "50",
        ])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("genius starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("a line within 20 s")
        .unwrap()
        .expect("a first line");
    let base = line
        .strip_prefix("listening on http://127.0.0.1:")
        .map(|port| {
            assert!(
                port.parse::<u16>().is_ok_and(|p| p != 0),
                "a real port: {line}"
            );
            line.trim_start_matches("listening on ").to_string()
        });
    let base = base.unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    let answer = super::http_client()
        .get(format!("{base}/api/contact?uid=ABC12345"))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(answer.headers()["x-ratelimit-limit"], "50");
    let pid = child.id().expect("running").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("it stops within 10 s")
        .unwrap();
    assert!(status.success(), "a clean exit on SIGTERM: {status:?}");
}
