//! Maximum likelihood extraction.

use nalgebra::{DMatrix, DVector};
use psym_stats::linalg;

use super::{Extracted, box_settings, check_input, sign_columns, start_uniquenesses};
use crate::EfaError;
use crate::optim::minimise_box;

/// Maximum likelihood factor analysis of the correlation matrix `r` with `k` factors.
///
/// Minimises `F(ψ) = Σ_{m>k} (e_m − ln e_m) + k − p` over the uniquenesses, where `e_m` are the
/// eigenvalues of `Ψ^{-1/2} R Ψ^{-1/2}` (Jöreskog 1967; R's factanal and psych::fa `fm = "ml"`),
/// with gradient `diag(ΛΛ' + Ψ − R) / ψ²`; loadings `Λ = Ψ^{1/2} V_k diag(√max(e_k − 1, 0))`.
///
/// # Errors
/// As [`super::minres`].
pub fn ml(r: &DMatrix<f64>, k: usize) -> Result<Extracted, EfaError> {
    check_input(r, k)?;
    let p = r.nrows();
    let objective = |psi: &DVector<f64>| -> Option<(f64, DVector<f64>)> {
        let l = ml_loadings(r, psi, k).ok()?;
        let (loadings, discarded) = l;
        let value = discarded.iter().map(|e| e - e.ln()).sum::<f64>() + k as f64 - p as f64;
        let grad = DVector::from_fn(p, |j, _| {
            (loadings.row(j).norm_squared() + psi[j] - r[(j, j)]) / (psi[j] * psi[j])
        });
        value.is_finite().then_some((value, grad))
    };
    let res = minimise_box(objective, start_uniquenesses(r), &box_settings()).ok_or_else(|| {
        EfaError::InvalidMatrix("the eigen decomposition failed at the start values".into())
    })?;
    let (loadings, _) = ml_loadings(r, &res.x, k)?;
    Ok(Extracted {
        loadings: sign_columns(loadings),
        iterations: res.iterations,
        converged: res.converged,
    })
}

/// Loadings for given uniquenesses and the discarded eigenvalues of the scaled matrix.
fn ml_loadings(
    r: &DMatrix<f64>,
    psi: &DVector<f64>,
    k: usize,
) -> Result<(DMatrix<f64>, Vec<f64>), EfaError> {
    let p = r.nrows();
    let sd = psi.map(f64::sqrt);
    let scaled = DMatrix::from_fn(p, p, |i, j| r[(i, j)] / (sd[i] * sd[j]));
    let e = linalg::symmetric_eigen(&scaled)?;
    let l = DMatrix::from_fn(p, k, |i, f| {
        sd[i] * e.vectors[(i, f)] * (e.values[f] - 1.0).max(0.0).sqrt()
    });
    Ok((l, e.values.iter().skip(k).copied().collect()))
}
