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

/// Moore–Penrose pseudo-inverse `M⁺ = Σ σᵢ⁻¹ vᵢuᵢᵀ` over the singular values σᵢ above `√ε`
/// times the largest (as R's `MASS::ginv`). `None` for a matrix holding a non-finite value.
///
/// The singular triplets come from a symmetric eigendecomposition, not from nalgebra's SVD,
/// which can return factors that do not reproduce a rank-deficient matrix (nalgebra issue
/// 1172: on rank-2 matrices of order 49 the pseudo-inverse missed the Penrose conditions by up
/// to 0.75). A symmetric M is decomposed itself (`M = Σ λᵢwᵢwᵢᵀ`, `M⁺ = Σ λᵢ⁻¹wᵢwᵢᵀ` over
/// `|λᵢ|` above the cut); any other through the symmetric `B = [[0, M], [Mᵀ, 0]]`, whose
/// eigenvalue σᵢ has the eigenvector `(uᵢ; vᵢ)/√2` (Golub & Van Loan 2013, §8.6.1), so
/// `M⁺ = Σ 2σᵢ⁻¹ yᵢxᵢᵀ` over its eigenvectors `(xᵢ; yᵢ)` of eigenvalue above the cut; the
/// condition number is not squared as it would be through MᵀM.
pub fn pseudo_inverse(m: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if m.iter().any(|v| !v.is_finite()) {
        return None;
    }
    if m.is_empty() {
        return Some(m.transpose());
    }
    let (r, c) = m.shape();
    if r == c && *m == m.transpose() {
        let e = m.clone().symmetric_eigen();
        let cut = PINV_TOL * e.eigenvalues.amax();
        let mut out = DMatrix::zeros(r, r);
        for (k, &l) in e
            .eigenvalues
            .iter()
            .enumerate()
            .filter(|(_, l)| l.abs() > cut)
        {
            let w = e.eigenvectors.column(k);
            out.ger(1.0 / l, &w, &w, 1.0);
        }
        return Some(out);
    }
    let mut b = DMatrix::zeros(r + c, r + c);
    b.view_mut((0, r), (r, c)).copy_from(m);
    b.view_mut((r, 0), (c, r)).copy_from(&m.transpose());
    let e = b.symmetric_eigen();
    let cut = PINV_TOL * e.eigenvalues.amax();
    let mut out = DMatrix::zeros(c, r);
    for (k, &l) in e.eigenvalues.iter().enumerate().filter(|(_, l)| **l > cut) {
        let w = e.eigenvectors.column(k);
        out.ger(2.0 / l, &w.rows(r, c), &w.rows(0, r), 1.0);
    }
    Some(out)
}

/// The orthogonal polar factor `UVᵀ` of a square matrix `X = UΣVᵀ` (the orthogonal matrix
/// nearest to X, Higham 1986) with the sum of its singular values `tr Σ`. For X of full rank
/// from the symmetric eigendecomposition `XᵀX = V Λ Vᵀ`: `UVᵀ = X V Λ^{-1/2} Vᵀ`, `tr Σ =
/// Σ √λ`; when XᵀX is near singular (smallest eigenvalue below 1e-8 of the largest) from
/// nalgebra's SVD, accepted only when its factors reproduce X and UVᵀ is orthogonal (to
/// 1e-8; nalgebra's SVD can fail on rank-deficient matrices, see [`pseudo_inverse`]). `None`
/// for a non-finite X or a failed decomposition.
pub fn polar(x: &DMatrix<f64>) -> Option<(DMatrix<f64>, f64)> {
    if !x.is_square() || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let k = x.nrows();
    let e = (x.transpose() * x).symmetric_eigen();
    let (smallest, largest) = (e.eigenvalues.min(), e.eigenvalues.max());
    if largest > 0.0 && smallest > 1e-8 * largest {
        let v = &e.eigenvectors;
        let inv_root = DMatrix::from_diagonal(&e.eigenvalues.map(|l| 1.0 / l.sqrt()));
        let q = x * v * inv_root * v.transpose();
        return Some((q, e.eigenvalues.iter().map(|l| l.sqrt()).sum()));
    }
    let svd = x.clone().svd(true, true);
    let sum = svd.singular_values.sum();
    let q = svd.u.as_ref()? * svd.v_t.as_ref()?;
    let rebuilt = svd.recompose().ok()?;
    let orthogonal = (q.transpose() * &q - DMatrix::identity(k, k)).amax() < 1e-8;
    let exact = (rebuilt - x).amax() <= 1e-8 * x.amax().max(f64::MIN_POSITIVE);
    (orthogonal && exact).then_some((q, sum))
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

    /// The four Penrose conditions (`MM⁺M = M`, `M⁺MM⁺ = M⁺`, `MM⁺` and `M⁺M` symmetric) to
    /// 1e-10 relative on rank-deficient matrices where nalgebra's SVD fails (rank-2 symmetric
    /// matrices of order 49, and 30 × 8 matrices of rank 3), from a fixed pseudo-random stream.
    #[test]
    fn pseudo_inverse_meets_the_penrose_conditions_on_low_rank_matrices() {
        let mut state = 1u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        for round in 0..40 {
            let m = match round % 2 {
                0 => {
                    let b = DMatrix::from_fn(49, 2, |_, _| 10.0 * next());
                    &b * b.transpose()
                }
                _ => DMatrix::from_fn(30, 3, |_, _| next()) * DMatrix::from_fn(3, 8, |_, _| next()),
            };
            let p = pseudo_inverse(&m).unwrap();
            let rel = |a: DMatrix<f64>, scale: f64| a.amax() / scale;
            let (mp, pm) = (&m * &p, &p * &m);
            assert!(rel(&mp * &m - &m, m.amax()) < 1e-10, "round {round}: MM⁺M");
            assert!(rel(&pm * &p - &p, p.amax()) < 1e-10, "round {round}: M⁺MM⁺");
            assert!(rel(&mp - mp.transpose(), 1.0) < 1e-10, "round {round}: MM⁺");
            assert!(rel(&pm - pm.transpose(), 1.0) < 1e-10, "round {round}: M⁺M");
        }
    }

    /// The polar factor of a full-rank matrix is orthogonal and reproduces X = Q (XᵀX)^{1/2}
    /// (1e-12); of [[3, 0], [4, 0]] (rank 1, closed form: singular values 5 and 0) the sum of
    /// singular values is 5.
    #[test]
    fn polar_factor_is_orthogonal_and_reproduces_x() {
        let x = DMatrix::from_row_slice(3, 3, &[2.0, -1.0, 0.5, 0.3, 1.5, -0.2, 0.1, 0.4, 3.0]);
        let (q, sum) = polar(&x).unwrap();
        assert!((q.transpose() * &q - DMatrix::identity(3, 3)).amax() < 1e-12);
        let h = q.transpose() * &x;
        assert!((&h - h.transpose()).amax() < 1e-12, "QᵀX symmetric");
        assert!((h.trace() - sum).abs() < 1e-12);
        let singular = DMatrix::from_row_slice(2, 2, &[3.0, 0.0, 4.0, 0.0]);
        if let Some((q, sum)) = polar(&singular) {
            assert!((sum - 5.0).abs() < 1e-12);
            assert!((q.transpose() * &q - DMatrix::identity(2, 2)).amax() < 1e-8);
        }
        assert!(polar(&DMatrix::from_element(2, 2, f64::NAN)).is_none());
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
