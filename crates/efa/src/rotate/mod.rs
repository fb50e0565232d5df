//! Factor rotation: gradient projection (varimax, quartimax, oblimin, geomin, target), promax,
//! with optional Kaiser normalisation, followed by psych's ordering and signing of factors.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_efa::{rotate, Rotation, RotationOptions};
//! let a = DMatrix::from_row_slice(4, 2, &[0.6, 0.5, 0.7, 0.4, 0.5, -0.5, 0.6, -0.4]);
//! let r = rotate(&a, Rotation::Varimax, &RotationOptions::default()).unwrap();
//! // rotation keeps the communalities
//! assert!((r.pattern.row(0).norm_squared() - 0.61).abs() < 1e-10);
//! ```

mod criteria;
mod gpa;
mod promax;

use nalgebra::DMatrix;
use psym_closed_set::closed_set;
use serde::Serialize;

use crate::EfaError;
use criteria::Criterion;
use gpa::{GpaSettings, rotate_gpa};

closed_set! {
    /// Rotation method.
    pub enum Rotation: "rotation" {
        /// No rotation.
        None => "none",
        /// Varimax (orthogonal; Kaiser 1958).
        Varimax => "varimax",
        /// Quartimax (orthogonal).
        Quartimax => "quartimax",
        /// Oblimin with γ = 0, i.e. quartimin (oblique; psych's default rotation).
        Oblimin => "oblimin" | "quartimin",
        /// Geomin, oblique (GPArotation's `geominQ`).
        Geomin => "geomin" | "geominq" | "geomin_q",
        /// Geomin, orthogonal (GPArotation's `geominT`).
        GeominT => "geomin_t" | "geomint",
        /// Promax (oblique; Hendrickson & White 1964).
        Promax => "promax",
        /// Oblique rotation towards a (partially) specified target pattern (`targetQ`).
        Target => "target" | "targetq" | "target_q" | "procrustes",
        /// Orthogonal rotation towards a target (orthogonal Procrustes, `targetT`).
        TargetT => "target_t" | "targett",
    }
}

/// Oblimin (quartimin), as psych::fa.
impl Default for Rotation {
    fn default() -> Self {
        Rotation::Oblimin
    }
}

impl Rotation {
    /// Whether the factors may correlate.
    pub fn is_oblique(self) -> bool {
        matches!(
            self,
            Rotation::Oblimin | Rotation::Geomin | Rotation::Promax | Rotation::Target
        )
    }

    /// Whether psych::fa applies Kaiser normalisation for this rotation (varimax through
    /// `stats::varimax`, promax through `kaiser()`; GPArotation's functions default to none).
    pub fn psych_normalizes(self) -> bool {
        matches!(self, Rotation::Varimax | Rotation::Promax)
    }
}

/// A partially specified target for [`Rotation::Target`] and [`Rotation::TargetT`] (Browne
/// 2001) from which item belongs to which factor (`membership`: one row per item, one column
/// per factor): free (`NaN`) where the item belongs, 0 elsewhere. `factors` columns in all;
/// missing entries count as "does not belong".
///
/// ```
/// let t = psym_efa::target_pattern(&[vec![true, false], vec![false, true], vec![true]], 2);
/// assert!(t[(0, 0)].is_nan() && t[(1, 1)].is_nan() && t[(2, 0)].is_nan());
/// assert_eq!((t[(0, 1)], t[(1, 0)], t[(2, 1)]), (0.0, 0.0, 0.0));
/// ```
pub fn target_pattern(membership: &[Vec<bool>], factors: usize) -> DMatrix<f64> {
    DMatrix::from_fn(membership.len(), factors, |i, f| {
        if membership[i].get(f).copied().unwrap_or(false) {
            f64::NAN
        } else {
            0.0
        }
    })
}

closed_set! {
    /// Row (Kaiser) normalisation before rotation.
    pub enum Normalization: "normalisation" {
        /// Rows scaled to unit length before rotating and back afterwards (Kaiser 1958), for
        /// every rotation (SPSS's convention).
        Kaiser => "kaiser" | "on" | "true",
        /// No normalisation.
        None => "none" | "off" | "false",
        /// As psych::fa: Kaiser for varimax and promax, none for the GPArotation rotations.
        Psych => "psych",
    }
}

/// Kaiser normalisation for every rotation (SPSS's convention).
impl Default for Normalization {
    fn default() -> Self {
        Normalization::Kaiser
    }
}

/// Options of [`rotate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RotationOptions {
    /// Row normalisation (default Kaiser).
    pub normalization: Normalization,
    /// Oblimin γ (0 = quartimin).
    pub gamma: f64,
    /// Geomin δ (GPArotation default 0.01).
    pub geomin_delta: f64,
    /// Promax power `m` (psych default 4).
    pub promax_power: f64,
    /// Target pattern for target rotation (items × factors, `NaN` = unspecified).
    #[serde(serialize_with = "psym_stats::serde_rows::option_matrix")]
    pub target: Option<DMatrix<f64>>,
    /// Random starts added to the identity start of geomin (which has local optima), and of
    /// the other gradient projection rotations when the identity is a stationary point.
    pub random_starts: usize,
    /// Seed of the random starts.
    pub seed: u64,
    /// Convergence tolerance on the projected gradient norm (GPArotation: 1e-5; psym 1e-6).
    pub eps: f64,
    /// Iteration cap.
    pub max_iter: usize,
}

impl Default for RotationOptions {
    fn default() -> Self {
        RotationOptions {
            normalization: Normalization::Kaiser,
            gamma: 0.0,
            geomin_delta: 0.01,
            promax_power: 4.0,
            target: None,
            random_starts: 10,
            seed: 1,
            eps: 1e-6,
            max_iter: 10_000,
        }
    }
}

/// A rotated solution, factors ordered and signed as psych::fa orders them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rotated {
    /// Pattern matrix (items × factors); the loadings for orthogonal rotations.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub pattern: DMatrix<f64>,
    /// Factor correlations (identity for orthogonal rotations).
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub phi: DMatrix<f64>,
    /// Iterations of the rotation algorithm.
    pub iterations: usize,
    /// Whether the rotation converged.
    pub converged: bool,
}

impl Rotated {
    /// Structure matrix `S = P Φ` (correlations of items with factors).
    pub fn structure(&self) -> DMatrix<f64> {
        &self.pattern * &self.phi
    }
}

/// Rotates the loadings `a` (items × factors) by `rotation`, then signs each factor to a
/// positive column sum and orders factors by decreasing `Σ_i p_if²` (psych::fa); target
/// rotations keep the target's order. Kaiser normalisation is not applied to
/// target rotations (the target is in the metric of the loadings).
///
/// Oblique rotations give `P = A (T')⁻¹`, `Φ = T'T`; orthogonal ones `P = A T`, `Φ = I`.
/// With Kaiser normalisation the rows of `a` are divided by `√h²_j` before rotating and the
/// pattern rows multiplied back.
///
/// # Errors
/// [`EfaError::InvalidOption`] for a target rotation without a target of the right shape, or
/// when the rotation breaks down numerically (a singular transformation).
pub fn rotate(
    a: &DMatrix<f64>,
    rotation: Rotation,
    opts: &RotationOptions,
) -> Result<Rotated, EfaError> {
    let k = a.ncols();
    let normalize = match opts.normalization {
        Normalization::Kaiser => !matches!(rotation, Rotation::Target | Rotation::TargetT),
        Normalization::None => false,
        Normalization::Psych => rotation.psych_normalizes(),
    };
    let h: Vec<f64> = a.row_iter().map(|r| r.norm()).collect();
    let mut work = a.clone();
    if normalize {
        for (i, mut row) in work.row_iter_mut().enumerate() {
            if h[i] > 0.0 {
                row /= h[i];
            }
        }
    }
    let breakdown = || {
        EfaError::InvalidOption(format!(
            "{rotation} rotation broke down (singular transformation)"
        ))
    };
    let (mut pattern, mut phi, iterations, converged) = if k < 2 || rotation == Rotation::None {
        (work, DMatrix::identity(k, k), 0, true)
    } else if rotation == Rotation::Promax {
        let pm =
            promax::promax(&work, opts.promax_power, 1e-5, opts.max_iter).ok_or_else(breakdown)?;
        (pm.pattern, pm.phi, 0, pm.converged)
    } else if rotation == Rotation::Varimax {
        let (p, _, it, conv) = promax::varimax_svd(&work, 1e-5, opts.max_iter);
        (p, DMatrix::identity(k, k), it, conv)
    } else {
        let crit = criterion(rotation, a, opts)?;
        let settings = GpaSettings {
            eps: opts.eps,
            max_iter: opts.max_iter,
            random_starts: opts.random_starts,
            seed: opts.seed,
        };
        let oblique = rotation.is_oblique();
        let res = rotate_gpa(&work, &crit, oblique, &settings).ok_or_else(breakdown)?;
        let phi = if oblique {
            res.t.transpose() * &res.t
        } else {
            DMatrix::identity(k, k)
        };
        (res.loadings, phi, res.iterations, res.converged)
    };
    if normalize {
        for (i, mut row) in pattern.row_iter_mut().enumerate() {
            row *= h[i];
        }
    }
    // A target fixes the order of the factors; the others are ordered as psych orders them.
    let reorder = !matches!(rotation, Rotation::Target | Rotation::TargetT);
    sign_and_sort(&mut pattern, &mut phi, reorder);
    Ok(Rotated {
        pattern,
        phi,
        iterations,
        converged,
    })
}

fn criterion(
    rotation: Rotation,
    a: &DMatrix<f64>,
    opts: &RotationOptions,
) -> Result<Criterion, EfaError> {
    Ok(match rotation {
        Rotation::Quartimax => Criterion::Quartimax,
        Rotation::Oblimin => Criterion::Oblimin { gamma: opts.gamma },
        Rotation::Geomin | Rotation::GeominT => Criterion::Geomin {
            delta: opts.geomin_delta,
        },
        Rotation::Target | Rotation::TargetT => {
            let t = opts.target.as_ref().ok_or_else(|| {
                EfaError::InvalidOption("target rotation needs a target pattern".into())
            })?;
            if t.shape() != a.shape() {
                return Err(EfaError::InvalidOption(format!(
                    "the target is {} × {} but the loadings are {} × {}",
                    t.nrows(),
                    t.ncols(),
                    a.nrows(),
                    a.ncols()
                )));
            }
            Criterion::Target {
                target: t.map(|v| if v.is_nan() { 0.0 } else { v }),
                weight: t.map(|v| if v.is_nan() { 0.0 } else { 1.0 }),
            }
        }
        // varimax and promax do not use gradient projection
        Rotation::None | Rotation::Varimax | Rotation::Promax => {
            return Err(EfaError::InvalidOption(format!(
                "{rotation} is not a gradient projection rotation"
            )));
        }
    })
}

/// Signs each factor to a positive column sum, then orders factors by decreasing sum of
/// squared pattern loadings, permuting `Φ` alike (psych::fa).
pub fn sort_and_sign(pattern: &mut DMatrix<f64>, phi: &mut DMatrix<f64>) {
    sign_and_sort(pattern, phi, true);
}

fn sign_and_sort(pattern: &mut DMatrix<f64>, phi: &mut DMatrix<f64>, reorder: bool) {
    let k = pattern.ncols();
    for f in 0..k {
        if pattern.column(f).sum() < 0.0 {
            pattern.column_mut(f).neg_mut();
            phi.column_mut(f).neg_mut();
            phi.row_mut(f).neg_mut();
        }
    }
    if !reorder {
        return;
    }
    let ss: Vec<f64> = pattern.column_iter().map(|c| c.norm_squared()).collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| ss[y].total_cmp(&ss[x]));
    *pattern = pattern.select_columns(&order);
    *phi = phi.select_columns(&order).select_rows(&order);
}
