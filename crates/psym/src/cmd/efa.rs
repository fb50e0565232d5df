//! `psym efa`: exploratory factor analysis, optionally per group with congruence.

use anyhow::bail;
use clap::Args;
use psym_efa::{
    Efa, Extraction, FaOptions, GroupEfa, GroupInput, Normalization, Rotation, RotationOptions,
    efa, fa_by_group, target_pattern,
};
use psym_report::doc;
use psym_report::efa::groups::{self, GroupsReport};
use psym_report::efa::{EfaReport, document, efa_json};
use psym_report::subject::efa_error;
use psym_stats::{CorMethod, RowCount};

use crate::advice;
use crate::cmd::common::warn_on_stderr;
use crate::cmd::cor::{DataArgs, Loaded};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

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

/// A resolved `psym efa` run: where the output goes, the responses and the analysis options.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The items' responses (and the group column, when asked for).
    loaded: Loaded,
    /// Factors, extraction, rotation (with its target pattern).
    options: FaOptions,
}

/// What a `psym efa` run found.
enum Analysis {
    /// One analysis of every row.
    Single(Box<Single>),
    /// One analysis per group, with factor congruence.
    Groups {
        /// The per-group fits and their congruence.
        efa: GroupEfa,
        /// Warnings about the data, naming their group.
        warnings: Vec<String>,
    },
}

/// An analysis of every row, with the adequacy of its correlation matrix.
struct Single {
    /// Respondents behind the fit statistics.
    n: usize,
    /// Rows used and read.
    rows: RowCount,
    /// The fit with the adequacy of its correlation matrix.
    efa: Efa,
    /// Warnings about the data.
    warnings: Vec<String>,
}

impl Analysis {
    /// Whether any fit has diagnostics (exit status 1).
    fn troubled(&self) -> bool {
        match self {
            Analysis::Single(s) => !s.efa.fa.diagnostics.is_empty(),
            Analysis::Groups { efa, .. } => {
                efa.groups.iter().any(|x| !x.result.diagnostics.is_empty())
            }
        }
    }
}

/// Runs `psym efa`: resolve the arguments, analyse, render.
pub fn run(args: EfaArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    let analysis = analyse(&args, &request)?;
    render(&args, &request, &analysis)?;
    Ok(Outcome::problems_if(analysis.troubled()))
}

/// Settles the output (`--group` writes no CSV), reads the responses and checks the options.
fn resolve(args: &EfaArgs) -> anyhow::Result<Request> {
    let formats = if args.group.is_some() {
        GROUP_FORMATS
    } else {
        FORMATS
    };
    let plan = args.output.resolve(&formats, &args.data.inputs())?;
    let loaded = args.data.load(args.group.as_deref())?;
    let options = options(args, &loaded)?;
    Ok(Request {
        plan,
        loaded,
        options,
    })
}

/// Fits the factor model to every row, or to each group with their congruence.
fn analyse(args: &EfaArgs, request: &Request) -> anyhow::Result<Analysis> {
    let loaded = &request.loaded;
    if let Some(groups) = &loaded.groups {
        let column = args.group.as_deref().unwrap_or("");
        let inputs = group_inputs(&args.data, args.cor, column, loaded, groups)?;
        let efa = fa_by_group(&inputs, &request.options)
            .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
        let warnings: Vec<String> = efa
            .groups
            .iter()
            .flat_map(|x| {
                args.data
                    .warnings(&x.rows)
                    .into_iter()
                    .map(move |w| format!("group {}: {w}", x.group))
            })
            .collect();
        return Ok(Analysis::Groups { efa, warnings });
    }
    let n = args.data.n_obs(&loaded.matrix);
    let c = args
        .data
        .correlations(&loaded.matrix, &loaded.items, args.cor)?;
    let efa = efa(
        &c,
        &FaOptions {
            n_obs: Some(n),
            ..request.options.clone()
        },
    )
    .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
    let rows = RowCount::for_policy(&loaded.matrix, args.data.policy());
    let warnings = args.data.warnings(&rows);
    Ok(Analysis::Single(Box::new(Single {
        n,
        rows,
        efa,
        warnings,
    })))
}

/// Writes the analysis in the format asked for: the JSON contract or the document; a CSV's
/// diagnostics and warnings go to standard error.
fn render(args: &EfaArgs, request: &Request, analysis: &Analysis) -> anyhow::Result<()> {
    let items = &request.loaded.items;
    let format = request.plan.format;
    let mut out = request.plan.open()?;
    match analysis {
        Analysis::Groups { efa, warnings } => {
            let report = GroupsReport {
                items,
                efa,
                warnings,
                advise: advice::efa,
            };
            match format {
                Format::Json => write_json(&mut out, &groups::json(&report)?)?,
                Format::Csv => return Err(GROUP_FORMATS.refuse(format)),
                _ => doc::write(&mut out, &groups::document(&report, format), format)?,
            }
        }
        Analysis::Single(s) => {
            let report = EfaReport {
                items,
                n: s.n,
                rows: s.rows,
                warnings: &s.warnings,
                cor: args.cor.name(),
                normalization: args.normalize,
                fa: &s.efa.fa,
                kmo: s.efa.kmo.as_ref(),
                bartlett: s.efa.bartlett.as_ref(),
                advise: advice::efa,
            };
            if format == Format::Json {
                write_json(&mut out, &efa_json(&report))?;
            } else {
                let document = document(&report, args.cut, format);
                doc::write(&mut out, &document, format)?;
                if format == Format::Csv {
                    // a CSV table has no place for the reasons of exit status 1
                    warn_on_stderr(document.warnings());
                }
            }
        }
    }
    out.finish()
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

/// The correlations of each group of `column` (at least two groups), for factor congruence.
pub(crate) fn group_inputs(
    data: &DataArgs,
    cor: CorMethod,
    column: &str,
    loaded: &Loaded,
    groups: &[String],
) -> anyhow::Result<Vec<GroupInput>> {
    let mut names: Vec<&String> = groups.iter().filter(|g| !g.is_empty()).collect();
    names.sort();
    names.dedup();
    if names.len() < 2 {
        bail!(
            "--group {column} has {} distinct value(s); a comparison needs at least two groups",
            names.len()
        );
    }
    names
        .into_iter()
        .map(|name| {
            let rows: Vec<usize> = (0..groups.len()).filter(|&i| &groups[i] == name).collect();
            let x = loaded.matrix.select_rows(&rows);
            let c = data
                .correlations(&x, &loaded.items, cor)
                .map_err(|e| e.context(format!("in group {name}")))?;
            Ok(GroupInput {
                name: name.clone(),
                r: c.matrix,
                n: data.n_obs(&x),
                rows: RowCount::for_policy(&x, data.policy()),
            })
        })
        .collect()
}
