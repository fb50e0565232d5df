//! Measurement invariance of ordered items (Wu & Estabrook 2016): the ladder configural →
//! thresholds → metric (thresholds and loadings) → scalar (+ intercepts) → strict (+ residual
//! variances; theta parameterisation only) → means, each fitted by WLSMV
//! ([`crate::fit_wlsmv`]) in the delta or theta parameterisation and compared with the step
//! before it
//! by the scaled-and-shifted difference test ([`scaled_difference`]; lavaan's `lavTestLRT`)
//! and the changes in the scaled CFI and RMSEA, judged by the same [`DecisionRule`] as the
//! continuous ladder ([`crate::invariance`]).
//!
//! Identification (semTools' `measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv")`;
//! [`OrdinalIdentification::WuEstabrook`]): latent variances 1 and latent means 0 in every
//! group, intercepts 0 and scale factors 1; equal thresholds free the scale factors and the
//! intercepts of groups 2, 3, …; equal loadings free their latent variances; equal intercepts
//! fix the intercepts at 0 again and free their latent means. In the theta parameterisation
//! (`parameterization = "theta"` of the same semTools call) the residual variances take the
//! scale factors' place: 1 in every group, free in groups 2, 3, … once thresholds are equal,
//! and 1 again in the strict step (equal residual variances). Factors are identified by their
//! variances whatever `std_lv` says: with a marker loading instead, the thresholds step is not
//! identified. Strict invariance needs the theta parameterisation and is refused in the delta
//! one, as semTools refuses it there.
//!
//! Missing answers follow `options.fit.missing` ([`fit_ordinal_with`]): listwise deletion (the
//! default, complete rows) or pairwise deletion (lavaan's `missing = "pairwise"`: thresholds
//! from each item's answers, polychoric correlations from the rows answering both items, N the
//! rows with at least one answer); FIML is refused.

use nalgebra::DMatrix;
use psym_model::{Model, ModelOptions, OrdinalIdentification, Parameterization, build};
use psym_stats::RowCount;

use crate::SemError;
use crate::dwls::fit_ordinal_with;
use crate::invariance::{
    GroupSize, Invariance, InvarianceOptions, Step, StepComparison, StepDetails, StepFit,
    StepMeasures, Verdict,
};
use crate::measures as m;
use crate::options::{Estimator, Missing};
use crate::ordinal_result::OrdinalFit;
use crate::ordinal_robust::scaled_difference;

/// The measures of the comparison table of an ordinal step: the scaled χ², CFI, TLI and
/// RMSEA (the standard ones for a fit without a scaled test); the RMSEA interval of the scaled-and-shifted statistic on df with N − G (lavaan
/// 0.6-14's `rmsea.ci.lower.scaled` for `test = "scaled.shifted"`).
fn step_measures(f: &OrdinalFit, groups: usize) -> StepMeasures {
    let (g, fit) = (groups as f64, &f.fit);
    let (chisq, df, pvalue) = (fit.scaled.as_ref()).map_or((fit.chisq, fit.df, fit.pvalue), |s| {
        (s.statistic, s.df, s.pvalue)
    });
    let (lo, hi) = m::rmsea_ci(chisq, fit.df, f.n as f64 - g, g);
    StepMeasures {
        chisq,
        df,
        pvalue,
        cfi: fit.cfi_scaled.unwrap_or(fit.cfi),
        tli: fit.tli_scaled.unwrap_or(fit.tli),
        rmsea: fit.rmsea_scaled.unwrap_or(fit.rmsea),
        rmsea_ci_lower: lo,
        rmsea_ci_upper: hi,
        srmr: fit.srmr,
        aic: None,
        bic: None,
        scaled: fit.scaled.is_some(),
    }
}

/// Refuses what the ordinal ladder cannot do.
fn check(
    steps: &[Step],
    ordered: &[(String, usize)],
    options: &InvarianceOptions,
    parameterization: Parameterization,
) -> Result<(), SemError> {
    let refuse = |m: &str| Err(SemError::Model(m.into()));
    if steps.contains(&Step::Strict) && parameterization == Parameterization::Delta {
        return refuse(STRICT_NEEDS_THETA);
    }
    if options.fit.missing == Missing::Fiml {
        return refuse(
            "the ordinal ladder is fitted on complete rows (listwise deletion, the default) or \
             by pairwise deletion, not by fiml",
        );
    }
    if options.search.is_some() || !options.group_partial.is_empty() {
        return refuse("partial invariance is not available for ordered items yet");
    }
    let binary = ordered.iter().find(|(_, k)| *k < 2);
    if let (Some((item, _)), true) = (binary, steps.contains(&Step::Thresholds)) {
        return Err(SemError::Model(format!(
            "'{item}' has two categories: its thresholds cannot be tested apart from its \
             loading (Wu & Estabrook 2016); leave out the thresholds step"
        )));
    }
    Ok(())
}

/// Why the delta parameterisation has no strict step.
pub const STRICT_NEEDS_THETA: &str = "strict invariance of ordered items (equal residual \
     variances) needs the theta parameterisation (--parameterization theta): in the delta \
     parameterisation the residual variances are no parameters";

/// The ordinal ladder's steps (Wu & Estabrook 2016): configural, thresholds, metric, scalar
/// and means, with strict (equal residual variances) before means in the theta
/// parameterisation, the only one where residual variances are parameters.
pub fn ordinal_steps(parameterization: Parameterization) -> Vec<Step> {
    let theta = parameterization == Parameterization::Theta;
    [
        Step::Configural,
        Step::Thresholds,
        Step::Metric,
        Step::Scalar,
        Step::Strict,
        Step::Means,
    ]
    .into_iter()
    .filter(|s| *s != Step::Strict || theta)
    .collect()
}

/// Fits the ordinal ladder's `options.steps` (module docs) to `data` in the delta
/// parameterisation: [`ordinal_invariance_with`] with [`Parameterization::Delta`].
///
/// # Errors
/// As [`ordinal_invariance_with`]; the strict step is refused.
pub fn ordinal_invariance(
    model: &Model,
    data: &[DMatrix<f64>],
    ordered: &[(String, usize)],
    groups: &[String],
    options: &InvarianceOptions,
) -> Result<Invariance, SemError> {
    let delta = Parameterization::Delta;
    ordinal_invariance_with(model, data, ordered, groups, options, delta)
}

/// Fits the ordinal ladder's `options.steps` (module docs) to `data` (one matrix per group,
/// columns in the order of the model's observed variables, `NaN` missing; the rows used as
/// `options.fit.missing` says: complete rows, or every answer pairwise), the items
/// ordered with the numbers of thresholds in `ordered` (the categories of the rows used, less
/// one), in `parameterization`, and compares
/// each step with the one before it. Thresholds, loadings and intercepts are equal in every
/// step after theirs, asked for or not; equal residual variances (theta only) and equal means
/// only when asked for.
///
/// # Errors
/// [`SemError::Model`] for fewer than two groups, no step, the strict step in the delta
/// parameterisation, partial invariance, a thresholds step with a binary item, FIML; any
/// error of [`build`] and [`fit_ordinal_with`].
pub fn ordinal_invariance_with(
    model: &Model,
    data: &[DMatrix<f64>],
    ordered: &[(String, usize)],
    groups: &[String],
    options: &InvarianceOptions,
    parameterization: Parameterization,
) -> Result<Invariance, SemError> {
    if groups.len() < 2 || data.len() != groups.len() {
        return Err(SemError::Model(format!(
            "measurement invariance needs at least two groups; the data have {}",
            data.len()
        )));
    }
    let mut steps = options.steps.clone();
    steps.sort();
    steps.dedup();
    let Some(&last) = steps.last() else {
        return Err(SemError::Model("no invariance step asked for".into()));
    };
    check(&steps, ordered, options, parameterization)?;
    let mut equal = Vec::new();
    let mut fits: Vec<(StepFit, OrdinalFit)> = Vec::new();
    for &step in Step::ALL.iter().take_while(|&&s| s <= last) {
        let prerequisite = matches!(step, Step::Thresholds | Step::Metric | Step::Scalar);
        if let Some(k) = (step.constrains()).filter(|_| prerequisite || steps.contains(&step)) {
            equal.push(k);
        }
        if !steps.contains(&step) {
            continue;
        }
        let table = build(
            model,
            &ModelOptions {
                std_lv: true,
                groups: groups.len(),
                group_equal: equal.clone(),
                ordered: ordered.to_vec(),
                ordinal_identification: OrdinalIdentification::WuEstabrook,
                parameterization,
                ..ModelOptions::default()
            },
        )?;
        let fit = fit_ordinal_with(&table, data, Estimator::Wlsmv, options.fit.missing)?;
        // residual variances, derived (delta) or estimated (theta), are not negative
        let admissible = (fit.parameters.iter())
            .filter(|p| p.op == "~~" && p.lhs == p.rhs && table.observed.contains(&p.lhs))
            .all(|p| p.est >= 0.0);
        let summary = StepFit {
            step,
            group_equal: equal.clone(),
            group_partial: Vec::new(),
            converged: fit.converged,
            admissible,
            fit: step_measures(&fit, groups.len()),
            group_chisq: None,
            measures: StepDetails::Ordinal(fit.fit.clone()),
            diagnostics: Vec::new(),
        };
        fits.push((summary, fit));
    }
    let comparisons: Vec<StepComparison> = fits
        .windows(2)
        .map(|pair| {
            let ((a, fa), (b, fb)) = (&pair[0], &pair[1]);
            let test = scaled_difference(fa, fb).map_or((f64::NAN, f64::NAN, None), |d| {
                (d.chisq_diff, d.df_diff, d.pvalue)
            });
            StepComparison::new((a, b), test, &options.rule)
        })
        .collect();
    let first = &fits[0].1;
    let p = data[0].ncols();
    let mut stacked = DMatrix::zeros(data.iter().map(DMatrix::nrows).sum(), p);
    let mut o = 0;
    for x in data {
        stacked.rows_mut(o, x.nrows()).copy_from(x);
        o += x.nrows();
    }
    Ok(Invariance {
        groups: (groups.iter().zip(&first.group_n))
            .map(|(g, &n)| GroupSize {
                group: g.clone(),
                n,
            })
            .collect(),
        rows: match options.fit.missing {
            // the rows with at least one answer, as the fit counts them
            Missing::Pairwise => RowCount::with_used(&stacked, first.n),
            Missing::Listwise | Missing::Fiml => RowCount::with_min_answered(&stacked, p),
        },
        rule: options.rule,
        first_failure: (comparisons.iter())
            .find(|c| c.verdict == Verdict::Fails)
            .map(|c| c.step),
        steps: fits.into_iter().map(|(s, _)| s).collect(),
        comparisons,
        score_tests: Vec::new(),
        partial: Vec::new(),
        few_anchors: Vec::new(),
        consequences: None,
    })
}
