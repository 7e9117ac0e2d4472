//! The command line turned into plain values: what each flag becomes, and the usage errors that
//! only show once the flags are read together.

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use super::{Cli, Command};
use crate::account::{LoginOptions, Task as AccountTask, TokenStore};
use crate::api::Identifier;
use crate::export::{CsvCells, ExportFormat};
use crate::scripting::{ContactSource, Failure, SetField, ShowFormat, Task};
use crate::sim::SimOptions;

fn parse(args: &[&str]) -> Cli {
    let mut line = vec!["genius"];
    line.extend_from_slice(args);
    Cli::try_parse_from(line).unwrap()
}

fn script(args: &[&str]) -> Result<Task, Failure> {
    match parse(args).command {
        Some(Command::Script(command)) => command.into_task(),
        other => panic!("not a scripting command: {other:?}"),
    }
}

fn account(args: &[&str]) -> AccountTask {
    match parse(args).command {
        Some(Command::Account(command)) => command.into(),
        other => panic!("not an account command: {other:?}"),
    }
}

#[test]
fn the_global_flags_become_a_selection_and_a_look() {
    let cli = parse(&[
        "--config",
        "/tmp/c.toml",
        "--profile",
        "prod",
        "--base-url",
        "http://x",
        "--max-wait",
        "2.5",
        "--ascii",
    ]);
    let selection = cli.global.selection();
    assert_eq!(selection.config_path, Some(PathBuf::from("/tmp/c.toml")));
    assert_eq!(selection.profile.as_deref(), Some("prod"));
    assert_eq!(selection.base_url.as_deref(), Some("http://x"));
    assert_eq!(selection.max_wait, Some(Duration::from_millis(2500)));
    let look = cli.global.look();
    assert!(look.ascii && !look.privacy);
}

#[test]
fn who_is_trimmed_and_a_uid_put_in_capitals() {
    let Ok(Task::Get { who, json, format }) = script(&["get", "--uid", " abc12345 "]) else {
        panic!("a get task");
    };
    assert_eq!(who, Identifier::Uid("ABC12345".to_string()));
    assert!(!json);
    assert_eq!(format, ShowFormat::Table);
    let Ok(Task::Get { format, .. }) = script(&["get", "--email", "a@b.c", "--format", "vcard4"])
    else {
        panic!("a get task");
    };
    assert_eq!(format, ShowFormat::Export(ExportFormat::VCard4));
}

#[test]
fn a_blank_who_is_the_usage_error_it_always_was() {
    for line in [
        &["get", "--uid", "  "][..],
        &["tag", "add", "--email", "", "vip"],
        &["stage", "set", "--phone", " ", "Won"],
    ] {
        let failure = script(line).unwrap_err();
        assert_eq!(failure.exit, crate::scripting::Exit::Usage, "{line:?}");
        assert!(
            failure
                .message
                .contains("give one of --uid, --email or --phone"),
            "{line:?}: {}",
            failure.message
        );
    }
}

#[test]
fn update_and_delete_name_the_uid_in_capitals() {
    let Ok(Task::Update { patch, .. }) = script(&["update", "--uid", " xyz98765", "--city", "Rio"])
    else {
        panic!("an update task");
    };
    assert_eq!(patch.uid, "XYZ98765");
    assert_eq!(patch.city.as_deref(), Some("Rio"));
    let Ok(Task::Delete { uid, ask, .. }) = script(&["delete", "--uid", "xyz98765", "-y"]) else {
        panic!("a delete task");
    };
    assert_eq!((uid.as_str(), ask), ("XYZ98765", false));
}

#[test]
fn set_commands_name_their_field() {
    let Ok(Task::Set { field, value, .. }) = script(&["owner", "set", "--uid", "A", "b@c.d"])
    else {
        panic!("a set task");
    };
    assert_eq!((field, value.as_str()), (SetField::Owner, "b@c.d"));
}

#[test]
fn export_checks_raw_cells_before_the_source() {
    let raw = script(&["export", "--raw-cells", "--format", "json"]).unwrap_err();
    assert_eq!(raw.message, "--raw-cells is for --format csv");
    let none = script(&["export"]).unwrap_err();
    assert_eq!(none.message, "give --uid, --email, --phone or --from FILE");
    let Ok(Task::Export(options)) = script(&["export", "--from", "-", "--format", "csv"]) else {
        panic!("an export task");
    };
    assert_eq!(options.source, ContactSource::File(PathBuf::from("-")));
    assert_eq!(options.format, ExportFormat::Csv);
    assert_eq!(options.cells, CsvCells::FormulasNeutralised);
    let Ok(Task::Export(raw)) = script(&["export", "--uid", "a", "--format", "csv", "--raw-cells"])
    else {
        panic!("an export task");
    };
    assert_eq!(raw.source, ContactSource::One(Identifier::Uid("A".into())));
    assert_eq!(raw.cells, CsvCells::Raw);
}

#[test]
fn bulk_and_query_flags_carry_over() {
    let Ok(Task::Import {
        bulk,
        update_existing,
    }) = script(&[
        "import",
        "leads.csv",
        "--rate-limit",
        "3",
        "--dry-run",
        "--update-existing",
    ])
    else {
        panic!("an import task");
    };
    assert_eq!(bulk.file, PathBuf::from("leads.csv"));
    assert_eq!(bulk.rate_limit, 3);
    assert!(bulk.dry_run && update_existing);
    let Ok(Task::Query { query, header }) = script(&["query", "ana", "--no-header"]) else {
        panic!("a query task");
    };
    assert_eq!((query.as_str(), header), ("ana", false));
}

#[test]
fn account_commands_become_tasks() {
    assert_eq!(account(&["config", "path"]), AccountTask::ConfigPath);
    assert_eq!(
        account(&["config", "init", "--force"]),
        AccountTask::ConfigInit { replace: true }
    );
    assert_eq!(
        account(&["login", "--no-check", "--store", "file"]),
        AccountTask::Login(LoginOptions {
            check: false,
            store: Some(TokenStore::File),
        })
    );
    assert_eq!(
        account(&["login"]),
        AccountTask::Login(LoginOptions {
            check: true,
            store: None,
        })
    );
    assert_eq!(account(&["cache", "clear"]), AccountTask::ClearCache);
}

#[test]
fn serve_flags_become_simulator_options() {
    let Some(Command::Serve(args)) =
        parse(&["serve", "--addr", "127.0.0.1:0", "--idle-timeout", "5"]).command
    else {
        panic!("a serve command");
    };
    let options = SimOptions::from(args);
    assert_eq!(options.idle_timeout, Duration::from_secs(5));
    assert_eq!(options.addr.port(), 0);
    assert!(options.rate_limit.is_none() && !options.control);
}
