//! The `genius` binary: parse the command line and dispatch to the simulator, the scripting
//! subcommands, the account commands, or the TUI.

use std::process::ExitCode;

use clap::Parser;
use genius::cli::{Cli, Command};

fn main() -> ExitCode {
    // clap exits with 2 on a usage error, but 2 means "not found" to scripts: usage errors are 1.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::from(error.use_stderr()));
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("genius: cannot start the async runtime: {error}");
            return ExitCode::from(5);
        }
    };
    // Logging starts first, so everything after it — the subcommands and the TUI — is logged.
    let _log = match genius::logging::start_for_run(&cli.global) {
        Ok(guard) => guard,
        Err(error) => {
            eprintln!("genius: {error}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(dispatch(cli))
}

async fn dispatch(cli: Cli) -> ExitCode {
    let outcome = match cli.command {
        Some(Command::Serve(args)) => genius::sim::serve(args).await,
        Some(Command::Script(command)) => {
            return genius::scripting::run(command, &cli.global).await;
        }
        Some(Command::Account(command)) => {
            return genius::config::run_account_command(command, &cli.global).await;
        }
        Some(Command::Demo(args)) => {
            return exit_of_tui(genius::tui::run_demo(args, &cli.global).await);
        }
        None => return exit_of_tui(genius::tui::run_live(cli.query, &cli.global).await),
    };
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
