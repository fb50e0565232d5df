//! What (partial) scalar invariance means for the scores: latent mean and variance
//! differences, and the size of each non-invariant item's difference on the observed scale.
//!
//! From the scalar step's fit, with the first group as reference (latent means 0):
//! - latent mean of factor k in group g, κ_gk with its standard error, and the standardized
//!   difference `d = κ_gk / √ψ_pooled,k`, `ψ_pooled,k = Σ_g n_g ψ_gk / N` (the size-weighted
//!   latent variances);
//! - latent variance ratio `ψ_gk / ψ_1k`;
//! - for each item whose loading or intercept is free across groups (partial invariance) and
//!   each group g beside the reference r: with `a = ν_r − ν_g` and `b = λ_r − λ_g` (loadings on
//!   the item's factors), the reference and focal expected item scores at the same latent
//!   values differ by `a + bᵀη`; over the focal group's latent distribution (mean κ_g,
//!   covariance Ψ_g) `dMACS = √((a + bᵀκ_g)² + bᵀΨ_g b) / SD_pooled` (Nye & Drasgow 2011),
//!   SD_pooled the pooled within-group standard deviation of the item
//!   `√(((n_r−1)s_r² + (n_g−1)s_g²)/(n_r+n_g−2))`; and the signed bias
//!   `E_g[X_g − X_r] = −(a + bᵀκ_g)`, how much higher the focal group's expected item score is
//!   than the reference group's at the same latent values;
//! - for each factor, the bias of the mean of its items in the focal group: the mean of the
//!   items' signed biases, an item scored reversed entering with the opposite sign.

use nalgebra::{DMatrix, DVector};
use psym_model::{Op, ParamRef};
use serde::Serialize;

use crate::result::CfaFit;

/// The latent mean and variance of a factor in a group against the reference group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatentDifference {
    /// Factor.
    pub factor: String,
    /// Group (1-based; the reference group is 1).
    pub group: usize,
    /// Latent mean (the reference group's is 0).
    pub mean: f64,
    /// Its standard error.
    pub mean_se: Option<f64>,
    /// Standardized mean difference `κ / √ψ_pooled`.
    pub d: f64,
    /// Latent variance.
    pub variance: f64,
    /// Latent variance over the reference group's.
    pub variance_ratio: f64,
}

/// The difference one non-invariant item makes in a focal group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemDifference {
    /// Item.
    pub item: String,
    /// Group (1-based), against the reference group 1.
    pub group: usize,
    /// Effect size of the non-invariance on the observed scale (Nye & Drasgow 2011).
    pub dmacs: f64,
    /// Expected item score of the focal group minus the reference group's at the same latent
    /// values, averaged over the focal group.
    pub mean_bias: f64,
}

/// The bias that non-invariant items put into the mean of a factor's items in a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleBias {
    /// Factor.
    pub factor: String,
    /// Group (1-based), against the reference group 1.
    pub group: usize,
    /// Bias of the mean of the factor's items (item units).
    pub mean_bias: f64,
}

/// Latent differences and the size of the non-invariance, from a scalar step's fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consequences {
    /// Per factor and group beside the reference.
    pub latent: Vec<LatentDifference>,
    /// Per non-invariant item and group beside the reference.
    pub items: Vec<ItemDifference>,
    /// Per factor with a non-invariant item, and group beside the reference.
    pub scales: Vec<ScaleBias>,
}

/// A parameter's estimate (and standard error) in `fit`.
fn estimate(
    fit: &CfaFit,
    lhs: &str,
    op: Op,
    rhs: &str,
    group: usize,
) -> Option<(f64, Option<f64>)> {
    fit.parameters
        .iter()
        .find(|p| p.group == group && p.op == op && p.lhs == lhs && p.rhs == rhs)
        .map(|p| (p.est, p.se))
}

/// The consequences of the scalar step's `fit`, whose parameters in `free` (loadings and
/// intercepts) differ across groups; `reversed` items enter scale means reversed.
pub fn consequences(fit: &CfaFit, free: &[ParamRef], reversed: &[String]) -> Consequences {
    let groups = fit.moments.len();
    let n: f64 = fit.moments.iter().map(|m| m.n as f64).sum();
    let factors = &fit.latent;
    let value = |lhs: &str, op: Op, rhs: &str, g: usize| {
        estimate(fit, lhs, op, rhs, g).map_or(0.0, |e| e.0)
    };
    let mut latent = Vec::new();
    for f in factors {
        let psi = |g: usize| value(f, Op::Covary, f, g);
        let pooled: f64 = (1..=groups)
            .map(|g| fit.moments[g - 1].n as f64 * psi(g))
            .sum::<f64>()
            / n;
        for g in 2..=groups {
            let (mean, mean_se) = estimate(fit, f, Op::Intercept, "", g).unwrap_or((0.0, None));
            latent.push(LatentDifference {
                factor: f.clone(),
                group: g,
                mean,
                mean_se,
                d: mean / pooled.sqrt(),
                variance: psi(g),
                variance_ratio: psi(g) / psi(1),
            });
        }
    }
    let differs = |item: &str| {
        free.iter().any(|p| {
            (p.op == Op::Measure && p.rhs == item) || (p.op == Op::Intercept && p.lhs == item)
        })
    };
    let loadings = |item: &str, g: usize| {
        DVector::from_iterator(
            factors.len(),
            factors.iter().map(|f| value(f, Op::Measure, item, g)),
        )
    };
    let mut items = Vec::new();
    for (j, item) in fit.observed.iter().enumerate().filter(|(_, i)| differs(i)) {
        for g in 2..=groups {
            let a = value(item, Op::Intercept, "", 1) - value(item, Op::Intercept, "", g);
            let b = loadings(item, 1) - loadings(item, g);
            let kappa = DVector::from_iterator(
                factors.len(),
                factors.iter().map(|f| value(f, Op::Intercept, "", g)),
            );
            let psi = DMatrix::from_fn(factors.len(), factors.len(), |k, l| {
                estimate(fit, &factors[k], Op::Covary, &factors[l], g)
                    .or_else(|| estimate(fit, &factors[l], Op::Covary, &factors[k], g))
                    .map_or(0.0, |e| e.0)
            });
            let shift = a + b.dot(&kappa);
            let sd = pooled_sd(fit, j, g);
            items.push(ItemDifference {
                item: item.clone(),
                group: g,
                dmacs: (shift * shift + (b.transpose() * &psi * &b)[(0, 0)])
                    .max(0.0)
                    .sqrt()
                    / sd,
                mean_bias: -shift,
            });
        }
    }
    let mut scales = Vec::new();
    for f in factors {
        let indicators: Vec<&String> = fit
            .observed
            .iter()
            .filter(|i| estimate(fit, f, Op::Measure, i, 1).is_some())
            .collect();
        if !indicators.iter().any(|i| differs(i)) {
            continue;
        }
        for g in 2..=groups {
            let total: f64 = items
                .iter()
                .filter(|d| d.group == g && indicators.contains(&&d.item))
                .map(|d| {
                    if reversed.contains(&d.item) {
                        -d.mean_bias
                    } else {
                        d.mean_bias
                    }
                })
                .sum();
            scales.push(ScaleBias {
                factor: f.clone(),
                group: g,
                mean_bias: total / indicators.len() as f64,
            });
        }
    }
    Consequences {
        latent,
        items,
        scales,
    }
}

/// Pooled within-group standard deviation of observed variable `j` between the reference
/// group and group `g` (variances with n − 1 denominators).
fn pooled_sd(fit: &CfaFit, j: usize, g: usize) -> f64 {
    let (r, f) = (&fit.moments[0], &fit.moments[g - 1]);
    let (nr, nf) = (r.n as f64, f.n as f64);
    // GroupMoments hold N-denominator covariances: (n − 1) s² = n · cov.
    ((nr * r.sample_cov[(j, j)] + nf * f.sample_cov[(j, j)]) / (nr + nf - 2.0)).sqrt()
}
