//! `psym translate status`: languages × workflow steps, and what is left to do.

use std::path::PathBuf;

use clap::Args;
use psym_report::doc;
use psym_report::translate::status_document;
use psym_translate::StatusTable;

use crate::cmd::common::{instrument_files, load_instrument};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym translate status` writes.
const FORMATS: Formats = Formats {
    what: "psym translate status",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Show progress per language.
///
/// Example: psym translate status instruments/open-alliance-12.json
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate status instruments/open-alliance-12.json",
    mut_arg("format", |a| FORMATS.restrict(a))
)]
pub(super) struct StatusArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym translate status`: resolve (output, instrument), tabulate, render; exit 1 unless
/// every language is complete.
pub(super) fn run(args: StatusArgs) -> anyhow::Result<Outcome> {
    let plan = args
        .output
        .resolve(&FORMATS, &instrument_files(&args.file))?;
    let inst = load_instrument(&args.file)?;
    let table = psym_translate::status(&inst);
    render(&plan, &table)?;
    Ok(Outcome::problems_if(!table.complete()))
}

/// Writes the table as JSON (its serialisation) or as the status document.
fn render(plan: &Plan, table: &StatusTable) -> anyhow::Result<()> {
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, table)?,
        format => doc::write(&mut out, &status_document(table, format), format)?,
    }
    out.finish()
}
