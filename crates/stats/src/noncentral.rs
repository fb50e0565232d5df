//! The noncentral χ² distribution function, as a Poisson mixture of central χ² distributions,
//! and the upper tail of the central χ² (the p-value of a χ² test).
//!
//! ```
//! use psym_stats::noncentral::chisq_cdf;
//! // with λ = 0 it is the central χ²: P(χ²₂ ≤ 2) = 1 − e⁻¹
//! assert!((chisq_cdf(2.0, 2.0, 0.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
//! ```

use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::gamma::{gamma_lr, ln_gamma};

/// Poisson weights below this (relative) are negligible.
const NEGLIGIBLE: f64 = 1e-16;

/// `P(X > x)` for `X ~ χ²(df)`, the p-value of a χ² test (R `pchisq(x, df, lower.tail = FALSE)`);
/// a negative `x` counts as 0; `NaN` for a non-positive df.
pub fn chisq_upper(x: f64, df: f64) -> f64 {
    ChiSquared::new(df).map_or(f64::NAN, |d| d.sf(x.max(0.0)))
}

/// `P(X ≤ x)` for `X ~ χ²(df, λ)`: `Σ_j e^{−λ/2} (λ/2)^j / j! · P(df/2 + j, x/2)`, with `P` the
/// regularised lower incomplete gamma function (Johnson, Kotz & Balakrishnan 1995, ch. 29).
/// The sum runs outwards from the largest Poisson weight; `P` and the weights after the first
/// term come from their recurrences `P(a + 1, y) = P(a, y) − y^a e^{−y}/Γ(a + 1)` and
/// `w_{j+1} = w_j μ/(j + 1)`, so each further term costs a few flops.
pub fn chisq_cdf(x: f64, df: f64, ncp: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let mu = ncp / 2.0;
    let y = x / 2.0;
    if mu <= 0.0 {
        return gamma_lr(df / 2.0, y);
    }
    let j0 = mu.floor();
    let a0 = df / 2.0 + j0;
    let p0 = gamma_lr(a0, y);
    // g(a) = y^a e^{−y} / Γ(a + 1), the step between P(a, y) and P(a + 1, y)
    let g0 = (a0 * y.ln() - y - ln_gamma(a0 + 1.0)).exp();
    let w0 = (j0 * mu.ln() - mu - ln_gamma(j0 + 1.0)).exp();
    let mut total = w0 * p0;
    // upwards
    let (mut p, mut g, mut w, mut j) = (p0, g0, w0, j0);
    loop {
        p -= g;
        j += 1.0;
        g *= y / (df / 2.0 + j);
        w *= mu / j;
        total += w * p.max(0.0);
        if w < NEGLIGIBLE {
            break;
        }
    }
    // downwards
    let (mut p, mut g, mut w, mut j) = (p0, g0, w0, j0);
    while j >= 1.0 {
        // g(a − 1) = g(a) · a / y with a = df/2 + j
        g *= (df / 2.0 + j) / y;
        p += g;
        w *= j / mu;
        j -= 1.0;
        total += w * p.min(1.0);
        if w < NEGLIGIBLE {
            break;
        }
    }
    total.clamp(0.0, 1.0)
}

/// The noncentrality `λ ≥ 0` with `chisq_cdf(x, df, λ) = p`; `None` when even `λ = 0` gives a
/// probability below `p`. The distribution function decreases in λ: the root is bracketed by
/// doubling, then found by the Illinois variant of regula falsi (superlinear, always bracketed).
/// Used for the RMSEA confidence interval (Browne & Cudeck 1993).
pub fn ncp_for_cdf(x: f64, df: f64, p: f64) -> Option<f64> {
    if chisq_cdf(x, df, 0.0) < p {
        return None;
    }
    let g = |l: f64| chisq_cdf(x, df, l) - p;
    let (mut lo, mut hi) = (0.0, x.max(1.0));
    while g(hi) > 0.0 {
        lo = hi;
        hi *= 2.0;
        if hi > 1e12 {
            return None;
        }
    }
    let (mut glo, mut ghi) = (g(lo), g(hi));
    let mut side = 0;
    for _ in 0..200 {
        let mid = (lo * ghi - hi * glo) / (ghi - glo);
        let gm = g(mid);
        if gm.abs() < 1e-14 || (hi - lo) < 1e-12 * hi.max(1.0) {
            return Some(mid);
        }
        if gm > 0.0 {
            lo = mid;
            glo = gm;
            if side == 1 {
                ghi *= 0.5;
            }
            side = 1;
        } else {
            hi = mid;
            ghi = gm;
            if side == -1 {
                glo *= 0.5;
            }
            side = -1;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: R 4.2.2 `pchisq(3.841459, 1, lower.tail = FALSE)` = 0.04999999465 and
    /// `pchisq(85.30552, 24, lower.tail = FALSE)` = 8.502558805e-09 (printed to 10 digits);
    /// tolerance: the 10 printed digits.
    #[test]
    fn chisq_upper_matches_r_pchisq() {
        assert!((chisq_upper(3.841459, 1.0) / 0.04999999465 - 1.0).abs() < 1e-9);
        assert!((chisq_upper(85.30552, 24.0) / 8.502558805e-9 - 1.0).abs() < 1e-9);
    }

    /// No χ² distribution has a non-positive df; a negative statistic counts as 0.
    #[test]
    fn chisq_upper_of_no_df_is_nan() {
        assert!(chisq_upper(1.0, 0.0).is_nan());
        assert_eq!(chisq_upper(-1.0, 3.0), 1.0);
    }

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

    /// The recurrences agree with summing `gamma_lr` term by term.
    #[test]
    fn recurrence_matches_direct_sum() {
        let direct = |x: f64, df: f64, ncp: f64| -> f64 {
            let mu = ncp / 2.0;
            (0..4000)
                .map(|j| {
                    let j = j as f64;
                    (j * mu.ln() - mu - ln_gamma(j + 1.0)).exp() * gamma_lr(df / 2.0 + j, x / 2.0)
                })
                .sum()
        };
        for &(x, df, ncp) in &[
            (10.0, 5.0, 3.0),
            (30.0, 12.0, 20.0),
            (1800.0, 185.0, 1600.0),
            (2.0, 1.0, 0.4),
            (50.0, 3.0, 80.0),
        ] {
            let (a, b) = (chisq_cdf(x, df, ncp), direct(x, df, ncp));
            assert!((a - b).abs() < 1e-12, "({x}, {df}, {ncp}): {a} vs {b}");
        }
    }

    /// With λ = 0 the noncentral distribution is the central one (closed form, 1e-12).
    #[test]
    fn zero_noncentrality_is_central() {
        use statrs::distribution::{ChiSquared, ContinuousCDF};
        let c = ChiSquared::new(7.0).unwrap();
        for x in [0.5, 3.0, 7.0, 15.0] {
            assert!((chisq_cdf(x, 7.0, 0.0) - c.cdf(x)).abs() < 1e-12);
        }
    }

    /// Source: R 4.2.2, `pchisq(10, 3, ncp = 2.5)` and `pchisq(85.3, 24, ncp = 50)` printed
    /// with 12 decimals. Tolerance 1e-10 (series truncated at weights below 1e-16).
    #[test]
    fn matches_r() {
        assert!((chisq_cdf(10.0, 3.0, 2.5) - 0.870790125125).abs() < 1e-10);
        assert!((chisq_cdf(85.3, 24.0, 50.0) - 0.772438099273).abs() < 1e-10);
    }

    #[test]
    fn ncp_root_inverts_cdf() {
        let p = chisq_cdf(85.3, 24.0, 50.0);
        assert!((ncp_for_cdf(85.3, 24.0, p).unwrap() - 50.0).abs() < 1e-6);
        let lam = ncp_for_cdf(30.0, 12.0, 0.05).unwrap();
        assert!((chisq_cdf(30.0, 12.0, lam) - 0.05).abs() < 1e-10);
        assert!(ncp_for_cdf(5.0, 12.0, 0.95).is_none());
    }
}
