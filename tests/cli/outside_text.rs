//! Names and numbers as people type them, through the real binary: `genius query José` (what mutt
//! and aerc run), `query 张伟`, a phone pasted with a no-break space, and the CSV export's formula
//! guard. Each ends with a deliberate exit code, never 101 (a panic) — on pipes, where the exit code
//! is read exactly, and in a pseudo-terminal, where stdout is a TTY.

use genius::api::Contact;

use super::{Genius, Sim};

const NBSP_PHONE: &str = "+55 91 91499\u{A0}4480";

fn seen(uid: &str, first: &str, last: &str, email: &str) -> Contact {
    Contact {
        uid: uid.into(),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: Some(email.into()),
        ..Contact::default()
    }
}

/// A data directory whose contact cache holds José Silva, Zhang Wei (张伟) and Conceição.
fn data_dir_with_contacts_seen() -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("data dir");
    let cache = genius::cache::ContactCache::at(data.path().join("cache").join("default"));
    cache
        .put_many(
            &[
                seen("47C2ZJBR", "José", "Silva", "jose.silva76@uol.com.br"),
                seen("ZHANGWEI", "张伟", "", "zhang.wei@example.cn"),
                seen("CONCEICA", "Conceição", "Dias", "conceicao@example.com.br"),
            ],
            chrono::Utc::now(),
        )
        .expect("seed the cache");
    data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_answers_accented_and_cjk_names() {
    let sim = Sim::start(None).await;
    let data = data_dir_with_contacts_seen();
    let data_dir = data.path().to_string_lossy().into_owned();
    let query = |text: &'static str| {
        let genius = Genius::new(&sim.url).env("GENIUS_DATA_DIR", Some(&data_dir));
        async move { genius.run(&["query", "--no-header", text]).await }
    };
    for (typed, line) in [
        ("José", "jose.silva76@uol.com.br\tJosé Silva\t47C2ZJBR"),
        (
            "josé silva",
            "jose.silva76@uol.com.br\tJosé Silva\t47C2ZJBR",
        ),
        ("张伟", "zhang.wei@example.cn\t张伟\tZHANGWEI"),
        (
            "Conceição",
            "conceicao@example.com.br\tConceição Dias\tCONCEICA",
        ),
    ] {
        let run = query(typed).await;
        run.expect_code(0);
        assert_eq!(run.stdout, format!("{line}\n"), "{typed}");
    }
    // Nobody by that name: the documented "no match", not a crash.
    let none = query("Zé Ninguém 🙂").await;
    none.expect_code(2);
    assert!(!none.stderr.contains("panicked"), "{}", none.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_with_a_no_break_space_finds_the_contact() {
    let sim = Sim::start(None).await;
    let get = sim.genius(&["get", "--phone", NBSP_PHONE]).await;
    get.expect_code(0);
    assert!(get.stdout.contains("José Nóbrega"), "{}", get.stdout);
    // Typed where any identifier goes, it is recognised as a phone and looked up on the server.
    let query = sim.genius(&["query", "+1 555\u{A0}123\u{202F}4567"]).await;
    query.expect_code(0);
    assert!(
        query.stdout.contains("john@example.com\tJohn Doe"),
        "{}",
        query.stdout
    );
    let export = sim
        .genius(&["export", "--phone", NBSP_PHONE, "--format", "json"])
        .await;
    export.expect_code(0);
    assert_eq!(export.json()[0]["lastName"], "Nóbrega");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_guards_formulas_unless_raw_cells_are_asked_for() {
    let sim = Sim::start(None).await;
    let guarded = sim
        .genius(&["export", "--uid", "ABC12345", "--format", "csv"])
        .await;
    guarded.expect_code(0);
    assert!(
        guarded.stdout.contains(",'+15551234567,"),
        "{}",
        guarded.stdout
    );
    let raw = sim
        .genius(&[
            "export",
            "--uid",
            "ABC12345",
            "--format",
            "csv",
            "--raw-cells",
        ])
        .await;
    raw.expect_code(0);
    assert!(raw.stdout.contains(",+15551234567,"), "{}", raw.stdout);
    let refused = sim
        .genius(&["export", "--uid", "ABC12345", "--raw-cells"])
        .await;
    refused.expect_code(1);
    assert!(refused.stderr.contains("--raw-cells"), "{}", refused.stderr);
}

/// The same commands with a terminal on stdout (colour, widths and TTY paths included).
#[test]
fn in_a_terminal_the_same_commands_exit_cleanly() {
    use super::pty::{Simulator, Tui};
    let sim = Simulator::start();
    let data = data_dir_with_contacts_seen();
    let data_dir = data.path().to_string_lossy().into_owned();
    let env = [
        ("GENIUS_BASE_URL", sim.base_url.as_str()),
        ("GENIUS_TOKEN", "demo-token"),
        ("GENIUS_DATA_DIR", data_dir.as_str()),
    ];
    for (args, shown) in [
        (vec!["query", "José"], "jose.silva76@uol.com.br"),
        (vec!["query", "张伟"], "zhang.wei@example.cn"),
        (vec!["get", "--phone", NBSP_PHONE], "Nóbrega"),
    ] {
        let mut run = Tui::start_with_env(&args, &env);
        run.wait_for_text(shown);
        assert!(
            run.wait_for_exit(),
            "{args:?} failed:\n{}",
            run.screen_text()
        );
    }
}
