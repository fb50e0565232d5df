//! `psym translate check`: every problem of the translations, with its JSON path.

use std::path::PathBuf;

use clap::Args;
use psym_instrument::Instrument;
use psym_report::doc;
use psym_report::translate::{check_document, check_json};
use psym_translate::{CheckOptions, CheckReport};

use super::require_language;
use crate::advice;
use crate::cmd::common::{instrument_files, load_instrument};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym translate check` writes.
const FORMATS: Formats = Formats {
    what: "psym translate check",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Check translations.
///
/// Example: psym translate check instruments/open-alliance-12.json --lang da --format json
#[derive(Debug, Args)]
#[command(
    after_help = "Example: psym translate check instruments/open-alliance-12.json --lang da --format json",
    mut_arg("format", |a| FORMATS.restrict(a))
)]
pub(super) struct CheckArgs {
    /// Instrument file (JSON)
    file: PathBuf,
    /// Languages to check (repeat or separate by commas) [default: every target language]
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    lang: Vec<String>,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// A resolved check: where the output goes, the instrument and the languages to check.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The instrument (with its text overlays).
    inst: Instrument,
    /// The languages to check (every target language when empty).
    options: CheckOptions,
}

/// Runs `psym translate check`: resolve, check, render; exit 1 on errors (or, with
/// `--strict`, warnings).
pub(super) fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    let report = psym_translate::check(&request.inst, &request.options);
    render(&request.plan, &args.file.display().to_string(), &report)?;
    Ok(Outcome::problems_if(
        report.errors > 0 || (args.strict && report.warnings > 0),
    ))
}

/// Settles the output, loads the instrument and checks that every language asked for is
/// declared.
fn resolve(args: &CheckArgs) -> anyhow::Result<Request> {
    let plan = args
        .output
        .resolve(&FORMATS, &instrument_files(&args.file))?;
    let inst = load_instrument(&args.file)?;
    for l in &args.lang {
        require_language(&inst, l)?;
    }
    Ok(Request {
        plan,
        inst,
        options: CheckOptions {
            languages: args.lang.clone(),
            ..CheckOptions::default()
        },
    })
}

/// Writes the findings as JSON or as the check's document, advice worded as flags.
fn render(plan: &Plan, file: &str, report: &CheckReport) -> anyhow::Result<()> {
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &check_json(report, advice::translate))?,
        format => doc::write(
            &mut out,
            &check_document(file, report, format, advice::translate),
            format,
        )?,
    }
    out.finish()
}
