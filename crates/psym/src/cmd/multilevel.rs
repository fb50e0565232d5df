//! `psym multilevel`: how much of each scale score lies between clusters (caseworkers,
//! offices).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use psym_data::Groups;
use psym_report::doc;
use psym_report::multilevel::{MultilevelRun, document, multilevel_json};

use crate::advice;
use crate::cmd::common::{ReadArgs, load_instrument};
use crate::cmd::scored::{inputs, read_scored, scorer};
use crate::output::{Format, Formats, Outcome, OutputArgs, write_json};

/// What `psym multilevel` writes.
const FORMATS: Formats = Formats {
    what: "psym multilevel",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Variation between clusters (clients nested in caseworkers or offices): per scale ICC(1)
/// and ICC(2) from the one-way random-effects ANOVA, the REML random-intercept ICC(1) (as
/// lme4::lmer), the design effect and the reliability of cluster-mean scores.
///
/// Scale scores are computed as `psym score` computes them; a respondent without a score or
/// without a cluster value is left out of that scale (rows without a cluster are listed).
/// Clusters of one member count towards the between-cluster variance only. Formulas and
/// sources: docs/methods/agreement.md. Exit status: 0 all well, 1 rows without a cluster or a
/// warning (few clusters, no variance between clusters, a negative ANOVA ICC), 2 could not run
/// (unknown column, fewer than two clusters, every cluster of one member).
///
/// Example: psym multilevel --instrument instruments/open-alliance-12.json clients.csv --cluster caseworker
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct MultilevelArgs {
    /// Instrument file (JSON): its items, scales and reverse keys
    #[arg(long, value_name = "FILE")]
    instrument: PathBuf,
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Column naming each respondent's cluster (caseworker, office)
    #[arg(long, value_name = "NAME")]
    cluster: String,
    /// Scales to analyse, in this order [default: all scales of the instrument]
    #[arg(long = "scale", value_name = "ID")]
    scales: Vec<String>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym multilevel`: resolve, score the file, analyse each scale, render.
pub fn run(args: MultilevelArgs) -> anyhow::Result<Outcome> {
    let plan = args.output.resolve(
        &FORMATS,
        &inputs(&args.instrument, std::slice::from_ref(&args.data)),
    )?;
    let instrument = load_instrument(&args.instrument)?;
    let scorer = scorer(&instrument, &args.scales)?;
    let mut options = args.read.options(Some(&instrument))?;
    options.keep = vec![args.cluster.clone()];
    let (scored, _) = read_scored(&args.data, &scorer, &options)
        .with_context(|| format!("--cluster {}", args.cluster))?;
    if !scored.problems.is_empty() {
        eprintln!(
            "psym: {} invalid answer(s) in {} were read as missing (psym validate lists them)",
            scored.problems.len(),
            args.data.display()
        );
    }
    let groups = Groups::of(
        scored
            .kept
            .iter()
            .map(|k| k.first().map_or("", String::as_str)),
    );
    let no_cluster = groups
        .rows
        .iter()
        .zip(&scored.lines)
        .filter(|(g, _)| **g == Groups::NONE)
        .map(|(_, &line)| line)
        .collect();
    let mut scales = Vec::new();
    for (s, rule) in scorer.scales().iter().enumerate() {
        let variation = psym_agreement::clusters(&scored.scale(s), &groups.rows)
            .with_context(|| format!("scale {}, clusters by '{}'", rule.id, args.cluster))?;
        scales.push((rule.id.clone(), variation));
    }
    let run = MultilevelRun {
        file: args.data.display().to_string(),
        cluster: args.cluster.clone(),
        rows: scored.ids.len() as u64,
        no_cluster,
        scales,
    };
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &multilevel_json(&run, advice::agreement))?,
        format => doc::write(&mut out, &document(&run, format, advice::agreement), format)?,
    }
    out.finish()?;
    Ok(Outcome::problems_if(run.has_problems()))
}
