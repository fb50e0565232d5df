//! `psym parallel`: how many factors (parallel analysis and Velicer's MAP).

use clap::Args;
use psym_efa::{PSYCH_QUANTILE, ParallelOptions, map_test, parallel_analysis_with_progress};
use psym_report::efa::write_parallel;
use psym_report::rows::write_warnings;
use psym_stats::{CorMethod, RowCount};
use serde_json::json;

use crate::cmd::cor::DataArgs;
use crate::output::{Format, Formats, Outcome, OutputArgs, write_json};
use crate::progress::Bar;

/// What `psym parallel` writes.
const FORMATS: Formats = Formats {
    what: "psym parallel",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Number of factors: parallel analysis (factors and components) and Velicer's MAP test.
///
/// Horn's parallel analysis as psych::fa.parallel with fa = "both": an observed eigenvalue
/// counts while it exceeds the 95th percentile of the simulated ones (--quantile).
/// Simulated data are normal with the same numbers of respondents and items; replicate i uses
/// random stream i of the seed, so a seed gives the same answer on any number of threads
/// (RAYON_NUM_THREADS sets the threads).
///
/// Example: psym parallel tests/data/bfi.csv --items "A1 A2 A3 A4 A5 C1 C2 C3 C4 C5" --iterations 100
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct ParallelArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Correlations of the observed data
    #[arg(long, default_value = "pearson")]
    cor: CorMethod,
    /// Simulated data sets
    #[arg(long, default_value_t = 20)]
    iterations: usize,
    /// Seed of the simulation
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Compare the observed eigenvalues with this quantile of the simulated ones, or with their
    /// mean (Horn's original rule): a number in [0, 1] or "mean" [default: 0.95, as psych's
    /// fa.parallel]
    #[arg(long, value_name = "Q", value_parser = parse_quantile)]
    quantile: Option<Compare>,
    #[command(flatten)]
    output: OutputArgs,
}

/// What the observed eigenvalues are compared with: a quantile of the simulated ones, or
/// their mean (`None`).
#[derive(Debug, Clone, Copy)]
struct Compare(Option<f64>);

fn parse_quantile(text: &str) -> Result<Compare, String> {
    if text == "mean" {
        return Ok(Compare(None));
    }
    match text.parse::<f64>() {
        Ok(q) if (0.0..=1.0).contains(&q) => Ok(Compare(Some(q))),
        _ => Err(format!(
            "'{text}' is neither a number between 0 and 1 nor \"mean\""
        )),
    }
}

/// Runs `psym parallel`.
pub fn run(args: ParallelArgs) -> anyhow::Result<Outcome> {
    let plan = args.output.resolve(&FORMATS, &args.data.inputs())?;
    let loaded = args.data.load(None)?;
    let c = args
        .data
        .correlations(&loaded.matrix, &loaded.items, args.cor)?;
    let opts = ParallelOptions {
        iterations: args.iterations,
        seed: args.seed,
        quantile: args.quantile.map_or(Some(PSYCH_QUANTILE), |c| c.0),
    };
    // Short runs finish before a bar would be read.
    let bar = Bar::new(
        args.iterations >= 100,
        "simulating [{bar:40}] {pos}/{len} {eta}",
    );
    let pa =
        parallel_analysis_with_progress(&c.matrix, args.data.n_obs(&loaded.matrix), &opts, &bar)?;
    let map = map_test(&c.matrix).ok();
    let rows = RowCount::for_policy(&loaded.matrix, args.data.policy());
    let warnings = args.data.warnings(&rows);
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => {
            let mut v = serde_json::to_value(&pa)?;
            v["items"] = json!(loaded.items);
            v["n"] = json!(args.data.n_obs(&loaded.matrix));
            v["n_used"] = json!(rows.n_used);
            v["n_total"] = json!(rows.n_total);
            v["patterns"] = json!(rows.patterns);
            v["map"] = json!(map);
            v["warnings"] = json!(warnings);
            write_json(&mut out, &v)?;
        }
        Format::Md => {
            write_parallel(&mut out, &pa, map.as_ref(), &rows, true)?;
            write_warnings(&mut out, &warnings, true)?;
        }
        Format::Text => {
            write_parallel(&mut out, &pa, map.as_ref(), &rows, false)?;
            write_warnings(&mut out, &warnings, false)?;
        }
        other => return Err(FORMATS.refuse(other)),
    }
    out.finish()?;
    Ok(Outcome::Clean)
}
