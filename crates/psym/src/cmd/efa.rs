//! `psym efa`: exploratory factor analysis, optionally per group with congruence.

use anyhow::bail;
use clap::Args;
use psym_efa::{
    Diagnostic, DiagnosticKind, Extraction, FaOptions, GroupInput, Normalization, Rotation,
    RotationOptions, bartlett, fa, fa_by_group, kmo, target_pattern,
};
use psym_report::efa::{
    EfaReport, efa_json, groups_json, write_efa_markdown, write_efa_text, write_groups,
};
use psym_report::rows::write_warnings;
use psym_report::subject::{Names, efa_error, line};
use psym_stats::{CorMethod, RowCount, Severity, Subject};

use crate::advice;
use crate::cmd::common::warn_on_stderr;
use crate::cmd::cor::{DataArgs, Loaded};
use crate::output::{Format, Formats, Outcome, OutputArgs, write_json};

/// What `psym efa` writes.
const FORMATS: Formats = Formats {
    what: "psym efa",
    accepted: &[Format::Text, Format::Json, Format::Csv, Format::Md],
};

/// What `psym efa --group` writes (the loadings of several groups make no single CSV table).
const GROUP_FORMATS: Formats = Formats {
    what: "psym efa --group",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Exploratory factor analysis: extraction, rotation, fit, adequacy.
///
/// Factors are ordered by variance explained and signed positive, as psych::fa. Kaiser
/// normalisation is on by default for every rotation (as SPSS); psych applies it only to
/// varimax and promax: use --normalize psych to reproduce psych::fa exactly. Exit status 1
/// when the solution has a Heywood case, did not converge or is not identified.
///
/// Example: psym efa tests/data/bfi.csv --items "A1 A2 A3 A4 A5 C1 C2 C3 C4 C5" --factors 2
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct EfaArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Number of factors [default: the instrument's number of subscales, else 1]
    #[arg(long, value_name = "K")]
    factors: Option<usize>,
    /// Extraction method
    #[arg(long, default_value = "minres")]
    method: Extraction,
    /// Rotation
    #[arg(long, default_value = "oblimin")]
    rotate: Rotation,
    /// Row normalisation before rotating
    #[arg(long, default_value = "kaiser")]
    normalize: Normalization,
    /// Correlations to factor
    #[arg(long, default_value = "pearson")]
    cor: CorMethod,
    /// Fit each group of this column separately and report factor congruence across groups
    /// (written as text, json or md)
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// Loadings with smaller absolute value are shown blank in text and Markdown
    #[arg(long, value_name = "X", default_value_t = 0.3)]
    cut: f64,
    /// Seed of geomin's random starts
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `psym efa`.
pub fn run(args: EfaArgs) -> anyhow::Result<Outcome> {
    let formats = if args.group.is_some() {
        GROUP_FORMATS
    } else {
        FORMATS
    };
    let plan = args.output.resolve(&formats, &args.data.inputs())?;
    let loaded = args.data.load(args.group.as_deref())?;
    let opts = options(&args, &loaded)?;
    if let Some(groups) = &loaded.groups {
        let inputs = group_inputs(&args, &loaded, groups)?;
        let g = fa_by_group(&inputs, &opts)
            .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
        let warnings: Vec<String> = g
            .groups
            .iter()
            .flat_map(|x| {
                args.data
                    .warnings(&x.rows)
                    .into_iter()
                    .map(move |w| format!("group {}: {w}", x.group))
            })
            .collect();
        let mut out = plan.open()?;
        match plan.format {
            Format::Json => {
                let mut v = groups_json(&g, &loaded.items, advice::efa)?;
                v["warnings"] = serde_json::json!(warnings);
                write_json(&mut out, &v)?;
            }
            Format::Md => {
                write_groups(&mut out, &g, &loaded.items, advice::efa, true)?;
                write_warnings(&mut out, &warnings, true)?;
            }
            Format::Text => {
                write_groups(&mut out, &g, &loaded.items, advice::efa, false)?;
                write_warnings(&mut out, &warnings, false)?;
            }
            other => return Err(GROUP_FORMATS.refuse(other)),
        }
        out.finish()?;
        let trouble = g.groups.iter().any(|x| !x.result.diagnostics.is_empty());
        return Ok(Outcome::problems_if(trouble));
    }
    let n = args.data.n_obs(&loaded.matrix);
    let c = args
        .data
        .correlations(&loaded.matrix, &loaded.items, args.cor)?;
    let mut f = fa(
        &c.matrix,
        &FaOptions {
            n_obs: Some(n),
            ..opts
        },
    )
    .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
    // KMO and Bartlett are meaningless (and numerically arbitrary) for a singular matrix
    let singular = f
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::NotPositiveDefinite);
    let k = if singular { None } else { kmo(&c.matrix).ok() };
    let b = if singular {
        None
    } else {
        bartlett(&c.matrix, n).ok()
    };
    if c.smoothed {
        f.diagnostics.push(Diagnostic::new(
            DiagnosticKind::NotPositiveDefinite,
            Severity::Warning,
            Subject::Whole,
            "the correlation matrix was not positive definite and has been smoothed (--smooth); \
             the solution describes the smoothed matrix",
        ));
    }
    let rows = RowCount::for_policy(&loaded.matrix, args.data.policy());
    let warnings = args.data.warnings(&rows);
    let report = EfaReport {
        items: &loaded.items,
        n,
        rows,
        warnings: &warnings,
        cor: args.cor.name(),
        normalization: args.normalize,
        fa: &f,
        kmo: k.as_ref(),
        bartlett: b.as_ref(),
        advise: advice::efa,
    };
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(&mut out, &efa_json(&report))?,
        Format::Md => write_efa_markdown(&mut out, &report, args.cut)?,
        Format::Text => write_efa_text(&mut out, &report, args.cut)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            let names: Vec<String> = (1..=f.factors).map(|i| format!("F{i}")).collect();
            w.write_record(
                std::iter::once("item")
                    .chain(names.iter().map(String::as_str))
                    .chain(["h2", "u2"]),
            )?;
            for (i, item) in loaded.items.iter().enumerate() {
                let mut row = vec![item.clone()];
                row.extend(f.loadings.row(i).iter().map(|v| v.to_string()));
                row.push(f.communalities[i].to_string());
                row.push(f.uniquenesses[i].to_string());
                w.write_record(row)?;
            }
            w.flush()?;
            // a CSV table has no place for the reasons of exit status 1
            for d in &f.diagnostics {
                eprintln!(
                    "psym: warning: {}",
                    line(d, &Names::items(&loaded.items), advice::efa)
                );
            }
            warn_on_stderr(&warnings);
        }
    }
    out.finish()?;
    Ok(Outcome::problems_if(!f.diagnostics.is_empty()))
}

fn options(args: &EfaArgs, loaded: &Loaded) -> anyhow::Result<FaOptions> {
    let scales = loaded
        .instrument
        .as_ref()
        .map(psym_instrument::Instrument::subscales)
        .unwrap_or_default();
    let factors = args
        .factors
        .unwrap_or(if scales.is_empty() { 1 } else { scales.len() });
    let rotation = args.rotate;
    let target = if matches!(rotation, Rotation::Target | Rotation::TargetT) {
        if scales.len() != factors {
            bail!(
                "--rotate {rotation} needs --instrument with one scale per factor ({} scale(s), {factors} factor(s))",
                scales.len()
            );
        }
        let membership = loaded
            .instrument
            .as_ref()
            .map(|i| i.membership(&loaded.items))
            .unwrap_or_default();
        Some(target_pattern(&membership, factors))
    } else {
        None
    };
    Ok(FaOptions {
        factors,
        method: args.method,
        rotation,
        rotation_options: RotationOptions {
            normalization: args.normalize,
            target,
            seed: args.seed,
            ..RotationOptions::default()
        },
        ..FaOptions::default()
    })
}

fn group_inputs(
    args: &EfaArgs,
    loaded: &Loaded,
    groups: &[String],
) -> anyhow::Result<Vec<GroupInput>> {
    let mut names: Vec<&String> = groups.iter().filter(|g| !g.is_empty()).collect();
    names.sort();
    names.dedup();
    if names.len() < 2 {
        bail!(
            "--group {} has {} distinct value(s); a comparison needs at least two groups",
            args.group.as_deref().unwrap_or(""),
            names.len()
        );
    }
    names
        .into_iter()
        .map(|name| {
            let rows: Vec<usize> = (0..groups.len()).filter(|&i| &groups[i] == name).collect();
            let x = loaded.matrix.select_rows(&rows);
            let c = args
                .data
                .correlations(&x, &loaded.items, args.cor)
                .map_err(|e| e.context(format!("in group {name}")))?;
            Ok(GroupInput {
                name: name.clone(),
                r: c.matrix,
                n: args.data.n_obs(&x),
                rows: RowCount::for_policy(&x, args.data.policy()),
            })
        })
        .collect()
}
