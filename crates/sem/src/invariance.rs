//! Measurement invariance across groups: the ladder configural → metric → scalar → strict →
//! means, each step nested in the one before it, compared as semTools' `compareFit` does.
//!
//! Each step adds one kind of equality constraint across groups (lavaan's `group.equal`):
//! metric the loadings, scalar the intercepts, strict the residual variances, means the latent
//! means. Each step is compared with the previous one by the chi-square difference test
//! ([`compare`](fn@crate::compare); under MLR the scaled difference of Satorra & Bentler 2001) and
//! by the changes in CFI, RMSEA and SRMR. A step *holds* under the [`DecisionRule`] when
//! `ΔCFI ≥ cfi_min` and `ΔRMSEA ≤ rmsea_max` (defaults −0.010 and 0.015: Chen 2007; Cheung &
//! Rensvold 2002). No cutoff is universal: the rule is an option and always reported.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_model::parse;
//! use psym_sem::{Dataset, InvarianceOptions, Step, invariance};
//!
//! // Two groups of 8 respondents, one factor with three indicators.
//! let x = DMatrix::from_row_slice(16, 3, &[
//!     1., 2., 1., 2., 2., 3., 3., 4., 3., 4., 3., 5., 5., 6., 4., 2., 1., 2., 3., 3., 3., 4., 5., 4.,
//!     2., 1., 2., 3., 2., 3., 4., 4., 5., 5., 6., 6., 1., 1., 2., 2., 3., 2., 4., 5., 4., 3., 2., 4.,
//! ]);
//! let names = vec!["a".to_string(), "b".into(), "c".into()];
//! let groups: Vec<usize> = (0..16).map(|i| i / 8).collect();
//! let data = Dataset { names: &names, values: &x, groups: Some(&groups) };
//! let labels = vec!["en".to_string(), "nb".into()];
//! let mut options = InvarianceOptions::default();
//! options.steps = vec![Step::Configural, Step::Metric];
//! let inv = invariance(&parse("f =~ a + b + c").unwrap(), &data, &labels, &options).unwrap();
//! assert_eq!(inv.steps.len(), 2);
//! assert_eq!(inv.steps[1].fit.df, 2.0);
//! ```

use std::fmt;

use psym_closed_set::closed_set;
use psym_model::{GroupEqual, Model, ModelOptions, ParamRef, build};
use psym_stats::RowCount;
use serde::Serialize;

use crate::compare::compare;
use crate::consequences::{Consequences, consequences};
use crate::estimate::{Dataset, fit, fit_from};
use crate::fitstats::{aux_table, moments_theta};
use crate::measures as m;
use crate::normal::NormalMl;
use crate::options::FitOptions;
use crate::ordinal_result::OrdinalMeasures;
use crate::partial::{self, KeptForAnchors, PartialSearch, Released, Round};
use crate::result::{CfaFit, FitMeasures};
use crate::score_test::{ScoreTest, score_tests};
use crate::{Diagnostic, SemError};

closed_set! {
    /// A step of the invariance ladder.
    #[derive(PartialOrd, Ord)]
    pub enum Step: "invariance step" {
        /// The same model in every group, nothing constrained equal.
        Configural => "configural",
        /// Equal thresholds (ordered items only; Wu & Estabrook 2016).
        Thresholds => "thresholds",
        /// Equal loadings (weak invariance).
        Metric => "metric",
        /// Equal intercepts as well (strong invariance): needed to compare group means.
        Scalar => "scalar",
        /// Equal residual variances as well (strict invariance).
        Strict => "strict",
        /// Equal latent means as well.
        Means => "means",
    }
}

impl Step {
    /// The kind of parameter this step constrains equal across groups (none for configural).
    pub fn constrains(self) -> Option<GroupEqual> {
        match self {
            Step::Configural => None,
            Step::Thresholds => Some(GroupEqual::Thresholds),
            Step::Metric => Some(GroupEqual::Loadings),
            Step::Scalar => Some(GroupEqual::Intercepts),
            Step::Strict => Some(GroupEqual::Residuals),
            Step::Means => Some(GroupEqual::Means),
        }
    }
}

/// When a step holds: `ΔCFI ≥ cfi_min` and `ΔRMSEA ≤ rmsea_max`, the differences taken as
/// this step minus the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DecisionRule {
    /// Smallest acceptable change in CFI (default −0.010, Cheung & Rensvold 2002; Chen 2007).
    pub cfi_min: f64,
    /// Largest acceptable change in RMSEA (default 0.015, Chen 2007).
    pub rmsea_max: f64,
}

impl Default for DecisionRule {
    fn default() -> Self {
        DecisionRule {
            cfi_min: -0.010,
            rmsea_max: 0.015,
        }
    }
}

impl fmt::Display for DecisionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a step holds when ΔCFI ≥ {:.3} and ΔRMSEA ≤ {:.3} against the previous step",
            self.cfi_min, self.rmsea_max
        )
    }
}

/// Options of an invariance analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct InvarianceOptions {
    /// Steps to fit, in ladder order (sorted and deduplicated before fitting).
    pub steps: Vec<Step>,
    /// Estimator and missing-data rule of every fit.
    pub fit: FitOptions,
    /// Identify factors by fixing their variances to 1 (lavaan's `std.lv`).
    pub std_lv: bool,
    /// Parameters left free of the equality constraints (lavaan's `group.partial`).
    pub group_partial: Vec<ParamRef>,
    /// The decision rule of every step.
    pub rule: DecisionRule,
    /// Search each constrained step for constraints to release ([`PartialSearch`]); `None`
    /// fits the steps as asked.
    pub search: Option<PartialSearch>,
    /// Items scored reversed in their scale's score: their bias enters the scale mean's
    /// reversed ([`consequences`]).
    pub reversed: Vec<String>,
}

/// The ladder of continuous items: configural, metric, scalar, strict, means.
pub const CONTINUOUS_STEPS: [Step; 5] = [
    Step::Configural,
    Step::Metric,
    Step::Scalar,
    Step::Strict,
    Step::Means,
];

impl Default for InvarianceOptions {
    fn default() -> Self {
        InvarianceOptions {
            steps: CONTINUOUS_STEPS.to_vec(),
            fit: FitOptions::default(),
            std_lv: false,
            group_partial: Vec::new(),
            rule: DecisionRule::default(),
            search: None,
            reversed: Vec::new(),
        }
    }
}

/// One group: its label, rows used and its contribution to the chi-square.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSize {
    /// Group label (a value of the group column).
    pub group: String,
    /// Rows used in this group.
    pub n: usize,
}

/// The fit measures of a step as the comparison table shows them. Under MLR the chi-square,
/// CFI, TLI and RMSEA (with its interval) are the scaled versions (lavaan's `*.scaled`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepMeasures {
    /// Chi-square (scaled under MLR).
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// p value of the chi-square.
    pub pvalue: f64,
    /// Comparative fit index.
    pub cfi: f64,
    /// Tucker–Lewis index.
    pub tli: f64,
    /// RMSEA.
    pub rmsea: f64,
    /// Lower end of the 90% RMSEA interval.
    pub rmsea_ci_lower: f64,
    /// Upper end of the 90% RMSEA interval.
    pub rmsea_ci_upper: f64,
    /// SRMR.
    pub srmr: f64,
    /// AIC (`None` without a likelihood).
    pub aic: Option<f64>,
    /// BIC (`None` without a likelihood).
    pub bic: Option<f64>,
    /// Whether chi-square, CFI, TLI and RMSEA are the scaled (MLR) versions.
    pub scaled: bool,
}

impl StepMeasures {
    /// The table's measures of a fit: `f.scaled` decides between the normal-theory and scaled
    /// versions. The scaled RMSEA interval is the normal-theory interval of the unscaled χ² with
    /// `c·df` degrees of freedom (c the scaling factor; lavaan 0.6-14's
    /// `rmsea.ci.lower.scaled`, `rmsea.ci.upper.scaled`).
    pub fn of(f: &FitMeasures, groups: usize) -> StepMeasures {
        let (g, n) = (groups as f64, f.ntotal as f64);
        let (aic, bic) = (
            f.likelihood.as_ref().map(|l| l.aic),
            f.likelihood.as_ref().map(|l| l.bic),
        );
        match &f.scaled {
            None => StepMeasures {
                chisq: f.chisq,
                df: f.df,
                pvalue: f.pvalue,
                cfi: f.cfi,
                tli: f.tli,
                rmsea: f.rmsea,
                rmsea_ci_lower: f.rmsea_ci_lower,
                rmsea_ci_upper: f.rmsea_ci_upper,
                srmr: f.srmr,
                aic,
                bic,
                scaled: false,
            },
            Some(s) => {
                let (lo, hi) = m::rmsea_ci(f.chisq, s.test.scaling_factor * f.df, n, g);
                StepMeasures {
                    chisq: s.test.statistic,
                    df: s.test.df,
                    pvalue: s.test.pvalue,
                    cfi: s.cfi_scaled,
                    tli: s.tli_scaled,
                    rmsea: s.rmsea_scaled,
                    rmsea_ci_lower: lo,
                    rmsea_ci_upper: hi,
                    srmr: f.srmr,
                    aic,
                    bic,
                    scaled: true,
                }
            }
        }
    }
}

/// One fitted step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepFit {
    /// The step.
    pub step: Step,
    /// Parameter kinds constrained equal across groups in this step.
    pub group_equal: Vec<GroupEqual>,
    /// Parameters left free of those constraints (given, and released by the search up to
    /// and including this step).
    pub group_partial: Vec<ParamRef>,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Whether the solution is admissible.
    pub admissible: bool,
    /// The measures of the comparison table.
    pub fit: StepMeasures,
    /// Each group's contribution to the (normal-theory) chi-square, in group order ([`group_chisq`]);
    /// `None` when it cannot be computed.
    pub group_chisq: Option<Vec<f64>>,
    /// Every fit measure of the step.
    pub measures: StepDetails,
    /// Convergence and admissibility problems.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every fit measure of a step, as its estimator reports them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StepDetails {
    /// A fit by ML or MLR.
    Continuous(FitMeasures),
    /// A fit of ordered items by WLSMV.
    Ordinal(OrdinalMeasures),
}

impl StepDetails {
    /// The measures of a fit by ML or MLR.
    pub fn continuous(&self) -> Option<&FitMeasures> {
        match self {
            StepDetails::Continuous(f) => Some(f),
            StepDetails::Ordinal(_) => None,
        }
    }
}

/// Whether a step holds under the decision rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// ΔCFI and ΔRMSEA within the rule.
    Holds,
    /// ΔCFI or ΔRMSEA beyond the rule.
    Fails,
    /// Not judged: one of the two fits did not converge or is inadmissible.
    NotJudged,
}

/// A step against the previous one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepComparison {
    /// The more constrained step.
    pub step: Step,
    /// The step it is nested in.
    pub against: Step,
    /// Chi-square difference (Satorra–Bentler 2001 scaled under MLR).
    pub chisq_diff: f64,
    /// Difference in degrees of freedom.
    pub df_diff: f64,
    /// p value of the difference test (`None` when Δdf is 0).
    pub pvalue: Option<f64>,
    /// CFI of this step minus CFI of the previous one.
    pub delta_cfi: f64,
    /// RMSEA of this step minus RMSEA of the previous one.
    pub delta_rmsea: f64,
    /// SRMR of this step minus SRMR of the previous one.
    pub delta_srmr: f64,
    /// The verdict of the decision rule.
    pub verdict: Verdict,
}

impl StepComparison {
    /// Step `b` against step `a` with the difference test `(χ²_diff, df_diff, p)`: the changes
    /// in CFI, RMSEA and SRMR and the verdict of `rule` (not judged unless both fits converged
    /// to admissible solutions).
    pub(crate) fn new(
        (a, b): (&StepFit, &StepFit),
        (chisq_diff, df_diff, pvalue): (f64, f64, Option<f64>),
        rule: &DecisionRule,
    ) -> StepComparison {
        let (delta_cfi, delta_rmsea) = (b.fit.cfi - a.fit.cfi, b.fit.rmsea - a.fit.rmsea);
        let judged = [a, b].iter().all(|f| f.converged && f.admissible);
        let verdict = if !judged {
            Verdict::NotJudged
        } else if delta_cfi >= rule.cfi_min && delta_rmsea <= rule.rmsea_max {
            Verdict::Holds
        } else {
            Verdict::Fails
        };
        StepComparison {
            step: b.step,
            against: a.step,
            chisq_diff,
            df_diff,
            pvalue,
            delta_cfi,
            delta_rmsea,
            delta_srmr: b.fit.srmr - a.fit.srmr,
            verdict,
        }
    }
}

/// The result of an invariance analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invariance {
    /// Groups in model order with their sizes.
    pub groups: Vec<GroupSize>,
    /// Rows used and read (of the configural fit; every step uses the same rows).
    pub rows: RowCount,
    /// The decision rule applied.
    pub rule: DecisionRule,
    /// The fitted steps in ladder order.
    pub steps: Vec<StepFit>,
    /// Each step after the first against the one before it.
    pub comparisons: Vec<StepComparison>,
    /// The first step whose verdict is [`Verdict::Fails`].
    pub first_failure: Option<Step>,
    /// At the first failing step, the score test of each of its constraints (largest first):
    /// where the non-invariance lies.
    pub score_tests: Vec<ScoreTest>,
    /// What the search for partial invariance released and kept, step by step (empty without
    /// a search).
    pub partial: Vec<PartialStep>,
    /// Factors left with fewer than two items whose parameter of a step's kind is equal across
    /// groups: comparisons of latent variances or means then rest on too little.
    pub few_anchors: Vec<FewAnchors>,
    /// Latent differences and the size of the non-invariance, when the (partial) scalar step
    /// was fitted and holds.
    pub consequences: Option<Consequences>,
}

/// The search's decisions at one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartialStep {
    /// The step.
    pub step: Step,
    /// Constraints released, in the order they were.
    pub released: Vec<Released>,
    /// Significant constraints kept to leave each factor two anchors.
    pub kept: Vec<KeptForAnchors>,
}

/// A factor with fewer than two invariant items at a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FewAnchors {
    /// The step.
    pub step: Step,
    /// The factor.
    pub factor: String,
    /// Its items whose parameter of the step's kind is still equal across groups.
    pub invariant_items: usize,
}

impl Invariance {
    /// Whether every fit converged to an admissible solution.
    pub fn all_admissible(&self) -> bool {
        self.steps.iter().all(|s| s.converged && s.admissible)
    }
}

/// Each group's contribution to the chi-square of a fit (lavaan's `stat.group`):
/// `χ²_g = n_g F_g(model) − n_g F_g(saturated)`, with `n_g F_g` the group's sum over its
/// missing-data patterns `Σ_P n_P [log|Σ_oo| + tr(Σ_oo⁻¹ S_P) + dᵀ Σ_oo⁻¹ d]`; with complete data
/// `n_g [log|Σ_g| − log|S_g| + tr(S_g Σ_g⁻¹) − p + (m_g − μ_g)ᵀ Σ_g⁻¹ (m_g − μ_g)]`, under FIML
/// `2(ℓ_g,saturated − ℓ_g)`. The contributions add up to the chi-square. `None` when a matrix
/// is not positive definite.
pub fn group_chisq(fit: &CfaFit) -> Option<Vec<f64>> {
    let model = NormalMl::new(&fit.table, &fit.samples).group_sums(&fit.theta)?;
    let table = &fit.table;
    let saturated = aux_table(&table.observed, table.groups, table.meanstructure, true).ok()?;
    let moments: Vec<_> = fit
        .moments
        .iter()
        .map(|g| (&g.sample_mean, &g.sample_cov))
        .collect();
    let theta = moments_theta(&saturated, &moments);
    let h1 = NormalMl::new(&saturated, &fit.samples).group_sums(&theta)?;
    Some(model.iter().zip(&h1).map(|(m, s)| m - s).collect())
}

/// Fits the steps of `options` to `data` (whose rows carry 0-based group numbers into
/// `groups`), each step with the equality constraints of the steps before it, and compares each
/// step with the previous one. Equal loadings and intercepts are part of every step after
/// metric and scalar, asked for or not; equal residuals only when strict is asked for (so
/// `configural, means` compares loadings, intercepts and means equal with the configural model).
///
/// # Errors
/// [`SemError::GroupTooSmall`] when a group has no more rows than the model has observed
/// variables; [`SemError::Model`] when the data have fewer than two groups or no step is asked
/// for; any error of [`fit`].
pub fn invariance(
    model: &Model,
    data: &Dataset,
    groups: &[String],
    options: &InvarianceOptions,
) -> Result<Invariance, SemError> {
    if groups.len() < 2 {
        return Err(SemError::Model(format!(
            "measurement invariance needs at least two groups; the data have {}",
            groups.len()
        )));
    }
    let mut steps = options.steps.clone();
    steps.sort();
    steps.dedup();
    if steps.is_empty() {
        return Err(SemError::Model("no invariance step asked for".into()));
    }
    if steps.contains(&Step::Thresholds) {
        return Err(SemError::Model(
            "the thresholds step is for ordered items (ordinal_invariance)".into(),
        ));
    }
    let p = model.observed()?.len();
    check_group_sizes(data, groups, p)?;
    // Each fit starts from the one before it (the previous step, or the same step before a
    // constraint was released): the same optimum, fewer iterations.
    let fit_step = |equal: &[GroupEqual],
                    partial: &[ParamRef],
                    previous: Option<&CfaFit>|
     -> Result<CfaFit, SemError> {
        let table = build(
            model,
            &ModelOptions {
                std_lv: options.std_lv,
                meanstructure: true,
                groups: groups.len(),
                group_equal: equal.to_vec(),
                group_partial: partial.to_vec(),
                ..ModelOptions::default()
            },
        )?;
        match previous {
            Some(p) => fit_from(&table, data, &options.fit, p),
            None => fit(&table, data, &options.fit),
        }
    };
    let mut fits: Vec<(Step, Vec<GroupEqual>, Vec<ParamRef>, CfaFit)> =
        Vec::with_capacity(steps.len());
    let mut equal: Vec<GroupEqual> = Vec::new();
    let mut partial_now = options.group_partial.clone();
    let mut partial_steps = Vec::new();
    for &step in Step::ALL {
        // Metric and scalar are prerequisites of every later step; strict and means constrain
        // only when asked for.
        let prerequisite = matches!(step, Step::Metric | Step::Scalar);
        if let Some(k) = step
            .constrains()
            .filter(|_| prerequisite || steps.contains(&step))
        {
            equal.push(k);
        }
        if step > steps[steps.len() - 1] {
            break;
        }
        if !steps.contains(&step) {
            continue;
        }
        let mut f = fit_step(&equal, &partial_now, fits.last().map(|(.., f)| f))?;
        if let (Some(search), Some(kind)) = (options.search, step.constrains()) {
            let mut decisions = PartialStep {
                step,
                released: Vec::new(),
                kept: Vec::new(),
            };
            loop {
                match partial::round(&f, kind, &partial_now, search) {
                    Round::Release(r) => {
                        partial_now.push(r.parameter.clone());
                        decisions.released.push(*r);
                        f = fit_step(&equal, &partial_now, Some(&f))?;
                    }
                    Round::Stop(kept) => {
                        decisions.kept = kept;
                        break;
                    }
                }
            }
            partial_steps.push(decisions);
        }
        fits.push((step, equal.clone(), partial_now.clone(), f));
    }
    let results: Vec<StepFit> = fits
        .iter()
        .map(|(step, eq, partial, f)| StepFit {
            step: *step,
            group_equal: eq.clone(),
            group_partial: partial.clone(),
            converged: f.converged,
            admissible: f.admissible,
            fit: StepMeasures::of(&f.fit, groups.len()),
            group_chisq: group_chisq(f),
            measures: StepDetails::Continuous(f.fit.clone()),
            diagnostics: f.diagnostics.clone(),
        })
        .collect();
    let mut comparisons = Vec::with_capacity(fits.len().saturating_sub(1));
    for (i, pair) in fits.windows(2).enumerate() {
        let (prev, cur) = ((&pair[0]), (&pair[1]));
        let rows = compare(&[(prev.0.to_string(), &prev.3), (cur.0.to_string(), &cur.3)])?;
        comparisons.push(StepComparison::new(
            (&results[i], &results[i + 1]),
            (
                rows[1].chisq_diff.unwrap_or(f64::NAN),
                rows[1].df_diff.unwrap_or(f64::NAN),
                rows[1].pvalue,
            ),
            &options.rule,
        ));
    }
    let first_failure = comparisons
        .iter()
        .find(|c| c.verdict == Verdict::Fails)
        .map(|c| c.step);
    let score_tests = first_failure
        .and_then(|step| {
            let (_, _, _, f) = fits.iter().find(|(s, ..)| *s == step)?;
            let kind = step.constrains();
            let mut tests: Vec<ScoreTest> = score_tests(f)?
                .univariate
                .into_iter()
                .filter(|t| t.kind == kind)
                .collect();
            tests.sort_by(|a, b| b.chisq.total_cmp(&a.chisq));
            Some(tests)
        })
        .unwrap_or_default();
    let few_anchors = few_anchors(&fits);
    let scalar_holds = comparisons
        .iter()
        .any(|c| c.step == Step::Scalar && c.verdict == Verdict::Holds);
    let consequences = fits
        .iter()
        .find(|(s, ..)| *s == Step::Scalar && scalar_holds)
        .map(|(_, _, partial, f)| consequences(f, partial, &options.reversed));
    let sizes = fits.first().map_or(Vec::new(), |(_, _, _, f)| {
        groups
            .iter()
            .zip(&f.moments)
            .map(|(g, mo)| GroupSize {
                group: g.clone(),
                n: mo.n,
            })
            .collect()
    });
    Ok(Invariance {
        groups: sizes,
        rows: fits
            .first()
            .map_or(RowCount::default(), |(_, _, _, f)| f.rows),
        rule: options.rule,
        steps: results,
        comparisons,
        first_failure,
        score_tests,
        partial: partial_steps,
        few_anchors,
        consequences,
    })
}

/// The factors of each fitted step left with fewer than two items whose loading (metric) or
/// intercept (scalar) is equal across groups.
fn few_anchors(fits: &[(Step, Vec<GroupEqual>, Vec<ParamRef>, CfaFit)]) -> Vec<FewAnchors> {
    let mut out = Vec::new();
    for (step, _, partial, f) in fits {
        let Some(kind) = step
            .constrains()
            .filter(|k| matches!(k, GroupEqual::Loadings | GroupEqual::Intercepts))
        else {
            continue;
        };
        for factor in &f.table.latent {
            let n = partial::invariant_items(&f.table, factor, kind, partial);
            if n < 2 {
                out.push(FewAnchors {
                    step: *step,
                    factor: factor.clone(),
                    invariant_items: n,
                });
            }
        }
    }
    out
}

/// Refuses a group with no more rows than the model has observed variables (its covariance
/// matrix could not be positive definite).
fn check_group_sizes(data: &Dataset, groups: &[String], p: usize) -> Result<(), SemError> {
    let Some(rows) = data.groups else {
        return Err(SemError::Model(
            "measurement invariance needs a group for every row".into(),
        ));
    };
    for (g, label) in groups.iter().enumerate() {
        let n = rows.iter().filter(|&&r| r == g).count();
        if n <= p {
            return Err(SemError::GroupTooSmall {
                group: label.clone(),
                n,
                p,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_parse_and_print_by_the_same_names() {
        for &s in Step::ALL {
            assert_eq!(s.to_string().parse::<Step>(), Ok(s));
        }
        assert!(
            "partial"
                .parse::<Step>()
                .unwrap_err()
                .to_string()
                .contains("configural")
        );
    }

    #[test]
    fn decision_rule_defaults_are_chen_2007() {
        let r = DecisionRule::default();
        assert_eq!((r.cfi_min, r.rmsea_max), (-0.010, 0.015));
        assert!(r.to_string().contains("ΔCFI ≥ -0.010"));
    }
}
