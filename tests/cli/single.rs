//! The one-contact commands against the demo simulator: output formats, writes, notes from stdin,
//! export, the mutt/aerc query contract, completions and the man page.

use super::Sim;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_json_prints_the_api_data_unchanged_for_jq() {
    let sim = Sim::start(None).await;
    let one = sim.genius(&["get", "--uid", "ABC12345", "--json"]).await;
    one.expect_code(0);
    assert_eq!(one.json(), sim.data("uid=ABC12345").await);
    assert_eq!(one.json()["phone"], "+15551234567");
    let many = sim
        .genius(&["get", "--email", "john@example.com", "--json"])
        .await;
    many.expect_code(0);
    assert_eq!(many.json(), sim.data("email=john@example.com").await);
    assert_eq!(many.json().as_array().map(Vec::len), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_prints_a_block_for_one_and_a_table_for_several() {
    let sim = Sim::start(None).await;
    let one = sim.genius(&["get", "--uid", "abc12345"]).await;
    one.expect_code(0);
    assert!(
        one.stdout
            .starts_with("uid        ABC12345\nname       John Doe\nemail      john@example.com\n"),
        "{}",
        one.stdout
    );
    assert!(
        one.stdout
            .contains("\nnotes\n  2025-08-12 09:35 Talked to lead")
    );
    assert!(!one.stdout.contains('\x1b'), "no colour without a terminal");
    let many = sim.genius(&["get", "--email", "john@example.com"]).await;
    many.expect_code(0);
    let lines: Vec<&str> = many.stdout.lines().collect();
    assert_eq!(lines[0], "UID       NAME        EMAIL             PHONE");
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("ABC12345  John Doe    john@example.com"));
    let card = sim
        .genius(&["get", "--uid", "ABC12345", "--format", "vcard"])
        .await;
    card.expect_code(0);
    assert!(
        card.stdout
            .starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Doe\r\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_update_and_delete_a_contact() {
    let sim = Sim::start(None).await;
    let created = sim
        .genius(&[
            "create",
            "--name",
            "Zé Lima",
            "--email",
            "ze@cli.test",
            "--phone",
            "+55 81 99999-0000",
            "--stage",
            "New Lead",
            "--tag",
            "Feira",
            "--tag",
            "VIP Customer",
            "--note",
            "met at the fair",
            "--json",
        ])
        .await;
    created.expect_code(0);
    let uid = created.json()["uid"].as_str().expect("a uid").to_string();
    let stored = sim.data(&format!("uid={uid}")).await;
    assert_eq!(stored["firstName"], "Zé");
    assert_eq!(stored["stageName"], "New Lead");
    assert_eq!(stored["tags"], serde_json::json!(["Feira", "VIP Customer"]));
    assert!(
        stored["notes"]
            .as_str()
            .unwrap_or("")
            .ends_with("met at the fair")
    );

    let updated = sim
        .genius(&[
            "update", "--uid", &uid, "--city", "Recife", "--tag", "Hot Lead",
        ])
        .await;
    updated.expect_code(0);
    assert!(
        updated.stdout.contains("address    Recife"),
        "{}",
        updated.stdout
    );
    let stored = sim.data(&format!("uid={uid}")).await;
    assert_eq!(stored["city"], "Recife");
    assert_eq!(stored["tags"].as_array().map(Vec::len), Some(3));
    sim.genius(&["update", "--uid", &uid]).await.expect_code(1);

    // Without a terminal, deleting needs --yes.
    let refused = sim.genius(&["delete", "--uid", &uid]).await;
    refused.expect_code(1);
    assert!(refused.stderr.contains("--yes"));
    sim.genius(&["delete", "--uid", &uid, "--yes"])
        .await
        .expect_code(0);
    sim.genius(&["get", "--uid", &uid]).await.expect_code(2);
    sim.genius(&["delete", "--uid", &uid, "--yes"])
        .await
        .expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_notes_from_stdin_stage_quality_and_owner() {
    let sim = Sim::start(None).await;
    let who = ["--phone", "+15551234567"];
    let tagged = sim
        .genius(&[&["tag", "add"][..], &who, &["Renewal", "Decisor"]].concat())
        .await;
    tagged.expect_code(0);
    assert_eq!(
        tagged.stdout,
        "ABC12345: tagged Renewal\nABC12345: tagged Decisor\n"
    );
    let piped = super::Genius::new(&sim.url)
        .stdin("Called back;\nwants the premium plan.\n")
        .run(&["note", "add", "--uid", "ABC12345", "-"])
        .await;
    piped.expect_code(0);
    let implicit = super::Genius::new(&sim.url)
        .stdin("second note from stdin")
        .run(&["note", "add", "--uid", "ABC12345", "--json"])
        .await;
    implicit.expect_code(0);
    assert_eq!(implicit.json()["note"], "second note from stdin");
    super::Genius::new(&sim.url)
        .stdin("  \n")
        .run(&["note", "add", "--uid", "ABC12345"])
        .await
        .expect_code(1);
    let stage = sim
        .genius(&[&["stage", "set"][..], &who, &["Qualified"]].concat())
        .await;
    stage.expect_code(0);
    assert_eq!(stage.stdout, "ABC12345: stage is now Qualified\n");
    sim.genius(&["quality", "set", "--uid", "ABC12345", "Low"])
        .await
        .expect_code(0);
    let owner = sim
        .genius(&[
            "owner",
            "set",
            "--uid",
            "ABC12345",
            "ana.ribeiro@yourcompany.com",
        ])
        .await;
    owner.expect_code(0);
    assert_eq!(
        owner.stdout,
        "ABC12345: owner is now Ana Ribeiro <ana.ribeiro@yourcompany.com>\n"
    );
    let stored = sim.data("uid=ABC12345").await;
    assert_eq!(stored["stageName"], "Qualified");
    assert_eq!(stored["qualityName"], "Low");
    assert_eq!(stored["ownerEmail"], "ana.ribeiro@yourcompany.com");
    let tags = stored["tags"].as_array().cloned().unwrap_or_default();
    assert!(tags.contains(&"Renewal".into()) && tags.contains(&"Decisor".into()));
    let notes = stored["notes"].as_str().unwrap_or("");
    assert!(
        notes.contains("Called back;\nwants the premium plan."),
        "{notes}"
    );
    assert!(notes.ends_with("second note from stdin"));
    // A stage the account does not have: the server's 400 is a usage error.
    let bad = sim
        .genius(&["stage", "set", "--uid", "ABC12345", "Imaginary"])
        .await;
    bad.expect_code(1);
    assert!(bad.stderr.contains("Imaginary"), "{}", bad.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_vcard_csv_and_json_from_ids_or_a_file() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let card = sim.genius(&["export", "--uid", "ABC12345"]).await;
    card.expect_code(0);
    assert!(card.stdout.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
    assert!(
        card.stdout.split("\r\n").all(|line| line.len() <= 75),
        "folded at 75 octets"
    );
    let unfolded = card.stdout.replace("\r\n ", "");
    assert!(unfolded.contains("\r\nNOTE:2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\\n\\n2025-08-14 10:46 Called as requested and sent the prices.\r\n"), "{unfolded}");
    let v4 = sim
        .genius(&["export", "--uid", "ABC12345", "--format", "vcard4"])
        .await;
    assert!(v4.stdout.contains("VERSION:4.0\r\n"));
    let list = dir.path().join("ids.txt");
    std::fs::write(
        &list,
        "# leads\nABC12345\nxyz67890\n\nnobody@nowhere.test\n",
    )
    .expect("write list");
    let out = dir.path().join("out.csv");
    let csv = sim
        .genius(&[
            "export",
            "--from",
            list.to_str().unwrap_or_default(),
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap_or_default(),
        ])
        .await;
    csv.expect_code(2);
    assert!(csv.stderr.contains("nobody@nowhere.test"), "{}", csv.stderr);
    let table = std::fs::read_to_string(&out).expect("the export file");
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let uids: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    assert_eq!(uids, vec!["ABC12345", "XYZ67890"]);
    let json = sim
        .genius(&["export", "--email", "john@example.com", "--format", "json"])
        .await;
    json.expect_code(0);
    assert_eq!(json.json().as_array().map(Vec::len), Some(2));
    // An import file (or an earlier export) names its contacts by its uid, email or phone column.
    let leads = dir.path().join("leads.csv");
    std::fs::write(
        &leads,
        "Name,E-mail,Phone\nMary,,+15559876543\nJohn,john@example.com,\n",
    )
    .expect("write");
    let from_csv = sim
        .genius(&[
            "export",
            "--from",
            leads.to_str().unwrap_or_default(),
            "--format",
            "json",
        ])
        .await;
    from_csv.expect_code(0);
    let exported = from_csv.json();
    let uids: Vec<&str> = exported
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["uid"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(uids, vec!["XYZ67890", "ABC12345"], "each contact once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_speaks_the_mutt_and_aerc_address_book_format() {
    let sim = Sim::start(None).await;
    let mutt = sim.genius(&["query", "john@example.com"]).await;
    mutt.expect_code(0);
    assert_eq!(
        mutt.stdout,
        "genius: 2 found\njohn@example.com\tJohn Doe\tABC12345\njohn@example.com\tJohn Smith\tXYZ67890\n"
    );
    let aerc = sim
        .genius(&["query", "--no-header", "mailto:john@example.com"])
        .await;
    aerc.expect_code(0);
    assert!(aerc.stdout.starts_with("john@example.com\tJohn Doe\t"));
    assert_eq!(aerc.stdout.lines().count(), 2);
    let none = sim.genius(&["query", "nobody@nowhere.test"]).await;
    none.expect_code(2);
    assert_eq!(none.stdout, "genius: no match\n");
    // A name is not something the API can look up; with no contact seen before, nothing matches.
    let empty = tempfile::tempdir().expect("data dir");
    let name = super::Genius::new(&sim.url)
        .env("GENIUS_DATA_DIR", Some(&dir_string(empty.path())))
        .run(&["query", "John"])
        .await;
    name.expect_code(2);
    assert_eq!(
        sim.stats().await["requests"].as_u64(),
        Some(3),
        "names never reach the API"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_and_man_page_generate() {
    for (shell, marker) in [
        ("bash", "_genius()"),
        ("zsh", "#compdef genius"),
        ("fish", "complete -c genius"),
    ] {
        let run = super::Genius::new("http://127.0.0.1:9")
            .run(&["completions", shell])
            .await;
        run.expect_code(0);
        assert!(
            run.stdout.contains(marker),
            "{shell}: {}",
            run.stdout.chars().take(300).collect::<String>()
        );
        assert!(
            run.stdout.contains("import"),
            "{shell} completes the subcommands"
        );
    }
    let man = super::Genius::new("http://127.0.0.1:9").run(&["man"]).await;
    man.expect_code(0);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH genius"),
        "{}",
        man.stdout.chars().take(200).collect::<String>()
    );
    assert!(man.stdout.contains("Exit codes"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_server_text_never_reaches_the_terminal_raw() {
    let sim = Sim::start(None).await;
    let raw = |text: &str| {
        text.chars()
            .any(|c| matches!(c, '\x1b' | '\x07' | '\u{9b}' | '\u{202e}' | '\x08'))
    };
    let mallory = sim.data("email=mallory@evil.example").await;
    let uid = mallory["uid"]
        .as_str()
        .expect("the demo has Mallory")
        .to_string();
    let uid = uid.as_str();
    let runs = [
        vec!["get", "--uid", uid],
        vec!["get", "--uid", uid, "--json"],
        vec!["get", "--uid", uid, "--format", "vcard4"],
        vec!["query", "mallory@evil.example"],
        vec!["export", "--uid", uid, "--format", "csv"],
        vec!["export", "--uid", uid, "--format", "json"],
        vec!["tag", "add", "--uid", uid, "x"],
    ];
    for args in runs {
        let run = sim.genius(&args).await;
        run.expect_code(0);
        assert!(
            !raw(&run.stdout) && !raw(&run.stderr),
            "{args:?}:\n{}",
            run.stdout
        );
    }
    // The JSON still carries the exact value, escaped.
    let json = sim.genius(&["get", "--uid", uid, "--json"]).await.json();
    assert_eq!(json["firstName"], "Mallory\u{1b}]52;c;aGk=\u{7}");
}

fn dir_string(path: &std::path::Path) -> String {
    path.to_string_lossy().into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_finds_names_and_partial_addresses_among_contacts_seen_before() {
    let sim = Sim::start(None).await;
    let data = tempfile::tempdir().expect("data dir");
    let cache = genius::cache::ContactCache::at(data.path().join("cache").join("default"));
    let seen = |uid: &str, first: &str, email: &str| genius::api::Contact {
        uid: uid.into(),
        first_name: Some(first.into()),
        last_name: Some("Prado".into()),
        email: Some(email.into()),
        ..genius::api::Contact::default()
    };
    cache
        .put_many(
            &[
                seen("AAAA1111", "Helena", "helena@prado.example"),
                seen("BBBB2222", "Heitor", "heitor@prado.example"),
            ],
            chrono::Utc::now(),
        )
        .expect("seed the cache");
    let run = |query: &'static str| {
        let genius =
            super::Genius::new(&sim.url).env("GENIUS_DATA_DIR", Some(&dir_string(data.path())));
        async move { genius.run(&["query", "--no-header", query]).await }
    };
    let one = run("helena").await;
    one.expect_code(0);
    assert_eq!(one.stdout, "helena@prado.example\tHelena Prado\tAAAA1111\n");
    let both = run("prado").await;
    assert_eq!(both.stdout.lines().count(), 2);
    // A whole email goes to the API too: John comes from the server, not from the cache.
    let exact = run("john@example.com").await;
    exact.expect_code(0);
    assert_eq!(exact.stdout.lines().count(), 2);
    run("nobody").await.expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_answers_from_contacts_seen_before_when_the_server_is_unreachable() {
    let data = tempfile::tempdir().expect("data dir");
    let cache = genius::cache::ContactCache::at(data.path().join("cache").join("default"));
    let helena = genius::api::Contact {
        uid: "AAAA1111".into(),
        first_name: Some("Helena".into()),
        email: Some("helena@prado.example".into()),
        ..genius::api::Contact::default()
    };
    cache
        .put(&helena, chrono::Utc::now())
        .expect("seed the cache");
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let run = |query: &'static str| {
        let genius =
            super::Genius::new(&url).env("GENIUS_DATA_DIR", Some(&dir_string(data.path())));
        async move { genius.run(&["query", "--no-header", query]).await }
    };
    let offline = run("helena@prado.example").await;
    offline.expect_code(0);
    assert_eq!(offline.stdout, "helena@prado.example\tHelena\tAAAA1111\n");
    assert!(
        offline.stderr.contains("showing contacts seen before"),
        "{}",
        offline.stderr
    );
    run("someone@else.example").await.expect_code(5);
}
