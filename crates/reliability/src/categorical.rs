//! Categorical omega (Green & Yang 2009): the reliability of the observed sum score of ordinal
//! items under a factor model of their latent responses, and the one-factor WLSMV fit it is
//! computed from.

use nalgebra::DMatrix;
use psym_model::{ModelOptions, Op, build, factor_model};
use psym_sem::fit_wlsmv;
use psym_stats::bvn::{bvn_cdf, norm_cdf};
use psym_stats::categories::observed_categories;
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_stats::{MissingPolicy, Subject};

use crate::ordinal::CategoricalFit;
use crate::warning::warning;
use crate::{Warning, WarningKind};

/// Categorical omega from the common (true-score) part of the latent-response correlations,
/// the thresholds and the latent-response correlations of the denominator.
///
/// The sum score `X = Σ_j x_j` of items scored 0, 1, …, K_j − 1 (the number of thresholds a
/// latent response y*_j exceeds) has covariances
/// `Cov(x_j, x_k) = Σ_c Σ_c' Φ₂(τ_jc, τ_kc'; ρ_jk) − (Σ_c Φ(τ_jc)) (Σ_c' Φ(τ_kc'))`.
/// Categorical omega is the share of `Var X` due to the common factors:
/// `ω = Σ_jk [Σ_cc' Φ₂(τ_jc, τ_kc'; t_jk) − Σ_c Φ(τ_jc) Σ_c' Φ(τ_kc')] /
///      Σ_jk [Σ_cc' Φ₂(τ_jc, τ_kc'; r_jk) − Σ_c Φ(τ_jc) Σ_c' Φ(τ_kc')]`,
/// with `t = ΛΦΛᵀ` (diagonal `λ_j²ψ`, not 1) and `r` the latent-response correlations of the
/// denominator (unit diagonal). Source: Green & Yang (2009), eq. 21; semTools 0.5-6
/// `compRelSEM(ord.scale = TRUE)` (its `omegaCat`, delta parameterisation, `obs.var = TRUE`: `r`
/// is the sample polychoric matrix).
///
/// `common` and `denominator` are p × p; `thresholds[j]` are item j's thresholds. A
/// correlation of 1 (the denominator's diagonal) gives `Φ₂(s, t; 1) = Φ(min(s, t))`.
pub fn categorical_omega(
    common: &DMatrix<f64>,
    denominator: &DMatrix<f64>,
    thresholds: &[Vec<f64>],
) -> f64 {
    let p = thresholds.len();
    let marginal: Vec<f64> = thresholds
        .iter()
        .map(|t| t.iter().map(|&v| norm_cdf(v)).sum())
        .collect();
    let joint = |j: usize, k: usize, rho: f64| -> f64 {
        let mut s = 0.0;
        for &a in &thresholds[j] {
            for &b in &thresholds[k] {
                s += cdf2(a, b, rho);
            }
        }
        s - marginal[j] * marginal[k]
    };
    let (mut num, mut den) = (0.0, 0.0);
    for j in 0..p {
        for k in 0..p {
            num += joint(j, k, common[(j, k)]);
            den += joint(j, k, denominator[(j, k)]);
        }
    }
    num / den
}

/// `Φ₂(s, t; ρ)`, with the limits `ρ = ±1` in closed form.
fn cdf2(s: f64, t: f64, rho: f64) -> f64 {
    if rho >= 1.0 {
        norm_cdf(s.min(t))
    } else if rho <= -1.0 {
        (norm_cdf(s) + norm_cdf(t) - 1.0).max(0.0)
    } else {
        bvn_cdf(s, t, rho)
    }
}

/// Categorical omega from the one-factor WLSMV fit of the complete rows of `x` (the active
/// items), or `None` with a warning saying why it is missing.
pub(crate) fn from_wlsmv_fit(
    items: &[String],
    active: &[usize],
    x: &DMatrix<f64>,
    warnings: &mut Vec<Warning>,
) -> Option<(f64, CategoricalFit)> {
    let mut unavailable = |why: String| {
        warnings.push(warning(
            WarningKind::OmegaTrouble,
            Subject::Whole,
            format!("categorical omega is not available: {why}"),
        ));
        None
    };
    if active.len() < 3 {
        return unavailable("a one-factor model needs at least three items".into());
    }
    let names: Vec<String> = active.iter().map(|&j| items[j].clone()).collect();
    let factor = (0..)
        .map(|i| format!("f{i}"))
        .find(|f| !names.contains(f))
        .unwrap_or_default();
    // an item's thresholds: its categories in the complete rows, less one (x holds the
    // active items' columns)
    let used = observed_categories(x, MissingPolicy::Listwise);
    let options = ModelOptions {
        std_lv: true,
        ordered: (names.iter().cloned())
            .zip(used.iter().map(|k| k.saturating_sub(1)))
            .collect(),
        ..ModelOptions::default()
    };
    let table = match build(&factor_model(&[(factor.clone(), names.clone())]), &options) {
        Ok(t) => t,
        Err(e) => return unavailable(e.to_string()),
    };
    // the data's columns in the table's order of observed variables
    let order: Vec<usize> = table
        .observed
        .iter()
        .filter_map(|v| names.iter().position(|n| n == v))
        .collect();
    let xo = x.select_columns(&order);
    let fit = match fit_wlsmv(&table, std::slice::from_ref(&xo)) {
        Ok(f) => f,
        Err(e) => return unavailable(e.to_string()),
    };
    let sample = match polychoric(&xo, &PolychoricOptions::LAVAAN) {
        Ok(s) => s,
        Err(e) => return unavailable(e.to_string()),
    };
    let param = |op: &str, lhs: &str, rhs: &str| {
        fit.parameters
            .iter()
            .find(|e| e.op == op && e.lhs == lhs && e.rhs == rhs)
            .map(|e| e.est)
    };
    let loadings: Vec<f64> = (table.observed.iter())
        .map(|v| param(&Op::Measure.to_string(), &factor, v).unwrap_or(f64::NAN))
        .collect();
    let psi = param(&Op::Covary.to_string(), &factor, &factor).unwrap_or(1.0);
    let q = loadings.len();
    let common = DMatrix::from_fn(q, q, |a, b| loadings[a] * loadings[b] * psi);
    let omega = categorical_omega(&common, &sample.matrix, &sample.thresholds);
    if !fit.converged {
        warnings.push(warning(
            WarningKind::OmegaTrouble,
            Subject::Whole,
            "the one-factor WLSMV fit behind categorical omega did not converge; treat it with \
             caution"
                .into(),
        ));
    }
    // back to the scale's item order
    let by_item: Vec<f64> = names
        .iter()
        .map(|n| {
            let k = table.observed.iter().position(|v| v == n).unwrap_or(0);
            loadings[k] * psi.sqrt()
        })
        .collect();
    Some((
        omega,
        CategoricalFit {
            n: fit.n,
            converged: fit.converged,
            loadings: by_item,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    /// Source: closed form. Binary items with thresholds 0 and latent correlation ρ have
    /// `Cov(x_j, x_k) = Φ₂(0, 0; ρ) − ¼ = asin(ρ) / 2π` and `Var x_j = ¼`, so with a common
    /// part `t = λ²` off and on the diagonal, two items give
    /// `ω = (2·asin(λ²)/2π + 2·asin(λ²)/2π) / (2·¼ + 2·asin(r)/2π)`.
    #[test]
    fn binary_items_at_zero_thresholds_match_the_arcsine_law() {
        let (l2, r): (f64, f64) = (0.36, 0.4);
        let common = DMatrix::from_element(2, 2, l2);
        let denominator = DMatrix::from_row_slice(2, 2, &[1.0, r, r, 1.0]);
        let th = vec![vec![0.0], vec![0.0]];
        let tau = std::f64::consts::TAU;
        let want = (4.0 * l2.asin() / tau) / (0.5 + 2.0 * r.asin() / tau);
        let got = categorical_omega(&common, &denominator, &th);
        assert!((got - want).abs() < CLOSED_FORM, "{got} vs {want}");
    }
}
