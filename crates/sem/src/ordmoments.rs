//! The moments an ordinal model implies (delta or theta parameterisation, as lavaan): per
//! group the thresholds and the correlations of the latent responses y*, in the order of the
//! sample statistics ([`psym_stats::ordinal`]: thresholds item by item, then the pairs (1,2),
//! (1,3), …), and their derivatives with respect to θ.
//!
//! With `S = ΛΦΛᵀ + Θ`, `μ = ν + Lα` and the scale factors δ (lavaan's `~*~`,
//! `δ_j = 1/√Var(y*_j)`):
//! - thresholds `τ*_jk = (τ_jk − μ_j) δ_j` (lavaan's `computeTH.LISREL`);
//! - correlations `ρ*_ab = δ_a δ_b S_ab` (a < b);
//! - delta parameterisation: δ are parameters and Θ's diagonal is 0 (no parameter); the
//!   derived residual variances are `θ_jj = 1/δ_j² − S_jj`;
//! - theta parameterisation: Θ's diagonal holds parameters and δ is derived,
//!   `δ_j = 1/√S_jj` (lavaan's `setDeltaElements.LISREL`).
//!
//! Derivatives: a parameter of Λ, Ψ, B, Θ, ν or α moves S and μ ([`crate::implied`]):
//! `∂ρ*_ab = δ_a δ_b ∂S_ab + S_ab (δ_b ∂δ_a + δ_a ∂δ_b)`,
//! `∂τ*_jk = −δ_j ∂μ_j + (τ_jk − μ_j) ∂δ_j`, where in theta `∂δ_j = −½ δ_j³ ∂S_jj` (lavaan's
//! `computeDelta`, `dDelta.dx`) and in delta `∂δ_j = 0`; a threshold τ_jk: `∂τ*_jk = δ_j`; a
//! scale factor δ_j (delta only): `∂ρ*_ab = S_ab (δ_b [a = j] + δ_a [b = j])`,
//! `∂τ*_jk = τ_jk − μ_j`.

use nalgebra::{DMatrix, DVector};
use psym_model::{GroupMatrices, Layout, Matrix, ParTable, Parameterization};

use crate::implied::{Implied, jacobian};

/// The pairs a < b of p variables in lavaan's order.
pub(crate) fn pairs(p: usize) -> Vec<(usize, usize)> {
    (0..p)
        .flat_map(|a| (a + 1..p).map(move |b| (a, b)))
        .collect()
}

/// The scale factors δ of one group: the table's in the delta parameterisation, `1/√S_jj` in
/// the theta parameterisation (`None` when an implied variance is not positive); 1 for a
/// continuous variable in either.
pub(crate) fn scale_factors(
    parameterization: Parameterization,
    m: &GroupMatrices,
    imp: &Implied,
) -> Option<DVector<f64>> {
    match parameterization {
        Parameterization::Delta => Some(m.delta.clone()),
        Parameterization::Theta => {
            let ordered = |j: usize| !m.tau[j].is_empty();
            let s = imp.sigma.diagonal();
            let defined = (0..s.len()).all(|j| !ordered(j) || s[j] > 0.0);
            defined.then(|| {
                DVector::from_fn(s.len(), |j, _| match ordered(j) {
                    true => 1.0 / s[j].sqrt(),
                    false => 1.0,
                })
            })
        }
    }
}

/// The implied statistics of one group given its scale factors `d` ([`scale_factors`]):
/// thresholds, then correlations of `pairs`.
pub(crate) fn implied_statistics(
    m: &GroupMatrices,
    imp: &Implied,
    d: &DVector<f64>,
    pairs: &[(usize, usize)],
) -> DVector<f64> {
    let thresholds = (m.tau.iter().enumerate())
        .flat_map(|(j, t)| t.iter().map(move |tau| (tau - imp.mu[j]) * d[j]));
    let correlations = pairs.iter().map(|&(a, b)| d[a] * d[b] * imp.sigma[(a, b)]);
    DVector::from_iterator(
        m.tau.iter().map(Vec::len).sum::<usize>() + pairs.len(),
        thresholds.chain(correlations),
    )
}

/// ∂(implied statistics)/∂θ of one group (scale factors `d` from [`scale_factors`]):
/// statistics × free parameters.
pub(crate) fn statistics_jacobian(
    table: &ParTable,
    layout: &Layout,
    (m, imp, d): (&GroupMatrices, &Implied, &DVector<f64>),
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
    let theta = table.parameterization == Parameterization::Theta;
    let mut out = DMatrix::zeros(n_th + pairs.len(), table.n_free);
    for (k, (ds, dm)) in jacobian(table, layout, imp, group).iter().enumerate() {
        let dd = match theta {
            true => DVector::from_fn(d.len(), |j, _| match m.tau[j].is_empty() {
                true => 0.0,
                false => -0.5 * d[j].powi(3) * ds[(j, j)],
            }),
            false => DVector::zeros(d.len()),
        };
        for (j, t) in m.tau.iter().enumerate() {
            for (c, tau) in t.iter().enumerate() {
                out[(offsets[j] + c, k)] += -d[j] * dm[j] + (tau - imp.mu[j]) * dd[j];
            }
        }
        for (q, &(a, b)) in pairs.iter().enumerate() {
            let s_ab = imp.sigma[(a, b)];
            out[(n_th + q, k)] += d[a] * d[b] * ds[(a, b)] + s_ab * (d[b] * dd[a] + d[a] * dd[b]);
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

/// Test helper: one group's matrices at `theta`, their implied moments and scale factors.
#[cfg(test)]
pub(crate) fn moments_at(
    table: &ParTable,
    layout: &Layout,
    theta: &[f64],
    group: usize,
) -> (GroupMatrices, Implied, DVector<f64>) {
    let m = layout.fill(table, theta, group);
    let imp = Implied::new(&m).unwrap();
    let d = scale_factors(table.parameterization, &m, &imp).unwrap();
    (m, imp, d)
}

/// Test helper: asserts that each column k of `jac` agrees with the central difference of
/// `stats` in parameter k at `theta` (step 1e-6) within `tol`; `what` names the case.
#[cfg(test)]
pub(crate) fn assert_central_differences(
    stats: impl Fn(&[f64]) -> DVector<f64>,
    theta: &[f64],
    jac: &DMatrix<f64>,
    tol: f64,
    what: &str,
) {
    let h = 1e-6;
    for k in 0..theta.len() {
        let (mut up, mut dn) = (theta.to_vec(), theta.to_vec());
        up[k] += h;
        dn[k] -= h;
        let fd = (stats(&up) - stats(&dn)) / (2.0 * h);
        let err = (fd - jac.column(k)).abs().max();
        assert!(err < tol, "{what}, parameter {k}: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_model::{GroupEqual, ModelOptions, from_syntax};

    /// The analytic Jacobian agrees with central differences (1e-7: O(h²) error) in a
    /// two-group model with equal thresholds, latent means and a residual covariance: in the
    /// delta parameterisation (free scale factors) and in the theta parameterisation (free
    /// residual variances, derived scale factors).
    #[test]
    fn jacobian_matches_finite_differences() {
        for &parameterization in Parameterization::ALL {
            let t = from_syntax(
                "f =~ x1 + x2 + x3 + x4\nx1 ~~ x2",
                &ModelOptions {
                    groups: 2,
                    group_equal: vec![GroupEqual::Thresholds],
                    ordered: ["x1", "x2", "x3", "x4"]
                        .iter()
                        .map(|v| (v.to_string(), 2))
                        .collect(),
                    parameterization,
                    ..Default::default()
                },
            )
            .unwrap();
            let layout = Layout::new(&t);
            let theta: Vec<f64> = (0..t.n_free).map(|k| 0.3 + 0.05 * k as f64).collect();
            let pairs = pairs(4);
            assert_eq!(t.parameterization, parameterization);
            let stats = |th: &[f64]| {
                let (m, imp, d) = moments_at(&t, &layout, th, 2);
                implied_statistics(&m, &imp, &d, &pairs)
            };
            let (m, imp, d) = moments_at(&t, &layout, &theta, 2);
            let jac = statistics_jacobian(&t, &layout, (&m, &imp, &d), &pairs, 2);
            let what = parameterization.to_string();
            assert_central_differences(stats, &theta, &jac, 1e-7, &what);
        }
    }
}
