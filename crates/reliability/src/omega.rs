//! McDonald's omega as psych::omega computes it: omega total from a one-factor minres model,
//! and omega hierarchical / omega total from a Schmid–Leiman transformation of an
//! oblimin-rotated minres solution.
//!
//! Both use psych's definition of omega total, `ω_t = (1'R1 − Σ u²_j) / 1'R1`: the share of
//! the variance of the (standardized, keyed) total score that is not unique variance, with
//! `1'R1` the *observed* total variance and `u²_j = 1 − h²_j` the uniquenesses of the fitted
//! model. The factor models come from psym-efa ([`psym_efa::minres`], [`psym_efa::rotate()`]).

use nalgebra::{DMatrix, DVector};
use psym_efa::{EfaError, Normalization, Rotation, RotationOptions, minres, rotate};
use serde::Serialize;

/// Communality at or above which a loading is a Heywood case (minres bounds uniquenesses at
/// 0.005, psych's lower bound).
const HEYWOOD: f64 = 0.995;

/// Omega total from a one-factor model (psych::omega with `nfactors = 1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmegaOneFactor {
    /// The model behind it, in words.
    pub model: &'static str,
    /// `ω_t = (1'R1 − Σ(1 − λ_j²)) / 1'R1` on the correlation matrix with items signed by
    /// their loadings (psych `omega.tot`).
    pub omega_total: f64,
    /// Standardized loadings of the one factor.
    pub loadings: Vec<f64>,
    /// Whether the minres optimisation converged.
    pub converged: bool,
    /// Items with a communality at or above 0.995.
    pub heywood: Vec<usize>,
}

/// Omega hierarchical and omega total of a multidimensional scale from a Schmid–Leiman
/// solution (psych::omega with `nfactors = group_factors`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmegaHierarchical {
    /// The model behind it, in words.
    pub model: String,
    /// Number of group factors.
    pub group_factors: usize,
    /// `ω_h = (Σ g_j)² / 1'R1`, with `g` the general-factor loadings (psych `omega_h`).
    pub omega_h: f64,
    /// `ω_t = (1'R1 − Σ(1 − h²_j)) / 1'R1` with the communalities of the group-factor model.
    pub omega_total: f64,
    /// `(Σ g_j)² / (1'R1 − Σ u²_j)`: omega hierarchical of an infinitely long test
    /// (psych `omega.lim`).
    pub omega_limit: f64,
    /// General-factor loadings, signed as the items are keyed for the sums.
    pub general_loadings: Vec<f64>,
    /// Correlations of the oblimin group factors.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub phi: DMatrix<f64>,
    /// Whether the factor extractions and the rotation converged.
    pub converged: bool,
    /// Items with a communality at or above 0.995.
    pub heywood: Vec<usize>,
}

/// Omega total of the correlation matrix `r` from a one-factor minres model.
///
/// Items with a negative loading are reflected (their rows and columns of `r` change sign)
/// before summing, as psych::omega does with `flip = TRUE`.
///
/// # Errors
/// Those of [`psym_efa::minres`] (a matrix with missing entries, fewer than two items).
pub fn omega_one_factor(r: &DMatrix<f64>) -> Result<OmegaOneFactor, EfaError> {
    let fit = minres(r, 1)?;
    let loadings: Vec<f64> = fit.loadings.column(0).iter().copied().collect();
    let h2 = fit.communalities();
    Ok(OmegaOneFactor {
        model: "one-factor minres model of the correlations (psych::omega, nfactors = 1)",
        omega_total: omega_total(r, &loadings, &h2),
        heywood: heywood(&h2),
        loadings,
        converged: fit.converged,
    })
}

/// Omega hierarchical and total from a Schmid–Leiman transformation with `k ≥ 2` group
/// factors, reproducing psych::schmid and psych::omega (psych 2.2.9):
///
/// 1. minres with `k` factors, varimax (Kaiser-normalised, as `stats::varimax`), then oblimin
///    (quartimin, no normalisation, as `GPArotation::oblimin`) giving pattern `P` and factor
///    correlations `Φ`;
/// 2. general-factor loadings of the group factors `γ`: a one-factor minres fit of `Φ` when
///    `k ≥ 3`; `γ = (√|φ₁₂|, sign(φ₁₂)√|φ₁₂|)` when `k = 2` (psych's `option = "equal"`,
///    an assumption: two group factors do not identify a general factor);
/// 3. item loadings on the general factor `g = P γ`; items with `g_j < 0` are reflected;
/// 4. `ω_h = (Σ g_j)² / 1'R1`, `ω_t = (1'R1 − Σ(1 − h²_j)) / 1'R1`, `h²` the communalities
///    of the `k`-factor model.
///
/// # Errors
/// Those of [`psym_efa::minres`] and [`psym_efa::rotate()`] (too many factors for the items, a
/// rotation breaking down).
pub fn omega_hierarchical(r: &DMatrix<f64>, k: usize) -> Result<OmegaHierarchical, EfaError> {
    if k < 2 {
        return Err(EfaError::InvalidOption(format!(
            "omega hierarchical needs at least two group factors, not {k}"
        )));
    }
    let fit = minres(r, k)?;
    let psych_varimax = RotationOptions {
        normalization: Normalization::Kaiser,
        ..RotationOptions::default()
    };
    let orth = rotate(&fit.loadings, Rotation::Varimax, &psych_varimax)?;
    let gpa_plain = RotationOptions {
        normalization: Normalization::None,
        ..RotationOptions::default()
    };
    let obl = rotate(&orth.pattern, Rotation::Oblimin, &gpa_plain)?;
    let (gamma, gamma_converged) = if k >= 3 {
        let g = minres(&obl.phi, 1)?;
        (g.loadings.column(0).into_owned(), g.converged)
    } else {
        let phi = obl.phi[(0, 1)];
        let root = phi.abs().sqrt();
        (DVector::from_vec(vec![root, phi.signum() * root]), true)
    };
    let g: Vec<f64> = (&obl.pattern * gamma).iter().copied().collect();
    let h2 = fit.communalities();
    let vt = reflected_sum(r, &g);
    let unique: f64 = h2.iter().map(|h| 1.0 - h).sum();
    let gsum: f64 = g.iter().map(|v| v.abs()).sum();
    Ok(OmegaHierarchical {
        model: format!(
            "Schmid-Leiman: {k} oblimin minres group factors and a general factor \
             (psych::omega, nfactors = {k})"
        ),
        group_factors: k,
        omega_h: gsum * gsum / vt,
        omega_total: (vt - unique) / vt,
        omega_limit: gsum * gsum / (vt - unique),
        general_loadings: g.iter().map(|v| v.abs()).collect(),
        phi: obl.phi,
        converged: fit.converged && orth.converged && obl.converged && gamma_converged,
        heywood: heywood(&h2),
    })
}

/// psych's omega total: `(1'DRD1 − Σ(1 − h²)) / 1'DRD1`, `D` the signs of `loadings`.
fn omega_total(r: &DMatrix<f64>, loadings: &[f64], h2: &DVector<f64>) -> f64 {
    let vt = reflected_sum(r, loadings);
    (vt - h2.iter().map(|h| 1.0 - h).sum::<f64>()) / vt
}

/// `1'DRD1` with `D = diag(sign(v))` (a zero counts as positive).
fn reflected_sum(r: &DMatrix<f64>, v: &[f64]) -> f64 {
    let s: Vec<f64> = v
        .iter()
        .map(|x| if *x < 0.0 { -1.0 } else { 1.0 })
        .collect();
    let p = r.nrows();
    (0..p)
        .flat_map(|i| (0..p).map(move |j| (i, j)))
        .map(|(i, j)| s[i] * s[j] * r[(i, j)])
        .sum()
}

fn heywood(h2: &DVector<f64>) -> Vec<usize> {
    (0..h2.len()).filter(|&j| h2[j] >= HEYWOOD).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// Optimiser tolerance: minres stops at a gradient of 1e-9.
    const FIT: f64 = 1e-6;

    /// Source: closed form. With tau-equivalent items (equal loadings λ) omega total equals
    /// alpha (McDonald 1999): both are pλ² / (pλ² + (1 − λ²)) · … = pρ/(1 + (p−1)ρ), ρ = λ².
    #[test]
    fn omega_equals_alpha_for_tau_equivalent_items() {
        let lambda: f64 = 0.7;
        let rho = lambda * lambda;
        let r = DMatrix::from_fn(5, 5, |i, j| if i == j { 1.0 } else { rho });
        let om = omega_one_factor(&r).unwrap();
        let alpha = 5.0 * rho / (1.0 + 4.0 * rho);
        assert_abs_diff_eq!(om.omega_total, alpha, epsilon = FIT);
        assert_abs_diff_eq!(om.loadings[0], lambda, epsilon = FIT);
    }

    /// A negatively loading item is reflected: omega is unchanged when an item is reversed.
    #[test]
    fn reversing_an_item_leaves_omega_unchanged() {
        let l = [0.8, 0.7, 0.6, 0.5];
        let r = DMatrix::from_fn(4, 4, |i, j| if i == j { 1.0 } else { l[i] * l[j] });
        let mut flipped = r.clone();
        flipped.row_mut(2).neg_mut();
        flipped.column_mut(2).neg_mut();
        let (a, b) = (
            omega_one_factor(&r).unwrap(),
            omega_one_factor(&flipped).unwrap(),
        );
        assert_abs_diff_eq!(a.omega_total, b.omega_total, epsilon = FIT);
        assert!(omega_hierarchical(&r, 1).is_err());
    }
}
