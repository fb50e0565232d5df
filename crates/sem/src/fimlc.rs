//! Robust RMSEA, CFI and TLI after FIML with missing data: the "FIML-C" correction of
//! Zhang & Savalei (2022, *Psychological Methods*), version V3, as lavaan ≥ 0.6-13 computes it.
//!
//! With the saturated (EM/ML) moments Σ̃, μ̃ treated as complete-data statistics:
//! - `T₃ = Σ_g n_g [log|Σ̂| + tr(S̃Σ̂⁻¹) − log|S̃| − p + (μ̃ − μ̂)ᵀΣ̂⁻¹(μ̃ − μ̂)]`, the complete-data
//!   statistic at the FIML estimates;
//! - in the saturated parameterisation (means and covariances): W_m the observed information
//!   of the saturated FIML model, J_m the outer product of its casewise scores, W_c the
//!   complete-data normal information at Σ̃, Γ = W_m⁻¹J_mW_m⁻¹, Δ the Jacobian of the model's
//!   moments and E = ΔᵀW_mΔ the model's information built on W_m (lavaan's
//!   `observed.information = "h1"`, `h1.information = "unstructured"`);
//! - `U = W_m − W_mΔE⁻¹ΔᵀW_m`, `k = tr(U W_m⁻¹ W_c W_m⁻¹ U Γ)`, `ĉ₃ = k / df`.
//!
//! The baseline model gets the same with its own Δ and E. The robust indices then use
//! (T₃, ĉ₃) in place of (χ², c): `RMSEA = √(max(T₃ − ĉ₃ df, 0)/(N df))`, and likewise CFI/TLI.

use nalgebra::DMatrix;
use psym_model::{Layout, Matrix, ParTable};

use crate::discrepancy::{Discrepancy, State};
use crate::fitstats::{Aux, Saturated};
use crate::implied::Implied;
use crate::information;
use crate::normal::NormalMl;

/// The corrected statistics of the model and of the baseline model.
pub(crate) struct Corrected {
    pub stat: f64,
    pub c: f64,
    pub stat_null: f64,
    pub c_null: f64,
}

/// Δ: derivatives of the saturated parameters (covariances and means per group) with respect
/// to the parameters of a model, from that model's Jacobian.
pub(crate) fn delta(
    sat: &ParTable,
    jac: &[Vec<(DMatrix<f64>, nalgebra::DVector<f64>)>],
    q: usize,
) -> DMatrix<f64> {
    let layout = Layout::new(sat);
    let mut d = DMatrix::zeros(sat.n_free, q);
    for (r, s) in sat.rows.iter().zip(&layout.slots) {
        let (Some(a), Some(jg)) = (r.free, jac.get(r.group - 1)) else {
            continue;
        };
        for (k, (ds, dm)) in jg.iter().enumerate() {
            d[(a, k)] = match s.matrix {
                Matrix::Nu => dm[s.row],
                _ => ds[(s.row, s.col)],
            };
        }
    }
    d
}

/// `Σ_g n_g F_ML(Σ̃_g, μ̃_g; Σ̂_g, μ̂_g)` with the complete-data ML discrepancy.
fn complete_stat(implied: &[Implied], h1: &Saturated) -> Option<f64> {
    let mut t = 0.0;
    for (imp, ((mean, cov), sample)) in implied.iter().zip(h1.moments.iter().zip(h1.aux.samples)) {
        let p = cov.nrows() as f64;
        let (inv, logdet) = psym_stats::linalg::inverse_and_log_det(imp.sigma.clone())?;
        let logdet_s = psym_stats::linalg::log_det_spd(cov, "saturated").ok()?;
        let d = mean - &imp.mu;
        t += sample.n as f64 * (logdet + inv.dot(cov) - logdet_s - p + d.dot(&(&inv * &d)));
    }
    Some(t)
}

/// `k = tr(U W_m⁻¹ W_c W_m⁻¹ U Γ)` for a model with Jacobian Δ.
fn trace_k(
    wm: &DMatrix<f64>,
    wm_inv: &DMatrix<f64>,
    wc: &DMatrix<f64>,
    gamma: &DMatrix<f64>,
    delta: &DMatrix<f64>,
) -> Option<f64> {
    let wd = wm * delta;
    let e_inv = (delta.transpose() * &wd).try_inverse()?;
    let u = wm - &wd * e_inv * wd.transpose();
    let m = wm_inv * wc * wm_inv;
    Some((&u * m * &u * gamma).trace())
}

/// The FIML-corrected statistics, or `None` when a matrix cannot be inverted.
pub(crate) fn fiml_corrected(
    problem: &NormalMl,
    state: &State,
    h1: &Saturated,
    base: &Aux,
    dfs: (f64, f64),
) -> Option<Corrected> {
    let sat = NormalMl::new(&h1.aux.table, h1.aux.samples);
    let sat_state = sat.state(&h1.aux.theta)?;
    let wm = information::observed(&sat, &h1.aux.theta)?;
    let wc = sat.expected_information(&sat_state)?;
    let scores = information::scores(&sat, &sat_state)?;
    let jm = scores.tr_mul(&scores) / sat.n_total;
    let wm_inv = wm.clone().try_inverse()?;
    let gamma = &wm_inv * jm * &wm_inv;
    let d0 = delta(&h1.aux.table, &state.jac, problem.table.n_free);
    let k0 = trace_k(&wm, &wm_inv, &wc, &gamma, &d0)?;
    let bp = NormalMl::new(&base.table, base.samples);
    let bs = bp.state(&base.theta)?;
    let db = delta(&h1.aux.table, &bs.jac, base.table.n_free);
    let kb = trace_k(&wm, &wm_inv, &wc, &gamma, &db)?;
    Some(Corrected {
        stat: complete_stat(&state.implied, h1)?,
        c: k0 / dfs.0,
        stat_null: complete_stat(&bs.implied, h1)?,
        c_null: kb / dfs.1,
    })
}
