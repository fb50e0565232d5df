//! The noncentral χ² distribution function, as a Poisson mixture of central χ² distributions,
//! the upper tail of the central χ² (the p-value of a χ² test), and the RMSEA with its
//! interval, which rest on the noncentrality of a χ² fit statistic.
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
/// a negative `x` counts as 0; `NaN` for a non-positive df or a statistic or df that is not a
/// finite number (a fit that broke down never reaches the distribution function).
pub fn chisq_upper(x: f64, df: f64) -> f64 {
    if !(x.is_finite() && df.is_finite()) || df <= 0.0 {
        return f64::NAN;
    }
    ChiSquared::new(df).map_or(f64::NAN, |d| d.sf(x.max(0.0)))
}

/// RMSEA from the noncentrality of a χ² fit statistic (Steiger 1990):
/// `√(max(χ² − df, 0) / (df N′))`, with the caller's sample size `N′` (lavaan: N). 0 for
/// `df ≤ 0`; NaN when an input is not finite.
pub fn rmsea(chisq: f64, df: f64, n: f64) -> f64 {
    if !(chisq.is_finite() && df.is_finite() && n.is_finite()) {
        return f64::NAN;
    }
    if df <= 0.0 {
        return 0.0;
    }
    ((chisq - df).max(0.0) / (df * n)).sqrt()
}

/// 90% confidence interval of the RMSEA (Browne & Cudeck 1993): `√(λ / (df N′))` at the
/// noncentralities λ_L with `P(χ²; df, λ_L) = 0.95` and λ_U with `P(χ²; df, λ_U) = 0.05`
/// (0 where no λ ≥ 0 reaches the probability). `N′` is the caller's sample size (lavaan: N;
/// psych::fa: N − 1). `(0, 0)` for `df ≤ 0`; NaN when an input is not finite.
pub fn rmsea_interval(chisq: f64, df: f64, n: f64) -> (f64, f64) {
    if !(chisq.is_finite() && df.is_finite() && n.is_finite()) {
        return (f64::NAN, f64::NAN);
    }
    if df <= 0.0 {
        return (0.0, 0.0);
    }
    let limit = |p: f64| ncp_for_cdf(chisq, df, p).map_or(0.0, |l| (l / (df * n)).sqrt());
    (limit(0.95), limit(0.05))
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
    use psym_testdata::tolerance::CLOSED_FORM;

    /// Source: R 4.2.2 `pchisq(3.841459, 1, lower.tail = FALSE)` = 0.04999999465 and
    /// `pchisq(85.30552, 24, lower.tail = FALSE)` = 8.502558805e-09 (printed to 10 digits);
    /// tolerance: the 10 printed digits.
    #[test]
    fn chisq_upper_matches_r_pchisq() {
        assert!((chisq_upper(3.841459, 1.0) / 0.04999999465 - 1.0).abs() < 1e-9);
        assert!((chisq_upper(85.30552, 24.0) / 8.502558805e-9 - 1.0).abs() < 1e-9);
    }

    /// No χ² distribution has a non-positive df; a negative statistic counts as 0; a statistic
    /// or df that is not finite gives NaN without reaching the distribution function.
    #[test]
    fn chisq_upper_of_no_df_is_nan() {
        assert!(chisq_upper(1.0, 0.0).is_nan());
        assert_eq!(chisq_upper(-1.0, 3.0), 1.0);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(chisq_upper(bad, 3.0).is_nan());
            assert!(chisq_upper(3.0, bad).is_nan());
        }
    }

    /// Source: lavaan 0.6-14 `fitMeasures(cfa(HS model, HolzingerSwineford1939))` (fixture
    /// `hs_cfa3`): χ² = 85.3055217699727, df = 24, N = 301 give RMSEA 0.0921214845101686 with
    /// interval 0.0714184904399382 to 0.113678016811963. Tolerance 1e-6 relative: the
    /// interval's root search stops at that accuracy.
    #[test]
    fn rmsea_and_interval_match_lavaan() {
        let (x, df, n) = (85.3055217699727, 24.0, 301.0);
        let close = |a: f64, b: f64| ((a - b) / b).abs() < 1e-6;
        assert!(close(rmsea(x, df, n), 0.0921214845101686));
        let (lo, hi) = rmsea_interval(x, df, n);
        assert!(close(lo, 0.0714184904399382), "{lo}");
        assert!(close(hi, 0.113678016811963), "{hi}");
        assert_eq!(rmsea(3.0, 5.0, 100.0), 0.0);
        assert_eq!(rmsea_interval(3.0, 0.0, 100.0), (0.0, 0.0));
        assert!(rmsea(f64::NAN, 5.0, 100.0).is_nan());
        assert!(rmsea_interval(f64::INFINITY, 5.0, 100.0).0.is_nan());
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
            assert!(
                (a - b).abs() < CLOSED_FORM,
                "({x}, {df}, {ncp}): {a} vs {b}"
            );
        }
    }

    /// With λ = 0 the noncentral distribution is the central one (closed form, 1e-12).
    #[test]
    fn zero_noncentrality_is_central() {
        use statrs::distribution::{ChiSquared, ContinuousCDF};
        let c = ChiSquared::new(7.0).unwrap();
        for x in [0.5, 3.0, 7.0, 15.0] {
            assert!((chisq_cdf(x, 7.0, 0.0) - c.cdf(x)).abs() < CLOSED_FORM);
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
