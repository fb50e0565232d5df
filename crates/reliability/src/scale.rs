//! The reliability analysis of one scale: input checks, coefficients, item analysis,
//! intervals and warnings.

use nalgebra::DMatrix;
use psym_stats::{MissingPolicy, RowCount, Subject};
use serde::Serialize;

use crate::alpha::{Coefficients, coefficients, raw_alpha};
use crate::bootstrap::{self, BootstrapCi, BootstrapOptions};
use crate::checks::{model_or_warn, warn_fit, warn_keying, warn_reflected};
use crate::ci::{Interval, feldt};
use crate::items::ItemStats;
use crate::omega::{OmegaHierarchical, OmegaOneFactor, omega_hierarchical, omega_one_factor};
use crate::prepare::Prepared;
use crate::warning::{Advice, warning};
use crate::{ReliabilityError, Warning, WarningKind};
use psym_stats::Progress;
use psym_stats::pairwise::SampleMatrices;

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
    /// Rows used (`n`) and read, and missing-data patterns among the rows read.
    #[serde(flatten)]
    pub rows: RowCount,
    /// Items in the coefficients (items without variance are left out).
    pub n_items: usize,
    /// Missing-data rule of the covariances.
    pub missing: MissingPolicy,
    /// Mean of the scale score (mean of the answered keyed items).
    pub mean: Option<f64>,
    /// Standard deviation of the scale score.
    pub sd: Option<f64>,
    /// Alpha, standardized alpha, lambda-6, average and median r, signal/noise (flattened into
    /// this object in JSON).
    #[serde(flatten)]
    pub coefficients: Coefficients,
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
        warnings.push(warning(
            WarningKind::SingularCorrelation,
            Subject::Whole,
            "the inter-item correlation matrix is singular (an item is a copy or a sum of \
             others), so lambda-6 and r.cor are not available"
                .into(),
        ));
    }
    let (mean, sd) = prepared.score_moments();
    let r = &prepared.cor;
    let omega = model_or_warn(
        omega_one_factor(r),
        "omega total",
        &prepared.active,
        &mut warnings,
    );
    let omega_h = options.group_factors.and_then(|k| {
        model_or_warn(
            omega_hierarchical(r, k),
            "omega hierarchical",
            &prepared.active,
            &mut warnings,
        )
    });
    if let Some(o) = &omega {
        warn_reflected(o, &prepared, &mut warnings);
        warn_fit(
            o.converged,
            &o.heywood,
            "one-factor",
            &prepared.active,
            &mut warnings,
        );
    }
    if let Some(o) = &omega_h {
        warn_fit(
            o.converged,
            &o.heywood,
            "Schmid-Leiman",
            &prepared.active,
            &mut warnings,
        );
    }
    let rows = RowCount::with_used(data, prepared.x.nrows());
    if options.missing == MissingPolicy::Listwise
        && let Some(message) = rows.dropped_warning()
    {
        warnings.push(
            warning(WarningKind::RowsDropped, Subject::Whole, message)
                .with_advice([Advice::Missing(MissingPolicy::Pairwise)]),
        );
    }
    let bootstrap = options
        .bootstrap
        .as_ref()
        .map(|b| bootstrap(&prepared, &k, omega.as_ref(), b, progress, &mut warnings));
    Ok(ScaleReliability {
        scale: scale.id.clone(),
        n: prepared.x.nrows(),
        rows,
        n_items: prepared.active.len(),
        missing: options.missing,
        mean,
        sd,
        coefficients: k,
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

fn bootstrap(
    prepared: &Prepared<'_>,
    estimate: &Coefficients,
    omega: Option<&OmegaOneFactor>,
    opts: &BootstrapOptions,
    progress: &dyn Progress,
    warnings: &mut Vec<Warning>,
) -> BootstrapResult {
    let data = &prepared.xa;
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
        warnings.push(warning(
            WarningKind::BootstrapFailures,
            Subject::Whole,
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
        alpha: bootstrap::summarize(&boot, &jack, 0, estimate.alpha, prepared.options.level),
        omega_total: omega.and_then(|o| {
            bootstrap::summarize(&boot, &jack, 1, o.omega_total, prepared.options.level)
        }),
    }
}
