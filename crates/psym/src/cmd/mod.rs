//! One module per subcommand. Each defines its clap arguments and a `run` that resolves them
//! (loads files, checks options), calls the library crates and hands the result to
//! `psym-report` for rendering.

mod agreement;
mod careless;
mod cfa;
mod common;
mod compare;
mod cor;
mod efa;
mod invariance;
mod multilevel;
mod norms;
mod parallel;
mod reliability;
mod report;
mod score;
mod scored;
mod translate;
mod validate;

use clap::Subcommand;

use crate::output::Outcome;

/// The subcommands of `psym`; each one's help (summary, description, example) is the doc
/// comment of its argument struct.
#[derive(Debug, Subcommand)]
pub enum Command {
    Validate(validate::ValidateArgs),
    Score(score::ScoreArgs),
    Careless(careless::CarelessArgs),
    Agreement(agreement::AgreementArgs),
    Multilevel(multilevel::MultilevelArgs),
    Reliability(reliability::ReliabilityArgs),
    Translate(translate::TranslateArgs),
    Cor(cor::CorArgs),
    Efa(efa::EfaArgs),
    Parallel(parallel::ParallelArgs),
    Cfa(cfa::CfaArgs),
    Invariance(invariance::InvarianceArgs),
    Norms(norms::NormsArgs),
    Compare(compare::CompareArgs),
    Report(report::ReportArgs),
}

/// Runs one subcommand.
pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Validate(args) => validate::run(args),
        Command::Score(args) => score::run(args),
        Command::Careless(args) => careless::run(args),
        Command::Agreement(args) => agreement::run(args),
        Command::Multilevel(args) => multilevel::run(args),
        Command::Reliability(args) => reliability::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Cor(args) => cor::run(args),
        Command::Efa(args) => efa::run(args),
        Command::Parallel(args) => parallel::run(args),
        Command::Cfa(args) => cfa::run(args),
        Command::Invariance(args) => invariance::run(args),
        Command::Norms(args) => norms::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Report(args) => report::run(args),
    }
}
