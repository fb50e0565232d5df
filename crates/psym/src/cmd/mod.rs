//! One module per subcommand. Each defines its clap arguments and a `run` that resolves them
//! (loads files, checks options), calls the library crates and hands the result to
//! `psym-report` for rendering.

mod cfa;
mod common;
mod cor;
mod efa;
mod parallel;
mod reliability;
mod score;
mod translate;
mod validate;

use clap::Subcommand;

use crate::output::Outcome;

/// The subcommands of `psym`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a batch of responses against an instrument: every problem with line, id and reason
    Validate(validate::ValidateArgs),
    /// Score responses into scale scores (one output row per input row)
    Score(score::ScoreArgs),
    /// Reliability per scale: alpha, lambda-6, omega, item analysis, confidence intervals
    Reliability(reliability::ReliabilityArgs),
    /// Translations: check, status, work files for translators (CSV, XLSX, XLIFF, XLSForm,
    /// REDCap), import, and the printable questionnaire per language
    Translate(translate::TranslateArgs),
    /// Correlation matrices: Pearson, Spearman, polychoric, tetrachoric
    Cor(cor::CorArgs),
    /// Exploratory factor analysis: extraction, rotation, fit, KMO, Bartlett; --group for congruence
    Efa(efa::EfaArgs),
    /// Number of factors: parallel analysis (factors and components) and Velicer's MAP
    Parallel(parallel::ParallelArgs),
    /// Confirmatory factor analysis: lavaan model syntax, ML/FIML/MLR, fit, admissibility, comparison
    Cfa(cfa::CfaArgs),
}

/// Runs one subcommand.
pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Validate(args) => validate::run(args),
        Command::Score(args) => score::run(args),
        Command::Reliability(args) => reliability::run(args),
        Command::Translate(args) => translate::run(args),
        Command::Cor(args) => cor::run(args),
        Command::Efa(args) => efa::run(args),
        Command::Parallel(args) => parallel::run(args),
        Command::Cfa(args) => cfa::run(args),
    }
}
