//! Score (Lagrange multiplier) tests of equality constraints across groups, as lavaan's
//! `lavTestScore(fit, univariate = TRUE, epc = TRUE)` with its default expected information.
//!
//! psym expresses an equality across groups by giving the rows one entry of θ. The tests
//! work in the *full* parameterisation, where each group's row has its own entry, with the
//! constraints as rows of R (`θ_a − θ_b = 0`, the first group's parameter against each
//! other group's). At the constrained estimates, with g the gradient of `f = −ℓ/N` and I the
//! expected information per observation of the full parameterisation (Sörbom 1989; Bentler
//! 1990):
//! - total test of releasing every constraint: `X² = N gᵀ I⁺ g` on as many df as
//!   constraints;
//! - univariate test of releasing constraint r alone (lavaan's `N gᵀ P_r g` with P_r from the
//!   bordered matrix `[[I, R₋ᵣᵀ], [R₋ᵣ, 0]]`), computed as the equivalent modification index
//!   of the one parameter δ that releasing adds to the constrained parameterisation
//!   `θ = Kθ_c (+ e_b δ)`: with `I_c = KᵀIK`, `I_cδ = KᵀI e_b`,
//!   `V = I_bb − I_cδᵀ I_c⁻¹ I_cδ`, `X²_r = N g_b² / V` on 1 df (Sörbom 1989), one inverse
//!   for all constraints instead of one bordered inverse each;
//! - expected parameter changes: `−I⁺ g` when every constraint is released (lavaan's `epc`
//!   table), and when constraint r alone is, `Δδ = −g_b/V`, `Δθ_c = −I_c⁻¹ I_cδ Δδ`, mapped
//!   to the two groups' parameters through K (reported for its two parameters).
//!
//! `⁺` is the Moore–Penrose inverse: with every constraint released a scalar model is not
//! identified (intercepts and latent means of a group trade off), as in lavaan.

use nalgebra::{DMatrix, DVector};
use psym_model::{GroupEqual, ParRow, ParTable, ParamRef};
use psym_stats::linalg::pseudo_inverse;
use serde::Serialize;

use crate::discrepancy::Discrepancy;
use crate::estimate::information_matrix;
use crate::measures::chisq_pvalue;
use crate::normal::NormalMl;
use crate::options::{Information, Missing};
use crate::result::CfaFit;

/// The score test of one equality constraint between two groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTest {
    /// The parameter held equal (its group left out).
    pub parameter: ParamRef,
    /// Its kind (loadings, intercepts, …).
    pub kind: Option<GroupEqual>,
    /// The two groups (1-based) whose parameters are held equal.
    pub groups: [usize; 2],
    /// Score statistic on 1 df: expected drop of χ² when this constraint alone is released.
    pub chisq: f64,
    /// Its p value.
    pub pvalue: f64,
    /// Expected change of the parameter in each of the two groups when this constraint alone
    /// is released.
    pub epc: [f64; 2],
}

/// The expected change of one parameter when every constraint is released.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleasedChange {
    /// The parameter, with its group.
    pub parameter: ParamRef,
    /// Its estimate under the constraints.
    pub est: f64,
    /// Expected change.
    pub epc: f64,
}

/// Score tests of the equality constraints across groups of a fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTests {
    /// Statistic of releasing every constraint at once.
    pub total_chisq: f64,
    /// Its degrees of freedom (the number of constraints).
    pub total_df: f64,
    /// Its p value.
    pub total_pvalue: f64,
    /// One test per constraint, in parameter-table order.
    pub univariate: Vec<ScoreTest>,
    /// Expected parameter changes when every constraint is released, one per free row.
    pub released: Vec<ReleasedChange>,
}

/// One constraint of the full parameterisation: entry `a` (first group) equals entry `b`.
struct Constraint {
    row: usize,
    a: usize,
    b: usize,
    groups: [usize; 2],
}

/// The full parameterisation: every group's row its own entry (rows of one group sharing a
/// label still share one), θ expanded to it, and the constraints across groups.
struct Full {
    table: ParTable,
    theta: Vec<f64>,
    /// The constrained parameter (entry of the fit's θ) of each full entry.
    origin: Vec<usize>,
    constraints: Vec<Constraint>,
}

fn expand(table: &ParTable, theta: &[f64]) -> Full {
    let mut full = table.clone();
    let mut index: Vec<(usize, usize, usize)> = Vec::new(); // (old k, group, new index)
    let mut first: Vec<Option<(usize, usize, usize)>> = vec![None; table.n_free]; // (new, group, row)
    let mut constraints = Vec::new();
    let mut values = Vec::new();
    for (i, r) in full.rows.iter_mut().enumerate() {
        let Some(k) = r.free else { continue };
        let new = match index.iter().find(|&&(o, g, _)| o == k && g == r.group) {
            Some(&(_, _, n)) => n,
            None => {
                let n = values.len();
                values.push(theta[k]);
                index.push((k, r.group, n));
                match first[k] {
                    None => first[k] = Some((n, r.group, i)),
                    Some((a, g, row)) => constraints.push(Constraint {
                        row,
                        a,
                        b: n,
                        groups: [g, r.group],
                    }),
                }
                n
            }
        };
        r.free = Some(new);
    }
    full.n_free = values.len();
    let mut origin = vec![0; values.len()];
    for &(k, _, n) in &index {
        origin[n] = k;
    }
    Full {
        table: full,
        theta: values,
        origin,
        constraints,
    }
}

fn reference(row: &ParRow, group: Option<usize>) -> ParamRef {
    ParamRef {
        lhs: row.lhs.clone(),
        op: row.op,
        rhs: row.rhs.clone(),
        group,
    }
}

/// Score tests of every equality constraint across groups of `fit`; `None` when the fit has
/// no such constraint or the information cannot be formed at its estimates.
pub fn score_tests(fit: &CfaFit) -> Option<ScoreTests> {
    let Full {
        table: full,
        theta,
        origin,
        constraints,
    } = expand(&fit.table, &fit.theta);
    if constraints.is_empty() {
        return None;
    }
    let problem = NormalMl::new(&full, &fit.samples);
    let state = problem.state(&theta)?;
    let fiml = fit.missing == Missing::Fiml;
    let info = information_matrix(&problem, &state, &theta, Information::Expected, fiml);
    let n = problem.n_total();
    let g = &state.grad;
    let all_free = pseudo_inverse(&info)?;
    let total_chisq = n * g.dot(&(&all_free * g));
    let total_df = constraints.len() as f64;
    let k = DMatrix::from_fn(theta.len(), fit.table.n_free, |i, j| {
        f64::from(origin[i] == j)
    });
    let kt_i = k.transpose() * &info;
    // The constrained information is that of an identified model: invertible, except on an
    // unidentified fit, where the pseudo-inverse keeps the tests defined.
    let constrained = &kt_i * &k;
    let constrained_inverse = match constrained.clone().cholesky() {
        Some(c) => c.inverse(),
        None => pseudo_inverse(&constrained)?,
    };
    let mut univariate = Vec::with_capacity(constraints.len());
    for c in &constraints {
        let cross = kt_i.column(c.b);
        let solved: DVector<f64> = &constrained_inverse * cross;
        let v = info[(c.b, c.b)] - cross.dot(&solved);
        let chisq = n * g[c.b] * g[c.b] / v;
        let delta = -g[c.b] / v;
        let shift: DVector<f64> = &k * (&solved * -delta);
        let epc = [shift[c.a], shift[c.b] + delta];
        let row = &fit.table.rows[c.row];
        univariate.push(ScoreTest {
            parameter: reference(row, None),
            kind: GroupEqual::of(row, &fit.table.latent),
            groups: c.groups,
            chisq,
            pvalue: chisq_pvalue(chisq, 1.0),
            epc,
        });
    }
    let epc_all = -(&all_free * g);
    let released = full
        .rows
        .iter()
        .filter_map(|r| {
            let k = r.free?;
            Some(ReleasedChange {
                parameter: reference(r, Some(r.group)),
                est: theta[k],
                epc: epc_all[k],
            })
        })
        .collect();
    Some(ScoreTests {
        total_chisq,
        total_df,
        total_pvalue: chisq_pvalue(total_chisq, total_df),
        univariate,
        released,
    })
}
