//! Standardized solutions and R².
//!
//! With φ_j the model-implied variance of latent j (diagonal of Φ = AΨAᵀ) and σ_i that of
//! observed i (diagonal of Σ), as lavaan's `standardizedSolution()`:
//! - loadings: `std_lv = λ √φ_j`, `std_all = λ √φ_j / √σ_i`;
//! - regressions and second-order loadings among latents: `b √φ_j / √φ_i`;
//! - variances: divided by the implied variance (so a residual variance becomes 1 − R²);
//! - covariances: residual covariances are divided by the square roots of the two residual
//!   variances (a residual correlation; lavaan takes the absolute value of their product,
//!   so a negative variance still gives a number); `std_lv` keeps observed-variable
//!   covariances in raw units;
//! - intercepts: divided by the standard deviation (`std_lv` only for latent means).
//!
//! R² of an indicator is `1 − θ_ii / σ_ii`.

use psym_model::{GroupMatrices, Layout, Matrix, ParTable};

use crate::implied::Implied;

/// `(std_lv, std_all)` of each parameter-table row given its estimate.
pub(crate) fn standardize(
    table: &ParTable,
    layout: &Layout,
    implied: &[Implied],
    matrices: &[GroupMatrices],
    est: &[f64],
) -> Vec<(f64, f64)> {
    table
        .rows
        .iter()
        .zip(&layout.slots)
        .zip(est)
        .map(|((r, s), &e)| {
            let imp = &implied[r.group - 1];
            let mats = &matrices[r.group - 1];
            let lv = |j: usize| imp.phi[(j, j)].sqrt();
            let ov = |i: usize| imp.sigma[(i, i)].sqrt();
            let (i, j) = (s.row, s.col);
            match s.matrix {
                Matrix::Lambda => (e * lv(j), e * lv(j) / ov(i)),
                Matrix::Beta => {
                    let v = e * lv(j) / lv(i);
                    (v, v)
                }
                Matrix::Theta if i == j => (e, e / (ov(i) * ov(j))),
                Matrix::Theta => (
                    e,
                    e / (mats.theta[(i, i)] * mats.theta[(j, j)]).abs().sqrt(),
                ),
                Matrix::Psi if i == j => (e / (lv(i) * lv(j)), e / (lv(i) * lv(j))),
                Matrix::Psi => {
                    let v = e / (mats.psi[(i, i)] * mats.psi[(j, j)]).abs().sqrt();
                    (v, v)
                }
                Matrix::Nu | Matrix::Tau => (e, e / ov(i)),
                Matrix::Delta => (e, e),
                Matrix::Alpha => (e / lv(i), e / lv(i)),
            }
        })
        .collect()
}

/// R² of each observed variable of each group: `1 − θ_ii/σ_ii`.
pub(crate) fn r_squared(theta_diag: &[f64], implied: &Implied) -> Vec<f64> {
    theta_diag
        .iter()
        .enumerate()
        .map(|(i, t)| 1.0 - t / implied.sigma[(i, i)])
        .collect()
}
