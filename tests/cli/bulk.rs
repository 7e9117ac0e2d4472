//! `genius import` and `genius apply` against the simulator: bad rows handed back with their line
//! numbers, `--dry-run` sending nothing, a rerun skipping what is done, `--update-existing`, a row
//! whose create may have been applied (journal `started`, or a write that timed out) created once,
//! and apply's changes with its own rejects.

use std::path::{Path, PathBuf};

use super::{Genius, Sim};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the CSV");
    path
}

const LEADS: &str = "\
First Name;Last Name;E-mail;Phone;Stage;Tags;Birthday;Shoe Size
Ana;Lima;ana@bulk.test;;New Lead;\"Feira; Trade Show\";1990-05-01;38
Bruno;Melo;;+55 11 90000-0001;;;;41
;;nameless@bulk.test;;;;;
Carla;Dias;;;;;;
Davi;Reis;davi@bulk.test;;;;1990-02-30;
Eva;Nunes;eva@bulk.test;;Imaginary Stage;;;
\"Fábio
Junior\";Souza;fabio@bulk.test;;Won;;;
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rows_go_to_the_rejects_file_with_their_line_numbers() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let leads = write(dir.path(), "leads.csv", LEADS);
    let before = sim.stats().await["contacts"].as_u64().unwrap_or(0);

    let dry = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["import", "leads.csv", "--dry-run"])
        .await;
    dry.expect_code(1);
    assert_eq!(
        dry.stdout,
        "dry run: 4 rows are good, 3 rejected; nothing was sent\n"
    );
    assert!(
        dry.stderr
            .contains("ignoring columns genius does not know: Shoe Size"),
        "{}",
        dry.stderr
    );
    assert_eq!(sim.stats().await["requests"], 0, "a dry run sends nothing");

    let run = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["import", "leads.csv", "--rate-limit", "50"])
        .await;
    run.expect_code(1);
    assert!(run.stdout.contains("created   3\n"), "{}", run.stdout);
    assert!(run.stdout.contains("rejected  4"), "{}", run.stdout);
    assert!(run.stderr.contains("line 4: no name"), "{}", run.stderr);
    assert_eq!(
        sim.stats().await["contacts"].as_u64().unwrap_or(0),
        before + 3
    );

    let rejects =
        std::fs::read_to_string(dir.path().join("leads.rejects.csv")).expect("rejects file");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(rejects.as_bytes());
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect();
    let lines: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(lines, vec!["4", "5", "6", "7"]);
    assert!(rows[0].1.starts_with("no name"));
    assert!(rows[1].1.starts_with("no email or phone"));
    assert!(rows[2].1.contains("not a real date"));
    assert!(
        rows[3].1.contains("Imaginary Stage"),
        "the server judged the stage: {}",
        rows[3].1
    );
    assert_eq!(rows[3].2, "Eva", "the row is handed back as it was");

    let fabio = sim.data("email=fabio@bulk.test").await;
    assert_eq!(fabio["lastName"], "Souza");
    assert_eq!(fabio["stageName"], "Won");
    let ana = sim.data("email=ana@bulk.test").await;
    assert_eq!(ana["tags"], serde_json::json!(["Feira", "Trade Show"]));
    assert!(leads.exists());

    // A rerun sends only the rows that did not go in; nothing is created twice.
    let again = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["import", "leads.csv"])
        .await;
    again.expect_code(1);
    assert!(
        again.stdout.contains("created   0\n") && again.stdout.contains("skipped   3\n"),
        "{}",
        again.stdout
    );
    assert_eq!(
        sim.stats().await["contacts"].as_u64().unwrap_or(0),
        before + 3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_that_may_have_been_created_is_looked_up_before_it_is_sent_again() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "name,email\nGil Costa,gil@bulk.test\nHelena Prado,helena@bulk.test\n";
    let leads = write(dir.path(), "leads.csv", text);
    // A run was killed right after sending row 2's create, which the server applied.
    Genius::new(&sim.url)
        .run(&["create", "--name", "Gil Costa", "--email", "gil@bulk.test"])
        .await
        .expect_code(0);
    let journal = format!(
        "{}\n2\tstarted\n",
        genius::scripting::bulk::journal::header("import", text.as_bytes())
    );
    std::fs::write(dir.path().join("leads.csv.journal"), journal).expect("journal");
    let before = sim.stats().await["contacts"].as_u64().unwrap_or(0);
    let run = Genius::new(&sim.url)
        .run(&["import", leads.to_str().unwrap_or_default()])
        .await;
    run.expect_code(0);
    assert!(
        run.stdout.contains("created   1\n") && run.stdout.contains("skipped   1\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        sim.stats().await["contacts"].as_u64().unwrap_or(0),
        before + 1
    );
    assert!(
        sim.data("email=gil@bulk.test").await.is_object(),
        "Gil exists once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_that_time_out_are_settled_by_the_next_run_without_duplicates() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("name,email\n");
    for i in 1..=5 {
        text.push_str(&format!("Lead {i},timeout{i}@bulk.test\n"));
    }
    write(dir.path(), "leads.csv", &text);
    let before = sim.stats().await["contacts"].as_u64().unwrap_or(0);
    sim.fault("hang", true).await;
    let hung = Genius::new(&sim.url)
        .dir(dir.path())
        .env("GENIUS_TIMEOUT", Some("0.5"))
        .run(&["import", "leads.csv"])
        .await;
    hung.expect_code(6);
    assert!(hung.stdout.contains("failed    5\n"), "{}", hung.stdout);
    // Whether or not the server went on to apply them, the next run settles each row exactly once
    // (the case of a create applied without an answer is the journal test above).
    sim.fault("none", false).await;
    let settled = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["import", "leads.csv"])
        .await;
    settled.expect_code(0);
    let after = sim.stats().await["contacts"].as_u64().unwrap_or(0);
    assert_eq!(after, before + 5, "{}", settled.stdout);
    for i in 1..=5 {
        let found = sim.data(&format!("email=timeout{i}@bulk.test")).await;
        assert!(found.is_object(), "timeout{i} exists exactly once: {found}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_existing_changes_the_contact_with_that_email() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    // Rows 3 and 4 name one new person: the second updates what the first created. Two demo
    // contacts share john@example.com: row 5 names one of them, row 6 neither (ambiguous). Row 5's
    // note is already in John Smith's history: the lookup listed him only as a summary, so his
    // whole record is fetched to see it, and it is not added twice.
    let text = "name,email,city,note\n\
                John Doe,john.update@bulk.test,Recife,first\n\
                New Person,new.person@bulk.test,Natal,hello\n\
                New Person,NEW.person@bulk.test,Caicó,\n\
                John Smith,john@example.com,Fortaleza,met at the fair\n\
                Someone Else,john@example.com,Manaus,\n";
    Genius::new(&sim.url)
        .run(&["note", "add", "--uid", "XYZ67890", "met at the fair"])
        .await
        .expect_code(0);
    write(dir.path(), "leads.csv", text);
    Genius::new(&sim.url)
        .run(&[
            "create",
            "--name",
            "John Doe",
            "--email",
            "john.update@bulk.test",
            "--city",
            "Olinda",
        ])
        .await
        .expect_code(0);
    let before = sim.stats().await["contacts"].as_u64().unwrap_or(0);
    let run = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["import", "leads.csv", "--update-existing"])
        .await;
    run.expect_code(1);
    assert!(
        run.stdout.contains("created   1\nupdated   3\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("line 6: 2 contacts have email john@example.com"),
        "{}",
        run.stderr
    );
    assert_eq!(
        sim.stats().await["contacts"].as_u64().unwrap_or(0),
        before + 1
    );
    let john = sim.data("email=john.update@bulk.test").await;
    assert_eq!(john["city"], "Recife");
    assert!(john["notes"].as_str().unwrap_or("").ends_with("first"));
    let new = sim.data("email=new.person@bulk.test").await;
    assert_eq!(
        new["city"], "Caicó",
        "one contact, updated by the later row: {new}"
    );
    let smith = sim.data("uid=XYZ67890").await;
    assert_eq!(smith["city"], "Fortaleza");
    let notes = smith["notes"].as_str().unwrap_or("");
    assert_eq!(notes.matches("met at the fair").count(), 1, "{notes}");
    assert_ne!(sim.data("uid=ABC12345").await["city"], "Manaus");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_changes_contacts_by_uid_email_or_phone() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "uid,email,phone,stage,quality,owner,tags,note,city\n\
                ABC12345,,,Won,,,Closed; VIP Customer,signed the contract,\n\
                ,maria.apply@bulk.test,,,Low,,,,Campinas\n\
                ,john@example.com,,Lost,,,,,\n\
                ,nobody@nowhere.test,,Lost,,,,,\n\
                ,,,Lost,,,,,\n";
    write(dir.path(), "changes.csv", text);
    let dry = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["apply", "changes.csv", "--dry-run"])
        .await;
    dry.expect_code(1);
    assert_eq!(
        dry.stdout,
        "dry run: 4 rows are good, 1 rejected; nothing was sent\n"
    );
    assert_eq!(sim.stats().await["requests"], 0, "a dry run sends nothing");
    Genius::new(&sim.url)
        .run(&[
            "create",
            "--name",
            "Maria Silva",
            "--email",
            "maria.apply@bulk.test",
            "--city",
            "Santos",
        ])
        .await
        .expect_code(0);
    let run = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["apply", "changes.csv"])
        .await;
    run.expect_code(1);
    assert!(
        run.stdout.contains("updated   2\n") && run.stdout.contains("rejected  3"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("line 4: 2 contacts have email john@example.com: key this row by uid"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("line 5: no contact with email nobody@nowhere.test"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("line 6: no uid, email or phone"),
        "{}",
        run.stderr
    );
    let john = sim.data("uid=ABC12345").await;
    assert_eq!(john["stageName"], "Won");
    let tags = john["tags"].as_array().cloned().unwrap_or_default();
    assert!(tags.contains(&"Closed".into()) && tags.contains(&"VIP Customer".into()));
    let notes = john["notes"].as_str().unwrap_or("").to_string();
    assert!(notes.ends_with("signed the contract"));
    let maria = sim.data("email=maria.apply@bulk.test").await;
    assert_eq!(maria["qualityName"], "Low");
    assert_eq!(maria["city"], "Campinas");
    // The rerun skips the rows done: the note is not added twice.
    Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["apply", "changes.csv"])
        .await
        .expect_code(1);
    assert_eq!(
        sim.data("uid=ABC12345").await["notes"]
            .as_str()
            .unwrap_or(""),
        notes
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_stops_the_import_at_once_with_exit_3() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("name,email\n");
    for i in 0..50 {
        text.push_str(&format!("Lead {i},token{i}@bulk.test\n"));
    }
    write(dir.path(), "leads.csv", &text);
    let before = sim.stats().await["contacts"].as_u64().unwrap_or(0);
    let run = Genius::new(&sim.url)
        .dir(dir.path())
        .env("GENIUS_TOKEN", Some("not-the-token"))
        .run(&["import", "leads.csv", "--rate-limit", "5"])
        .await;
    run.expect_code(3);
    assert!(run.stderr.contains("token was rejected"), "{}", run.stderr);
    assert!(run.stdout.contains("created   0\n"), "{}", run.stdout);
    assert_eq!(sim.stats().await["contacts"].as_u64().unwrap_or(0), before);
    // It stopped at once: far fewer requests than rows.
    let journal = std::fs::read_to_string(dir.path().join("leads.csv.journal")).expect("journal");
    let sent = journal.lines().filter(|l| l.ends_with("\tstarted")).count();
    assert!(
        sent < 10,
        "{sent} creates were sent after the token was refused"
    );
    assert!(!journal.lines().skip(1).any(|l| l.contains("not-the-token")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profiles_stage_and_quality_lists_check_rows_before_sending_and_read_only_refuses() {
    let sim = Sim::start(None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = write(
        dir.path(),
        "config.toml",
        "default_profile = \"strict\"\n\
         [profiles.strict]\nstages = [\"New Lead\", \"Won\"]\nqualities = [\"High\"]\n\
         [profiles.look]\nread_only = true\n",
    );
    let config = config.to_str().unwrap_or_default();
    write(
        dir.path(),
        "leads.csv",
        "name,email,stage,quality\nAna,ana@profile.test,won,High\nBia,bia@profile.test,Proposal,\nCid,cid@profile.test,,Low\n",
    );
    let dry = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&["--config", config, "import", "leads.csv", "--dry-run"])
        .await;
    dry.expect_code(1);
    assert!(
        dry.stderr
            .contains("line 3: unknown stage \"Proposal\" (known: New Lead, Won)"),
        "{}",
        dry.stderr
    );
    assert!(
        dry.stderr.contains("line 4: unknown quality \"Low\""),
        "{}",
        dry.stderr
    );
    assert_eq!(
        dry.stdout,
        "dry run: 1 rows are good, 2 rejected; nothing was sent\n"
    );
    let refused = Genius::new(&sim.url)
        .dir(dir.path())
        .run(&[
            "--config",
            config,
            "--profile",
            "look",
            "import",
            "leads.csv",
        ])
        .await;
    refused.expect_code(1);
    assert!(refused.stderr.contains("read-only"), "{}", refused.stderr);
    assert_eq!(sim.stats().await["requests"], 0);
}
