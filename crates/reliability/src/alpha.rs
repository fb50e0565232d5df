//! Internal-consistency coefficients of one covariance matrix: Cronbach's alpha (raw and
//! standardized), Guttman's lambda-6, average and median inter-item correlation.

use nalgebra::DMatrix;
use psym_stats::{cov, linalg};
use serde::Serialize;

/// The coefficients psych::alpha computes from one covariance matrix (its inner `alpha.1`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coefficients {
    /// Cronbach's alpha from covariances: `α = p/(p−1) · (1 − tr C / 1'C1)` (Cronbach 1951).
    pub alpha: f64,
    /// Standardized alpha, the same formula on the correlation matrix `R = cov2cor(C)`:
    /// `p/(p−1) · (1 − p / 1'R1)`.
    pub alpha_std: f64,
    /// Guttman's (1945) lambda-6 from squared multiple correlations:
    /// `λ6 = 1 − Σ(1 − smc_j) / 1'R1`; `None` when `R` is singular.
    pub lambda6: Option<f64>,
    /// Average inter-item correlation `(1'R1 − p) / (p(p − 1))`.
    pub average_r: f64,
    /// Median of the `p(p − 1)/2` inter-item correlations.
    pub median_r: f64,
    /// Signal-to-noise ratio `p r̄ / (1 − r̄)` (psych's `S/N`).
    pub signal_noise: f64,
}

/// Cronbach's alpha of a covariance matrix: `α = p/(p−1) · (1 − tr C / 1'C1)`.
///
/// Source: Cronbach (1951); psych::alpha `raw_alpha`. `NaN` for fewer than two items.
pub fn raw_alpha(c: &DMatrix<f64>) -> f64 {
    let p = c.nrows() as f64;
    (1.0 - c.trace() / c.sum()) * p / (p - 1.0)
}

/// Squared multiple correlations clamped to `[0, 1]` as psych::smc does; `None` when `r` is
/// not positive definite (or holds missing values).
pub fn clamped_smc(r: &DMatrix<f64>) -> Option<Vec<f64>> {
    let s = linalg::smc(r).ok()?;
    Some(s.iter().map(|v| v.clamp(0.0, 1.0)).collect())
}

/// All coefficients of [`Coefficients`] for the covariance matrix `c` (at least two items).
pub fn coefficients(c: &DMatrix<f64>) -> Coefficients {
    let r = cov::cov_to_cor(c);
    let p = c.nrows() as f64;
    let sum_r = r.sum();
    let average_r = (sum_r - p) / (p * (p - 1.0));
    let lambda6 = clamped_smc(&r).map(|smc| 1.0 - (p - smc.iter().sum::<f64>()) / sum_r);
    Coefficients {
        alpha: raw_alpha(c),
        alpha_std: (1.0 - p / sum_r) * p / (p - 1.0),
        lambda6,
        average_r,
        median_r: median(lower_triangle(&r)),
        signal_noise: p * average_r / (1.0 - average_r),
    }
}

/// The entries below the diagonal, column by column.
fn lower_triangle(m: &DMatrix<f64>) -> Vec<f64> {
    let p = m.nrows();
    (0..p)
        .flat_map(|j| (j + 1..p).map(move |i| (i, j)))
        .map(|ij| m[ij])
        .collect()
}

/// Median as R's `median` (mean of the two middle values for an even count); `NaN` if empty.
pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        0.5 * (v[m - 1] + v[m])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// Exact arithmetic tolerance for closed forms.
    const EXACT: f64 = 1e-12;

    /// Source: closed form. With equal correlations ρ on p items, standardized alpha is the
    /// Spearman–Brown value pρ/(1 + (p−1)ρ), and so is raw alpha on a correlation matrix.
    #[test]
    fn spearman_brown_on_equal_correlations() {
        let rho = 0.3;
        let c = DMatrix::from_fn(4, 4, |i, j| if i == j { 1.0 } else { rho });
        let k = coefficients(&c);
        let sb = 4.0 * rho / (1.0 + 3.0 * rho);
        assert_abs_diff_eq!(k.alpha, sb, epsilon = EXACT);
        assert_abs_diff_eq!(k.alpha_std, sb, epsilon = EXACT);
        assert_abs_diff_eq!(k.average_r, rho, epsilon = EXACT);
        assert_abs_diff_eq!(k.median_r, rho, epsilon = EXACT);
    }

    /// Alpha is unchanged when the items are permuted.
    #[test]
    fn permutation_invariant() {
        let c = DMatrix::from_row_slice(3, 3, &[2.0, 0.8, 0.5, 0.8, 1.5, 0.3, 0.5, 0.3, 1.0]);
        let perm = c.select_rows(&[2, 0, 1]).select_columns(&[2, 0, 1]);
        let (a, b) = (coefficients(&c), coefficients(&perm));
        assert_abs_diff_eq!(a.alpha, b.alpha, epsilon = EXACT);
        assert_abs_diff_eq!(a.lambda6.unwrap(), b.lambda6.unwrap(), epsilon = EXACT);
        assert_abs_diff_eq!(a.median_r, b.median_r, epsilon = EXACT);
    }

    #[test]
    fn singular_matrix_has_no_lambda6() {
        let c = DMatrix::from_element(2, 2, 1.0);
        assert!(coefficients(&c).lambda6.is_none());
        assert_eq!(median(vec![3.0, 1.0, 2.0, 10.0]), 2.5);
    }
}
