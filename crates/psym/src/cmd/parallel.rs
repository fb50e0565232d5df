//! `psym parallel`: how many factors (parallel analysis and Velicer's MAP).

use clap::Args;
use psym_efa::{
    Map, PSYCH_QUANTILE, Parallel, ParallelOptions, map_test, parallel_analysis_with_progress,
};
use psym_report::doc;
use psym_report::efa::parallel::{self, ParallelReport};
use psym_stats::{CorMethod, RowCount};

use crate::cmd::cor::{DataArgs, Loaded};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};
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

/// A resolved `psym parallel` run: where the output goes, the responses and the simulation
/// settings.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The items' responses.
    loaded: Loaded,
    /// Replicates, seed and the quantile compared with.
    options: ParallelOptions,
}

/// What a `psym parallel` run found.
struct Analysis {
    /// Respondents behind the observed correlations.
    n: usize,
    /// Rows used and read.
    rows: RowCount,
    /// The parallel analysis.
    pa: Parallel,
    /// Velicer's MAP test (absent when it could not be computed).
    map: Option<Map>,
    /// Warnings about the data.
    warnings: Vec<String>,
}

/// Runs `psym parallel`: resolve the arguments, simulate, render.
pub fn run(args: ParallelArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    let analysis = analyse(&args, &request)?;
    let report = ParallelReport {
        items: &request.loaded.items,
        n: analysis.n,
        rows: analysis.rows,
        pa: &analysis.pa,
        map: analysis.map.as_ref(),
        warnings: &analysis.warnings,
    };
    let mut out = request.plan.open()?;
    match request.plan.format {
        Format::Json => write_json(&mut out, &parallel::json(&report)?)?,
        format => doc::write(&mut out, &parallel::document(&report, format), format)?,
    }
    out.finish()?;
    Ok(Outcome::Clean)
}

/// Settles the output, reads the responses and settles the simulation.
fn resolve(args: &ParallelArgs) -> anyhow::Result<Request> {
    let plan = args.output.resolve(&FORMATS, &args.data.inputs())?;
    let loaded = args.data.load(None)?;
    let options = ParallelOptions {
        iterations: args.iterations,
        seed: args.seed,
        quantile: args.quantile.map_or(Some(PSYCH_QUANTILE), |c| c.0),
    };
    Ok(Request {
        plan,
        loaded,
        options,
    })
}

/// Correlates the items, simulates (with a progress bar on long runs) and runs the MAP test.
fn analyse(args: &ParallelArgs, request: &Request) -> anyhow::Result<Analysis> {
    let loaded = &request.loaded;
    let c = args
        .data
        .correlations(&loaded.matrix, &loaded.items, args.cor)?;
    // Short runs finish before a bar would be read.
    let bar = Bar::new(
        args.iterations >= 100,
        "simulating [{bar:40}] {pos}/{len} {eta}",
    );
    let n = args.data.n_obs(&loaded.matrix);
    let pa = parallel_analysis_with_progress(&c.matrix, n, &request.options, &bar)?;
    let rows = RowCount::for_policy(&loaded.matrix, args.data.policy());
    Ok(Analysis {
        n,
        rows,
        pa,
        map: map_test(&c.matrix).ok(),
        warnings: args.data.warnings(&rows),
    })
}
