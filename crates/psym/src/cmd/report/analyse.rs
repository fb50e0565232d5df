//! The analyses of `psym report`: the same library calls as the commands that show each
//! result on its own, with those commands' defaults. An analysis that cannot be run leaves
//! its section with the reason, rather than stopping the report.

use anyhow::Context;
use nalgebra::DMatrix;
use psym_careless::{Indices, Sample, Summary};
use psym_data::{Groups, Responses};
use psym_efa::{
    Efa, FaOptions, GroupEfa, Map, Parallel, ParallelOptions, Rotation, RotationOptions, efa,
    fa_by_group, map_test, parallel_analysis, target_pattern,
};
use psym_model::{
    Model, ModelOptions, OrdinalIdentification, Parameterization, build, factor_model,
};
use psym_reliability::{Options, ScaleReliability};
use psym_report::careless::Head;
use psym_report::cfa::CfaReport;
use psym_report::doc::Document;
use psym_report::efa::EfaReport;
use psym_report::efa::groups::GroupsReport;
use psym_report::efa::parallel::ParallelReport;
use psym_report::invariance::InvarianceReport;
use psym_report::report::{
    About, CarelessView, GroupView, ItemRow, Msg, OrdinalView, ReportInput, ScaleScores, document,
};
use psym_report::subject::efa_error;
use psym_score::{ScoreOptions, Scorer};
use psym_sem::{
    CfaFit, ComparisonRow, Dataset, Estimator, FitOptions, Invariance, InvarianceOptions, Missing,
    OrdinalFit, PartialSearch, compare, compare_ordinal, fit, invariance, ordinal_invariance_with,
    ordinal_steps,
};
use psym_stats::categories::CategoryReport;
use psym_stats::{CorMethod, MissingPolicy, RowCount};

use super::{ReportArgs, Request, catalogue, item_language};
use crate::advice;
use crate::cmd::careless::Passes;
use crate::cmd::cfa::{
    Unfitted, categories_unshared, check_ordered_categories, fit_ordered, instrument_models,
    observed_by_group, observed_variables, ordered_columns, ordered_variables, perfect_pairs,
    read_model_variables,
};
use crate::cmd::common::{time_limit, today, warn_on_stderr};
use crate::cmd::cor::{DataArgs, Loaded};
use crate::cmd::efa::group_inputs;
use crate::cmd::reliability::{group_factors, keyed};

/// Family-wise level of the search for non-invariant parameters (as `psym invariance
/// --partial auto`'s default).
const PARTIAL_ALPHA: f64 = 0.05;

/// Everything the report shows, computed.
pub(super) struct Analyses {
    scores: Vec<ScaleScores>,
    reliability: Vec<ScaleReliability>,
    loaded: Option<Loaded>,
    parallel: Option<(usize, RowCount, Parallel, Option<Map>)>,
    efa: Option<(usize, RowCount, Efa)>,
    efa_groups: Option<GroupEfa>,
    cfa: Vec<(String, CfaFit)>,
    comparison: Option<Vec<ComparisonRow>>,
    invariance: Option<Invariance>,
    ordinal: Option<OrdinalRun>,
    careless: Option<CarelessRun>,
    skipped: Vec<(Msg, String)>,
}

/// The CFA of `--ordered` (as `psym cfa --ordered`, one group) and what its ladder needs.
struct OrdinalRun {
    /// The subscale model, then the instrument's competing models, fitted by WLSMV.
    fits: Vec<(String, OrdinalFit)>,
    /// Their scaled difference tests, with more than one model.
    comparison: Option<Vec<ComparisonRow>>,
    /// Unused categories (by group), merges of `--collapse`, perfectly associated pairs.
    categories: CategoryReport,
    /// The models' observed variables as read, categories merged by `--collapse`.
    responses: Responses,
    /// Each row's group of `responses`, with `--group`.
    groups: Option<Groups>,
    /// The ordered items; empty when every item is ordered.
    ordered: Vec<String>,
}

/// The careless-responding passes as `psym validate --careless` runs them: the settings, the
/// first pass, the counts and the flagged rows (line, id, indices).
struct CarelessRun {
    passes: Passes,
    sample: Sample,
    summary: Summary,
    flagged: Vec<(u64, String, Indices)>,
}

/// Runs both careless-responding passes over the response file, keeping the flagged rows.
fn careless(args: &ReportArgs, request: &Request) -> anyhow::Result<CarelessRun> {
    let inst = &request.instrument;
    let passes = Passes::resolve(&args.data, inst, &args.read, &args.careless)?;
    let (sample, _) = passes.first(inst)?;
    let mut flagged = Vec::new();
    let summary = passes.second(inst, &sample, |r| {
        if !r.indices.flags.is_empty() {
            flagged.push((r.line, r.id.to_owned(), r.indices.clone()));
        }
        Ok(())
    })?;
    Ok(CarelessRun {
        passes,
        sample,
        summary,
        flagged,
    })
}

/// Runs every analysis.
pub(super) fn run(args: &ReportArgs, request: &Request) -> anyhow::Result<Analyses> {
    let inst = &request.instrument;
    let scorer = Scorer::from_instrument(inst, &ScoreOptions::default())?;
    let mut a = Analyses {
        scores: scores(&scorer, &request.responses.matrix),
        reliability: Vec::new(),
        loaded: None,
        parallel: None,
        efa: None,
        efa_groups: None,
        cfa: Vec::new(),
        comparison: None,
        invariance: None,
        ordinal: None,
        careless: None,
        skipped: Vec::new(),
    };
    match careless(args, request) {
        Ok(run) => a.careless = Some(run),
        Err(e) => a.skipped.push((Msg::Quality, format!("{e:#}"))),
    }
    for rule in scorer.scales() {
        let (scale, data) = keyed(rule, &scorer, &request.responses.matrix);
        let options = Options {
            group_factors: group_factors(None, Some(inst), &rule.id),
            ..Options::default()
        };
        match psym_reliability::analyze(&scale, &data, &options, &()) {
            Ok(r) => a.reliability.push(r),
            Err(e) => a
                .skipped
                .push((Msg::Reliability, e.describe(advice::reliability))),
        }
    }
    if let Err(e) = factor_analyses(args, request, &mut a) {
        a.skipped.push((Msg::Dimensionality, format!("{e:#}")));
        a.skipped.push((Msg::Efa, format!("{e:#}")));
    }
    if let Some(list) = &args.ordered {
        match ordinal(args, request, list, &mut a.skipped) {
            Ok(run) => a.ordinal = Some(run),
            Err(e) => a.skipped.push((Msg::Cfa, format!("{e:#}"))),
        }
    } else if let Err(e) = confirmatory(args, request, &mut a) {
        a.skipped.push((Msg::Cfa, format!("{e:#}")));
    }
    if let (Some(column), Some(_), Some(_)) = (&args.group, &request.groups, &args.ordered) {
        let ladder = match &a.ordinal {
            Some(run) => ordinal_ladder(args, request, column, run),
            None => Err(anyhow::anyhow!(
                "{}",
                catalogue(args).text(Msg::InvarianceNoCfa)
            )),
        };
        match ladder {
            Ok(r) => a.invariance = Some(r),
            Err(e) => a.skipped.push((Msg::Invariance, format!("{e:#}"))),
        }
    } else if let (Some(column), Some(groups)) = (&args.group, &request.groups) {
        match ladder(args, request, column, groups) {
            Ok(r) => a.invariance = Some(r),
            Err(e) => a.skipped.push((Msg::Invariance, format!("{e:#}"))),
        }
    }
    Ok(a)
}

/// Each scale's score per row, by the instrument's scoring rules.
fn scores(scorer: &Scorer, x: &DMatrix<f64>) -> Vec<ScaleScores> {
    let mut out: Vec<ScaleScores> = (scorer.scales().iter())
        .map(|r| ScaleScores {
            scale: r.id.clone(),
            values: Vec::with_capacity(x.nrows()),
        })
        .collect();
    let mut row = Vec::with_capacity(x.ncols());
    let mut scored = Vec::new();
    for r in 0..x.nrows() {
        row.clear();
        row.extend(x.row(r).iter());
        scorer.score_into(&row, &mut scored);
        for (s, v) in out.iter_mut().zip(&scored) {
            s.values.push(v.unwrap_or(f64::NAN));
        }
    }
    out
}

/// The data settings `psym parallel` and `psym efa` use by default (pairwise Pearson).
fn data_args(args: &ReportArgs) -> DataArgs {
    DataArgs {
        data: args.data.clone(),
        instrument: Some(args.instrument.clone()),
        items: None,
        scale_min: None,
        scale_max: None,
        missing: MissingPolicy::Pairwise,
        smooth: false,
        correct: None,
        read: args.read.clone(),
    }
}

/// Parallel analysis, MAP, and the EFA with one factor per subscale (per group too).
fn factor_analyses(args: &ReportArgs, request: &Request, a: &mut Analyses) -> anyhow::Result<()> {
    let data = data_args(args);
    let loaded = data.load(args.group.as_deref())?;
    let c = data.correlations(&loaded.matrix, &loaded.items, CorMethod::Pearson)?;
    let n = data.n_obs(&loaded.matrix);
    let rows = RowCount::for_policy(&loaded.matrix, data.policy());
    let pa = parallel_analysis(&c.matrix, n, &ParallelOptions::default())
        .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
    a.parallel = Some((n, rows, pa, map_test(&c.matrix).ok()));
    let inst = &request.instrument;
    let factors = args.factors.unwrap_or(inst.subscales().len().max(1));
    let target = if matches!(args.rotation, Rotation::Target | Rotation::TargetT) {
        if inst.subscales().len() != factors {
            anyhow::bail!(
                "--rotation {} needs one factor per subscale ({} subscale(s), {factors} factor(s))",
                args.rotation,
                inst.subscales().len()
            );
        }
        Some(target_pattern(&inst.membership(&loaded.items), factors))
    } else {
        None
    };
    let options = FaOptions {
        factors,
        rotation: args.rotation,
        rotation_options: RotationOptions {
            target,
            ..RotationOptions::default()
        },
        ..FaOptions::default()
    };
    let fitted = efa(
        &c,
        &FaOptions {
            n_obs: Some(n),
            ..options.clone()
        },
    )
    .map_err(|e| anyhow::anyhow!(efa_error(&e, &loaded.items)))?;
    a.efa = Some((n, rows, fitted));
    if let (Some(column), Some(groups)) = (&args.group, &loaded.groups) {
        let inputs = group_inputs(&data, CorMethod::Pearson, column, &loaded, groups)?;
        match fa_by_group(&inputs, &options) {
            Ok(g) => a.efa_groups = Some(g),
            Err(e) => a.skipped.push((Msg::Efa, efa_error(&e, &loaded.items))),
        }
    }
    a.loaded = Some(loaded);
    Ok(())
}

/// The CFA's models: one factor per subscale, then the competing models the instrument
/// declares.
fn models(request: &Request) -> anyhow::Result<Vec<(String, Model)>> {
    let inst = &request.instrument;
    let mut models = vec![(inst.id.clone(), factor_model(&inst.subscale_factors()))];
    if !inst.models.is_empty() {
        models.extend(instrument_models(inst)?);
    }
    Ok(models)
}

/// The one-factor-per-subscale CFA and the instrument's competing models, compared.
fn confirmatory(args: &ReportArgs, request: &Request, a: &mut Analyses) -> anyhow::Result<()> {
    let inst = &request.instrument;
    let models = models(request)?;
    let variables = observed_variables(&models)?;
    let responses = read_model_variables(&args.data, &variables, &args.read.options(Some(inst))?)?;
    let data = Dataset {
        names: &responses.items,
        values: &responses.matrix,
        groups: None,
    };
    let options = fit_options(args);
    let model_options = ModelOptions {
        meanstructure: args.missing == Missing::Fiml,
        ..ModelOptions::default()
    };
    for (name, model) in models {
        let table = build(&model, &model_options)?;
        match fit(&table, &data, &options) {
            Ok(f) => a.cfa.push((name, f)),
            Err(e) => a.skipped.push((Msg::Cfa, format!("model '{name}': {e}"))),
        }
    }
    if a.cfa.len() > 1 {
        let named: Vec<(String, &CfaFit)> = a.cfa.iter().map(|(n, f)| (n.clone(), f)).collect();
        a.comparison = Some(compare(&named)?);
    }
    Ok(())
}

/// The CFA of `--ordered` (`list`) as `psym cfa --ordered` fits it, in one group on the
/// complete rows: the unused categories (by group with `--group`, merged by `--collapse`)
/// and perfectly associated pairs, then each model by WLSMV; a model that cannot be fitted
/// is recorded in `skipped`.
fn ordinal(
    args: &ReportArgs,
    request: &Request,
    list: &str,
    skipped: &mut Vec<(Msg, String)>,
) -> anyhow::Result<OrdinalRun> {
    let inst = &request.instrument;
    let models = models(request)?;
    let mut options = args.read.options(Some(inst))?;
    options.keep = args.group.iter().cloned().collect();
    let mut responses = read_model_variables(&args.data, &observed_variables(&models)?, &options)?;
    let groups = args
        .group
        .as_ref()
        .map(|_| Groups::of((responses.kept.iter()).map(|k| k.first().map_or("", String::as_str))));
    let columns = ordered_columns(list, &responses.items)?;
    let scale = (inst.response_scale.as_ref()).and_then(|s| s.categories());
    let no_labels: &[String] = &[];
    let mut categories = check_ordered_categories(
        &mut responses,
        &columns,
        scale.as_deref(),
        args.collapse,
        match &groups {
            Some(g) => (Some(g.rows.as_slice()), g.labels.as_slice()),
            None => (None, no_labels),
        },
        Missing::Listwise,
    );
    (categories.diagnostics).extend(perfect_pairs(&responses.matrix, &columns));
    let model_options = ModelOptions {
        ordered: ordered_variables(list, &responses, Missing::Listwise)?,
        ordinal_identification: OrdinalIdentification::Lavaan,
        parameterization: Parameterization::Delta,
        ..ModelOptions::default()
    };
    let mut fits = Vec::new();
    for (name, model) in models {
        let table = build(&model, &model_options)?;
        let how = (Estimator::Wlsmv, Missing::Listwise);
        match fit_ordered(&name, &table, &responses, (None, no_labels), how) {
            Ok(f) => fits.push((name, f)),
            Err(Unfitted::Categories(e)) => skipped.push((Msg::Cfa, e)),
            Err(Unfitted::Other(e)) => skipped.push((Msg::Cfa, format!("{e:#}"))),
        }
    }
    let comparison = match fits.as_slice() {
        [] | [_] => None,
        _ => {
            let named: Vec<(String, &OrdinalFit)> =
                fits.iter().map(|(n, f)| (n.clone(), f)).collect();
            Some(compare_ordinal(&named)?)
        }
    };
    let ordered = match columns.len() == responses.items.len() {
        true => Vec::new(),
        false => columns
            .iter()
            .map(|&j| responses.items[j].clone())
            .collect(),
    };
    Ok(OrdinalRun {
        fits,
        comparison,
        categories,
        responses,
        groups,
        ordered,
    })
}

/// The ordinal ladder (as `psym invariance --ordered all`: WLSMV, delta, complete rows) on the
/// answers of the ordinal CFA, categories merged as there; refused (a reason in the report's
/// language) when not every item is ordered or the groups did not use the same categories.
fn ordinal_ladder(
    args: &ReportArgs,
    request: &Request,
    column: &str,
    run: &OrdinalRun,
) -> anyhow::Result<Invariance> {
    let c = catalogue(args);
    if !run.ordered.is_empty() {
        anyhow::bail!("{}", c.text(Msg::InvarianceMixed));
    }
    if categories_unshared(&run.categories) {
        anyhow::bail!("{}", c.text(Msg::InvarianceUnshared));
    }
    let groups = (run.groups.as_ref()).context("the ordinal ladder needs --group")?;
    let model = factor_model(&request.instrument.subscale_factors());
    let observed = model.observed()?;
    let thresholds: Vec<(String, usize)> =
        ordered_variables("all", &run.responses, Missing::Listwise)?
            .into_iter()
            .filter(|(item, _)| observed.contains(item))
            .collect();
    let rows = (Some(groups.rows.as_slice()), groups.labels.len());
    let data = observed_by_group(&run.responses, &observed, rows);
    let options = InvarianceOptions {
        steps: ordinal_steps(Parameterization::Delta),
        fit: fit_options(args),
        reversed: request.instrument.reversed_items(),
        ..InvarianceOptions::default()
    };
    let delta = Parameterization::Delta;
    ordinal_invariance_with(&model, &data, &thresholds, &groups.labels, &options, delta)
        .map_err(|e| anyhow::anyhow!("cannot fit the invariance steps across '{column}': {e}"))
}

/// `--estimator` and `--missing` (`psym cfa`'s and `psym invariance`'s defaults: ML,
/// listwise; WLSMV with `--ordered`), the estimator's own robust test, the optimiser's time
/// cap.
fn fit_options(args: &ReportArgs) -> FitOptions {
    FitOptions {
        estimator: args.estimator(),
        missing: args.missing,
        information: None,
        test: None,
        time_limit: Some(time_limit()),
    }
}

/// The invariance ladder across the groups, with the search for non-invariant parameters.
fn ladder(
    args: &ReportArgs,
    request: &Request,
    column: &str,
    groups: &Groups,
) -> anyhow::Result<Invariance> {
    let inst = &request.instrument;
    let model = factor_model(&inst.subscale_factors());
    let x = &request.responses;
    let observed = model.observed()?;
    let columns: Vec<usize> = (observed.iter())
        .map(|v| x.items.iter().position(|i| i == v))
        .collect::<Option<_>>()
        .ok_or_else(|| anyhow::anyhow!("the model names an item that the file lacks"))?;
    let values = x.matrix.select_columns(&columns);
    let data = Dataset {
        names: &observed,
        values: &values,
        groups: Some(&groups.rows),
    };
    let options = InvarianceOptions {
        fit: fit_options(args),
        search: Some(PartialSearch {
            alpha: PARTIAL_ALPHA,
        }),
        reversed: inst.reversed_items(),
        ..InvarianceOptions::default()
    };
    invariance(&model, &data, &groups.labels, &options)
        .map_err(|e| anyhow::anyhow!("cannot fit the invariance steps across '{column}': {e}"))
}

impl Analyses {
    /// Whether the report found problems: invalid rows, a keying warning, an inadmissible
    /// solution, EFA diagnostics or an analysis that could not be run (exit status 1).
    pub(super) fn troubled(&self, request: &Request) -> bool {
        !request.validation.valid
            || !self.skipped.is_empty()
            || self.reliability.iter().any(ScaleReliability::has_problems)
            || self.cfa.iter().any(|(_, f)| !f.admissible)
            || self
                .efa
                .as_ref()
                .is_some_and(|(_, _, e)| !e.fa.diagnostics.is_empty())
            || self
                .invariance
                .as_ref()
                .is_some_and(|i| !i.all_admissible())
            || self.ordinal.as_ref().is_some_and(|r| {
                r.categories.has_errors() || r.fits.iter().any(|(_, f)| !f.converged)
            })
    }

    /// The report's document.
    pub(super) fn document(
        &self,
        args: &ReportArgs,
        request: &Request,
    ) -> anyhow::Result<Document> {
        let inst = &request.instrument;
        let item_lang = item_language(args);
        let lang = item_lang.as_str();
        if !inst.languages.iter().any(|l| l == lang) {
            warn_on_stderr([format!(
                "instrument '{}' has no '{lang}' texts; item texts and anchor labels are in '{}'",
                inst.id, inst.source_language
            )]);
        }
        let items: Vec<ItemRow> = (inst.items.iter())
            .map(|i| ItemRow {
                id: i.id.clone(),
                text: (i
                    .text
                    .get(lang)
                    .or_else(|| i.text.get(&inst.source_language)))
                .cloned()
                .unwrap_or_default(),
            })
            .collect();
        let scale = inst.response_scale.as_ref();
        let categories: Vec<String> = scale
            .filter(|s| s.integer || (s.min.fract() == 0.0 && s.max.fract() == 0.0))
            .map(|s| {
                let labels = s
                    .labels
                    .get(lang)
                    .or_else(|| s.labels.get(&inst.source_language));
                let k = (s.max - s.min) as usize + 1;
                (0..k)
                    .map(|i| {
                        let value = format!("{}", s.min + i as f64);
                        match labels.and_then(|l| l.get(i)).filter(|l| !l.is_empty()) {
                            Some(l) => format!("{value} {l}"),
                            None => value,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let no_warnings: &[String] = &[];
        let loaded_items: &[String] = self.loaded.as_ref().map_or(&[], |l| &l.items);
        let cfa: Vec<CfaReport> = (self.cfa.iter())
            .map(|(name, fit)| CfaReport {
                name,
                fit,
                modindices: None,
                groups: &[],
                residuals: None,
                warnings: no_warnings,
                advise: advice::sem,
            })
            .collect();
        let file = args.data.display().to_string();
        let input =
            ReportInput {
                catalogue: catalogue(args),
                about: About {
                    file: args.data.display().to_string(),
                    instrument_id: inst.id.clone(),
                    instrument_version: inst.version.clone(),
                    instrument_name: inst.name_in(lang).to_string(),
                    languages: inst.languages.clone(),
                    software: format!("psym {}", env!("CARGO_PKG_VERSION")),
                    date: today(),
                    command: command_line(),
                },
                items: &items,
                categories: &categories,
                scale_range: scale.map(|s| (s.min, s.max)),
                validation: &request.validation,
                answers: &request.responses.matrix,
                groups: (args.group.as_deref().zip(request.groups.as_ref())).map(|(column, g)| {
                    GroupView {
                        column,
                        labels: &g.labels,
                        rows: &g.rows,
                    }
                }),
                careless: self.careless.as_ref().map(|r| CarelessView {
                    head: Head {
                        file: &file,
                        items: &r.passes.items,
                        sample: &r.sample,
                        duration: r.passes.duration.as_deref(),
                        advise: advice::careless,
                    },
                    summary: &r.summary,
                    flagged: &r.flagged,
                }),
                scores: &self.scores,
                reliability: &self.reliability,
                reliability_advise: advice::reliability,
                parallel: self
                    .parallel
                    .as_ref()
                    .map(|(n, rows, pa, map)| ParallelReport {
                        items: loaded_items,
                        n: *n,
                        rows: *rows,
                        pa,
                        map: map.as_ref(),
                        warnings: no_warnings,
                    }),
                efa: self.efa.as_ref().map(|(n, rows, e)| EfaReport {
                    items: loaded_items,
                    n: *n,
                    rows: *rows,
                    warnings: no_warnings,
                    cor: CorMethod::Pearson.name(),
                    normalization: RotationOptions::default().normalization,
                    fa: &e.fa,
                    kmo: e.kmo.as_ref(),
                    bartlett: e.bartlett.as_ref(),
                    advise: advice::efa,
                }),
                efa_groups: self.efa_groups.as_ref().map(|g| GroupsReport {
                    items: loaded_items,
                    efa: g,
                    warnings: no_warnings,
                    advise: advice::efa,
                }),
                cfa: &cfa,
                comparison: self.comparison.as_deref(),
                ordinal: self.ordinal.as_ref().map(|r| OrdinalView {
                    fits: &r.fits,
                    comparison: r.comparison.as_deref(),
                    categories: &r.categories,
                    items: &r.responses.items,
                    ordered: &r.ordered,
                }),
                invariance: self.invariance.as_ref().zip(args.group.as_deref()).map(
                    |(r, column)| InvarianceReport {
                        result: r,
                        group_column: column,
                        estimator: args.estimator(),
                        missing: args.missing,
                        warnings: no_warnings,
                        advise: advice::sem,
                    },
                ),
                expected_factors: inst.subscales().len(),
                skipped: self.skipped.clone(),
            };
        document(&input).map_err(anyhow::Error::msg)
    }
}

/// The command line of this run, quoted for a POSIX shell, to reproduce the report.
fn command_line() -> String {
    let quote = |a: String| {
        let plain = !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c));
        if plain {
            a
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        }
    };
    let mut words: Vec<String> = std::env::args().skip(1).map(quote).collect();
    words.insert(0, "psym".into());
    words.join(" ")
}
