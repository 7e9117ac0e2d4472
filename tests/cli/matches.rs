//! What the reference documents, through the real binary: an email several contacts share answers
//! summaries (uid, email, phone, name), which `get` shows as such and exports by fetching each by
//! uid; every time `get` prints is in the user's zone and says so; and a contact without the
//! undocumented `ownerName` and `birthday` still shows its owner (from the profile's team, else the
//! email).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::{Genius, Sim};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_matches_are_the_reference_summaries_and_get_shows_what_they_have() {
    let sim = Sim::start(None).await;
    let listed = sim.data("email=john@example.com").await;
    let keys: Vec<Vec<&str>> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| {
            item.as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect()
        })
        .collect();
    let documented = ["uid", "email", "phone", "firstName", "lastName"];
    assert_eq!(keys, [documented, documented]);

    let table = sim.genius(&["get", "--email", "john@example.com"]).await;
    table.expect_code(0);
    assert_eq!(
        table.stdout,
        "UID       NAME        EMAIL             PHONE\n\
         ABC12345  John Doe    john@example.com  +15551234567\n\
         XYZ67890  John Smith  john@example.com  +15559876543\n"
    );

    // An export of the shared email is of whole contacts: each fetched by its uid.
    let before = sim.stats().await["requests"].as_u64().unwrap_or(0);
    let exported = sim
        .genius(&["get", "--email", "john@example.com", "--format", "csv"])
        .await;
    exported.expect_code(0);
    let mut rows = csv::Reader::from_reader(exported.stdout.as_bytes());
    let header = rows.headers().expect("a header").clone();
    let stage = header
        .iter()
        .position(|h| h == "stageName")
        .unwrap_or_else(|| panic!("a stage column in {header:?}"));
    let stages: Vec<String> = rows
        .records()
        .map(|row| row.expect("a row")[stage].to_string())
        .collect();
    assert_eq!(stages, ["New Lead", "Contacted"]);
    let after = sim.stats().await["requests"].as_u64().unwrap_or(0);
    assert_eq!(
        after - before,
        3,
        "one lookup, then one GET by uid per match"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_shows_every_time_in_the_users_zone_and_says_which() {
    let sim = Sim::start(None).await;
    // The notes were written at 09:35 and 10:46 in São Paulo; created/updated are UTC.
    let in_utc = Genius::new(&sim.url)
        .env("TZ", Some("UTC"))
        .run(&["get", "--uid", "ABC12345"])
        .await;
    in_utc.expect_code(0);
    for line in [
        "\ncreated    2024-01-15 10:30\n",
        "\nupdated    2024-01-15 14:20\n",
        "\ntimes      UTC, this computer's time zone\n",
        "\nnotes\n  2025-08-12 12:35 Talked to lead",
        "\n  2025-08-14 13:46 Called as requested",
    ] {
        assert!(
            in_utc.stdout.contains(line),
            "{line:?} in\n{}",
            in_utc.stdout
        );
    }
    let in_sao_paulo = sim.genius(&["get", "--uid", "ABC12345"]).await;
    for line in [
        "\ncreated    2024-01-15 07:30\n",
        "\ntimes      UTC-3, this computer's time zone\n",
        "\nnotes\n  2025-08-12 09:35 Talked to lead",
    ] {
        assert!(
            in_sao_paulo.stdout.contains(line),
            "{line:?} in\n{}",
            in_sao_paulo.stdout
        );
    }
    // --json keeps the API's own strings.
    let json = Genius::new(&sim.url)
        .env("TZ", Some("UTC"))
        .run(&["get", "--uid", "ABC12345", "--json"])
        .await;
    assert_eq!(json.json()["created"], "2024-01-15T10:30:00Z");
    assert!(
        json.json()["notes"]
            .as_str()
            .is_some_and(|n| n.starts_with("2025-08-12 09:35 "))
    );
}

/// A server that answers every request with `body` (status 200) and counts nothing: the shape of
/// a real server that sends only what the reference shows.
async fn answering(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut chunk = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                }
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_without_the_undocumented_owner_name_is_named_from_the_team_or_by_email() {
    let contact = serde_json::json!({
        "uid": "ABC12345", "email": "john@example.com", "phone": "+15551234567",
        "firstName": "John", "lastName": "Doe", "ownerEmail": "gus@yourcompany.com",
        "created": "2024-01-15T10:30:00Z", "lastUpdate": "2024-01-15T14:20:00Z"
    });
    let body = serde_json::json!({
        "success": true, "message": "Contact retrieved successfully", "data": contact
    })
    .to_string();
    let url = answering(body).await;

    let bare = Genius::new(&url).run(&["get", "--uid", "ABC12345"]).await;
    bare.expect_code(0);
    assert!(
        bare.stdout.contains("\nowner      gus@yourcompany.com\n"),
        "{}",
        bare.stdout
    );
    assert!(!bare.stdout.contains("birthday"), "{}", bare.stdout);

    let config = tempfile::tempdir().expect("config dir");
    std::fs::write(
        config.path().join("config.toml"),
        format!(
            "[profiles.acme]\nbase_url = \"{url}\"\naccount_time_zone = \"UTC\"\n\
             team = [{{ email = \"gus@yourcompany.com\", name = \"Gus Souza\" }}]\n"
        ),
    )
    .expect("config");
    let with_team = Genius::new(&url)
        .env("GENIUS_CONFIG_DIR", config.path().to_str())
        .run(&["get", "--uid", "ABC12345"])
        .await;
    with_team.expect_code(0);
    assert!(
        with_team
            .stdout
            .contains("\nowner      Gus Souza <gus@yourcompany.com>\n"),
        "{}",
        with_team.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_account_time_zone_is_named_with_its_key() {
    let config = tempfile::tempdir().expect("config dir");
    std::fs::write(
        config.path().join("config.toml"),
        "[profiles.acme]\naccount_time_zone = \"Brazil time\"\n",
    )
    .expect("config");
    let run = Genius::new("http://127.0.0.1:9")
        .env("GENIUS_CONFIG_DIR", config.path().to_str())
        .run(&["get", "--uid", "ABC12345"])
        .await;
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("[profiles.acme] account_time_zone: \"Brazil time\" is not a time zone"),
        "{}",
        run.stderr
    );
}
