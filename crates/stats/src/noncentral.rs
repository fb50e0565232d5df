//! The noncentral χ² distribution function, as a Poisson mixture of central χ² distributions.
//!
//! ```
//! use psym_stats::noncentral::chisq_cdf;
//! // with λ = 0 it is the central χ²: P(χ²₂ ≤ 2) = 1 − e⁻¹
//! assert!((chisq_cdf(2.0, 2.0, 0.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
//! ```

use statrs::function::gamma::{gamma_lr, ln_gamma};

/// Poisson weights below this (relative) are negligible.
const NEGLIGIBLE: f64 = 1e-16;

/// `P(X ≤ x)` for `X ~ χ²(df, λ)`: `Σ_j e^{−λ/2} (λ/2)^j / j! · P(df/2 + j, x/2)`, with `P` the
/// regularised lower incomplete gamma function (Johnson, Kotz & Balakrishnan 1995, ch. 29).
/// The sum runs outwards from the largest Poisson weight.
pub fn chisq_cdf(x: f64, df: f64, ncp: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let mu = ncp / 2.0;
    if mu <= 0.0 {
        return gamma_lr(df / 2.0, x / 2.0);
    }
    let term =
        |j: f64| (j * mu.ln() - mu - ln_gamma(j + 1.0)).exp() * gamma_lr(df / 2.0 + j, x / 2.0);
    let weight = |j: f64| (j * mu.ln() - mu - ln_gamma(j + 1.0)).exp();
    let start = mu.floor();
    let mut total = 0.0;
    let mut j = start;
    loop {
        total += term(j);
        if weight(j) < NEGLIGIBLE {
            break;
        }
        j += 1.0;
    }
    let mut j = start - 1.0;
    while j >= 0.0 && weight(j) >= NEGLIGIBLE {
        total += term(j);
        j -= 1.0;
    }
    total.clamp(0.0, 1.0)
}

/// The noncentrality `λ ≥ 0` with `chisq_cdf(x, df, λ) = p`, by bisection (the distribution
/// function decreases in λ); `None` when even `λ = 0` gives a probability below `p`.
pub fn ncp_for_cdf(x: f64, df: f64, p: f64) -> Option<f64> {
    if chisq_cdf(x, df, 0.0) < p {
        return None;
    }
    let mut hi = x.max(1.0);
    while chisq_cdf(x, df, hi) > p {
        hi *= 2.0;
        if hi > 1e12 {
            return None;
        }
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if chisq_cdf(x, df, mid) > p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-12 * hi.max(1.0) {
            break;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closed form for df = 2 is not elementary, but the mean is: E X = df + λ. Integrate the
    /// survival function numerically, `E X = ∫₀^∞ (1 − F(x)) dx`, by the trapezoid rule.
    #[test]
    fn mean_is_df_plus_ncp() {
        let (df, ncp) = (4.0, 3.5);
        let h = 0.01;
        let mean: f64 = (0..10_000)
            .map(|i| (1.0 - chisq_cdf((i as f64 + 0.5) * h, df, ncp)) * h)
            .sum();
        assert!((mean - (df + ncp)).abs() < 1e-3, "{mean}");
    }

    #[test]
    fn ncp_root_inverts_cdf() {
        let lam = ncp_for_cdf(30.0, 12.0, 0.05).unwrap();
        assert!((chisq_cdf(30.0, 12.0, lam) - 0.05).abs() < 1e-10);
        assert!(ncp_for_cdf(5.0, 12.0, 0.95).is_none());
    }
}
