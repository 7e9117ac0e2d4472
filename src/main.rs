//! The `genius` binary: parse the command line, turn it into plain values (the configuration
//! selected, the config file read once, how the TUI looks), start logging, and dispatch to the
//! simulator, the scripting subcommands, the account commands, or the TUI.

use std::process::ExitCode;

use clap::Parser;
use genius::cli::{Cli, Command};
use genius::config::RunConfig;
use genius::logging::{LoggingError, Redactor};

fn main() -> ExitCode {
    // clap exits with 2 on a usage error, but 2 means "not found" to scripts: usage errors are 1.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::from(error.use_stderr()));
        }
    };
    let runtime = match runtime_for(cli.command.as_ref()) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("genius: cannot start the async runtime: {error}");
            return ExitCode::from(5);
        }
    };
    // The config file is read here, once; a file that cannot be used is reported by the commands
    // that need it.
    let config = RunConfig::read(cli.global.selection());
    // Logging starts first, so everything after it — the subcommands and the TUI — is logged. The
    // token is hidden as soon as it is found.
    let redactor = Redactor::new().keep_contact_data(!config.redact_logs());
    let log_level = cli.global.log_level.as_deref();
    let _log = match genius::logging::start(log_level, redactor, &genius::logging::log_dir()) {
        Ok(guard) => Some(guard),
        Err(error @ LoggingError::BadLevel { .. }) => {
            eprintln!("genius: {error}");
            return ExitCode::from(1);
        }
        Err(error) => {
            eprintln!("genius: no log file this time: {error}");
            None
        }
    };
    runtime.block_on(dispatch(cli, config))
}

async fn dispatch(cli: Cli, config: RunConfig) -> ExitCode {
    let look = cli.global.look();
    match cli.command {
        Some(Command::Serve(args)) => exit_of(genius::sim::serve(args.into()).await),
        Some(Command::Script(command)) => {
            let worklist = command.import_worklist();
            match command.into_task() {
                Ok(task) => {
                    let code = genius::scripting::run(task, &config).await;
                    if let Some(worklist) = worklist {
                        worklist.write();
                    }
                    code
                }
                Err(failure) => genius::scripting::exit_with(Err(failure)),
            }
        }
        Some(Command::Shell(command)) => genius::cli::shell::run(&command),
        Some(Command::Account(command)) => genius::account::run(command.into(), &config).await,
        Some(Command::Demo(args)) => {
            exit_of_tui(genius::tui::run_demo(args.rate_limit, args.query, look).await)
        }
        Some(Command::Work(args)) => {
            let request = genius::cli::work::WorkRequest::from(args);
            match request.summary {
                Some(format) => genius::cli::work::print_summary(
                    &request.file,
                    &genius::cli::work::progress_dir(),
                    config.settings().ok().and_then(|s| s.phone_region()),
                    format,
                ),
                None => exit_of_tui(genius::tui::run_work(&request.file, &config, look).await),
            }
        }
        None => exit_of_tui(genius::tui::run_live(cli.query, &config, look).await),
    }
}

/// The most threads the TUI's runtime starts for file work (each exits after idling a while).
const TUI_BLOCKING_THREADS: usize = 4;

/// The runtime a command runs on. The TUI waits on one terminal and a few replies at a time: one
/// thread runs its loop and its requests, with a small pool for file work and large decodes, so it
/// starts no worker per core, each with stacks and a malloc arena of its own. The simulator and
/// the scripting commands (bulk imports send many requests at once) keep a worker per core.
fn runtime_for(command: Option<&Command>) -> std::io::Result<tokio::runtime::Runtime> {
    let runs_the_tui = match command {
        None | Some(Command::Demo(_)) => true,
        Some(Command::Work(args)) => !args.summary,
        Some(_) => false,
    };
    if runs_the_tui {
        tokio::runtime::Builder::new_current_thread()
            .max_blocking_threads(TUI_BLOCKING_THREADS)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    }
}

/// 0 after success; 1 after an error, said on stderr.
fn exit_of(outcome: anyhow::Result<()>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("genius: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The TUI's exit status: 0 after quitting, 128 + the signal after SIGTERM, SIGHUP, SIGINT or
/// SIGQUIT (so a script can tell), 1 after an error.
fn exit_of_tui(outcome: anyhow::Result<genius::tui::Ending>) -> ExitCode {
    match outcome {
        Ok(ending) => ExitCode::from(ending.exit_status()),
        Err(error) => {
            eprintln!("genius: {error:#}");
            ExitCode::FAILURE
        }
    }
}
