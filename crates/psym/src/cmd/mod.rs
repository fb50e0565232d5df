//! One module per subcommand. Each defines its clap arguments and a `run` that resolves them
//! (loads files, checks options), calls the library crates and hands the result to
//! `psym-report` for rendering.

use clap::Subcommand;

use crate::output::Outcome;

/// The subcommands of `psym`.
#[derive(Debug, Subcommand)]
pub enum Command {}

/// Runs one subcommand.
pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {}
}
