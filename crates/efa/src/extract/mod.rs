//! Factor extraction: minimum residual ([`minres`]), maximum likelihood ([`ml`]) and iterated
//! principal axis ([`principal_axis`]), each on a correlation matrix, giving unrotated loadings.
//!
//! Conventions follow psych::fa (psych 2.2.9): uniquenesses are bounded to `[0.005, 1]` for
//! minres and ML, principal axis starts from squared multiple correlations and stops when the
//! sum of communalities changes by less than `min_err`.

mod minres;
mod ml;
mod pa;

use nalgebra::{DMatrix, DVector};
use psym_closed_set::closed_set;
use psym_stats::linalg;
use serde::Serialize;

use crate::EfaError;

pub use minres::minres;
pub use ml::ml;
pub use pa::{PaOptions, principal_axis};

/// Lower bound of a uniqueness during minres and ML optimisation (psych: `lower = .005`).
pub const MIN_UNIQUENESS: f64 = 0.005;
/// Gradient tolerance of the uniqueness optimisation; far tighter than psych's L-BFGS-B
/// defaults so that psym reports the optimum itself.
const GRAD_TOL: f64 = 1e-9;
/// Iteration cap of the uniqueness optimisation.
const MAX_ITER: usize = 1000;

closed_set! {
    /// Extraction method.
    pub enum Extraction: "extraction method" {
        /// Minimum residual (unweighted least squares; psych `fm = "minres"`).
        Minres => "minres" | "uls",
        /// Maximum likelihood (psych `fm = "ml"`, as factanal).
        Ml => "ml" | "mle",
        /// Iterated principal axis (psych `fm = "pa"`).
        Pa => "pa" | "paf",
    }
}

/// Minimum residual, psych's default.
impl Default for Extraction {
    fn default() -> Self {
        Extraction::Minres
    }
}

/// Unrotated factor solution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extracted {
    /// Items × factors loadings, each column signed to a positive sum (psych).
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub loadings: DMatrix<f64>,
    /// Iterations used by the optimiser or the principal-axis loop.
    pub iterations: usize,
    /// Whether the convergence criterion was met.
    pub converged: bool,
}

impl Extracted {
    /// Communalities `h²_j = Σ_f λ_jf²` (the diagonal of the reproduced matrix).
    pub fn communalities(&self) -> DVector<f64> {
        DVector::from_fn(self.loadings.nrows(), |j, _| {
            self.loadings.row(j).norm_squared()
        })
    }
}

/// Checks that `r` is a usable correlation matrix for `k` factors.
pub(crate) fn check_input(r: &DMatrix<f64>, k: usize) -> Result<(), EfaError> {
    let p = r.nrows();
    if !r.is_square() {
        return Err(EfaError::InvalidMatrix(format!(
            "expected a square matrix, got {} × {}",
            r.nrows(),
            r.ncols()
        )));
    }
    if let Some(j) = (0..p).find(|&j| (0..p).any(|k| !r[(j, k)].is_finite())) {
        return Err(EfaError::MissingCorrelations { item: j });
    }
    if k == 0 || k >= p {
        return Err(EfaError::TooManyFactors {
            factors: k,
            items: p,
            max: p.saturating_sub(1),
        });
    }
    Ok(())
}

/// `V_k diag(√max(λ_k, 0))` from the `k` largest eigenpairs of `m`.
pub(crate) fn top_loadings(m: &DMatrix<f64>, k: usize) -> Result<DMatrix<f64>, EfaError> {
    let e = linalg::symmetric_eigen(m)?;
    let mut l = e.vectors.columns(0, k).into_owned();
    for (f, mut col) in l.column_iter_mut().enumerate() {
        col *= e.values[f].max(0.0).sqrt();
    }
    Ok(l)
}

/// Flips each column to a positive sum and replaces exact zeros, as psych::fa does before
/// rotating.
pub(crate) fn sign_columns(mut l: DMatrix<f64>) -> DMatrix<f64> {
    for mut col in l.column_iter_mut() {
        if col.sum() < 0.0 {
            col.neg_mut();
        }
    }
    l.apply(|v| {
        if *v == 0.0 {
            *v = 1e-15
        }
    });
    l
}

/// Starting uniquenesses `1 − smc_j` (psych), falling back to `1 − max_k |r_jk|` when `r` is
/// singular.
pub(crate) fn start_uniquenesses(r: &DMatrix<f64>) -> DVector<f64> {
    let p = r.nrows();
    let smc = linalg::smc(r).unwrap_or_else(|_| {
        DVector::from_fn(p, |j, _| {
            (0..p)
                .filter(|&k| k != j)
                .map(|k| r[(j, k)].abs())
                .fold(0.0, f64::max)
        })
    });
    smc.map(|s| (1.0 - s).clamp(MIN_UNIQUENESS, 1.0))
}

/// Settings shared by the minres and ML optimisers.
pub(crate) fn box_settings() -> crate::optim::BoxSettings {
    crate::optim::BoxSettings {
        lower: MIN_UNIQUENESS,
        upper: 1.0,
        grad_tol: GRAD_TOL,
        max_iter: MAX_ITER,
    }
}
