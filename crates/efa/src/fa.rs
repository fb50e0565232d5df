//! The whole exploratory factor analysis of a correlation matrix: extraction, rotation,
//! ordering, communalities, variance explained, fit and diagnostics (psych::fa).

use nalgebra::DMatrix;
use serde::Serialize;

use crate::diagnose::{Checks, diagnose};
use crate::extract::{Extraction, PaOptions, minres, ml, principal_axis};
use crate::fit::{FitStats, fit_stats};
use crate::rotate::{Rotation, RotationOptions, rotate};
use crate::{Diagnostic, EfaError, adequacy};

/// Eigenvalues below this (times the number of items) make the correlation matrix singular.
const SINGULAR_EIGENVALUE: f64 = 1e-13;

/// Options of [`fa`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaOptions {
    /// Number of factors.
    pub factors: usize,
    /// Extraction method (default minres).
    pub method: Extraction,
    /// Rotation (default oblimin, as psych).
    pub rotation: Rotation,
    /// Rotation settings (normalisation, γ, target, random starts).
    pub rotation_options: RotationOptions,
    /// Principal-axis stopping rule.
    pub pa: PaOptions,
    /// Number of respondents, for the fit statistics (none without it).
    pub n_obs: Option<usize>,
}

impl Default for FaOptions {
    fn default() -> Self {
        FaOptions {
            factors: 1,
            method: Extraction::default(),
            rotation: Rotation::default(),
            rotation_options: RotationOptions::default(),
            pa: PaOptions::default(),
            n_obs: None,
        }
    }
}

/// Variance accounted for by each factor (psych's `Vaccounted`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VarianceExplained {
    /// Sum of squared loadings: `Σ_i p_if²` (orthogonal) or `diag(Φ P'P)` (oblique).
    pub ss_loadings: Vec<f64>,
    /// `ss_loadings / p`.
    pub proportion: Vec<f64>,
    /// Running sum of `proportion`.
    pub cumulative: Vec<f64>,
    /// `ss_loadings / Σ ss_loadings`.
    pub proportion_explained: Vec<f64>,
}

/// A fitted exploratory factor model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaResult {
    /// Number of factors.
    pub factors: usize,
    /// Extraction method.
    pub method: Extraction,
    /// Rotation.
    pub rotation: Rotation,
    /// Pattern matrix (items × factors), ordered and signed as psych.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub loadings: DMatrix<f64>,
    /// Structure matrix `PΦ`.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub structure: DMatrix<f64>,
    /// Factor correlations.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub phi: DMatrix<f64>,
    /// Unrotated loadings.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub unrotated: DMatrix<f64>,
    /// Communalities `diag(ΛΛ')`.
    pub communalities: Vec<f64>,
    /// Uniquenesses `1 − h²`.
    pub uniquenesses: Vec<f64>,
    /// Eigenvalues of the correlation matrix.
    pub eigenvalues: Vec<f64>,
    /// Variance explained per factor.
    pub variance: VarianceExplained,
    /// Fit statistics (when the number of respondents is known).
    pub fit: Option<FitStats>,
    /// Whether extraction and rotation converged.
    pub converged: bool,
    /// Heywood cases, non-convergence and similar trouble, in plain words.
    pub diagnostics: Vec<Diagnostic>,
}

/// Exploratory factor analysis of the correlation matrix `r` (psych::fa).
///
/// # Errors
/// As the extraction functions ([`crate::minres`]) and [`rotate`].
///
/// # Example
/// ```
/// use nalgebra::DMatrix;
/// use psym_efa::{fa, FaOptions};
/// let r = DMatrix::from_row_slice(3, 3, &[1.0, 0.48, 0.40, 0.48, 1.0, 0.30, 0.40, 0.30, 1.0]);
/// let f = fa(&r, &FaOptions::default()).unwrap();
/// assert!((f.communalities[0] - 0.64).abs() < 1e-6);
/// ```
pub fn fa(r: &DMatrix<f64>, opts: &FaOptions) -> Result<FaResult, EfaError> {
    let k = opts.factors;
    let ext = match opts.method {
        Extraction::Minres => minres(r, k)?,
        Extraction::Ml => ml(r, k)?,
        Extraction::Pa => principal_axis(r, k, &opts.pa)?,
    };
    let rot = rotate(&ext.loadings, opts.rotation, &opts.rotation_options)?;
    let p = r.nrows();
    let communalities: Vec<f64> = ext.communalities().iter().copied().collect();
    let uniquenesses: Vec<f64> = (0..p).map(|j| r[(j, j)] - communalities[j]).collect();
    let variance = variance_explained(&rot.pattern, &rot.phi, p as f64);
    let eigenvalues: Vec<f64> = adequacy::eigenvalues(r)?.iter().copied().collect();
    let smallest = eigenvalues.last().copied().unwrap_or(0.0);
    let singular = smallest <= SINGULAR_EIGENVALUE * p as f64;
    let fit = opts
        .n_obs
        .filter(|_| !singular)
        .and_then(|n| fit_stats(r, &rot.pattern, &rot.phi, n));
    let diagnostics = diagnose(&Checks {
        p,
        k,
        n_obs: opts.n_obs,
        smallest_eigenvalue: singular.then_some(smallest),
        extraction: (!ext.converged).then_some(opts.method),
        rotation: (!rot.converged).then_some(opts.rotation),
        communalities: &communalities,
        fit_missing: opts.n_obs.is_some() && fit.is_none(),
    });
    Ok(FaResult {
        factors: k,
        method: opts.method,
        rotation: opts.rotation,
        structure: rot.structure(),
        loadings: rot.pattern,
        phi: rot.phi,
        unrotated: ext.loadings,
        communalities,
        uniquenesses,
        eigenvalues,
        variance,
        fit,
        converged: ext.converged && rot.converged,
        diagnostics,
    })
}

fn variance_explained(pattern: &DMatrix<f64>, phi: &DMatrix<f64>, total: f64) -> VarianceExplained {
    let ss: Vec<f64> = (phi * pattern.transpose() * pattern)
        .diagonal()
        .iter()
        .copied()
        .collect();
    let proportion: Vec<f64> = ss.iter().map(|v| v / total).collect();
    let cumulative = proportion
        .iter()
        .scan(0.0, |acc, v| {
            *acc += v;
            Some(*acc)
        })
        .collect();
    let sum: f64 = ss.iter().sum();
    VarianceExplained {
        proportion_explained: ss.iter().map(|v| v / sum).collect(),
        ss_loadings: ss,
        proportion,
        cumulative,
    }
}
