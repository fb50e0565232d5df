//! Goodness of fit of a factor solution as psych::fa reports it (psych's `fa.stats`).

use nalgebra::DMatrix;
use psym_stats::linalg;
use psym_stats::noncentral::{self, chisq_upper};
use serde::Serialize;

/// Fit statistics of a factor model for a correlation matrix from `n` respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitStats {
    /// Maximum likelihood discrepancy `F = tr(M⁻¹R) − ln|M⁻¹R| − p`.
    pub objective: f64,
    /// `χ² = F (n − 1 − (2p + 5)/6 − 2k/3)` (Bartlett's correction, as factanal and psych).
    pub chisq: f64,
    /// `p(p − 1)/2 − pk + k(k − 1)/2`.
    pub df: f64,
    /// Upper-tail probability of `chisq` (`NaN` when `df ≤ 0`).
    pub pvalue: f64,
    /// `√max(χ²/(df·n) − 1/(n − 1), 0)` (psych 2.2.9).
    pub rmsea: f64,
    /// Lower limit of the 90% RMSEA interval: `√(λ_L/((n − 1) df))` with `λ_L` the
    /// noncentrality at which `χ²` is the 95th percentile (psych; 0 when none exists).
    pub rmsea_ci_lower: f64,
    /// Upper limit: `λ_U` makes `χ²` the 5th percentile.
    pub rmsea_ci_upper: f64,
    /// Tucker–Lewis index `(M₀ − M)/(M₀ − 1/ν)`, `M₀ = F₀/(p(p−1)/2)`, `M = F/df`,
    /// `ν = n − 1 − (2p + 5)/6 − 2k/3`, `F₀ = −ln|R|`.
    pub tli: f64,
    /// `χ² − df ln n`.
    pub bic: f64,
}

/// Degrees of freedom of an exploratory model with `k` factors for `p` items:
/// `p(p − 1)/2 − pk + k(k − 1)/2`, the correlations less the loadings plus the `k(k − 1)/2`
/// rotational indeterminacies (psych::fa, `dof`). Negative when the model is not identified.
pub(crate) fn degrees_of_freedom(p: usize, k: usize) -> f64 {
    let (p, k) = (p as f64, k as f64);
    p * (p - 1.0) / 2.0 - p * k + k * (k - 1.0) / 2.0
}

/// Fit of the pattern `p` with factor correlations `phi` to `r` (psych::fa.stats): the model
/// matrix is `M = PΦP'` with unit diagonal.
///
/// Returns `None` when `M` or `R` is not positive definite (psych then smooths both; psym
/// reports no fit and says so in the diagnostics).
pub fn fit_stats(
    r: &DMatrix<f64>,
    p: &DMatrix<f64>,
    phi: &DMatrix<f64>,
    n: usize,
) -> Option<FitStats> {
    let (nv, k) = (p.nrows() as f64, p.ncols() as f64);
    let mut model = p * phi * p.transpose();
    model.set_diagonal(&r.diagonal());
    let chol = model.clone().cholesky()?;
    let minv_r = chol.solve(r);
    let log_det_m = linalg::log_det_spd(&model, "model").ok()?;
    let log_det_r = linalg::log_det_spd(r, "correlation").ok()?;
    let objective = minv_r.trace() - (log_det_r - log_det_m) - nv;
    let df = degrees_of_freedom(p.nrows(), p.ncols());
    let n = n as f64;
    let nu = (n - 1.0) - (2.0 * nv + 5.0) / 6.0 - 2.0 * k / 3.0;
    let chisq = (objective * nu).max(0.0);
    let pvalue = chisq_upper(chisq, df);
    // psych's own RMSEA, √max(χ²/(df N) − 1/(N − 1), 0), not the noncentrality estimate
    let rmsea = (chisq / (df * n) - 1.0 / (n - 1.0)).max(0.0).sqrt();
    let (rmsea_ci_lower, rmsea_ci_upper) = rmsea_interval(chisq, df, n);
    let f0 = r.trace() - log_det_r - nv;
    let m0 = f0 * 2.0 / (nv * (nv - 1.0));
    let mm = objective / df;
    let tli = (m0 - mm) / (m0 - 1.0 / nu);
    Some(FitStats {
        objective,
        chisq,
        df,
        pvalue,
        rmsea,
        rmsea_ci_lower,
        rmsea_ci_upper,
        tli,
        bic: chisq - df * n.ln(),
    })
}

/// 90% interval of the RMSEA as psych::fa.stats: the noncentral-χ² interval with N − 1
/// (NaN without degrees of freedom or with a single respondent).
fn rmsea_interval(chisq: f64, df: f64, n: f64) -> (f64, f64) {
    if df <= 0.0 || n <= 1.0 {
        return (f64::NAN, f64::NAN);
    }
    noncentral::rmsea_interval(chisq, df, n - 1.0)
}

#[cfg(test)]
mod tests {
    use super::degrees_of_freedom;

    /// Source: psych::fa(HolzingerSwineford1939[, 7:15], 3)$dof = 12 (psych 2.x;
    /// tests/data/reference/reference.R, `dof` in lavaan_psych_reference.json). Exact: integers.
    #[test]
    fn efa_degrees_of_freedom_match_psych() {
        assert_eq!(degrees_of_freedom(9, 3), 12.0);
    }

    /// Three factors for six items use every correlation (df 0); for five items they are more
    /// than the data can identify (df < 0), which the diagnostics report.
    #[test]
    fn efa_degrees_of_freedom_reach_zero_at_identification() {
        assert_eq!(degrees_of_freedom(6, 3), 0.0);
        assert!(degrees_of_freedom(5, 3) < 0.0);
    }
}
