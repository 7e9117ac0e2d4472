//! The account subcommands run as real processes, with every directory in a temporary one and the
//! keyring turned off: `config path|init`, `status`, `login`/`logout` against a local stand-in API,
//! `doctor` and `cache clear`. No output ever contains the token.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{GOOD_TOKEN, server_runtime, start_fake_api};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_file(), text).unwrap();
        crate::support::set_mode(&self.config_file(), 0o600);
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_genius"));
        command
            .args(args)
            .env("GENIUS_CONFIG_DIR", self.config_dir())
            .env("GENIUS_DATA_DIR", self.dir.path().join("data"))
            .env("GENIUS_STATE_DIR", self.dir.path().join("state"))
            .env("GENIUS_KEYRING", "off")
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color");
        for var in [
            "GENIUS_TOKEN",
            "GENIUS_PROFILE",
            "GENIUS_CONFIG",
            "GENIUS_BASE_URL",
            "GENIUS_LOG",
            "NO_COLOR",
            "TMUX",
            "LC_ALL",
            "LC_CTYPE",
            "COLORTERM",
        ] {
            command.env_remove(var);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .expect("run genius")
    }

    fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn genius");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().expect("wait genius")
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mode_of(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0o600
    }
}

#[test]
fn config_path_follows_the_directory_the_flag_and_the_variable() {
    let home = Home::new();
    let default = home.run(&["config", "path"]);
    assert!(default.status.success());
    assert_eq!(
        stdout(&default).trim(),
        home.config_file().display().to_string()
    );
    let flagged = home.run(&["config", "path", "--config", "/etc/elsewhere.toml"]);
    assert_eq!(stdout(&flagged).trim(), "/etc/elsewhere.toml");
    let by_env = home
        .command(&["config", "path"])
        .env("GENIUS_CONFIG", "/srv/g.toml")
        .output()
        .unwrap();
    assert_eq!(stdout(&by_env).trim(), "/srv/g.toml");
}

#[test]
fn config_init_writes_the_example_privately_and_never_overwrites_by_accident() {
    let home = Home::new();
    let first = home.run(&["config", "init"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        std::fs::read_to_string(home.config_file()).unwrap(),
        genius::config::EXAMPLE_CONFIG
    );
    assert_eq!(mode_of(&home.config_file()), 0o600);
    std::fs::write(home.config_file(), "# mine\n").unwrap();
    let second = home.run(&["config", "init"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second).contains("already exists; pass --force"),
        "{}",
        stderr(&second)
    );
    assert_eq!(
        std::fs::read_to_string(home.config_file()).unwrap(),
        "# mine\n"
    );
    let forced = home.run(&["config", "init", "--force"]);
    assert!(forced.status.success());
    assert_eq!(
        std::fs::read_to_string(home.config_file()).unwrap(),
        genius::config::EXAMPLE_CONFIG
    );
}

#[test]
fn status_names_profile_source_and_paths_but_never_the_token() {
    let home = Home::new();
    home.write_config("default_profile = \"test\"\n[profiles.test]\nbase_url = \"http://127.0.0.1:9\"\nread_only = true\n");
    let output = home
        .command(&["status"])
        .env("GENIUS_TOKEN", GOOD_TOKEN)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(shown.contains("profile:     test (read-only)"), "{shown}");
    assert!(shown.contains("base URL:    http://127.0.0.1:9"), "{shown}");
    assert!(shown.contains("token:       GENIUS_TOKEN"), "{shown}");
    assert!(
        shown.contains(&format!("config file: {}", home.config_file().display())),
        "{shown}"
    );
    let logs = home.dir.path().join("state").join("logs");
    assert!(
        shown.contains(&format!("log files:   {}", logs.display())),
        "{shown}"
    );
    assert!(!shown.contains(GOOD_TOKEN) && !stderr(&output).contains(GOOD_TOKEN));
}

#[test]
fn a_bad_config_stops_status_with_a_located_message() {
    let home = Home::new();
    home.write_config("[profiles.test]\nbase_url = \"http://x\"\nread-only = true\n");
    let output = home.run(&["status"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    let expected = format!(
        "genius: {}:3:1: unknown field `read-only`",
        home.config_file().display()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn login_checks_the_token_stores_it_privately_and_logout_removes_it() {
    let runtime = server_runtime();
    let base_url = start_fake_api(&runtime);
    let home = Home::new();
    home.write_config(&format!(
        "# my accounts\n[profiles.test]\nbase_url = \"{base_url}\"\n"
    ));

    let login = home.run_with_input(&["login"], &format!("{GOOD_TOKEN}\n"));
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(
        stdout(&login).contains("stored the token in"),
        "{}",
        stdout(&login)
    );
    let written = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(
        written.contains("# my accounts") && written.contains(GOOD_TOKEN),
        "{written}"
    );
    assert_eq!(mode_of(&home.config_file()), 0o600);
    assert!(!stdout(&login).contains(GOOD_TOKEN) && !stderr(&login).contains(GOOD_TOKEN));

    let status = home.run(&["status"]);
    assert!(
        stdout(&status).contains("token:       config file"),
        "{}",
        stdout(&status)
    );

    let logout = home.run(&["logout"]);
    assert!(logout.status.success(), "{}", stderr(&logout));
    assert!(
        stdout(&logout).contains("removed the token of profile \"test\""),
        "{}",
        stdout(&logout)
    );
    assert!(
        !std::fs::read_to_string(home.config_file())
            .unwrap()
            .contains(GOOD_TOKEN)
    );
    let after = home.run(&["status"]);
    assert!(stdout(&after).contains("none found"), "{}", stdout(&after));
}

#[test]
fn login_with_a_rejected_token_explains_and_stores_nothing() {
    let runtime = server_runtime();
    let base_url = start_fake_api(&runtime);
    let home = Home::new();
    let output = home.run_with_input(&["login", "--base-url", &base_url], "tok-wrong-1234\n");
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("rejected this token (401)"),
        "{}",
        stderr(&output)
    );
    assert!(!home.config_file().exists());
    assert!(!stderr(&output).contains("tok-wrong-1234"));
}

#[test]
fn doctor_reports_each_check_and_fails_on_a_rejected_token() {
    let runtime = server_runtime();
    let base_url = start_fake_api(&runtime);
    let home = Home::new();
    home.write_config(&format!("[profiles.test]\nbase_url = \"{base_url}\"\n"));

    let good = home
        .command(&["doctor"])
        .env("GENIUS_TOKEN", GOOD_TOKEN)
        .output()
        .unwrap();
    let report = stdout(&good);
    assert!(good.status.success(), "{report}{}", stderr(&good));
    for line in [
        "ok    config",
        "ok    profile    test",
        "ok    token      from GENIUS_TOKEN",
        "ok    api",
        "x-ratelimit-limit: 120",
        "ok    colours    256 colours",
        "ok    unicode",
        "clipboard",
        "warn  keyring",
    ] {
        assert!(report.contains(line), "{line:?} missing:\n{report}");
    }
    assert!(!report.contains(GOOD_TOKEN));

    let bad = home
        .command(&["doctor"])
        .env("GENIUS_TOKEN", "tok-wrong-1234")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains("FAIL  api        the token was rejected (401)"),
        "{}",
        stdout(&bad)
    );

    let monochrome = home
        .command(&["doctor"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        stdout(&monochrome).contains("ok    theme      monochrome"),
        "{}",
        stdout(&monochrome)
    );
    assert!(
        stdout(&monochrome).contains("FAIL  token"),
        "{}",
        stdout(&monochrome)
    );
}

#[test]
fn cache_clear_empties_the_profile_caches() {
    let home = Home::new();
    let cache_file = home.dir.path().join("data").join("cache").join("test");
    let cache = genius::cache::ContactCache::at(&cache_file);
    let contact = genius::api::Contact {
        uid: "ABCD1234".to_string(),
        ..Default::default()
    };
    cache.put(&contact, chrono::Utc::now()).unwrap();
    assert!(cache_file.exists());
    let output = home.run(&["cache", "clear"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("every profile (1 contacts)"),
        "{}",
        stdout(&output)
    );
    assert!(!cache_file.exists());
}

/// Reads everything a pseudo-terminal's program writes, on a thread, into a shared buffer.
fn collect_output(
    mut reader: Box<dyn std::io::Read + Send>,
) -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 1024];
        while let Ok(read) = reader.read(&mut buffer) {
            if read == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buffer[..read]);
        }
    });
    seen
}

fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !condition() {
        assert!(
            std::time::Instant::now() < deadline,
            "gave up waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn login_in_a_terminal_never_echoes_the_token() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let home = Home::new();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_genius"));
    command.args(["login", "--no-check", "--store", "file"]);
    command.env("GENIUS_CONFIG_DIR", home.config_dir());
    command.env("GENIUS_DATA_DIR", home.dir.path().join("data"));
    command.env("GENIUS_STATE_DIR", home.dir.path().join("state"));
    command.env("GENIUS_KEYRING", "off");
    command.env("TERM", "xterm-256color");
    for var in ["GENIUS_TOKEN", "GENIUS_PROFILE", "GENIUS_CONFIG"] {
        command.env_remove(var);
    }
    let mut child = pty.slave.spawn_command(command).expect("spawn genius");
    drop(pty.slave);
    let seen = collect_output(pty.master.try_clone_reader().expect("reader"));
    let mut keyboard = pty.master.take_writer().expect("writer");
    wait_for("the prompt", || {
        String::from_utf8_lossy(&seen.lock().unwrap()).contains("input hidden")
    });
    keyboard
        .write_all(format!("{GOOD_TOKEN}\r").as_bytes())
        .unwrap();
    keyboard.flush().unwrap();
    wait_for("genius to exit", || matches!(child.try_wait(), Ok(Some(_))));
    let status = child.wait().expect("exit status");
    let screen = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    assert!(status.success(), "{screen}");
    assert!(screen.contains("stored the token in"), "{screen}");
    assert!(
        !screen.contains(GOOD_TOKEN),
        "the token was echoed: {screen}"
    );
    let config = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(config.contains(GOOD_TOKEN), "{config}");
    assert_eq!(mode_of(&home.config_file()), 0o600);
}

#[test]
fn login_and_doctor_against_the_simulator() {
    let runtime = server_runtime();
    let simulator = runtime
        .block_on(genius::sim::spawn(genius::sim::SimOptions::demo()))
        .expect("simulator");
    let base_url = simulator.base_url();
    let home = Home::new();

    let free = home.run_with_input(&["login", "--base-url", &base_url], "free-token\n");
    assert_eq!(free.status.code(), Some(3), "{}", stderr(&free));
    assert!(
        stderr(&free).contains("no API access (403)"),
        "{}",
        stderr(&free)
    );
    assert!(!home.config_file().exists());

    let demo = home.run_with_input(&["login", "--base-url", &base_url], "demo-token\n");
    assert!(demo.status.success(), "{}", stderr(&demo));
    let doctor = home.run(&["doctor", "--base-url", &base_url]);
    let report = stdout(&doctor);
    assert!(doctor.status.success(), "{report}");
    assert!(
        report.contains("ok    token      from config file"),
        "{report}"
    );
    assert!(report.contains("accepted the token"), "{report}");
    assert!(!report.contains("demo-token"), "{report}");
    runtime.block_on(simulator.shutdown());
}

#[test]
fn login_to_a_new_profile_remembers_it_and_its_base_url() {
    let runtime = server_runtime();
    let base_url = start_fake_api(&runtime);
    let home = Home::new();
    home.write_config("# mine\ndefault_profile = \"test\"\n[profiles.test]\n");
    let login = home.run_with_input(
        &[
            "login",
            "--profile",
            "prod",
            "--base-url",
            &base_url,
            "--store",
            "file",
        ],
        &format!("{GOOD_TOKEN}\n"),
    );
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(
        stdout(&login).contains("saved profile \"prod\""),
        "{}",
        stdout(&login)
    );
    let status = home.run(&["status", "--profile", "prod"]);
    let shown = stdout(&status);
    assert!(
        shown.contains(&format!("base URL:    {base_url}")),
        "{shown}"
    );
    assert!(shown.contains("token:       config file"), "{shown}");
    let test_profile = home.run(&["status"]);
    assert!(
        stdout(&test_profile).contains("profile:     test"),
        "{}",
        stdout(&test_profile)
    );
    assert!(
        stdout(&test_profile).contains("none found"),
        "{}",
        stdout(&test_profile)
    );
    assert!(
        std::fs::read_to_string(home.config_file())
            .unwrap()
            .starts_with("# mine\n")
    );
}
