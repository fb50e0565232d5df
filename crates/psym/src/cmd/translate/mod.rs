//! `psym translate`: checks, status, work files and rendering of an instrument's translations.
//! Each subcommand is a module of its own, resolve → run → render: `check` and `status` write
//! documents (or JSON), `import` a change report; `export` and `render` write files for other
//! programs and people (work files, the questionnaire), which are data formats, not documents.

mod check;
mod export;
mod import;
mod render;
mod status;

use anyhow::bail;
use clap::{Args, Subcommand};
use psym_instrument::Instrument;

use crate::output::Outcome;

/// Translations: check them, see what is left, hand work files to translators and merge them
/// back, print the questionnaire per language.
///
/// Example: psym translate check instruments/open-alliance-12.json --lang nb
#[derive(Debug, Args)]
#[command(after_help = "Example: psym translate check instruments/open-alliance-12.json --lang nb")]
pub struct TranslateArgs {
    #[command(subcommand)]
    command: TranslateCommand,
}

#[derive(Debug, Subcommand)]
enum TranslateCommand {
    /// Every translation problem with its JSON path (exit 0 clean, 1 errors, 2 could not run)
    Check(check::CheckArgs),
    /// Write a work file for translators (CSV, XLSX, XLIFF 1.2, XLSForm, REDCap)
    Export(export::ExportArgs),
    /// Merge a work file back into the instrument, all or nothing, reporting every change
    Import(import::ImportArgs),
    /// Languages × workflow steps: what is left to do (exit 0 when all approved, else 1)
    Status(status::StatusArgs),
    /// The printable questionnaire in one language, or a side-by-side review sheet
    Render(render::RenderArgs),
}

/// Runs `psym translate …`.
pub fn run(args: TranslateArgs) -> anyhow::Result<Outcome> {
    match args.command {
        TranslateCommand::Check(a) => check::run(a),
        TranslateCommand::Export(a) => export::run(a),
        TranslateCommand::Import(a) => import::run(a),
        TranslateCommand::Status(a) => status::run(a),
        TranslateCommand::Render(a) => render::run(a),
    }
}

/// Refuses a language the instrument does not declare (named on the command line).
fn require_language(inst: &Instrument, lang: &str) -> anyhow::Result<()> {
    if !inst.languages.iter().any(|l| l == lang) {
        bail!(
            "language '{lang}' is not declared in instrument '{}' (languages: {})",
            inst.id,
            inst.languages.join(", ")
        );
    }
    Ok(())
}
