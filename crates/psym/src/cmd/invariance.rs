//! `psym invariance`: the measurement-invariance ladder across groups.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use psym_data::{Groups, Responses};
use psym_model::{Model, ParamRef, Parameterization, factor_model, parse, parse_parameter};
use psym_report::doc;
use psym_report::invariance::{InvarianceReport, document, invariance_json};
use psym_sem::{
    CONTINUOUS_STEPS, Dataset, DecisionRule, Estimator, FitOptions, Invariance, InvarianceOptions,
    Missing, PartialSearch, STRICT_NEEDS_THETA, Step, invariance, ordinal_invariance_with,
    ordinal_steps,
};

use crate::cmd::cfa::{
    Unfitted, by_group, categories_unshared, check_ordered_categories, ordered_columns,
    ordered_variables, read_model, read_model_variables, unshared,
};
use crate::cmd::common::{
    ReadArgs, dropped_rows_warning, instrument_files, load_instrument, time_limit,
};
use crate::output::{Format, Formats, Outcome, OutputArgs, Plan, write_json};
use psym_report::categories::category_lines;
use psym_report::subject::Names;

/// What `psym invariance` writes.
const FORMATS: Formats = Formats {
    what: "psym invariance",
    accepted: &[Format::Text, Format::Json, Format::Md],
};

/// Measurement invariance across groups: configural, metric, scalar, strict and means; with
/// --ordered, the ordinal ladder configural, thresholds, metric, scalar, means (WLSMV).
///
/// Fits the model in every group with more and more parameters equal across groups (loadings,
/// intercepts, residual variances, latent means), each step nested in the previous one, and
/// compares each step with the previous one: chi-square difference (scaled under MLR), ΔCFI,
/// ΔRMSEA, ΔSRMR, and a verdict by the decision rule (by default ΔCFI ≥ −0.010 and
/// ΔRMSEA ≤ 0.015). A step that fails is a finding, not an error: the exit status is 0; it is
/// 1 only when a fit did not converge or is inadmissible.
///
/// Example: psym invariance docs/examples/alliance_en_nb.csv --group lang --instrument instruments/open-alliance-12.json
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| FORMATS.restrict(a)))]
pub struct InvarianceArgs {
    /// Response file (CSV, semicolon- or tab-separated text, .xlsx, .xls or .ods workbook, SPSS
    /// .sav or .zsav)
    data: PathBuf,
    /// Column holding each respondent's group (language, gender, office, …)
    #[arg(long, value_name = "COL")]
    group: String,
    /// Order of the groups, comma-separated (the first is the reference group whose latent
    /// means are fixed to 0) [default: order of appearance in the data]
    #[arg(long, value_name = "LIST")]
    group_order: Option<String>,
    /// Model file in lavaan syntax
    #[arg(long, value_name = "FILE", conflicts_with = "model_text")]
    model: Option<PathBuf>,
    /// Model in lavaan syntax, e.g. "f =~ x1 + x2 + x3" (';' separates formulas)
    #[arg(long, value_name = "TEXT")]
    model_text: Option<String>,
    /// Instrument file: one factor per subscale unless a model is given; its missing codes are
    /// used when reading
    #[arg(long, value_name = "FILE")]
    instrument: Option<PathBuf>,
    /// Estimator: ml, or mlr (robust standard errors, scaled chi-square and scaled difference
    /// tests); wlsmv with --ordered
    #[arg(long, default_value = "ml")]
    estimator: Estimator,
    /// Items to treat as ordered categories: "all", or a comma-separated list naming every
    /// item of the model; fits the ordinal ladder by WLSMV (Wu & Estabrook 2016; complete
    /// rows, or every answer with --missing pairwise)
    #[arg(long, value_name = "all|LIST")]
    ordered: Option<String>,
    /// With --ordered: merge each category with fewer than MIN answers (in the group that used
    /// it least) into its adjacent category in every group before fitting; every merge is
    /// reported
    #[arg(long, value_name = "MIN", requires = "ordered")]
    collapse: Option<usize>,
    /// With --ordered: how the latent responses are scaled (lavaan's parameterization=): delta
    /// (the default) or theta, which adds the strict step (equal residual variances)
    #[arg(long, alias = "parameterisation", value_name = "NAME")]
    parameterization: Option<Parameterization>,
    /// Missing-data rule: listwise (complete rows), fiml (every answer used; continuous
    /// items), or pairwise (with --ordered: thresholds from each item's answers, polychoric
    /// correlations from the rows answering both items, as lavaan's missing = "pairwise")
    #[arg(long, default_value = "listwise")]
    missing: Missing,
    /// Steps to fit, comma-separated, from configural, thresholds (--ordered only), metric,
    /// scalar, strict (with --ordered only in theta), means [default:
    /// configural,metric,scalar,strict,means; with --ordered configural,thresholds,metric,
    /// scalar,means, and strict before means in theta]
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    steps: Option<Vec<Step>>,
    /// Decision rule: smallest acceptable change in CFI from one step to the next
    #[arg(long, value_name = "X", default_value_t = -0.010, allow_negative_numbers = true)]
    cfi_min: f64,
    /// Decision rule: largest acceptable change in RMSEA from one step to the next
    #[arg(long, value_name = "X", default_value_t = 0.015)]
    rmsea_max: f64,
    /// Partial invariance: "auto" searches each constrained step for the constraints to
    /// release (score tests, Bonferroni at --partial-alpha); a comma-separated list, e.g.
    /// "task=~i7, i10~1", frees those parameters in every step (lavaan's group.partial)
    #[arg(long, value_name = "auto|LIST", alias = "group-partial")]
    partial: Option<String>,
    /// Family-wise significance level of each round of --partial auto
    #[arg(
        long,
        value_name = "ALPHA",
        default_value_t = 0.05,
        requires = "partial"
    )]
    partial_alpha: f64,
    /// Identify factors by fixing their variances to 1 instead of their first loadings
    #[arg(long)]
    std_lv: bool,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The model: a file, a text, or one factor per subscale of the instrument.
fn model(
    args: &InvarianceArgs,
    inst: Option<&psym_instrument::Instrument>,
) -> anyhow::Result<Model> {
    if let Some(p) = &args.model {
        Ok(read_model(p)?.1)
    } else if let Some(t) = &args.model_text {
        parse(t).context("in --model-text")
    } else if let Some(i) = inst {
        Ok(factor_model(&i.subscale_factors()))
    } else {
        bail!("give a model with --model FILE, --model-text TEXT or --instrument FILE")
    }
}

/// `--partial`: the parameters to free in every step, or the automatic search.
fn partial(args: &InvarianceArgs) -> anyhow::Result<(Vec<ParamRef>, Option<PartialSearch>)> {
    let Some(list) = &args.partial else {
        return Ok((Vec::new(), None));
    };
    if list.trim().eq_ignore_ascii_case("auto") {
        if !(args.partial_alpha > 0.0 && args.partial_alpha < 1.0) {
            bail!(
                "--partial-alpha must lie between 0 and 1, not {}",
                args.partial_alpha
            );
        }
        let search = PartialSearch {
            alpha: args.partial_alpha,
        };
        return Ok((Vec::new(), Some(search)));
    }
    let given = list
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_parameter(s).with_context(|| format!("in --partial '{}'", s.trim())))
        .collect::<anyhow::Result<_>>()?;
    Ok((given, None))
}

/// What the delta ladder says about the strict step it leaves out.
const NO_STRICT_IN_DELTA: &str = "no strict step: equal residual variances of ordered items \
     need the theta parameterisation (--parameterization theta)";

/// What the theta ladder says about its scaling.
const THETA_NOTE: &str = "theta parameterisation: the residual variances of the latent \
     responses are 1, free in the other groups once thresholds are equal, and equal again in \
     the strict step";

/// Refuses what the ordinal ladder does not do, and a thresholds step or WLSMV without
/// --ordered.
fn check_ordinal(args: &InvarianceArgs) -> anyhow::Result<()> {
    let asked = |step: Step| args.steps.as_ref().is_some_and(|s| s.contains(&step));
    if args.ordered.is_none() {
        if let Some(p) = args.parameterization {
            bail!(
                "--parameterization {p} is for ordered items: name them with --ordered (or \
                 --ordered all)"
            );
        }
        if args.estimator == Estimator::Wlsmv {
            bail!(
                "--estimator wlsmv is for ordered items: name them with --ordered (or --ordered all)"
            );
        }
        if asked(Step::Thresholds) {
            bail!("the thresholds step is for ordered items: name them with --ordered");
        }
        return Ok(());
    }
    if !matches!(args.estimator, Estimator::Ml | Estimator::Wlsmv) {
        bail!(
            "the ordinal ladder is fitted by WLSMV; --estimator {} is not available for it",
            args.estimator
        );
    }
    if args.missing == Missing::Fiml {
        bail!(
            "the ordinal ladder is fitted on the complete rows (--missing listwise, the default) \
             or by pairwise deletion (--missing pairwise); FIML is not available for ordered items"
        );
    }
    if asked(Step::Strict) && args.parameterization.unwrap_or_default() == Parameterization::Delta {
        bail!("{STRICT_NEEDS_THETA}, or leave strict out of --steps");
    }
    if args.partial.is_some() {
        bail!("--partial is not available with --ordered yet");
    }
    Ok(())
}

/// A resolved `psym invariance` run: where to write, the model, the options, and the
/// responses with each row's group.
struct Request {
    plan: Plan,
    model: Model,
    options: InvarianceOptions,
    responses: Responses,
    labels: Vec<String>,
    rows: Vec<usize>,
}

/// Loads the files and checks the options.
fn resolve(args: &InvarianceArgs) -> anyhow::Result<Request> {
    let mut inputs = vec![args.data.clone()];
    inputs.extend(args.model.iter().cloned());
    if let Some(i) = &args.instrument {
        inputs.extend(instrument_files(i));
    }
    let plan = args.output.resolve(&FORMATS, &inputs)?;
    check_ordinal(args)?;
    let inst = args
        .instrument
        .as_deref()
        .map(load_instrument)
        .transpose()?;
    let model = model(args, inst.as_ref())?;
    let (group_partial, search) = partial(args)?;
    let options = InvarianceOptions {
        steps: args.steps.clone().unwrap_or_else(|| match args.ordered {
            Some(_) => ordinal_steps(args.parameterization.unwrap_or_default()),
            None => CONTINUOUS_STEPS.to_vec(),
        }),
        fit: FitOptions {
            estimator: args.estimator,
            missing: args.missing,
            information: None,
            test: None,
            time_limit: Some(time_limit()),
        },
        std_lv: args.std_lv,
        group_partial,
        rule: DecisionRule {
            cfi_min: args.cfi_min,
            rmsea_max: args.rmsea_max,
        },
        search,
        reversed: inst.as_ref().map_or(Vec::new(), |i| i.reversed_items()),
    };
    let read_options = {
        let mut o = args.read.options(inst.as_ref())?;
        o.keep = vec![args.group.clone()];
        o
    };
    let variables = model.observed().context("in the model")?;
    let responses = read_model_variables(&args.data, &variables, &read_options)?;
    let groups = Groups::of(
        responses
            .kept
            .iter()
            .map(|k| k.first().map_or("", String::as_str)),
    );
    let Groups { labels, rows } = match &args.group_order {
        None => groups,
        Some(order) => {
            let wanted: Vec<String> = order
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            groups
                .reorder(&wanted)
                .with_context(|| format!("--group-order for column '{}'", args.group))?
        }
    };
    Ok(Request {
        plan,
        model,
        options,
        responses,
        labels,
        rows,
    })
}

/// Fits the ladder: by WLSMV with `ordered` (the --ordered list) on the rows --missing keeps
/// (the complete rows, or every answer pairwise). A group that lacks a category in those
/// rows is [`Unfitted::Categories`] (a data problem, as in `psym cfa`).
fn analyse(
    request: &Request,
    group: &str,
    ordered: Option<&str>,
    parameterization: Parameterization,
) -> Result<Invariance, Unfitted> {
    let context = || format!("cannot fit the invariance steps across '{group}'");
    let responses = &request.responses;
    let Some(list) = ordered else {
        let data = Dataset {
            names: &responses.items,
            values: &responses.matrix,
            groups: Some(&request.rows),
        };
        return invariance(&request.model, &data, &request.labels, &request.options)
            .with_context(context)
            .map_err(Unfitted::Other);
    };
    let missing = request.options.fit.missing;
    let ordered = ordered_variables(list, responses, missing).map_err(Unfitted::Other)?;
    let observed = request
        .model
        .observed()
        .map_err(|e| Unfitted::Other(e.into()))?;
    // the data's columns in the model's order of observed variables
    let columns: Vec<usize> = (observed.iter())
        .filter_map(|v| responses.items.iter().position(|i| i == v))
        .collect();
    let data = by_group(
        responses.matrix.select_columns(&columns),
        Some(&request.rows),
        request.labels.len(),
    );
    ordinal_invariance_with(
        &request.model,
        &data,
        &ordered,
        &request.labels,
        &request.options,
        parameterization,
    )
    .map_err(|e| match e {
        psym_sem::SemError::GroupCategories {
            item,
            group,
            found,
            expected,
        } => Unfitted::Categories(format!(
            "item {item} has {found} categories in group '{}' but {expected} in all groups \
             together, {}",
            request.labels.get(group - 1).map_or("?", String::as_str),
            match missing {
                Missing::Pairwise => "among its answers (pairwise deletion)",
                Missing::Listwise | Missing::Fiml =>
                    "in the complete rows (listwise deletion dropped the rows with the others)",
            }
        )),
        // the statistics name items by column: put in their ids
        psym_sem::SemError::Statistics(s) => Unfitted::Other(
            anyhow::anyhow!(psym_report::subject::stats_error(&s, &observed)).context(context()),
        ),
        other => Unfitted::Other(anyhow::Error::new(other).context(context())),
    })
}

/// Writes the result in the format asked for; exit status 1 when a fit did not converge or is
/// inadmissible.
fn render(
    args: &InvarianceArgs,
    plan: &Plan,
    result: &Invariance,
    category_warnings: Vec<String>,
) -> anyhow::Result<Outcome> {
    let advice = if args.ordered.is_some() {
        "--missing pairwise uses every answer"
    } else {
        "--missing fiml uses every answer"
    };
    let mut warnings: Vec<String> = match args.missing {
        Missing::Listwise => dropped_rows_warning(&result.rows, advice)
            .into_iter()
            .collect(),
        Missing::Fiml | Missing::Pairwise => Vec::new(),
    };
    warnings.extend(category_warnings);
    let delta = args.parameterization.unwrap_or_default() == Parameterization::Delta;
    match (&args.ordered, delta) {
        (Some(_), true) => warnings.push(NO_STRICT_IN_DELTA.to_string()),
        (Some(_), false) => warnings.push(THETA_NOTE.to_string()),
        (None, _) => {}
    }
    let estimator = match args.ordered {
        Some(_) => Estimator::Wlsmv,
        None => args.estimator,
    };
    let report = InvarianceReport {
        result,
        group_column: &args.group,
        estimator,
        missing: args.missing,
        warnings: &warnings,
        advise: crate::advice::sem,
    };
    let mut out = plan.open()?;
    match plan.format {
        Format::Json => write_json(
            &mut out,
            &serde_json::json!({
                "group": args.group,
                "estimator": estimator,
                "missing": args.missing,
                "invariance": invariance_json(&report),
                "warnings": warnings,
            }),
        )?,
        format @ (Format::Md | Format::Text) => {
            doc::write(&mut out, &document(&report, format), format)?
        }
        other => return Err(FORMATS.refuse(other)),
    }
    out.finish()?;
    Ok(Outcome::problems_if(!result.all_admissible()))
}

/// Runs `psym invariance`: resolve → analyse → render.
pub fn run(args: InvarianceArgs) -> anyhow::Result<Outcome> {
    let mut request = resolve(&args)?;
    let mut category_warnings = Vec::new();
    let mut categories = None;
    if let Some(list) = &args.ordered {
        let columns = ordered_columns(list, &request.responses.items)?;
        if columns.len() < request.responses.items.len() {
            anyhow::bail!(
                "psym invariance --ordered needs every item of the model ordered (--ordered \
                 all); continuous variables beside ordered items are available in psym cfa"
            );
        }
        // unused categories by group, merged with --collapse before the thresholds are counted
        let report = check_ordered_categories(
            &mut request.responses,
            &columns,
            None,
            args.collapse,
            (Some(&request.rows), &request.labels),
            args.missing,
        );
        let names = Names {
            items: &request.responses.items,
            groups: &request.labels,
        };
        if categories_unshared(&report) {
            return unshared(&request.plan, &report, &names, None);
        }
        category_warnings = category_lines(&report, &names, crate::advice::categories);
        categories = Some(report);
    }
    let parameterization = args.parameterization.unwrap_or_default();
    let ordered = args.ordered.as_deref();
    match analyse(&request, &args.group, ordered, parameterization) {
        Ok(result) => render(&args, &request.plan, &result, category_warnings),
        Err(Unfitted::Categories(line)) => {
            let names = Names {
                items: &request.responses.items,
                groups: &request.labels,
            };
            let report = categories.unwrap_or_default();
            unshared(&request.plan, &report, &names, Some(line))
        }
        Err(Unfitted::Other(e)) => Err(e),
    }
}
