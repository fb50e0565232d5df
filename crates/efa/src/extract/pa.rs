//! Iterated principal axis extraction.

use nalgebra::DMatrix;
use psym_stats::linalg;
use serde::Serialize;

use super::{Extracted, check_input, sign_columns, top_loadings};
use crate::EfaError;

/// Stopping rule of [`principal_axis`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PaOptions {
    /// Stop when the sum of communalities changes by less than this (psych `min.err = .001`).
    pub min_err: f64,
    /// Iteration cap (psych `max.iter = 50`).
    pub max_iter: usize,
}

impl Default for PaOptions {
    fn default() -> Self {
        PaOptions {
            min_err: 0.001,
            max_iter: 50,
        }
    }
}

/// Iterated principal axis factoring of `r` with `k` factors.
///
/// Starts with squared multiple correlations on the diagonal, then repeatedly takes the `k`
/// leading eigenpairs of the reduced matrix and puts the implied communalities `diag(ΛΛ')`
/// back on its diagonal, until the sum of communalities changes by less than `min_err`
/// (psych::fa `fm = "pa"`, whose loose default psym keeps so its numbers agree; a smaller
/// `min_err` converges to the minres solution).
///
/// # Errors
/// As [`super::minres`].
pub fn principal_axis(r: &DMatrix<f64>, k: usize, opts: &PaOptions) -> Result<Extracted, EfaError> {
    check_input(r, k)?;
    let mut reduced = r.clone();
    let smc = linalg::smc(r).unwrap_or_else(|_| r.diagonal());
    reduced.set_diagonal(&smc);
    let mut comm = smc.sum();
    let mut iterations = 0;
    let mut converged = false;
    let mut loadings = top_loadings(&reduced, k)?;
    while iterations < opts.max_iter {
        iterations += 1;
        loadings = top_loadings(&reduced, k)?;
        let h2 = DMatrix::from_fn(r.nrows(), 1, |j, _| loadings.row(j).norm_squared());
        let comm_new = h2.sum();
        reduced.set_diagonal(&h2.column(0).into_owned());
        let err = (comm - comm_new).abs();
        comm = comm_new;
        if err < opts.min_err {
            converged = true;
            break;
        }
    }
    Ok(Extracted {
        loadings: sign_columns(loadings),
        iterations,
        converged,
    })
}
