//! The moments an ordinal model implies (delta parameterisation, as lavaan): per group the
//! thresholds and the correlations of the latent responses y*, in the order of the sample
//! statistics ([`psym_stats::ordinal`]: thresholds item by item, then the pairs (1,2), (1,3),
//! …), and their derivatives with respect to θ.
//!
//! With `S = ΛΦΛᵀ + Θ` (Θ's diagonal 0: residual variances are no parameters), `μ = ν + Lα`
//! and the scale factors δ (lavaan's `~*~`, `δ_j = 1/√Var(y*_j)`):
//! - thresholds `τ*_jk = (τ_jk − μ_j) δ_j` (lavaan's `lav_model_th`);
//! - correlations `ρ*_ab = δ_a δ_b S_ab` (a < b);
//! - the derived residual variances `θ_jj = 1/δ_j² − S_jj`.
//!
//! Derivatives: a parameter of Λ, Ψ, B, Θ, ν or α moves S and μ ([`crate::implied`]):
//! `∂ρ*_ab = δ_a δ_b ∂S_ab`, `∂τ*_jk = −δ_j ∂μ_j`; a threshold τ_jk: `∂τ*_jk = δ_j`; a scale
//! factor δ_j: `∂ρ*_ab = S_ab (δ_b [a = j] + δ_a [b = j])`, `∂τ*_jk = τ_jk − μ_j`.

use nalgebra::{DMatrix, DVector};
use psym_model::{GroupMatrices, Layout, Matrix, ParTable};

use crate::implied::{Implied, jacobian};

/// The pairs a < b of p variables in lavaan's order.
pub(crate) fn pairs(p: usize) -> Vec<(usize, usize)> {
    (0..p)
        .flat_map(|a| (a + 1..p).map(move |b| (a, b)))
        .collect()
}

/// The implied statistics of one group: thresholds, then correlations of `pairs`.
pub(crate) fn implied_statistics(
    m: &GroupMatrices,
    imp: &Implied,
    pairs: &[(usize, usize)],
) -> DVector<f64> {
    let d = &m.delta;
    let thresholds = (m.tau.iter().enumerate())
        .flat_map(|(j, t)| t.iter().map(move |tau| (tau - imp.mu[j]) * d[j]));
    let correlations = pairs.iter().map(|&(a, b)| d[a] * d[b] * imp.sigma[(a, b)]);
    DVector::from_iterator(
        m.tau.iter().map(Vec::len).sum::<usize>() + pairs.len(),
        thresholds.chain(correlations),
    )
}

/// ∂(implied statistics)/∂θ of one group: statistics × free parameters.
pub(crate) fn statistics_jacobian(
    table: &ParTable,
    layout: &Layout,
    m: &GroupMatrices,
    imp: &Implied,
    pairs: &[(usize, usize)],
    group: usize,
) -> DMatrix<f64> {
    let offsets: Vec<usize> = (m.tau.iter())
        .scan(0, |acc, t| {
            let o = *acc;
            *acc += t.len();
            Some(o)
        })
        .collect();
    let n_th: usize = m.tau.iter().map(Vec::len).sum();
    let d = &m.delta;
    let mut out = DMatrix::zeros(n_th + pairs.len(), table.n_free);
    for (k, (ds, dm)) in jacobian(table, layout, imp, group).iter().enumerate() {
        for (j, t) in m.tau.iter().enumerate() {
            for c in 0..t.len() {
                out[(offsets[j] + c, k)] -= d[j] * dm[j];
            }
        }
        for (q, &(a, b)) in pairs.iter().enumerate() {
            out[(n_th + q, k)] += d[a] * d[b] * ds[(a, b)];
        }
    }
    for (r, s) in table.rows.iter().zip(&layout.slots) {
        let (Some(k), true) = (r.free, r.group == group) else {
            continue;
        };
        let j = s.row;
        match s.matrix {
            Matrix::Tau => out[(offsets[j] + s.col, k)] += d[j],
            Matrix::Delta => {
                for (c, tau) in m.tau[j].iter().enumerate() {
                    out[(offsets[j] + c, k)] += tau - imp.mu[j];
                }
                for (q, &(a, b)) in pairs.iter().enumerate() {
                    let s_ab = imp.sigma[(a, b)];
                    if a == j {
                        out[(n_th + q, k)] += s_ab * d[b];
                    }
                    if b == j {
                        out[(n_th + q, k)] += s_ab * d[a];
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_model::{GroupEqual, ModelOptions, from_syntax};

    /// The analytic Jacobian agrees with central differences (1e-7: O(h²) error) in a
    /// two-group model with free scale factors, latent means and a residual covariance.
    #[test]
    fn jacobian_matches_finite_differences() {
        let t = from_syntax(
            "f =~ x1 + x2 + x3 + x4\nx1 ~~ x2",
            &ModelOptions {
                groups: 2,
                group_equal: vec![GroupEqual::Thresholds],
                ordered: ["x1", "x2", "x3", "x4"]
                    .iter()
                    .map(|v| (v.to_string(), 2))
                    .collect(),
                ..Default::default()
            },
        )
        .unwrap();
        let layout = Layout::new(&t);
        let theta: Vec<f64> = (0..t.n_free).map(|k| 0.3 + 0.05 * k as f64).collect();
        let pairs = pairs(4);
        let stats = |th: &[f64]| {
            let m = layout.fill(&t, th, 2);
            implied_statistics(&m, &Implied::new(&m).unwrap(), &pairs)
        };
        let m = layout.fill(&t, &theta, 2);
        let jac = statistics_jacobian(&t, &layout, &m, &Implied::new(&m).unwrap(), &pairs, 2);
        let h = 1e-6;
        for k in 0..t.n_free {
            let (mut up, mut dn) = (theta.clone(), theta.clone());
            up[k] += h;
            dn[k] -= h;
            let fd = (stats(&up) - stats(&dn)) / (2.0 * h);
            assert!((fd - jac.column(k)).abs().max() < 1e-7, "parameter {k}");
        }
    }
}
