//! Modification indices and expected parameter changes (Sörbom 1989), and residual
//! correlations.
//!
//! Candidates are the parameters lavaan's `modindices()` considers for a factor model: every
//! loading of a factor on an observed variable that is not in the model, and every residual
//! covariance between two observed variables that is not in the model. For a candidate j,
//! with the per-observation expected information I of (θ, j) at the estimates and
//! g_j = ∂f/∂θ_j (f = −ℓ/N):
//! `V = I_jj − I_jθ I_θθ⁻¹ I_θj`, `MI = N g_j² / V`, `EPC = −g_j / V`.
//! Standardized EPCs (`sepc_all`) scale as the standardized solution does.

use nalgebra::DMatrix;
use psym_model::{Op, Origin, ParRow, ParTable};
use serde::Serialize;

use crate::discrepancy::Discrepancy;
use crate::information::expected_patterns;
use crate::normal::NormalMl;
use crate::options::Missing;
use crate::result::{CfaFit, GroupMoments};

/// One modification index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModIndex {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator (`=~` or `~~`).
    pub op: Op,
    /// Right-hand variable.
    pub rhs: String,
    /// Group (1-based).
    pub group: usize,
    /// Modification index: expected drop in χ² when the parameter is freed.
    pub mi: f64,
    /// Expected parameter change.
    pub epc: f64,
    /// EPC in the completely standardized metric.
    pub sepc_all: f64,
}

fn candidates(table: &ParTable) -> Vec<ParRow> {
    let exists = |l: &str, op: Op, r: &str, g: usize| {
        table.rows.iter().any(|x| {
            x.group == g
                && x.op == op
                && ((x.lhs == l && x.rhs == r) || (op == Op::Covary && x.lhs == r && x.rhs == l))
        })
    };
    let row = |l: &str, op: Op, r: &str, g: usize| ParRow {
        lhs: l.into(),
        op,
        rhs: r.into(),
        group: g,
        free: None,
        value: 0.0,
        label: String::new(),
        origin: Origin::Default,
    };
    let mut out = Vec::new();
    for g in 1..=table.groups {
        for f in &table.latent {
            for v in &table.observed {
                if !exists(f, Op::Measure, v, g) {
                    out.push(row(f, Op::Measure, v, g));
                }
            }
        }
        for (i, a) in table.observed.iter().enumerate() {
            for b in &table.observed[i + 1..] {
                if !exists(a, Op::Covary, b, g) {
                    out.push(row(a, Op::Covary, b, g));
                }
            }
        }
    }
    out
}

/// Modification indices of every loading and residual covariance not in the model, in
/// lavaan's order (loadings by factor, then residual covariances), from the fit alone (its
/// parameter table, estimates and sample statistics). Empty when the information matrix at
/// the estimates cannot be formed or inverted.
pub fn modification_indices(fit: &CfaFit) -> Vec<ModIndex> {
    let table = &fit.table;
    let fiml = fit.missing == Missing::Fiml;
    let cands = candidates(table);
    let q = table.n_free;
    let mut ext = table.clone();
    for (c, r) in cands.iter().enumerate() {
        let mut r = r.clone();
        r.free = Some(q + c);
        ext.rows.push(r);
    }
    ext.n_free = q + cands.len();
    let mut theta = fit.theta.clone();
    theta.resize(ext.n_free, 0.0);
    let problem = NormalMl::new(&ext, &fit.samples);
    let Some(state) = problem.state(&theta) else {
        return Vec::new();
    };
    let info = if fiml {
        expected_patterns(&problem, &state)
    } else {
        problem.expected_information(&state)
    };
    let Some(info) = info else {
        return Vec::new();
    };
    let i_tt = info.view((0, 0), (q, q)).clone_owned();
    let Some(i_tt_inv) = i_tt.try_inverse() else {
        return Vec::new();
    };
    let n = problem.n_total;
    cands
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let j = q + c;
            let cross = info.view((j, 0), (1, q)).clone_owned();
            let v = info[(j, j)] - (&cross * &i_tt_inv * cross.transpose())[(0, 0)];
            let g = state.grad[j];
            let epc = -g / v;
            ModIndex {
                lhs: r.lhs.clone(),
                op: r.op,
                rhs: r.rhs.clone(),
                group: r.group,
                mi: n * g * g / v,
                epc,
                sepc_all: standardize_epc(table, fit, r, epc),
            }
        })
        .collect()
}

fn standardize_epc(table: &ParTable, fit: &CfaFit, r: &ParRow, epc: f64) -> f64 {
    let Some(m) = fit.moments.get(r.group.wrapping_sub(1)) else {
        return f64::NAN;
    };
    let ov = |s: &str| table.observed.iter().position(|v| v == s);
    let var_of = |s: &str| {
        fit.parameters
            .iter()
            .find(|p| p.group == r.group && p.op == Op::Covary && p.lhs == s && p.rhs == s)
            .map_or(f64::NAN, |p| p.est)
    };
    match (r.op, ov(&r.rhs)) {
        (Op::Measure, Some(i)) => {
            let phi = latent_variance(fit, r);
            epc * phi.sqrt() / m.implied_cov[(i, i)].sqrt()
        }
        _ => epc / (var_of(&r.lhs) * var_of(&r.rhs)).abs().sqrt(),
    }
}

/// The implied variance of the latent variable on the left of `r`, recovered from a
/// standardized loading already in the model.
fn latent_variance(fit: &CfaFit, r: &ParRow) -> f64 {
    fit.parameters
        .iter()
        .find(|p| p.group == r.group && p.op == Op::Measure && p.lhs == r.lhs && p.est != 0.0)
        .map_or(f64::NAN, |p| (p.std_lv / p.est).powi(2))
}

/// Residual correlations (lavaan's `resid(fit, type = "cor")`, Bollen's definition):
/// `s_ij/√(s_ii s_jj) − σ_ij/√(σ_ii σ_jj)`.
pub fn residual_correlations(m: &GroupMoments) -> DMatrix<f64> {
    let p = m.sample_cov.nrows();
    let s = |i: usize, j: usize| {
        m.sample_cov[(i, j)] / (m.sample_cov[(i, i)] * m.sample_cov[(j, j)]).sqrt()
    };
    let c = |i: usize, j: usize| {
        m.implied_cov[(i, j)] / (m.implied_cov[(i, i)] * m.implied_cov[(j, j)]).sqrt()
    };
    DMatrix::from_fn(p, p, |i, j| s(i, j) - c(i, j))
}
