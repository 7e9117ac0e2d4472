//! `genius completions SHELL` and `genius man`: generated from this command-line definition itself
//! ([`Cli::command`](clap::CommandFactory::command)), so they never drift from the real flags.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Subcommand};
use clap_complete::Shell;

use super::Cli;

/// The subcommands about the command line itself.
#[derive(Debug, Subcommand)]
pub enum ShellCommand {
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell to complete for.
        shell: Shell,
    },
    /// Print the man page (roff) on standard output.
    Man,
}

/// Prints the completion script or the man page; exit 1 when it cannot be written.
pub fn run(command: &ShellCommand) -> ExitCode {
    let mut text = Vec::new();
    match command {
        ShellCommand::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "genius", &mut text);
        }
        ShellCommand::Man => {
            if let Err(error) = clap_mangen::Man::new(Cli::command()).render(&mut text) {
                eprintln!("genius: cannot render the man page: {error}");
                return ExitCode::from(1);
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&text).and_then(|()| stdout.flush()) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("genius: cannot write the output: {error}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
