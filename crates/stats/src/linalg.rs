//! Linear-algebra glue: the decompositions psym needs, in one place.
//!
//! Every decomposition goes through this module so that the backend (nalgebra today) can be
//! swapped for wide item pools without touching the analysis crates.

use nalgebra::{DMatrix, DVector};

use crate::StatsError;

/// Convergence tolerance of the symmetric eigen solver (relative to machine precision).
const EIGEN_EPS: f64 = 1e-14;
/// Iteration cap for the eigen solver, so that a pathological matrix cannot hang the program.
const EIGEN_MAX_ITER: usize = 10_000;

/// Eigenvalues in decreasing order with their unit eigenvectors as columns.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedEigen {
    /// Eigenvalues, largest first.
    pub values: DVector<f64>,
    /// Eigenvectors, column `k` belongs to `values[k]`.
    pub vectors: DMatrix<f64>,
}

/// Symmetric eigen decomposition with eigenvalues sorted from largest to smallest (as R's
/// `eigen(symmetric = TRUE)`).
///
/// # Errors
/// [`StatsError::NoConvergence`] when the iteration cap is reached, [`StatsError::Dimension`]
/// for a non-square matrix or one holding `NaN`.
pub fn symmetric_eigen(m: &DMatrix<f64>) -> Result<SortedEigen, StatsError> {
    if !m.is_square() {
        return Err(StatsError::Dimension(
            "eigen decomposition needs a square matrix".into(),
        ));
    }
    if m.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::Dimension(
            "matrix holds missing or infinite values".into(),
        ));
    }
    let eig = m
        .clone()
        .try_symmetric_eigen(EIGEN_EPS, EIGEN_MAX_ITER)
        .ok_or_else(|| StatsError::NoConvergence {
            what: "symmetric eigen decomposition".into(),
        })?;
    let mut order: Vec<usize> = (0..m.nrows()).collect();
    order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
    let values = DVector::from_iterator(order.len(), order.iter().map(|&k| eig.eigenvalues[k]));
    let vectors = eig.eigenvectors.select_columns(&order);
    Ok(SortedEigen { values, vectors })
}

/// Inverse of a symmetric positive-definite matrix by Cholesky factorisation.
///
/// # Errors
/// [`StatsError::NotPositiveDefinite`] when the factorisation fails; `what` names the matrix.
pub fn inverse_spd(m: &DMatrix<f64>, what: &str) -> Result<DMatrix<f64>, StatsError> {
    m.clone()
        .cholesky()
        .map(|c| c.inverse())
        .ok_or_else(|| StatsError::NotPositiveDefinite { what: what.into() })
}

/// Natural log of the determinant of a symmetric positive-definite matrix.
///
/// # Errors
/// [`StatsError::NotPositiveDefinite`] when the Cholesky factorisation fails.
pub fn log_det_spd(m: &DMatrix<f64>, what: &str) -> Result<f64, StatsError> {
    inverse_and_log_det(m.clone())
        .map(|(_, log_det)| log_det)
        .ok_or_else(|| StatsError::NotPositiveDefinite { what: what.into() })
}

/// Inverse and natural log-determinant of a symmetric positive-definite matrix from one
/// Cholesky factorisation `M = LLᵀ`: `ln|M| = 2 Σ ln L_ii`. `None` when `M` is not positive
/// definite (the caller decides what that means, e.g. an inadmissible model-implied matrix).
pub fn inverse_and_log_det(m: DMatrix<f64>) -> Option<(DMatrix<f64>, f64)> {
    let c = m.cholesky()?;
    let log_det = 2.0 * c.l_dirty().diagonal().iter().map(|d| d.ln()).sum::<f64>();
    Some((c.inverse(), log_det))
}

/// Singular values below this fraction of the largest count as zero in [`pseudo_inverse`]
/// (√ε, as R's `MASS::ginv`).
const PINV_TOL: f64 = 1.490_116_119_384_765_6e-8;

/// Moore–Penrose pseudo-inverse `M⁺ = V Σ⁺ Uᵀ` from the singular value decomposition,
/// inverting the singular values above `√ε` times the largest (as R's `MASS::ginv`). `None`
/// for a matrix holding a non-finite value.
pub fn pseudo_inverse(m: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if m.iter().any(|v| !v.is_finite()) {
        return None;
    }
    if m.is_empty() {
        return Some(m.transpose());
    }
    let svd = m.clone().svd(true, true);
    let largest = svd.singular_values.max();
    svd.pseudo_inverse(PINV_TOL * largest).ok()
}

/// Whether a symmetric matrix is positive definite (its Cholesky factorisation exists).
pub fn is_positive_definite(m: &DMatrix<f64>) -> bool {
    m.iter().all(|v| v.is_finite()) && m.clone().cholesky().is_some()
}

/// Squared multiple correlation of each variable with all the others:
/// `smc_j = 1 − 1 / (R⁻¹)_jj` (Guttman 1940; psych::smc).
///
/// # Errors
/// [`StatsError::NotPositiveDefinite`] when `r` cannot be inverted.
pub fn smc(r: &DMatrix<f64>) -> Result<DVector<f64>, StatsError> {
    let inv = inverse_spd(r, "correlation")?;
    Ok(DVector::from_fn(r.nrows(), |j, _| 1.0 - 1.0 / inv[(j, j)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use psym_testdata::tolerance::CLOSED_FORM;

    #[test]
    fn pseudo_inverse_of_a_singular_matrix_is_moore_penrose() {
        // [[1, 1], [1, 1]]⁺ = [[1, 1], [1, 1]] / 4 (closed form: M = 2vvᵀ with v = (1, 1)/√2).
        let m = DMatrix::from_element(2, 2, 1.0);
        let p = pseudo_inverse(&m).unwrap();
        assert!(p.iter().all(|v| (v - 0.25).abs() < CLOSED_FORM), "{p}");
        let a = DMatrix::from_row_slice(2, 2, &[2.0, 1.0, 1.0, 3.0]);
        let inv = pseudo_inverse(&a).unwrap();
        assert!((&a * inv - DMatrix::identity(2, 2)).amax() < CLOSED_FORM);
        assert!(pseudo_inverse(&DMatrix::from_element(1, 1, f64::NAN)).is_none());
    }

    #[test]
    fn eigenvalues_sorted_and_reconstruct() {
        let m = DMatrix::from_row_slice(3, 3, &[2., 1., 0., 1., 3., 1., 0., 1., 4.]);
        let e = symmetric_eigen(&m).unwrap();
        assert!(e.values[0] >= e.values[1] && e.values[1] >= e.values[2]);
        let back = &e.vectors * DMatrix::from_diagonal(&e.values) * e.vectors.transpose();
        assert!((back - m).abs().max() < CLOSED_FORM);
    }

    /// Source: closed form. For a 2 × 2 correlation matrix with r, smc = r².
    #[test]
    fn smc_of_two_variables_is_r_squared() {
        let r = DMatrix::from_row_slice(2, 2, &[1., 0.6, 0.6, 1.]);
        let s = smc(&r).unwrap();
        assert_abs_diff_eq!(s[0], 0.36, epsilon = CLOSED_FORM);
        assert_abs_diff_eq!(
            log_det_spd(&r, "r").unwrap(),
            (0.64f64).ln(),
            epsilon = CLOSED_FORM
        );
    }

    #[test]
    fn singular_matrix_is_reported() {
        let r = DMatrix::from_row_slice(2, 2, &[1., 1., 1., 1.]);
        assert!(!is_positive_definite(&r));
        assert!(matches!(
            smc(&r),
            Err(StatsError::NotPositiveDefinite { .. })
        ));
        assert!(symmetric_eigen(&DMatrix::from_element(2, 2, f64::NAN)).is_err());
    }
}
