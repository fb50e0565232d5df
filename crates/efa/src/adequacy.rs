//! Sampling adequacy of a correlation matrix: eigenvalues, Kaiser–Meyer–Olkin (KMO) measure,
//! Bartlett's test of sphericity.

use nalgebra::{DMatrix, DVector};
use psym_stats::linalg;
use serde::Serialize;

use crate::EfaError;

/// Kaiser–Meyer–Olkin measure of sampling adequacy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kmo {
    /// Overall MSA.
    pub overall: f64,
    /// MSA of each item.
    pub items: Vec<f64>,
}

/// Bartlett's test that the population correlation matrix is the identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bartlett {
    /// Test statistic.
    pub chisq: f64,
    /// Degrees of freedom `p(p − 1)/2`.
    pub df: usize,
    /// Upper-tail χ² probability.
    pub pvalue: f64,
}

/// Eigenvalues of `r`, largest first (R's `eigen(r)$values`).
///
/// # Errors
/// [`EfaError::Stats`] when `r` holds missing values or the decomposition fails.
pub fn eigenvalues(r: &DMatrix<f64>) -> Result<DVector<f64>, EfaError> {
    Ok(linalg::symmetric_eigen(r)?.values)
}

/// KMO (Kaiser 1970, Kaiser & Rice 1974; psych::KMO):
/// `MSA = Σ_{i≠j} r_ij² / (Σ_{i≠j} r_ij² + Σ_{i≠j} q_ij²)` with `q_ij = −(R⁻¹)_ij / √((R⁻¹)_ii (R⁻¹)_jj)`
/// the partial (anti-image) correlations; per item the sums run over one column.
///
/// # Errors
/// [`EfaError::Stats`] when `r` is not positive definite (psych then silently uses `r` itself
/// as the anti-image; psym refuses, because the result would be meaningless).
pub fn kmo(r: &DMatrix<f64>) -> Result<Kmo, EfaError> {
    let inv = linalg::inverse_spd(r, "correlation")?;
    let p = r.nrows();
    let mut col_r = vec![0.0; p];
    let mut col_q = vec![0.0; p];
    for j in 0..p {
        for i in (0..p).filter(|&i| i != j) {
            col_r[j] += r[(i, j)] * r[(i, j)];
            col_q[j] += inv[(i, j)] * inv[(i, j)] / (inv[(i, i)] * inv[(j, j)]);
        }
    }
    let (sr, sq): (f64, f64) = (col_r.iter().sum(), col_q.iter().sum());
    Ok(Kmo {
        overall: sr / (sr + sq),
        items: (0..p).map(|j| col_r[j] / (col_r[j] + col_q[j])).collect(),
    })
}

/// Bartlett's (1951) test of sphericity: `χ² = −(n − 1 − (2p + 5)/6) ln|R|` on `p(p − 1)/2`
/// degrees of freedom (psych::cortest.bartlett).
///
/// # Errors
/// [`EfaError::Stats`] when `r` is not positive definite.
pub fn bartlett(r: &DMatrix<f64>, n: usize) -> Result<Bartlett, EfaError> {
    let p = r.nrows();
    let log_det = linalg::log_det_spd(r, "correlation")?;
    let chisq = -((n as f64 - 1.0) - (2.0 * p as f64 + 5.0) / 6.0) * log_det;
    let df = p * (p - 1) / 2;
    let pvalue = psym_stats::noncentral::chisq_upper(chisq, df as f64);
    Ok(Bartlett { chisq, df, pvalue })
}
