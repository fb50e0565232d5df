//! `psym compare`: scale scores compared across groups (Hedges' g, Welch's t-test).

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use psym_data::{Groups, Responses};
use psym_report::compare::{document, json};
use psym_report::doc;

use psym_stats::two_groups::ScaleByGroup;

use crate::cmd::common::{ReadArgs, load_instrument};
use crate::cmd::scored::{inputs, scorer};
use crate::output::{Format, Formats, Outcome, OutputArgs, write_json};

/// What `psym compare` writes.
const FORMATS: Formats = Formats {
    what: "psym compare",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// The most groups compared: every pair is a row of the report, so 30 groups are already 435
/// pairs; a column with more values (an id, a date) is almost certainly the wrong column.
const MAX_GROUPS: usize = 30;

/// Scale scores by group: n, mean and SD per group, and for every pair of groups the mean
/// difference, Hedges' g with its confidence interval and Welch's t-test.
///
/// Scores are computed as `psym score` does. Mean comparisons assume scalar invariance across
/// the groups (check with `psym invariance`). Exit status: 0 all well, 1 a pair of groups
/// could not be compared (a group with fewer than two scores or no variance), 2 could not run.
///
/// Example: psym compare --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv --group lang
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct CompareArgs {
    /// Instrument file (JSON)
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Column whose values name the groups (rows without a value are left out)
    #[arg(long, value_name = "COL")]
    group: String,
    /// Scales to compare, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID")]
    scales: Vec<String>,
    /// Coverage of the confidence interval of Hedges' g
    #[arg(long, value_name = "P", default_value_t = 0.95)]
    level: f64,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym compare`: read and score the responses, compare the groups, render.
pub fn run(args: CompareArgs) -> anyhow::Result<Outcome> {
    let plan = args.output.resolve(
        &FORMATS,
        &inputs(&args.instrument, std::slice::from_ref(&args.data)),
    )?;
    if !(args.level > 0.0 && args.level < 1.0) {
        bail!("--level must be between 0 and 1, got {}", args.level);
    }
    let instrument = load_instrument(&args.instrument)?;
    let scorer = scorer(&instrument, &args.scales)?;
    let mut options = args.read.options(Some(&instrument))?;
    options.keep = vec![args.group.clone()];
    let responses = Responses::read(&args.data, scorer.items(), &options)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    responses.require_columns(&args.data, |_| true)?;
    let groups = Groups::of(responses.kept.iter().map(|k| k[0].as_str()));
    let k = groups.labels.len();
    if !(2..=MAX_GROUPS).contains(&k) {
        bail!(
            "--group {} has {k} distinct value(s); psym compare compares 2 to {MAX_GROUPS} groups (every pair of them: at most {} pairs); is it the right column?",
            args.group,
            MAX_GROUPS * (MAX_GROUPS - 1) / 2
        );
    }
    let scores = scorer.score_matrix(&responses.matrix);
    let results: Vec<ScaleByGroup> = scorer
        .scales()
        .iter()
        .enumerate()
        .map(|(j, rule)| {
            let values: Vec<Vec<f64>> = (0..groups.labels.len())
                .map(|g| {
                    (0..scores.nrows())
                        .filter(|&i| groups.rows[i] == g)
                        .map(|i| scores[(i, j)])
                        .collect()
                })
                .collect();
            ScaleByGroup::new(&rule.id, &groups.labels, &values, args.level)
        })
        .collect();
    if !responses.problems.is_empty() {
        eprintln!(
            "psym: {} invalid answer(s) in {} were read as missing (psym validate lists them)",
            responses.problems.len(),
            args.data.display()
        );
    }
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &json(&args.group, args.level, &results))?,
        format => {
            let name = args.data.display().to_string();
            doc::write(
                &mut out,
                &document(&name, &args.group, args.level, &results),
                format,
            )?;
        }
    }
    out.finish()?;
    let untestable = results
        .iter()
        .flat_map(|s| &s.pairs)
        .any(|p| p.comparison.is_none());
    Ok(Outcome::problems_if(untestable))
}
