//! `psym norms`: norm tables (percentile ranks, normalised T-scores, stanines) per scale and
//! group, written as a norm file that `psym score --norms` applies.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use psym_data::{Groups, Responses};
use psym_report::doc;
use psym_report::norms::document;
use psym_score::norms::NormFile;

use crate::cmd::common::{ReadArgs, load_instrument, warn_on_stderr};
use crate::cmd::scored::{inputs, scorer};
use crate::output::{Format, Formats, Outcome, OutputArgs, write_json};

/// What `psym norms` writes.
const FORMATS: Formats = Formats {
    what: "psym norms",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Norm tables: percentile rank, normalised T-score and stanine of every possible raw score,
/// per scale (and per group).
///
/// The percentile is the mid-point percentile rank 100·(below + same/2)/n; T = 50 + 10·Φ⁻¹
/// (percentile/100); stanines cut the percentiles at 4, 11, 23, 40, 60, 77, 89 and 96. Each
/// table runs from the lowest to the highest score of the norm sample. The JSON output is the
/// norm file that `psym score --norms` applies. Exit status: 0 all well, 1 a norm sample has
/// fewer than 100 scores (or none), 2 could not run.
///
/// Example: psym norms --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv --group lang --out norms.json
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct NormsArgs {
    /// Instrument file (JSON)
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file of the norm sample (CSV, semicolon- or tab-separated text, .xlsx, .xls or
    /// .ods workbook, SPSS .sav or .zsav)
    data: PathBuf,
    /// Column whose values name the norm groups (one table per value; rows without a value
    /// are left out)
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// Scales to norm, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID")]
    scales: Vec<String>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym norms`: resolve (instrument, scores of the norm sample, groups), build, render.
pub fn run(args: NormsArgs) -> anyhow::Result<Outcome> {
    let plan = args.output.resolve(
        &FORMATS,
        &inputs(&args.instrument, std::slice::from_ref(&args.data)),
    )?;
    let instrument = load_instrument(&args.instrument)?;
    let scorer = scorer(&instrument, &args.scales)?;
    let mut options = args.read.options(Some(&instrument))?;
    options.keep = args.group.iter().cloned().collect();
    let responses = Responses::read(&args.data, scorer.items(), &options)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    responses.require_columns(&args.data, |_| true)?;
    let scores = scorer.score_matrix(&responses.matrix);
    let groups = args
        .group
        .as_ref()
        .map(|_| Groups::of(responses.kept.iter().map(|k| k[0].as_str())));
    let group = args.group.as_deref().zip(groups.as_ref());
    let norms = NormFile::build(&instrument, &scorer, &scores, group)
        .with_context(|| args.instrument.display().to_string())?;
    if !responses.problems.is_empty() {
        eprintln!(
            "psym: {} invalid answer(s) in {} were read as missing (psym validate lists them)",
            responses.problems.len(),
            args.data.display()
        );
    }
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => {
            write_json(&mut out, &norms)?;
            warn_on_stderr(norms.warnings.iter().map(ToString::to_string));
        }
        format => {
            let name = args.data.display().to_string();
            doc::write(&mut out, &document(&norms, &name), format)?;
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(!norms.warnings.is_empty()))
}
