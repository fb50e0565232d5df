//! lavaan's robust CFI, TLI and RMSEA of an ordinal (WLSMV, ULSMV) fit: [`OrdinalRobust`]
//! (lavaan 0.6-14's `cfi.robust`, `tli.robust`, `rmsea.robust` and its interval and p values,
//! `lav_fit_catml_dwls`; Savalei 2021).
//!
//! The fit's correlations are judged by the normal-theory ML discrepancy ("catML") instead of
//! the DWLS one, at the DWLS estimates (lavaan does not refit when every item is ordered). Per
//! group g with the polychoric matrix R_g, the implied correlation matrix P_g (unit diagonal,
//! off-diagonal the fitted `ρ*`), n_g rows and p items:
//!
//! - `T₃ = Σ_g n_g (ln|P_g| + tr(R_g P_g⁻¹) − ln|R_g| − p)` on `df₃ = Σ_g p(p−1)/2 − (q − q_τ)`
//!   df (q free parameters, q_τ of them thresholds); the baseline `T₃₀ = −Σ_g n_g ln|R_g|` on
//!   `df₃₀ = Σ_g p(p−1)/2`;
//! - on the correlation rows of the stacked statistics (Δ_ρ, `W_ρ = f_g W_g`, `Γ_ρ = Γ_g/f_g`,
//!   `f_g = n_g/N`), with `E⁻¹ = (ΔᵀVΔ)⁻¹` the DWLS (ULS) information inverted over all
//!   statistics and `V_ML = blockdiag(f_g V_g)`, `(V_g)_{ab,cd} = s_ac s_bd + s_ad s_bc`
//!   (s = P_g⁻¹, the expected ML information of the correlations):
//!   `U = I − Δ_ρ E⁻¹ Δ_ρᵀ W_ρ`, `ĉ = tr(Uᵀ V_ML U Γ_ρ)/df₃`, `ĉ₀ = tr(Γ_ρ)/df₃₀`;
//! - `CFI = 1 − max(T₃ − ĉ df, 0) / max(T₃ − ĉ df, T₃₀ − ĉ₀ df₀, 0)`,
//!   `TLI = 1 − (T₃ − ĉ df) df₀ / ((T₃₀ − ĉ₀ df₀) df)` (df, df₀ the DWLS model's and
//!   baseline's), `RMSEA = √(max(T₃/(N′ df₃) − ĉ/N′, 0)) · √G` with `N′ = N − G`; its 90%
//!   interval and the p values of close (0.05) and not-close (0.08) fit from the noncentral χ²
//!   of `T₃/ĉ` on df₃ with sample size `N′/ĉ` (`lav_fit_rmsea_ci`, `lav_fit_rmsea_closefit`).
//!
//! Where lavaan 0.6-14 gives `NA`, so does psym, with the reason ([`RobustAbsent`]): a
//! polychoric matrix that is not positive definite (an eigenvalue below √ε, `cat.check.pd`),
//! and a model whose thresholds are constrained (equal across groups or by label): lavaan's
//! catML table drops the thresholds but keeps their equality constraints and fails. DWLS has no
//! scaled test and so no robust measures either.

use nalgebra::{DMatrix, DVector};
use psym_model::{Op, ParTable};
use psym_stats::noncentral::chisq_cdf;
use serde::Serialize;

use crate::measures;
use crate::ordinal_robust::Stacked;

/// lavaan's robust fit measures of an ordinal fit (module docs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalRobust {
    /// `T₃`, the catML statistic at the DWLS estimates (lavaan's `XX3`).
    pub chisq: f64,
    /// `df₃`.
    pub df: f64,
    /// `ĉ = tr(Uᵀ V_ML U Γ_ρ)/df₃` (lavaan's `c.hat3`).
    pub scaling_factor: f64,
    /// The baseline's `T₃₀ = −Σ_g n_g ln|R_g|`.
    pub baseline_chisq: f64,
    /// `ĉ₀ = tr(Γ_ρ)/df₃₀`.
    pub baseline_scaling_factor: f64,
    /// Robust CFI.
    pub cfi: f64,
    /// Robust TLI.
    pub tli: f64,
    /// Robust RMSEA.
    pub rmsea: f64,
    /// Lower limit of its 90% confidence interval.
    pub rmsea_ci_lower: f64,
    /// Upper limit.
    pub rmsea_ci_upper: f64,
    /// p value of `H0: RMSEA ≤ 0.05`.
    pub rmsea_pvalue: f64,
    /// p value of `H0: RMSEA ≥ 0.08`.
    pub rmsea_notclose_pvalue: f64,
}

/// Why an ordinal fit has no robust measures (lavaan's `NA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RobustAbsent {
    /// DWLS: no scaled test.
    NoScaledTest,
    /// Some thresholds are constrained (lavaan 0.6-14's catML refit fails).
    ConstrainedThresholds,
    /// A group's polychoric matrix is not positive definite.
    NotPositiveDefinite,
    /// The model has no degrees of freedom, or the computation broke down.
    Undefined,
}

impl std::fmt::Display for RobustAbsent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RobustAbsent::NoScaledTest => "dwls has no scaled test, so no robust measures",
            RobustAbsent::ConstrainedThresholds => {
                "no robust measures with constrained thresholds (lavaan 0.6-14 gives NA too)"
            }
            RobustAbsent::NotPositiveDefinite => {
                "no robust measures: a polychoric correlation matrix is not positive definite"
            }
            RobustAbsent::Undefined => "no robust measures: they are not defined for this fit",
        })
    }
}

/// One group's inputs: the polychoric matrix, the residual correlations `ρ̂ − ρ*` in the order
/// of the statistics, the group's rows, and the number of thresholds before the correlations in
/// its block of the stacked statistics.
pub(crate) struct CatmlGroup<'a> {
    pub sample: &'a DMatrix<f64>,
    pub residuals: DVector<f64>,
    pub n: f64,
    pub thresholds: usize,
}

/// The DWLS model's and baseline's degrees of freedom.
pub(crate) struct Dfs {
    pub model: f64,
    pub baseline: f64,
}

/// Whether a threshold of `table` shares its free parameter with another row.
fn thresholds_constrained(table: &ParTable) -> bool {
    let mut count = vec![0usize; table.n_free];
    for k in table.rows.iter().filter_map(|r| r.free) {
        count[k] += 1;
    }
    (table.rows.iter())
        .filter(|r| r.op == Op::Threshold)
        .any(|r| r.free.is_some_and(|k| count[k] > 1))
}

/// Number of distinct free parameters that are thresholds.
fn free_thresholds(table: &ParTable) -> usize {
    let mut seen = vec![false; table.n_free];
    for r in table.rows.iter().filter(|r| r.op == Op::Threshold) {
        if let Some(k) = r.free {
            seen[k] = true;
        }
    }
    seen.into_iter().filter(|&s| s).count()
}

/// The expected ML information of the correlations of P (module docs), pairs as `pairs`.
fn ml_weight(p_inv: &DMatrix<f64>, pairs: &[(usize, usize)]) -> DMatrix<f64> {
    let s = |i: usize, j: usize| p_inv[(i, j)];
    DMatrix::from_fn(pairs.len(), pairs.len(), |i, j| {
        let ((a, b), (c, d)) = (pairs[i], pairs[j]);
        s(a, c) * s(b, d) + s(a, d) * s(b, c)
    })
}

/// lavaan's robust measures of an ordinal fit of `table` (module docs); `pairs` the order of
/// the correlations, `stacked` the fit's stacked Δ, V and Γ.
pub(crate) fn robust_measures(
    table: &ParTable,
    groups: &[CatmlGroup],
    pairs: &[(usize, usize)],
    stacked: &Stacked,
    dfs: &Dfs,
) -> Result<OrdinalRobust, RobustAbsent> {
    if thresholds_constrained(table) {
        return Err(RobustAbsent::ConstrainedThresholds);
    }
    let p = table.observed.len();
    let k = pairs.len();
    let rows: usize = k * groups.len();
    let n: f64 = groups.iter().map(|g| g.n).sum();
    let (mut t3, mut t30) = (0.0, 0.0);
    let mut v_ml = DMatrix::zeros(rows, rows);
    let mut index = Vec::with_capacity(rows);
    let mut offset = 0;
    for (i, g) in groups.iter().enumerate() {
        let min_eigen = g.sample.clone().symmetric_eigenvalues().min();
        if min_eigen.is_nan() || min_eigen < f64::EPSILON.sqrt() {
            return Err(RobustAbsent::NotPositiveDefinite);
        }
        let mut implied = g.sample.clone();
        for (&(a, b), r) in pairs.iter().zip(g.residuals.iter()) {
            implied[(a, b)] -= r;
            implied[(b, a)] -= r;
        }
        let chol_r = g
            .sample
            .clone()
            .cholesky()
            .ok_or(RobustAbsent::NotPositiveDefinite)?;
        let chol_p = implied.cholesky().ok_or(RobustAbsent::Undefined)?;
        let ln_det = |l: &DMatrix<f64>| 2.0 * l.diagonal().map(f64::ln).sum();
        let (ln_r, ln_p) = (ln_det(&chol_r.l()), ln_det(&chol_p.l()));
        let p_inv = chol_p.inverse();
        let trace = (g.sample * &p_inv).trace();
        t3 += g.n * (ln_p + trace - ln_r - p as f64);
        t30 -= g.n * ln_r;
        let f = g.n / n;
        (v_ml.view_mut((i * k, i * k), (k, k))).copy_from(&(ml_weight(&p_inv, pairs) * f));
        index.extend(offset + g.thresholds..offset + g.thresholds + k);
        offset += g.thresholds + k;
    }
    let df3 = rows as f64 - (table.n_free - free_thresholds(table)) as f64;
    let df30 = rows as f64;
    if df3 <= 0.0 {
        return Err(RobustAbsent::Undefined);
    }
    let e_inv = stacked
        .bread(&stacked.delta)
        .ok_or(RobustAbsent::Undefined)?;
    let delta = stacked.delta.select_rows(&index);
    let w = DMatrix::from_diagonal(&stacked.v.select_rows(&index));
    let gamma = stacked.gamma.select_rows(&index).select_columns(&index);
    let u = DMatrix::identity(rows, rows) - &delta * e_inv * delta.transpose() * w;
    let c = (u.transpose() * v_ml * &u * &gamma).trace() / df3;
    let c0 = gamma.trace() / df30;
    let groups_f = groups.len() as f64;
    let n_rmsea = n - groups_f;
    let scaled = t3 / c;
    let (lower, upper) = measures::rmsea_ci(scaled, df3, n_rmsea / c, groups_f);
    let ncp = |h0: f64| n_rmsea * df3 / c * h0 * h0 / groups_f;
    Ok(OrdinalRobust {
        chisq: t3,
        df: df3,
        scaling_factor: c,
        baseline_chisq: t30,
        baseline_scaling_factor: c0,
        // lavaan's `lav_fit_cfi` with `c.hat`: the CFI of T₃ on ĉ·df against T₃₀ on ĉ₀·df₀
        cfi: measures::cfi(t3, c * dfs.model, t30, c0 * dfs.baseline),
        tli: tli(t3 - c * dfs.model, t30 - c0 * dfs.baseline, dfs),
        rmsea: ((t3 / (n_rmsea * df3) - c / n_rmsea).max(0.0) * groups_f).sqrt(),
        rmsea_ci_lower: lower,
        rmsea_ci_upper: upper,
        rmsea_pvalue: measures::rmsea_pclose(scaled, df3, n_rmsea / c, groups_f),
        rmsea_notclose_pvalue: chisq_cdf(scaled, df3, ncp(0.08)),
    })
}

/// TLI from the model's and the baseline's excess over their expectation,
/// `d = T₃ − ĉ df` and `d₀ = T₃₀ − ĉ₀ df₀` (lavaan's `lav_fit_tli` with `c.hat`):
/// `1 − d df₀ / (d₀ df)`, 1 when `d₀` is 0.
fn tli(d: f64, d0: f64, dfs: &Dfs) -> f64 {
    let t2 = d0 * dfs.model;
    if t2 == 0.0 {
        1.0
    } else {
        1.0 - d * dfs.baseline / t2
    }
}
