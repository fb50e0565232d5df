//! `psym reliability`: alpha, lambda-6, omega and item analysis per scale.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use nalgebra::DMatrix;
use psym_data::{Groups, Responses};
use psym_instrument::Instrument;
use psym_reliability::{
    AlphaComparison, BootstrapOptions, GroupAlpha, MissingPolicy, Options, Scale, ScaleReliability,
};
use psym_report::doc;
use psym_report::reliability::{
    GroupsReport, document, groups_document, groups_json, reliability_json,
};
use psym_score::{ScaleRule, ScoreOptions, Scorer, parse_keys};

use crate::advice;
use crate::cmd::common::{ReadArgs, instrument_files, load_instrument};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};
use crate::progress::Bar;

/// What `psym reliability` writes.
const FORMATS: Formats = Formats {
    what: "psym reliability",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Reliability per scale: alpha, lambda-6, omega, item analysis, confidence intervals.
///
/// Cronbach's alpha (raw and standardized), Guttman's lambda-6, McDonald's omega, average and
/// median inter-item correlation, item analysis (r.drop, r.cor, alpha if deleted), Feldt and
/// bootstrap confidence intervals.
/// Reverse-keyed items are reversed (min + max − x) before the analysis. Missing answers are
/// handled pairwise by default (as psych::alpha), or listwise. Warnings flag items that
/// correlate negatively with the rest of their scale (a forgotten reverse key), a negative
/// alpha and items without variance. Exit status: 0 all well, 1 a scale has such a problem,
/// 2 could not run.
///
/// With --ordinal the items are treated as ordered categories: ordinal alpha and omega from the
/// polychoric correlations (reliability of the sum of the latent responses, as psych's
/// alpha(polychoric(x)$rho) and omega(x, poly = TRUE)) and categorical omega from a one-factor
/// WLSMV fit (reliability of the observed sum score, as semTools' compRelSEM(ord.scale = TRUE)).
///
/// Examples:
///   psym reliability --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv
///   psym reliability --ordinal --instrument instruments/open-alliance-12.json docs/examples/alliance_en_nb.csv
///   psym reliability bfi.csv --items "-A1 A2 A3 A4 A5" --scale-min 1 --scale-max 6 --bootstrap 2000 --seed 1
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct ReliabilityArgs {
    /// Instrument file (JSON) defining the scales and reverse keys
    #[arg(long, value_name = "FILE", required_unless_present = "items")]
    instrument: Option<PathBuf>,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Scales to analyse, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID", requires = "instrument")]
    scales: Vec<String>,
    /// Items of one ad hoc scale, psych-style keys: "-A1 A2 A3" (a leading - marks a
    /// reverse-keyed item)
    #[arg(
        long,
        value_name = "KEYS",
        allow_hyphen_values = true,
        conflicts_with = "instrument"
    )]
    items: Option<String>,
    /// Name of the ad hoc scale given with --items
    #[arg(long, value_name = "ID", default_value = "scale", requires = "items")]
    name: String,
    /// Lowest possible answer, for reversing items given with --items
    #[arg(long, value_name = "X", requires = "items")]
    scale_min: Option<f64>,
    /// Highest possible answer, for reversing items given with --items
    #[arg(long, value_name = "X", requires = "items")]
    scale_max: Option<f64>,
    /// Missing-data rule: pairwise (each covariance from the respondents answering both items,
    /// as psych::alpha) or listwise (only respondents answering every item of the scale)
    #[arg(long, value_name = "RULE", default_value = "pairwise")]
    missing: MissingPolicy,
    /// Bootstrap replicates for percentile and BCa intervals of alpha and omega (e.g. 2000)
    #[arg(long, value_name = "N")]
    bootstrap: Option<usize>,
    /// Seed of the bootstrap (results for a seed do not depend on the number of threads)
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Coverage of the confidence intervals
    #[arg(long, value_name = "P", default_value_t = 0.95)]
    level: f64,
    /// Group factors of the Schmid–Leiman solution for omega hierarchical [default: with an
    /// instrument, for a scale made of two or more of its other scales, the number of those
    /// scales]; 0 = none
    #[arg(long, value_name = "N")]
    group_factors: Option<usize>,
    /// Treat the items as ordered categories: ordinal alpha, omega of the polychoric matrix
    /// and categorical omega (Green & Yang) from a one-factor WLSMV fit
    #[arg(long, conflicts_with_all = ["bootstrap", "group"])]
    ordinal: bool,
    /// With --ordinal: merge each category with fewer than MIN answers into its adjacent
    /// category (the sparser neighbour) before the analysis; every merge is reported
    #[arg(long, value_name = "MIN", requires = "ordinal")]
    collapse: Option<usize>,
    /// Analyse each group of this column separately and compare alpha across the groups
    /// (Feldt's test for two, Hakstian & Whalen's for more); rows without a value are left out
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

mod ordinal;

/// A resolved `psym reliability` run: where the output goes, the instrument, the scoring
/// keys and the responses.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The instrument, when one was given (its group factors for omega hierarchical).
    instrument: Option<Instrument>,
    /// The scales and their keyed items.
    scorer: Scorer,
    /// The items' responses.
    responses: Responses,
    /// Each row's group, with `--group`.
    groups: Option<Groups>,
}

/// Runs `psym reliability`: resolve the arguments, analyse each scale, render.
pub fn run(args: ReliabilityArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    if !request.responses.problems.is_empty() {
        eprintln!(
            "psym: {} invalid answer(s) in {} were read as missing (psym validate lists them)",
            request.responses.problems.len(),
            args.data.display()
        );
    }
    if args.ordinal {
        return ordinal::run(&args, &request);
    }
    if let Some(groups) = &request.groups {
        return run_groups(&args, &request, groups);
    }
    let results = analyse(&args, &request, &request.responses.matrix)?;
    let mut out = request.plan.open()?;
    match request.plan.format {
        Format::Json => write_json(&mut out, &reliability_json(&results, advice::reliability))?,
        format => {
            let name = args.data.display().to_string();
            doc::write(
                &mut out,
                &document(&name, &results, format, advice::reliability),
                format,
            )?;
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(
        results.iter().any(|r| r.has_problems()),
    ))
}

/// Settles the output, checks the options, loads the instrument or the item keys and reads
/// the responses (the items of the selected scales must be in the file, as numbers).
fn resolve(args: &ReliabilityArgs) -> anyhow::Result<Request> {
    let mut inputs: Vec<PathBuf> = args
        .instrument
        .as_deref()
        .map(instrument_files)
        .unwrap_or_default();
    inputs.push(args.data.clone());
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    if let Some(0) = args.bootstrap {
        bail!("--bootstrap needs at least one replicate (2000 is usual)");
    }
    let instrument = args
        .instrument
        .as_deref()
        .map(load_instrument)
        .transpose()?;
    let scorer = match (&instrument, &args.items) {
        (Some(inst), _) => Scorer::from_instrument(
            inst,
            &ScoreOptions {
                scales: args.scales.clone(),
                min_answered: None,
            },
        )?,
        (None, Some(keys)) => {
            let range = match (args.scale_min, args.scale_max) {
                (Some(lo), Some(hi)) if lo < hi => Some((lo, hi)),
                (None, None) => None,
                _ => bail!("give both --scale-min and --scale-max, with min < max"),
            };
            Scorer::from_keys(
                &args.name,
                &parse_keys(keys)?,
                range,
                &ScoreOptions::default(),
            )?
        }
        (None, None) => bail!("give --instrument FILE or --items \"-A1 A2 …\""),
    };
    let mut options = args.read.options(instrument.as_ref())?;
    options.keep = args.group.iter().cloned().collect();
    let responses = Responses::read(&args.data, scorer.items(), &options)
        .with_context(|| format!("cannot read {}", args.data.display()))?;
    let used = |id: &str| {
        scorer
            .scales()
            .iter()
            .any(|rule| rule.items.iter().any(|k| scorer.items()[k.index].id == id))
    };
    responses.require_columns(&args.data, used)?;
    let groups = args
        .group
        .as_ref()
        .map(|_| Groups::of(responses.kept.iter().map(|k| k[0].as_str())));
    if let (Some(g), Some(name)) = (&groups, &args.group)
        && g.labels.len() < 2
    {
        bail!(
            "--group {name} has {} distinct value(s); a comparison needs at least two groups",
            g.labels.len()
        );
    }
    Ok(Request {
        plan,
        instrument,
        scorer,
        responses,
        groups,
    })
}

/// Each group's reliability and alpha compared across the groups, rendered.
fn run_groups(
    args: &ReliabilityArgs,
    request: &Request,
    groups: &Groups,
) -> anyhow::Result<Outcome> {
    let matrix = &request.responses.matrix;
    let mut per_group = Vec::new();
    for (g, label) in groups.labels.iter().enumerate() {
        let rows: Vec<usize> = (0..matrix.nrows())
            .filter(|&i| groups.rows[i] == g)
            .collect();
        let subset = matrix.select_rows(&rows);
        let results =
            analyse(args, request, &subset).map_err(|e| e.context(format!("in group {label}")))?;
        per_group.push((label.clone(), results));
    }
    let comparisons: Vec<AlphaComparison> = (0..request.scorer.scales().len())
        .map(|j| {
            let alphas = per_group
                .iter()
                .map(|(_, r)| GroupAlpha {
                    alpha: r[j].coefficients.alpha,
                    n: r[j].n,
                    items: r[j].n_items,
                })
                .collect();
            AlphaComparison::new(
                &request.scorer.scales()[j].id,
                groups.labels.clone(),
                alphas,
            )
        })
        .collect();
    let column = args.group.as_deref().unwrap_or_default();
    let report = GroupsReport {
        column,
        groups: &per_group,
        comparisons: &comparisons,
    };
    let mut out = request.plan.open()?;
    match request.plan.format {
        Format::Json => write_json(&mut out, &groups_json(&report, advice::reliability))?,
        format => {
            let name = args.data.display().to_string();
            let document = groups_document(&name, &report, format, advice::reliability);
            doc::write(&mut out, &document, format)?;
        }
    }
    out.finish()?;
    let untestable = comparisons
        .iter()
        .any(|c| c.feldt.is_none() && c.hakstian_whalen.is_none());
    Ok(Outcome::problems_if(
        untestable
            || per_group
                .iter()
                .flat_map(|(_, r)| r)
                .any(|r| r.has_problems()),
    ))
}

/// The reliability of each scale of the respondents in `matrix` (with a progress bar while
/// bootstrapping).
fn analyse(
    args: &ReliabilityArgs,
    request: &Request,
    matrix: &DMatrix<f64>,
) -> anyhow::Result<Vec<ScaleReliability>> {
    let Request {
        instrument, scorer, ..
    } = request;
    let progress = Bar::new(
        args.bootstrap.is_some(),
        "{msg:>12} [{bar:40}] {pos}/{len} {eta}",
    );
    let mut results = Vec::new();
    for rule in scorer.scales() {
        let (scale, data) = keyed(rule, scorer, matrix);
        let opts = Options {
            missing: args.missing,
            level: args.level,
            bootstrap: args.bootstrap.map(|replicates| BootstrapOptions {
                replicates,
                seed: args.seed,
            }),
            group_factors: group_factors(args.group_factors, instrument.as_ref(), &rule.id),
        };
        progress.label(&rule.id);
        let result = psym_reliability::analyze(&scale, &data, &opts, &progress)
            .map_err(|e| anyhow::anyhow!(e.describe(advice::reliability)))?;
        results.push(result);
    }
    Ok(results)
}

/// The scale's items as a respondents × items matrix, keyed by psym-score's rule.
pub(crate) fn keyed(
    rule: &ScaleRule,
    scorer: &Scorer,
    matrix: &DMatrix<f64>,
) -> (Scale, DMatrix<f64>) {
    let scale = Scale {
        id: rule.id.clone(),
        items: rule
            .items
            .iter()
            .map(|k| scorer.items()[k.index].id.clone())
            .collect(),
        reversed: rule.items.iter().map(|k| k.reverse).collect(),
    };
    (scale, rule.keyed_items(matrix))
}

/// Group factors for omega hierarchical: the option when given (0 = none), else the number of
/// the instrument's other scales that lie wholly inside this one, when there are two or more
/// and they share no item.
pub(crate) fn group_factors(
    given: Option<usize>,
    inst: Option<&Instrument>,
    scale: &str,
) -> Option<usize> {
    if let Some(k) = given {
        return (k > 0).then_some(k);
    }
    inst?.group_factors(scale)
}
