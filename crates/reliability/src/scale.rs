//! The reliability analysis of one scale: input checks, coefficients, item analysis,
//! intervals and warnings.

use nalgebra::{DMatrix, DVector};
use psym_stats::{MissingPolicy, cov};
use serde::Serialize;

use crate::alpha::{Coefficients, coefficients, raw_alpha};
use crate::bootstrap::{self, BootstrapCi, BootstrapOptions, Progress};
use crate::ci::{Interval, feldt};
use crate::items::{ItemStats, item_correlations};
use crate::moments::{PairSums, SampleMatrices};
use crate::omega::{OmegaHierarchical, OmegaOneFactor, omega_hierarchical, omega_one_factor};
use crate::{ReliabilityError, Warning, WarningKind};

/// Fewest respondents for which psym estimates reliability.
pub const MIN_RESPONDENTS: usize = 3;

/// The items of one scale, already keyed (reverse-keyed items reversed by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// Scale id.
    pub id: String,
    /// Item ids, one per data column.
    pub items: Vec<String>,
    /// Whether each item was reverse-keyed (shown in the output; the data are already keyed).
    pub reversed: Vec<bool>,
}

/// How to run the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Missing-data rule for covariances and correlations (default pairwise, as psych::alpha).
    pub missing: MissingPolicy,
    /// Coverage of the confidence intervals (default 0.95).
    pub level: f64,
    /// Bootstrap intervals, when asked for.
    pub bootstrap: Option<BootstrapOptions>,
    /// Group factors of a Schmid–Leiman solution for omega hierarchical (at least 2), for a
    /// scale made of subscales; `None` = no omega hierarchical.
    pub group_factors: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            missing: MissingPolicy::Pairwise,
            level: 0.95,
            bootstrap: None,
            group_factors: None,
        }
    }
}

/// Bootstrap intervals of a scale's coefficients.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapResult {
    /// Replicates drawn.
    pub replicates: usize,
    /// Seed used.
    pub seed: u64,
    /// Replicates that gave no value and were left out.
    pub failed: usize,
    /// Intervals for alpha.
    pub alpha: Option<BootstrapCi>,
    /// Intervals for omega total (one-factor model).
    pub omega_total: Option<BootstrapCi>,
}

/// Reliability of one scale (the JSON shape of `psym reliability`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleReliability {
    /// Scale id.
    pub scale: String,
    /// Respondents used: those with at least one answer (pairwise) or with every item answered
    /// (listwise).
    pub n: usize,
    /// Items in the coefficients (items without variance are left out).
    pub n_items: usize,
    /// Missing-data rule of the covariances.
    pub missing: MissingPolicy,
    /// Mean of the scale score (mean of the answered keyed items).
    pub mean: Option<f64>,
    /// Standard deviation of the scale score.
    pub sd: Option<f64>,
    /// Cronbach's alpha from covariances.
    pub alpha: f64,
    /// Standardized alpha from correlations.
    pub alpha_std: f64,
    /// Guttman's lambda-6 (squared multiple correlations).
    pub lambda6: Option<f64>,
    /// Average inter-item correlation.
    pub average_r: f64,
    /// Median inter-item correlation.
    pub median_r: f64,
    /// Signal-to-noise ratio `p r̄ / (1 − r̄)`.
    pub signal_noise: f64,
    /// McDonald's omega total from the one-factor model (psych::omega, nfactors = 1).
    pub omega_total: Option<f64>,
    /// The one-factor model behind `omega_total`.
    pub omega: Option<OmegaOneFactor>,
    /// Omega hierarchical and total from a Schmid–Leiman solution, when group factors were
    /// asked for.
    pub omega_hierarchical: Option<OmegaHierarchical>,
    /// Feldt confidence interval for alpha.
    pub alpha_ci: Option<Interval>,
    /// Bootstrap intervals, when asked for.
    pub bootstrap: Option<BootstrapResult>,
    /// Item analysis, in scale order.
    pub items: Vec<ItemStats>,
    /// Warnings, in the order found.
    pub warnings: Vec<Warning>,
}

impl ScaleReliability {
    /// Whether a warning means the scale as keyed has a problem ([`WarningKind::is_problem`]).
    pub fn has_problems(&self) -> bool {
        self.warnings.iter().any(|w| w.kind.is_problem())
    }
}

/// Analyses one scale: `data` is respondents × items (keyed, `NaN` = missing), one column per
/// item of `scale`.
///
/// Items without variance are left out with a warning (as psych::alpha does); negative
/// item–rest correlations and a negative alpha come back as warnings.
///
/// # Errors
/// Fewer than two items that vary, fewer than [`MIN_RESPONDENTS`] respondents, an item with
/// no answers, a pair of items answered together by fewer than two respondents, or data that
/// do not match the item list.
pub fn analyze(
    scale: &Scale,
    data: &DMatrix<f64>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<ScaleReliability, ReliabilityError> {
    let prepared = Prepared::new(scale, data, options)?;
    let c = prepared.covariance()?;
    let k = coefficients(&c);
    let mut warnings = prepared.warnings.clone();
    let items = prepared.item_stats(&c);
    warn_keying(&scale.id, &k, &items, &mut warnings);
    if k.lambda6.is_none() {
        warnings.push(Warning::new(
            WarningKind::SingularCorrelation,
            None,
            "the inter-item correlation matrix is singular (an item is a copy or a sum of \
             others), so lambda-6 and r.cor are not available"
                .into(),
        ));
    }
    let (mean, sd) = prepared.score_moments();
    let r = &prepared.cor;
    let omega = model_or_warn(omega_one_factor(r), "omega total", &mut warnings);
    let omega_h = options.group_factors.and_then(|k| {
        model_or_warn(
            omega_hierarchical(r, k),
            "omega hierarchical",
            &mut warnings,
        )
    });
    if let Some(o) = &omega {
        warn_reflected(o, &prepared, &mut warnings);
        warn_fit(
            o.converged,
            &o.heywood,
            "one-factor",
            &prepared,
            &mut warnings,
        );
    }
    if let Some(o) = &omega_h {
        warn_fit(
            o.converged,
            &o.heywood,
            "Schmid-Leiman",
            &prepared,
            &mut warnings,
        );
    }
    let bootstrap = options
        .bootstrap
        .as_ref()
        .map(|b| prepared.bootstrap(&k, omega.as_ref(), b, progress, &mut warnings));
    Ok(ScaleReliability {
        scale: scale.id.clone(),
        n: prepared.x.nrows(),
        n_items: prepared.active.len(),
        missing: options.missing,
        mean,
        sd,
        alpha: k.alpha,
        alpha_std: k.alpha_std,
        lambda6: k.lambda6,
        average_r: k.average_r,
        median_r: k.median_r,
        signal_noise: k.signal_noise,
        omega_total: omega.as_ref().map(|o| o.omega_total),
        omega,
        omega_hierarchical: omega_h,
        alpha_ci: feldt(
            k.alpha,
            prepared.x.nrows(),
            prepared.active.len(),
            options.level,
        ),
        bootstrap,
        items,
        warnings,
    })
}

/// The checked input: rows used, items with variance, and early warnings.
struct Prepared<'a> {
    scale: &'a Scale,
    options: &'a Options,
    /// Rows used × all items.
    x: DMatrix<f64>,
    /// Columns of `x` with variance.
    active: Vec<usize>,
    /// The active columns of `x`.
    xa: DMatrix<f64>,
    /// Scale score per row used.
    scores: Vec<f64>,
    /// Pairwise-complete correlations of the active items (R's `cor(use = "pairwise")`).
    cor: DMatrix<f64>,
    /// Correlation of each active item with the score.
    raw_r: Vec<f64>,
    warnings: Vec<Warning>,
}

impl<'a> Prepared<'a> {
    fn new(
        scale: &'a Scale,
        data: &DMatrix<f64>,
        options: &'a Options,
    ) -> Result<Self, ReliabilityError> {
        let p = scale.items.len();
        if data.ncols() != p || scale.reversed.len() != p {
            return Err(ReliabilityError::Invalid(format!(
                "scale '{}' lists {p} items but the data have {} columns",
                scale.id,
                data.ncols()
            )));
        }
        if !(options.level > 0.0 && options.level < 1.0) {
            return Err(ReliabilityError::Invalid(format!(
                "the confidence level must be between 0 and 1, not {}",
                options.level
            )));
        }
        if p < 2 {
            return Err(too_few_items(scale, p, String::new()));
        }
        if let Some(j) = (0..p).find(|&j| data.column(j).iter().all(|v| v.is_nan())) {
            return Err(ReliabilityError::AllMissing {
                scale: scale.id.clone(),
                item: scale.items[j].clone(),
            });
        }
        let rows: Vec<usize> = match options.missing {
            MissingPolicy::Listwise => cov::complete_rows(data),
            MissingPolicy::Pairwise => (0..data.nrows())
                .filter(|&r| data.row(r).iter().any(|v| !v.is_nan()))
                .collect(),
        };
        if rows.len() < MIN_RESPONDENTS {
            let rule = match options.missing {
                MissingPolicy::Listwise => " with every item answered",
                MissingPolicy::Pairwise => " with any item answered",
            };
            return Err(ReliabilityError::TooFewRespondents {
                scale: scale.id.clone(),
                n: rows.len(),
                rule: rule.into(),
            });
        }
        let x = data.select_rows(&rows);
        let mut warnings = Vec::new();
        let mut active = Vec::new();
        for j in 0..p {
            let (_, _, sd) = moments(x.column(j).iter().copied());
            if sd > 0.0 {
                active.push(j);
            } else {
                warnings.push(Warning::new(
                    WarningKind::ZeroVariance,
                    Some(&scale.items[j]),
                    format!(
                        "item '{}' has the same answer for every respondent and is left out of \
                         the coefficients (check the column, or drop the item)",
                        scale.items[j]
                    ),
                ));
            }
        }
        if active.len() < 2 {
            let dropped = (0..p)
                .filter(|j| !active.contains(j))
                .map(|j| scale.items[j].as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(too_few_items(
                scale,
                active.len(),
                format!("; without variance: {dropped}"),
            ));
        }
        let xa = x.select_columns(&active);
        let scores = scores(&x);
        // one pass over items and score: pair counts, pairwise correlations, item–score r
        let last = active.len();
        let joint = xa.clone().insert_column(last, 0.0);
        let mut joint = joint;
        joint.set_column(last, &DVector::from_column_slice(&scores));
        let sums = PairSums::new(&joint);
        for a in 0..last {
            for b in 0..a {
                let n = sums.pair_count(a, b);
                if n < 2 {
                    return Err(ReliabilityError::TooFewPairs {
                        scale: scale.id.clone(),
                        first: scale.items[active[b]].clone(),
                        second: scale.items[active[a]].clone(),
                        n,
                    });
                }
            }
        }
        let m = sums.matrices().ok_or_else(|| {
            ReliabilityError::Invalid("too few answers to correlate items with the score".into())
        })?;
        Ok(Prepared {
            scale,
            options,
            x,
            cor: m.cor.view((0, 0), (last, last)).into_owned(),
            raw_r: (0..last).map(|j| m.cor[(j, last)]).collect(),
            active,
            xa,
            scores,
            warnings,
        })
    }

    /// Covariances of the active items through [`psym_stats::cov`] (psych::alpha's `cov(x,
    /// use = "pairwise")`).
    fn covariance(&self) -> Result<DMatrix<f64>, ReliabilityError> {
        Ok(cov::covariance(&self.xa, self.options.missing)?.matrix)
    }

    fn score_moments(&self) -> (Option<f64>, Option<f64>) {
        let (_, mean, sd) = moments(self.scores.iter().copied());
        (finite(mean), finite(sd))
    }

    fn item_stats(&self, c: &DMatrix<f64>) -> Vec<ItemStats> {
        let correlations = item_correlations(c);
        let raw_r = &self.raw_r;
        (0..self.scale.items.len())
            .map(|j| {
                let (n, mean, sd) = moments(self.x.column(j).iter().copied());
                let a = self.active.iter().position(|&k| k == j);
                let ic = a.map(|a| correlations[a]);
                ItemStats {
                    item: self.scale.items[j].clone(),
                    reversed: self.scale.reversed[j],
                    n,
                    mean: finite(mean),
                    sd: finite(sd),
                    raw_r: a.and_then(|a| finite(raw_r[a])),
                    std_r: ic.and_then(|c| finite(c.std_r)),
                    r_cor: ic.and_then(|c| c.r_cor).and_then(finite),
                    r_drop: ic.and_then(|c| finite(c.r_drop)),
                    alpha_if_deleted: ic.and_then(|c| c.alpha_if_deleted).and_then(finite),
                }
            })
            .collect()
    }

    fn bootstrap(
        &self,
        estimate: &Coefficients,
        omega: Option<&OmegaOneFactor>,
        opts: &BootstrapOptions,
        progress: &dyn Progress,
        warnings: &mut Vec<Warning>,
    ) -> BootstrapResult {
        let data = &self.xa;
        let with_omega = omega.is_some();
        let stat = |m: &SampleMatrices| -> Vec<f64> {
            let mut v = vec![raw_alpha(&m.cov)];
            if with_omega {
                v.push(omega_one_factor(&m.cor).map_or(f64::NAN, |o| o.omega_total));
            }
            v
        };
        progress.start((opts.replicates + data.nrows()) as u64);
        let boot = bootstrap::replicates(data, opts, &stat, progress);
        let jack = bootstrap::jackknife(data, &stat, progress);
        progress.finish();
        let failed = boot
            .iter()
            .filter(|v| v.is_empty() || v.iter().any(|x| !x.is_finite()))
            .count();
        if failed > 0 {
            warnings.push(Warning::new(
                WarningKind::BootstrapFailures,
                None,
                format!(
                    "{failed} of {} bootstrap replicates gave no value (a resample in which an \
                     item did not vary) and were left out of the intervals",
                    opts.replicates
                ),
            ));
        }
        BootstrapResult {
            replicates: opts.replicates,
            seed: opts.seed,
            failed,
            alpha: bootstrap::summarize(&boot, &jack, 0, estimate.alpha, self.options.level),
            omega_total: omega.and_then(|o| {
                bootstrap::summarize(&boot, &jack, 1, o.omega_total, self.options.level)
            }),
        }
    }
}

/// Warnings about keying: negative item–rest correlations and a negative alpha.
fn warn_keying(scale: &str, k: &Coefficients, items: &[ItemStats], warnings: &mut Vec<Warning>) {
    for item in items {
        if let Some(r) = item.r_drop.filter(|r| *r < 0.0) {
            let hint = if item.reversed {
                "is its reverse key wrong?"
            } else {
                "is it missing a reverse key?"
            };
            warnings.push(Warning::new(
                WarningKind::NegativeItemRest,
                Some(&item.item),
                format!(
                    "item '{}' correlates negatively (r.drop = {r:.2}) with the rest of scale \
                     '{scale}': {hint}",
                    item.item
                ),
            ));
        }
    }
    if k.alpha < 0.0 {
        warnings.push(Warning::new(
            WarningKind::NegativeAlpha,
            None,
            format!(
                "alpha of scale '{scale}' is negative ({:.2}): the items do not point the same \
                 way; check the reverse keys",
                k.alpha
            ),
        ));
    }
}

/// The model, or `None` with a warning saying why omega is missing.
fn model_or_warn<T>(
    fit: Result<T, psym_efa::EfaError>,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> Option<T> {
    fit.map_err(|e| {
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            None,
            format!("{what} is not available: {e}"),
        ))
    })
    .ok()
}

/// Items that omega reflects because they load negatively on its one factor.
fn warn_reflected(o: &OmegaOneFactor, prepared: &Prepared<'_>, warnings: &mut Vec<Warning>) {
    for (a, _) in o.loadings.iter().enumerate().filter(|(_, l)| **l < 0.0) {
        let item = &prepared.scale.items[prepared.active[a]];
        warnings.push(Warning::new(
            WarningKind::ReflectedInOmega,
            Some(item),
            format!(
                "item '{item}' loads negatively on the factor behind omega; omega (as \
                 psych::omega) counts it reversed, alpha does not"
            ),
        ));
    }
}

/// Warnings for a factor model that did not converge or has Heywood cases.
fn warn_fit(
    converged: bool,
    heywood: &[usize],
    model: &str,
    prepared: &Prepared<'_>,
    warnings: &mut Vec<Warning>,
) {
    if !converged {
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            None,
            format!("the {model} model behind omega did not converge; treat omega with caution"),
        ));
    }
    for &a in heywood {
        let item = &prepared.scale.items[prepared.active[a]];
        warnings.push(Warning::new(
            WarningKind::OmegaTrouble,
            Some(item),
            format!(
                "item '{item}' has a communality of about 1 in the {model} model behind omega                  (a Heywood case): omega may be too high; check for near-duplicate items"
            ),
        ));
    }
}

fn too_few_items(scale: &Scale, items: usize, detail: String) -> ReliabilityError {
    ReliabilityError::TooFewItems {
        scale: scale.id.clone(),
        items,
        detail,
    }
}

/// The scale score of each row: the mean of its answered items (psych::alpha's
/// `rowMeans(x, na.rm = TRUE)`); `NaN` for a row without answers.
fn scores(x: &DMatrix<f64>) -> Vec<f64> {
    let mut sum = vec![0.0; x.nrows()];
    let mut count = vec![0.0; x.nrows()];
    for col in x.column_iter() {
        for (i, v) in col.iter().enumerate().filter(|(_, v)| !v.is_nan()) {
            sum[i] += v;
            count[i] += 1.0;
        }
    }
    sum.iter().zip(&count).map(|(s, n)| s / n).collect()
}

/// Count, mean and standard deviation (`n − 1`) of the non-missing values.
fn moments(values: impl Iterator<Item = f64> + Clone) -> (usize, f64, f64) {
    let (n, sum) = values
        .clone()
        .filter(|v| !v.is_nan())
        .fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    let mean = sum / n as f64;
    let ss: f64 = values
        .filter(|v| !v.is_nan())
        .map(|v| (v - mean) * (v - mean))
        .sum();
    (n, mean, (ss / (n as f64 - 1.0)).sqrt())
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}
