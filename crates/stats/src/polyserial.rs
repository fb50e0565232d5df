//! The polyserial correlation of a continuous and an ordinal variable by the two-step method
//! (Olsson, Drasgow & Dorans 1982, §3; lavaan's `lav_bvmix_cor_twostep_fit`), with the casewise
//! scores the asymptotic covariance of the mixed sample statistics needs
//! ([`crate::mixed`]).
//!
//! The continuous y is normal with mean μ and variance σ²; the ordinal x cuts a standard normal
//! x*, correlated ρ with y, at thresholds τ. Given y, x* is normal with mean ρz and variance
//! 1 − ρ², `z = (y − μ)/σ`, so a case in category k has likelihood
//! `φ(z)/σ · (Φ(τ*_k) − Φ(τ*_{k−1}))`, `τ*_c = (τ_c − ρz)/R`, `R = √(1 − ρ²)`.
//! Step 1 takes μ, σ² (the ML variance, divisor N) and τ from the margins; step 2 maximises
//! the likelihood in ρ alone.
//!
//! ```
//! use psym_stats::polyserial::{Continuous, polyserial};
//! let y = [1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 7.0];
//! let k = [0, 0, 1, 0, 1, 1, 2, 2];
//! let c = Continuous::of(&y);
//! let rho = polyserial(&c, &k, &[-0.3, 0.6]);
//! assert!(rho > 0.5 && rho < 1.0);
//! ```

use crate::brent::brent_min;
use crate::bvn::norm_cdf;

/// lavaan's bounds on a polyserial ρ (`lav_bvmix_cor_twostep_fit`: ±0.995).
pub const RHO_BOUND: f64 = 0.995;

/// Step 1 for a continuous variable: its values with mean and ML variance.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuous<'a> {
    /// The values (no missing).
    pub y: &'a [f64],
    /// Mean `ȳ`.
    pub mean: f64,
    /// ML variance `Σ(y − ȳ)²/N` (lavaan's `lav_uvreg_fit`).
    pub var: f64,
}

impl<'a> Continuous<'a> {
    /// Mean and ML variance of `y`.
    pub fn of(y: &'a [f64]) -> Self {
        let n = y.len() as f64;
        let mean = y.iter().sum::<f64>() / n;
        let var = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        Continuous { y, mean, var }
    }

    /// The standardised value `z_i = (y_i − ȳ)/σ`.
    fn z(&self, i: usize) -> f64 {
        (self.y[i] - self.mean) / self.var.sqrt()
    }

    /// The casewise scores of the mean and the variance of the univariate normal likelihood:
    /// `(y − ȳ)/σ²` and `−1/(2σ²) + (y − ȳ)²/(2σ⁴)` (lavaan's `lav_uvreg_scores`).
    pub fn scores(&self, i: usize) -> (f64, f64) {
        let r = self.y[i] - self.mean;
        (
            r / self.var,
            -0.5 / self.var + 0.5 * r * r / (self.var * self.var),
        )
    }
}

/// The two-step polyserial ρ of `c` and the ordinal variable whose case i is in category
/// `k[i]` (0-based) with thresholds `tau`: the maximum of `Σ_i log(Φ(τ*_{k_i}) −
/// Φ(τ*_{k_i−1}))` (the φ(z)/σ factor does not depend on ρ) on `[−0.995, 0.995]` by Brent's
/// method to 1e-10.
pub fn polyserial(c: &Continuous, k: &[usize], tau: &[f64]) -> f64 {
    let cut = crate::ordinal::cuts(tau);
    let z: Vec<f64> = (0..c.y.len()).map(|i| c.z(i)).collect();
    let neg_loglik = |rho: f64| {
        let r = (1.0 - rho * rho).sqrt();
        -(z.iter().zip(k))
            .map(|(z, &k)| {
                let p = norm_cdf((cut[k + 1] - rho * z) / r) - norm_cdf((cut[k] - rho * z) / r);
                p.max(f64::EPSILON).ln()
            })
            .sum::<f64>()
    };
    brent_min(neg_loglik, -RHO_BOUND, RHO_BOUND, 1e-10).0
}

/// The casewise scores of one case's bivariate log-likelihood (lavaan's
/// `lav_bvmix_cor_scores`): with `P = Φ(τ*_k) − Φ(τ*_{k−1})`, `φ_k = φ(τ*_k)`,
/// - `∂/∂μ = (z + ρ(φ_k − φ_{k−1})/(R P))/σ`,
/// - `∂/∂σ² = (z² − 1 + ρz(φ_k − φ_{k−1})/(R P))/(2σ²)`,
/// - `∂/∂τ_k = φ_k/(R P)`, `∂/∂τ_{k−1} = −φ_{k−1}/(R P)`,
/// - `∂/∂ρ = (φ_k (τ_k ρ − z) − φ_{k−1} (τ_{k−1} ρ − z))/(R³ P)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PolyserialScores {
    /// `∂/∂μ`.
    pub mean: f64,
    /// `∂/∂σ²`.
    pub var: f64,
    /// `∂/∂τ_k` (0 when k is the highest category).
    pub upper: f64,
    /// `∂/∂τ_{k−1}` (0 when k is the lowest category).
    pub lower: f64,
    /// `∂/∂ρ`.
    pub rho: f64,
}

/// The scores of case `i` (module docs, [`PolyserialScores`]) at `rho`, the case being in
/// category `k` of an ordinal variable with thresholds `tau`.
pub fn polyserial_scores(
    c: &Continuous,
    i: usize,
    k: usize,
    tau: &[f64],
    rho: f64,
) -> PolyserialScores {
    let (hi, lo) = (threshold(tau, k as isize), threshold(tau, k as isize - 1));
    let z = c.z(i);
    let r = (1.0 - rho * rho).sqrt();
    let (s_hi, s_lo) = ((hi - rho * z) / r, (lo - rho * z) / r);
    let (d_hi, d_lo) = (crate::ordinal::phi(s_hi), crate::ordinal::phi(s_lo));
    let p = (norm_cdf(s_hi) - norm_cdf(s_lo)).max(f64::EPSILON);
    let dd = (d_hi - d_lo) / (r * p);
    let sd = c.var.sqrt();
    // φ at an infinite cut is 0, so its product with the cut is 0 too
    let edge = |d: f64, t: f64| {
        if t.is_finite() {
            d * (t * rho - z)
        } else {
            0.0
        }
    };
    PolyserialScores {
        mean: (z + rho * dd) / sd,
        var: (z * z - 1.0 + rho * z * dd) / (2.0 * c.var),
        upper: d_hi / (r * p),
        lower: -d_lo / (r * p),
        rho: (edge(d_hi, hi) - edge(d_lo, lo)) / (r * r * r * p),
    }
}

/// Threshold c of `tau` with `τ_{−1} = −∞` and `τ_K = +∞`.
fn threshold(tau: &[f64], c: isize) -> f64 {
    match c {
        c if c < 0 => f64::NEG_INFINITY,
        c if c as usize >= tau.len() => f64::INFINITY,
        c => tau[c as usize],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scores are the derivatives of the case's log-likelihood: central differences
    /// agree to 1e-6 (O(h²) with h = 1e-5).
    #[test]
    fn scores_are_derivatives_of_the_loglikelihood() {
        let y = [0.3, 1.2, -0.7, 2.1, 0.0];
        let c = Continuous::of(&y);
        let (i, k, tau, rho) = (1, 1, [-0.4, 0.8], 0.35);
        let ll = |mean: f64, var: f64, tau: &[f64], rho: f64| {
            let z = (y[i] - mean) / var.sqrt();
            let r = (1.0 - rho * rho).sqrt();
            let p = norm_cdf((tau[k] - rho * z) / r) - norm_cdf((tau[k - 1] - rho * z) / r);
            crate::ordinal::phi(z).ln() - 0.5 * var.ln() + p.ln()
        };
        let s = polyserial_scores(&c, i, k, &tau, rho);
        let h = 1e-5;
        let (m, v) = (c.mean, c.var);
        let d = |f: &dyn Fn(f64) -> f64| (f(h) - f(-h)) / (2.0 * h);
        assert!((d(&|e| ll(m + e, v, &tau, rho)) - s.mean).abs() < 1e-6);
        assert!((d(&|e| ll(m, v + e, &tau, rho)) - s.var).abs() < 1e-6);
        assert!((d(&|e| ll(m, v, &tau, rho + e)) - s.rho).abs() < 1e-6);
        assert!((d(&|e| ll(m, v, &[tau[0], tau[1] + e], rho)) - s.upper).abs() < 1e-6);
        assert!((d(&|e| ll(m, v, &[tau[0] + e, tau[1]], rho)) - s.lower).abs() < 1e-6);
    }

    /// The ρ-score sums to 0 at the estimate (the likelihood equation).
    #[test]
    fn estimate_solves_the_likelihood_equation() {
        let y = [1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 7.0, 3.3, 0.2];
        let k = [0, 0, 1, 0, 1, 1, 2, 2, 2, 0];
        let tau = [-0.25, 0.5];
        let c = Continuous::of(&y);
        let rho = polyserial(&c, &k, &tau);
        let u: f64 = (0..y.len())
            .map(|i| polyserial_scores(&c, i, k[i], &tau, rho).rho)
            .sum();
        assert!(u.abs() < 1e-6, "{u}");
    }
}
