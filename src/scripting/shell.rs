//! `genius completions SHELL` and `genius man`: generated from the command-line definition itself
//! (`crate::cli::Cli::command()`), so they never drift from the real flags.

use clap::CommandFactory;
use clap_complete::Shell;

use super::failure::{Failure, Outcome};
use super::single::write_stdout;

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> Outcome {
    let mut command = crate::cli::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "genius", &mut script);
    write_stdout(&String::from_utf8_lossy(&script))
}

/// Prints the man page in roff.
pub fn man() -> Outcome {
    let command = crate::cli::Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|error| Failure::usage(format!("cannot render the man page: {error}")))?;
    write_stdout(&String::from_utf8_lossy(&page))
}
