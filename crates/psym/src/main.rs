//! `psym`: the command-line front end. Parses arguments, dispatches to one command module,
//! and maps the outcome to the exit status (0 = all well, 1 = problems found, 2 = could not run).
#![forbid(unsafe_code)]

mod advice;
mod cmd;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::cmd::Command;

/// Psychometrics for survey instruments: validate, score, reliability, factor analysis,
/// translation.
#[derive(Debug, Parser)]
#[command(name = "psym", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(cli.command) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("psym: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
