//! `psym cfa`: confirmatory factor analysis with lavaan model syntax.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use nalgebra::DMatrix;
use psym_data::{Groups, ItemSpec, ReadOptions, Responses};
use psym_instrument::Instrument;
use psym_model::{
    GroupEqual, Model, ModelOptions, OrdinalIdentification, ParTable, Parameterization, build,
    factor_model, parse, parse_parameter,
};
use psym_report::cfa::{CfaReport, cfa_json, document};
use psym_report::doc;
use psym_sem::{
    CfaFit, ComparisonRow, Dataset, Estimator, FitOptions, Information, Missing, ModIndex,
    TestStatistic, compare, fit, modification_indices, residual_correlations,
};
use psym_stats::categories::CategoryReport;
use serde_json::json;

use crate::cmd::common::{
    ReadArgs, dropped_rows_warning, instrument_files, load_instrument, time_limit,
};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};

/// What `psym cfa` writes.
const FORMATS: Formats = Formats {
    what: "psym cfa",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Confirmatory factor analysis: lavaan model syntax, ML/FIML/MLR, fit, admissibility, comparison.
///
/// Fit measures, standardized estimates, modification indices, an admissibility report and
/// likelihood-ratio model comparison.
/// The numbers follow lavaan's cfa() defaults (first loading fixed to 1, N in the
/// denominator). Exit status 1 when a solution did not converge or is inadmissible
/// (negative variances, correlations beyond ±1, unidentified parameters).
///
/// Example: psym cfa tests/data/HolzingerSwineford1939.csv --model-text "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6"
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct CfaArgs {
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Model file in lavaan syntax
    #[arg(long, value_name = "FILE", conflicts_with = "model_text")]
    model: Option<PathBuf>,
    /// Model in lavaan syntax, e.g. "f =~ x1 + x2 + x3" (';' separates formulas)
    #[arg(long, value_name = "TEXT")]
    model_text: Option<String>,
    /// Instrument file: one factor per subscale (composite scales such as a total are left out), unless a
    /// model is given; its missing codes are used when reading
    #[arg(long, value_name = "FILE")]
    instrument: Option<PathBuf>,
    /// Further model files to fit and compare with likelihood-ratio tests (as lavaan's anova)
    #[arg(long, value_name = "FILE", num_args = 1..)]
    compare: Vec<PathBuf>,
    /// Fit and compare the competing models the instrument declares (the alliance instruments:
    /// one-factor, two-factor (bond vs task+goal), three-factor and bifactor)
    #[arg(long, alias = "alliance-models", requires = "instrument")]
    instrument_models: bool,
    /// Estimator: ml, mlr; with --ordered wlsmv (the default there), ulsmv or dwls
    #[arg(long, default_value = "ml")]
    estimator: Estimator,
    /// Missing-data rule: listwise, fiml (continuous items), pairwise (ordered items, as
    /// lavaan's missing = "pairwise")
    #[arg(long, default_value = "listwise")]
    missing: Missing,
    /// Robust test beside the normal-theory chi-square (lavaan's test=) [default: the
    /// estimator's: none for ml, yuan.bentler.mplus for mlr]; satorra.bentler,
    /// mean.var.adjusted and scaled.shifted need complete data
    #[arg(long, value_name = "TEST")]
    test: Option<TestStatistic>,
    /// Information matrix for standard errors [default: expected for complete-data ML,
    /// observed under FIML or MLR, as lavaan]
    #[arg(long)]
    information: Option<Information>,
    /// Identify factors by fixing their variances to 1 instead of their first loadings
    #[arg(long)]
    std_lv: bool,
    /// Fit the model in each group of this column (multi-group CFA; groups in order of
    /// appearance, rows without a group value left out)
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// Parameters equal across groups (lavaan's group.equal), comma-separated, e.g.
    /// "loadings,intercepts"
    #[arg(long, value_name = "LIST", value_delimiter = ',', requires = "group")]
    group_equal: Vec<GroupEqual>,
    /// Parameters left free of the --group-equal constraints (lavaan's group.partial),
    /// comma-separated, e.g. "task=~i7, i10~1"
    #[arg(long, value_name = "LIST", requires = "group_equal")]
    group_partial: Option<String>,
    /// Show the residual correlation matrix (observed minus model-implied correlations)
    #[arg(long)]
    residuals: bool,
    /// Items to treat as ordered categories (lavaan's ordered=): "all", or a list of items
    /// ("i1 i2 i3" or "i1,i2,i3"; the model's other observed variables are continuous, one
    /// group, complete rows); fits by WLSMV (with --group and --group-equal
    /// thresholds,loadings,… as lavaan's categorical multi-group models)
    #[arg(long, value_name = "all|LIST")]
    ordered: Option<String>,
    /// With --ordered: merge each category with fewer than MIN answers into its adjacent
    /// category (the sparser neighbour) before fitting; every merge is reported
    #[arg(long, value_name = "MIN", requires = "ordered")]
    collapse: Option<usize>,
    /// With --ordered: how the latent responses are scaled (lavaan's parameterization=):
    /// delta (the default: their variances 1, residual variances derived) or theta (residual
    /// variances 1 and, once thresholds are equal across groups, free in the other groups;
    /// scale factors derived)
    #[arg(long, alias = "parameterisation", value_name = "NAME")]
    parameterization: Option<Parameterization>,
    /// Show modification indices at least this large (e.g. 3.84)
    #[arg(long, value_name = "MIN")]
    modindices: Option<f64>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The competing models the instrument declares (its `models`), built from its scale ids.
pub(crate) fn instrument_models(inst: &Instrument) -> anyhow::Result<Vec<(String, Model)>> {
    if inst.models.is_empty() {
        bail!(
            "instrument '{}' declares no models to compare; list them under \"models\" in the \
             instrument file (docs/instrument-format.md)",
            inst.id
        );
    }
    let build = |m: &psym_instrument::FactorModel| {
        let factors = inst.model_factors(m);
        let mut model = factor_model(&factors);
        if m.orthogonal {
            let names: Vec<&str> = factors.iter().map(|(f, _)| f.as_str()).collect();
            model.make_orthogonal(&names);
        }
        (m.id.clone(), model)
    };
    Ok(inst.models.iter().map(build).collect())
}

pub(crate) fn read_model(path: &PathBuf) -> anyhow::Result<(String, Model)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read model file {}", path.display()))?;
    let model = parse(&text).with_context(|| format!("in model file {}", path.display()))?;
    let name = path
        .file_stem()
        .map_or("model".into(), |s| s.to_string_lossy().into_owned());
    Ok((name, model))
}

/// The models to fit, named.
fn models(args: &CfaArgs, inst: Option<&Instrument>) -> anyhow::Result<Vec<(String, Model)>> {
    let mut out = Vec::new();
    if let Some(p) = &args.model {
        out.push(read_model(p)?);
    } else if let Some(t) = &args.model_text {
        out.push(("model".into(), parse(t).context("in --model-text")?));
    } else if args.instrument_models {
        // the instrument's models, below
    } else if let Some(i) = inst {
        out.push((i.id.clone(), factor_model(&i.subscale_factors())));
    } else {
        bail!("give a model with --model FILE, --model-text TEXT or --instrument FILE");
    }
    if args.instrument_models {
        out.extend(instrument_models(
            inst.context("--instrument-models needs --instrument")?,
        )?);
    }
    for p in &args.compare {
        out.push(read_model(p)?);
    }
    Ok(out)
}

/// Observed variables of the models, in order of first appearance.
pub(crate) fn observed_variables(models: &[(String, Model)]) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for (name, model) in models {
        for v in model
            .observed()
            .with_context(|| format!("in model '{name}'"))?
        {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    Ok(out)
}

/// A resolved `psym cfa` run: where the output goes, the responses, the models as parameter
/// tables and the fit options, all checked before any fitting.
struct Request {
    /// The settled output.
    plan: Plan,
    /// The models' observed variables, read from the response file (and the group column).
    responses: Responses,
    /// Group labels, in order (empty for a single-group fit).
    group_labels: Vec<String>,
    /// Each row's group, for a multi-group fit.
    group_of_row: Option<Vec<usize>>,
    /// The models to fit, named, as parameter tables.
    tables: Vec<(String, ParTable)>,
    /// Estimator, missing-data rule, information and time cap.
    options: FitOptions,
    /// Show modification indices at least this large.
    modindices: Option<f64>,
    /// Show residual correlations.
    residuals: bool,
    /// With --ordered: the unused categories of the items (against the instrument's response
    /// scale, by group) and the merges of --collapse, made on `responses` before the
    /// thresholds were counted.
    category_report: Option<CategoryReport>,
}

/// One fitted model with what the run reports beside it.
struct ModelFit {
    /// The model's name.
    name: String,
    /// The fit.
    fit: CfaFit,
    /// Modification indices at least as large as asked for, if asked for.
    modindices: Option<Vec<ModIndex>>,
    /// Residual correlation matrices per group, if asked for.
    residuals: Option<Vec<DMatrix<f64>>>,
    /// Warnings about the data.
    warnings: Vec<String>,
}

/// What a `psym cfa` run found: the fits and, for several models, their comparison.
struct Fitted {
    /// The fits, in the order the models were given.
    models: Vec<ModelFit>,
    /// The likelihood-ratio comparison, when more than one model was fitted.
    comparison: Option<Vec<ComparisonRow>>,
}

/// Runs `psym cfa`: resolve the arguments, fit the models, render the result.
pub fn run(args: CfaArgs) -> anyhow::Result<Outcome> {
    let request = resolve(&args)?;
    if args.ordered.is_some() {
        return ordinal::run(&args, &request);
    }
    if matches!(
        args.estimator,
        Estimator::Wlsmv | Estimator::Ulsmv | Estimator::Dwls
    ) {
        bail!(
            "--estimator {} is for ordered items: name them with --ordered (or --ordered all)",
            args.estimator
        );
    }
    let fitted = fit_models(&request)?;
    render(&request, &fitted)?;
    Ok(Outcome::problems_if(
        fitted.models.iter().any(|m| !m.fit.admissible),
    ))
}

/// Settles the output, loads the instrument and the models, reads the responses and builds
/// the parameter tables.
fn resolve(args: &CfaArgs) -> anyhow::Result<Request> {
    if let (Some(p), None) = (args.parameterization, &args.ordered) {
        bail!(
            "--parameterization {p} is for ordered items: name them with --ordered (or \
             --ordered all); continuous items have no latent responses to scale"
        );
    }
    let mut inputs = vec![args.data.clone()];
    inputs.extend(args.model.iter().chain(&args.compare).cloned());
    if let Some(i) = &args.instrument {
        inputs.extend(instrument_files(i));
    }
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    let inst = args
        .instrument
        .as_deref()
        .map(load_instrument)
        .transpose()?;
    let models = models(args, inst.as_ref())?;
    let options = FitOptions {
        estimator: args.estimator,
        missing: args.missing,
        information: args.information,
        test: args.test,
        time_limit: Some(time_limit()),
    };
    let read_options = {
        let mut o = args.read.options(inst.as_ref())?;
        o.keep = args.group.iter().cloned().collect();
        o
    };
    let group_partial = match &args.group_partial {
        None => Vec::new(),
        Some(list) => list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                parse_parameter(s).with_context(|| format!("in --group-partial '{}'", s.trim()))
            })
            .collect::<anyhow::Result<_>>()?,
    };
    let variables = observed_variables(&models)?;
    let mut responses = read_model_variables(&args.data, &variables, &read_options)?;
    let groups = args.group.as_ref().map(|_| {
        Groups::of(
            responses
                .kept
                .iter()
                .map(|k| k.first().map_or("", String::as_str)),
        )
    });
    let group_labels = groups
        .as_ref()
        .map(|g| g.labels.clone())
        .unwrap_or_default();
    let ordered_columns = (args.ordered.as_deref())
        .map(|list| ordinal::ordered_columns(list, &responses.items))
        .transpose()?;
    let category_report = ordered_columns.as_ref().map(|columns| {
        let scale = (inst.as_ref())
            .and_then(|i| i.response_scale.as_ref())
            .and_then(|s| s.categories());
        ordinal::check_ordered_categories(
            &mut responses,
            columns,
            scale.as_deref(),
            args.collapse,
            (groups.as_ref().map(|g| g.rows.as_slice()), &group_labels),
            args.missing,
        )
    });
    let model_options = ModelOptions {
        std_lv: args.std_lv,
        meanstructure: options.missing == Missing::Fiml,
        groups: group_labels.len().max(1),
        group_equal: args.group_equal.clone(),
        group_partial,
        ordered: match &args.ordered {
            Some(list) => ordinal::ordered_variables(list, &responses, args.missing)?,
            None => Vec::new(),
        },
        ordinal_identification: OrdinalIdentification::Lavaan,
        parameterization: args.parameterization.unwrap_or_default(),
    };
    let tables = models
        .into_iter()
        .map(|(name, model)| {
            build(&model, &model_options)
                .map(|t| (name.clone(), t))
                .with_context(|| format!("in model '{name}'"))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Request {
        plan,
        responses,
        group_labels,
        group_of_row: groups.map(|g| g.rows),
        tables,
        options,
        modindices: args.modindices,
        residuals: args.residuals,
        category_report,
    })
}

/// Fits every model, with the modification indices and residuals asked for, and compares
/// them when there are several.
fn fit_models(request: &Request) -> anyhow::Result<Fitted> {
    let data = Dataset {
        names: &request.responses.items,
        values: &request.responses.matrix,
        groups: request.group_of_row.as_deref(),
    };
    let mut models = Vec::new();
    for (name, table) in &request.tables {
        let fit = fit(table, &data, &request.options)
            .with_context(|| format!("cannot fit model '{name}'"))?;
        let modindices = request.modindices.map(|min| {
            modification_indices(&fit)
                .into_iter()
                .filter(|x| x.mi >= min)
                .collect()
        });
        let residuals = request
            .residuals
            .then(|| fit.moments.iter().map(residual_correlations).collect());
        let warnings = match fit.missing {
            Missing::Listwise => {
                dropped_rows_warning(&fit.rows, "--missing fiml uses every answer")
                    .into_iter()
                    .collect()
            }
            Missing::Fiml | Missing::Pairwise => Vec::new(),
        };
        models.push(ModelFit {
            name: name.clone(),
            fit,
            modindices,
            residuals,
            warnings,
        });
    }
    let comparison = if models.len() > 1 {
        let named: Vec<(String, &CfaFit)> =
            models.iter().map(|m| (m.name.clone(), &m.fit)).collect();
        Some(compare(&named)?)
    } else {
        None
    };
    Ok(Fitted { models, comparison })
}

/// Writes the fits in the format asked for: the JSON contract, or the run's document.
fn render(request: &Request, fitted: &Fitted) -> anyhow::Result<()> {
    let reports: Vec<CfaReport> = (fitted.models.iter())
        .map(|m| CfaReport {
            name: &m.name,
            fit: &m.fit,
            modindices: m.modindices.as_deref(),
            groups: &request.group_labels,
            residuals: m.residuals.as_deref(),
            warnings: &m.warnings,
            advise: crate::advice::sem,
        })
        .collect();
    let comparison = fitted.comparison.as_deref();
    let mut out = request.plan.open()?;
    match request.plan.format {
        Format::Json => {
            let v = match (comparison, reports.as_slice()) {
                (None, [one]) => cfa_json(one),
                _ => json!({
                    "models": reports.iter().map(|r| json!({"name": r.name, "fit": cfa_json(r)})).collect::<Vec<_>>(),
                    "comparison": comparison,
                }),
            };
            write_json(&mut out, &v)?;
        }
        format => doc::write(&mut out, &document(&reports, comparison, format), format)?,
    }
    out.finish()
}

/// Reads the observed variables of a model from `data` as continuous columns: refused when a
/// variable has no column or a column holds text.
pub(crate) fn read_model_variables(
    data: &std::path::Path,
    variables: &[String],
    read_options: &ReadOptions,
) -> anyhow::Result<Responses> {
    let specs: Vec<ItemSpec> = variables.iter().map(|v| ItemSpec::continuous(v)).collect();
    let responses = Responses::read(data, &specs, read_options)
        .with_context(|| format!("cannot read {}", data.display()))?;
    responses.require_columns(data, |_| true)?;
    Ok(responses)
}

mod ordinal;

pub(crate) use ordinal::{
    Unfitted, by_group, categories_unshared, check_ordered_categories, fit_ordered,
    observed_by_group, ordered_columns, ordered_variables, perfect_pairs, unshared,
};

#[cfg(test)]
mod tests {
    /// Item ids of instrument files and names of model syntax follow one rule, so every
    /// instrument's items can be named in a model.
    #[test]
    fn instrument_ids_and_model_names_follow_one_rule() {
        for s in [
            "i1",
            "item-1",
            "Q2.3",
            "_x",
            ".p1.",
            "spørsmål-2",
            "a-b.c_d",
            "",
            "1a",
            "-x",
            ".5",
            "a b",
            "a+b",
            "a(b)",
            "x~y",
            "a*b",
            "a,b",
            "a;b",
            "\"a\"",
            "a#b",
            "ä",
            "x-",
            "x.",
        ] {
            assert_eq!(
                psym_instrument::is_valid_id(s),
                psym_model::is_name(s),
                "{s:?}"
            );
        }
    }
}
