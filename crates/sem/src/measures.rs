//! Fit measures as pure functions of plain numbers (formulas as in lavaan's
//! `fitMeasures()`, lavaan 0.6).

use psym_stats::noncentral::{self, chisq_cdf};

/// Whether every input of a distribution function is a finite number. A NaN or infinite
/// statistic (a fit that broke down) is never passed to a distribution function: the figure
/// is NaN instead, shown as `NA` in text and `null` in JSON.
fn finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

/// Upper-tail p value of a chi-square statistic (NaN when `df` is 0 or an input is not
/// finite): [`noncentral::chisq_upper`].
pub fn chisq_pvalue(chisq: f64, df: f64) -> f64 {
    noncentral::chisq_upper(chisq, df)
}

/// Comparative fit index (Bentler 1990):
/// `CFI = 1 − max(χ² − df, 0) / max(χ²_0 − df_0, χ² − df, 0)`.
pub fn cfi(chisq: f64, df: f64, chisq_null: f64, df_null: f64) -> f64 {
    if !finite(&[chisq, df, chisq_null, df_null]) {
        return f64::NAN;
    }
    let d = (chisq - df).max(0.0);
    let denom = (chisq_null - df_null).max(chisq - df).max(0.0);
    if denom == 0.0 { 1.0 } else { 1.0 - d / denom }
}

/// Tucker–Lewis index: `TLI = (χ²_0/df_0 − χ²/df) / (χ²_0/df_0 − 1)`.
pub fn tli(chisq: f64, df: f64, chisq_null: f64, df_null: f64) -> f64 {
    if !finite(&[chisq, df, chisq_null, df_null]) {
        return f64::NAN;
    }
    if df <= 0.0 {
        return 1.0;
    }
    let t0 = chisq_null / df_null;
    (t0 - chisq / df) / (t0 - 1.0)
}

/// RMSEA (Steiger 1990) with lavaan's N (not N − 1) and its √G multi-group correction:
/// `RMSEA = √(max(χ² − df, 0) / (df N)) · √G`.
pub fn rmsea(chisq: f64, df: f64, n: f64, groups: f64) -> f64 {
    noncentral::rmsea(chisq, df, n) * groups.sqrt()
}

/// 90% confidence interval of the RMSEA from the noncentral chi-square: λ_L with
/// `P(χ²; df, λ_L) = 0.95` and λ_U with `P(χ²; df, λ_U) = 0.05`, then `√(λ / (df N)) · √G`.
pub fn rmsea_ci(chisq: f64, df: f64, n: f64, groups: f64) -> (f64, f64) {
    let (lower, upper) = noncentral::rmsea_interval(chisq, df, n);
    (lower * groups.sqrt(), upper * groups.sqrt())
}

/// p value of the test of close fit, `H0: RMSEA ≤ 0.05`:
/// `1 − P(χ²; df, λ = df N 0.05² / G)`.
pub fn rmsea_pclose(chisq: f64, df: f64, n: f64, groups: f64) -> f64 {
    if df <= 0.0 || !finite(&[chisq, df, n, groups]) {
        return f64::NAN;
    }
    1.0 - chisq_cdf(chisq, df, df * n * 0.05f64.powi(2) / groups)
}

/// Information criteria from the log-likelihood: `AIC = −2ℓ + 2k`, `BIC = −2ℓ + k ln N`,
/// sample-size adjusted `SABIC = −2ℓ + k ln((N + 2)/24)` (Sclove 1987).
pub fn information_criteria(loglik: f64, npar: f64, n: f64) -> (f64, f64, f64) {
    (
        -2.0 * loglik + 2.0 * npar,
        -2.0 * loglik + npar * n.ln(),
        -2.0 * loglik + npar * ((n + 2.0) / 24.0).ln(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: lavaan 0.6-14, `fitMeasures(cfa(HS model, HolzingerSwineford1939))` (fixture
    /// `hs_cfa3`): χ² = 85.3055217699727, df = 24, N = 301. Tolerance 1e-6 relative. (The
    /// single-group RMSEA and its interval are checked in `psym_stats::noncentral`; here the
    /// p value and lavaan's √G multi-group factor.)
    #[test]
    fn pvalue_and_group_factor_match_lavaan() {
        let (x, df, n) = (85.3055217699727, 24.0, 301.0);
        let close = |a: f64, b: f64| ((a - b) / b).abs() < 1e-6;
        assert!(close(chisq_pvalue(x, df), 8.50255321704907e-09));
        assert!(close(
            rmsea(x, df, n, 2.0),
            0.0921214845101686 * 2f64.sqrt()
        ));
        let (lo, hi) = rmsea_ci(x, df, n, 2.0);
        assert!(close(lo, 0.0714184904399382 * 2f64.sqrt()), "{lo}");
        assert!(close(hi, 0.113678016811963 * 2f64.sqrt()), "{hi}");
    }

    /// A fit that broke down (a statistic of NaN or ±∞, as from `start(1e308)*x1`) gives NaN
    /// figures, reported as null, and never reaches a distribution function.
    #[test]
    fn non_finite_statistics_give_nan_figures() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(chisq_pvalue(x, 5.0).is_nan());
            assert!(cfi(x, 5.0, 500.0, 10.0).is_nan());
            assert!(tli(x, 5.0, 500.0, 10.0).is_nan());
            assert!(rmsea(x, 5.0, 100.0, 1.0).is_nan());
            let (lo, hi) = rmsea_ci(x, 5.0, 100.0, 1.0);
            assert!(lo.is_nan() && hi.is_nan());
            assert!(rmsea_pclose(x, 5.0, 100.0, 1.0).is_nan());
            assert!(chisq_pvalue(3.0, x).is_nan());
        }
    }

    #[test]
    fn perfect_fit_gives_unit_indices() {
        assert_eq!(cfi(3.0, 5.0, 500.0, 10.0), 1.0);
        assert_eq!(rmsea(3.0, 5.0, 100.0, 1.0), 0.0);
        assert!(tli(3.0, 5.0, 500.0, 10.0) > 1.0);
    }
}
