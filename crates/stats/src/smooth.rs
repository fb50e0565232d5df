//! Smoothing a correlation matrix that is not positive definite (psych::cor.smooth).
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::smooth::smooth_correlation;
//! // pairwise correlations that no data set can have together
//! let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0]);
//! let s = smooth_correlation(&r).unwrap().expect("smoothed");
//! assert!(psym_stats::linalg::is_positive_definite(&s));
//! ```

use nalgebra::DMatrix;

use crate::{StatsError, cov, linalg};

/// Eigenvalues below this are replaced (psych's `eig.tol`).
const EIG_TOL: f64 = 1e-12;

/// Smooths `r` when its smallest eigenvalue is below machine epsilon: eigenvalues under 1e-12
/// become 1e-10, all are rescaled to sum to `p`, the matrix is rebuilt as `V Λ V'` and rescaled
/// to unit diagonal (psych::cor.smooth, Wothke 1993). Returns `None` when `r` needs no smoothing.
///
/// # Errors
/// Those of the eigen decomposition ([`linalg::symmetric_eigen`]).
pub fn smooth_correlation(r: &DMatrix<f64>) -> Result<Option<DMatrix<f64>>, StatsError> {
    let e = linalg::symmetric_eigen(r)?;
    if e.values.iter().all(|&v| v >= f64::EPSILON) {
        return Ok(None);
    }
    let p = r.nrows() as f64;
    let mut values = e
        .values
        .map(|v| if v < EIG_TOL { 100.0 * EIG_TOL } else { v });
    let total = values.sum();
    values *= p / total;
    let rebuilt = &e.vectors * DMatrix::from_diagonal(&values) * e.vectors.transpose();
    Ok(Some(cov::cov_to_cor(&rebuilt)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    #[test]
    fn positive_definite_matrix_is_left_alone() {
        let r = DMatrix::from_row_slice(2, 2, &[1.0, 0.5, 0.5, 1.0]);
        assert!(smooth_correlation(&r).unwrap().is_none());
    }

    #[test]
    fn smoothed_matrix_is_a_correlation_matrix_close_to_the_input() {
        let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0]);
        let s = smooth_correlation(&r).unwrap().unwrap();
        for j in 0..3 {
            assert!((s[(j, j)] - 1.0).abs() < CLOSED_FORM);
        }
        assert!((&s - s.transpose()).amax() < CLOSED_FORM);
        assert!(linalg::is_positive_definite(&s));
        // signs of the correlations are kept
        assert!(s[(0, 1)] > 0.0 && s[(0, 2)] < 0.0);
    }
}
