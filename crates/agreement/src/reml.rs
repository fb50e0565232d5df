//! REML for the one-way random-intercept model `yᵢⱼ = μ + uⱼ + eᵢⱼ`, as
//! `lme4::lmer(y ~ 1 + (1 | cluster), REML = TRUE)` estimates it: a one-dimensional profile
//! over the share of the variance between clusters.

use serde::Serialize;

use crate::anova::ClusterSums;

/// The REML estimates of the random-intercept model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reml {
    /// Intercept `μ̂` (the generalised-least-squares mean).
    pub intercept: f64,
    /// Between-cluster variance `σ̂²ᵤ`.
    pub between_variance: f64,
    /// Within-cluster (residual) variance `σ̂²ₑ`.
    pub within_variance: f64,
    /// `ICC(1) = σ̂²ᵤ / (σ̂²ᵤ + σ̂²ₑ)`.
    pub icc1: f64,
    /// Whether the between-cluster variance is at its boundary, zero.
    pub boundary: bool,
    /// Whether the minimum of the profile was confirmed (no lower point on the grid, none
    /// beside it).
    pub converged: bool,
    /// The REML criterion at the estimate, `−2 log L_R` (lme4's `REMLcrit`).
    pub criterion: f64,
}

/// Points of the coarse grid over `ρ ∈ [0, 1)` that brackets the minimum.
const GRID: usize = 400;
/// Brent's tolerance on `ρ` (the ICC itself).
const TOLERANCE: f64 = 1e-12;

/// The REML profile at `ρ = σ²ᵤ/(σ²ᵤ + σ²ₑ)` (`λ = ρ/(1 − ρ)`): with `wⱼ = nⱼ/(1 + nⱼλ)`,
/// `μ̂ = Σwⱼȳⱼ / Σwⱼ` and `Q = Σⱼ(SSWⱼ + wⱼ(ȳⱼ − μ̂)²)`, the REML criterion profiled over `σ²ₑ`
/// (`σ̂²ₑ = Q/(N − 1)`) is
/// `−2 log L_R = Σⱼ log(1 + nⱼλ) + log Σⱼwⱼ + (N − 1)(1 + log(2πQ/(N − 1)))`.
///
/// Source: Searle, Casella & McCulloch (1992), *Variance Components*, ch. 6 (REML), with the
/// one-way inverse `(I + λJ)⁻¹ = I − λ/(1 + nλ)·J`; Bates et al. (2015), lme4's profiled
/// REML deviance.
struct Profile<'a> {
    sums: &'a [ClusterSums],
    n: f64,
}

/// One evaluation of the profile: the criterion, `μ̂` and `σ̂²ₑ`.
struct Point {
    criterion: f64,
    intercept: f64,
    within: f64,
}

impl Profile<'_> {
    fn at(&self, rho: f64) -> Point {
        let lambda = rho / (1.0 - rho);
        let weight = |s: &ClusterSums| s.size / (1.0 + s.size * lambda);
        let sum_w: f64 = self.sums.iter().map(weight).sum();
        let intercept = self.sums.iter().map(|s| weight(s) * s.mean).sum::<f64>() / sum_w;
        let q: f64 = self
            .sums
            .iter()
            .map(|s| s.ss_within + weight(s) * (s.mean - intercept).powi(2))
            .sum();
        let log_det: f64 = self.sums.iter().map(|s| (1.0 + s.size * lambda).ln()).sum();
        let df = self.n - 1.0;
        let within = q / df;
        Point {
            criterion: log_det
                + sum_w.ln()
                + df * (1.0 + (2.0 * std::f64::consts::PI * within).ln()),
            intercept,
            within,
        }
    }
}

/// The REML estimates from the clusters' sums (two or more clusters, some with two or more
/// members): the minimum of the profile over `ρ` is bracketed on a grid of [`GRID`] points,
/// refined by Brent's method, and confirmed against the grid and its neighbours; `ρ = 0`
/// (the boundary) wins when its criterion is no higher.
pub(crate) fn reml(sums: &[ClusterSums]) -> Reml {
    let profile = Profile {
        sums,
        n: sums.iter().map(|s| s.size).sum(),
    };
    let f = |rho: f64| profile.at(rho).criterion;
    let step = 1.0 / GRID as f64;
    let grid: Vec<f64> = (0..GRID).map(|i| f(i as f64 * step)).collect();
    let best = (0..GRID)
        .min_by(|&a, &b| grid[a].total_cmp(&grid[b]))
        .unwrap_or(0);
    let low = (best as f64 - 1.0).max(0.0) * step;
    let high = ((best + 1) as f64 * step).min(1.0 - step / GRID as f64);
    let (rho, value) = psym_stats::brent_min(f, low, high, TOLERANCE);
    let (rho, value, boundary) = if grid[0] <= value {
        (0.0, grid[0], true)
    } else {
        (rho, value, false)
    };
    let nudge = 1e-7;
    let converged = grid.iter().all(|&g| value <= g + 1e-9)
        && (boundary || (f(rho - nudge) >= value - 1e-9 && f(rho + nudge) >= value - 1e-9));
    let point = profile.at(rho);
    let between = rho / (1.0 - rho) * point.within;
    Reml {
        intercept: point.intercept,
        between_variance: between,
        within_variance: point.within,
        icc1: rho,
        boundary,
        converged,
        criterion: point.criterion,
    }
}
