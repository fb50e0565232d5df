//! Minimum residual (unweighted least squares) extraction.

use nalgebra::{DMatrix, DVector};
use psym_stats::linalg;

use super::{Extracted, box_settings, check_input, sign_columns, start_uniquenesses, top_loadings};
use crate::EfaError;
use crate::optim::minimise_box;

/// Minimum residual factor analysis of the correlation matrix `r` with `k` factors.
///
/// Minimises the sum of squared off-diagonal residuals `Σ_{i<j} (r_ij − (ΛΛ')_ij)²` over the
/// uniquenesses `ψ`, with `Λ` the `k` leading eigenpairs of `R − Ψ` (Harman & Jones 1966;
/// psych::fa `fm = "minres"`). psym minimises the equivalent `½ Σ_{m>k} λ_m(R − Ψ)²`, whose
/// gradient is minus the diagonal residual, to a gradient of 1e-9, with `ψ ∈ [0.005, 1]`.
///
/// # Errors
/// [`EfaError::InvalidMatrix`] for a matrix with missing entries, [`EfaError::TooManyFactors`]
/// unless `1 ≤ k < p`.
///
/// # Example
/// ```
/// use nalgebra::DMatrix;
/// let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.48, 0.40, 0.48, 1.0, 0.30, 0.40, 0.30, 1.0]);
/// let f = psym_efa::minres(&r, 1).unwrap();
/// // one factor, three items: λ1λ2 = .48, λ1λ3 = .40, λ2λ3 = .30 → λ1 = .8
/// assert!((f.loadings[(0, 0)] - 0.8).abs() < 1e-6);
/// ```
pub fn minres(r: &DMatrix<f64>, k: usize) -> Result<Extracted, EfaError> {
    check_input(r, k)?;
    let objective = |psi: &DVector<f64>| -> Option<(f64, DVector<f64>)> {
        let mut reduced = r.clone();
        reduced.set_diagonal(&psi.map(|v| 1.0 - v));
        let e = linalg::symmetric_eigen(&reduced).ok()?;
        // Residual of the best rank-k approximation: the discarded eigenpairs, plus any
        // negative leading ones (their loadings are zero).
        let mut value = 0.0;
        let mut grad = DVector::zeros(psi.len());
        for (m, &lambda) in e.values.iter().enumerate() {
            if m >= k || lambda < 0.0 {
                value += 0.5 * lambda * lambda;
                let v = e.vectors.column(m);
                grad -= v.component_mul(&v) * lambda;
            }
        }
        Some((value, grad))
    };
    let res = minimise_box(objective, start_uniquenesses(r), &box_settings()).ok_or_else(|| {
        EfaError::InvalidMatrix("the eigen decomposition failed at the start values".into())
    })?;
    let mut reduced = r.clone();
    reduced.set_diagonal(&res.x.map(|v| 1.0 - v));
    Ok(Extracted {
        loadings: sign_columns(top_loadings(&reduced, k)?),
        iterations: res.iterations,
        converged: res.converged,
    })
}
