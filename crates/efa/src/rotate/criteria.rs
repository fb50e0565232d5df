//! Rotation criteria `Q(Λ)` and their gradients `∂Q/∂Λ`, as defined by Bernaards & Jennrich
//! (2005, GPArotation's `vgQ.*` functions). All are minimised.

use nalgebra::DMatrix;
use psym_stats::linalg::polar;

/// A criterion for gradient projection rotation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Criterion {
    /// Oblimin family with parameter γ (0 = quartimin):
    /// `Q = ¼ Σ_i Σ_{f≠g} λ_if² [(I − γ/p 11') Λ²]_ig`.
    Oblimin { gamma: f64 },
    /// Quartimax: `Q = −¼ Σ λ⁴`.
    Quartimax,
    /// Geomin (Yates 1987): `Q = Σ_i (Π_f (λ_if² + δ))^{1/k}`.
    Geomin { delta: f64 },
    /// Partially specified target: `Q = Σ w_if (λ_if − b_if)²`, `w = 0` where unspecified.
    Target {
        target: DMatrix<f64>,
        weight: DMatrix<f64>,
    },
}

impl Criterion {
    /// Whether the criterion is known for local optima (geomin; oblique target rotation), so
    /// random starts pay off.
    pub(crate) fn has_local_optima(&self) -> bool {
        matches!(self, Criterion::Geomin { .. } | Criterion::Target { .. })
    }

    /// A start near the optimum where one is cheap: for a target `B`, the least-squares fit of
    /// the loadings to it (Browne 1972): orthogonal `T = UV'` from `A'B = UDV'`; oblique from the
    /// unconstrained `M = (A'A)⁻¹A'B` with `Λ = A (T')⁻¹`, so `T = (M⁻¹)'`, columns scaled to unit
    /// length. Unspecified target entries count as zero here only.
    pub(crate) fn start(&self, a: &DMatrix<f64>, oblique: bool) -> Option<DMatrix<f64>> {
        let Criterion::Target { target, .. } = self else {
            return None;
        };
        if oblique {
            let m = (a.transpose() * a).try_inverse()? * a.transpose() * target;
            let mut t = m.try_inverse()?.transpose();
            for mut col in t.column_iter_mut() {
                let n = col.norm();
                if n == 0.0 || !n.is_finite() {
                    return None;
                }
                col /= n;
            }
            Some(t)
        } else {
            polar(&(a.transpose() * target)).map(|(q, _)| q)
        }
    }

    /// Value and gradient at the loadings `l`.
    pub(crate) fn value_grad(&self, l: &DMatrix<f64>) -> (f64, DMatrix<f64>) {
        let (p, k) = l.shape();
        let l2 = l.component_mul(l);
        match self {
            Criterion::Oblimin { gamma } => {
                // X = (I − γ/p 11') Λ² N, N = 11' − I
                let mut x = DMatrix::from_fn(p, k, |i, f| {
                    (0..k).filter(|&g| g != f).map(|g| l2[(i, g)]).sum::<f64>()
                });
                if *gamma != 0.0 {
                    let col_means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
                    for (f, mut col) in x.column_iter_mut().enumerate() {
                        col.add_scalar_mut(-gamma * col_means[f]);
                    }
                }
                let value = l2.component_mul(&x).sum() / 4.0;
                (value, l.component_mul(&x))
            }
            Criterion::Quartimax => {
                let value = -l2.component_mul(&l2).sum() / 4.0;
                (value, -l.component_mul(&l2))
            }
            Criterion::Geomin { delta } => {
                let l2d = l2.add_scalar(*delta);
                let pro: Vec<f64> = l2d
                    .row_iter()
                    .map(|row| (row.iter().map(|v| v.ln()).sum::<f64>() / k as f64).exp())
                    .collect();
                let grad = DMatrix::from_fn(p, k, |i, f| {
                    2.0 / k as f64 * l[(i, f)] / l2d[(i, f)] * pro[i]
                });
                (pro.iter().sum(), grad)
            }
            Criterion::Target { target, weight } => {
                let diff = (l - target).component_mul(weight);
                let value = diff.norm_squared();
                (value, diff.component_mul(weight) * 2.0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analytic gradient of every criterion agrees with central differences.
    #[test]
    fn gradients_match_finite_differences() {
        let l = DMatrix::from_row_slice(
            4,
            3,
            &[
                0.7, 0.2, -0.1, 0.6, 0.3, 0.1, 0.1, 0.8, 0.2, -0.2, 0.1, 0.65,
            ],
        );
        let target = DMatrix::from_fn(4, 3, |i, f| if i % 3 == f { 0.7 } else { 0.0 });
        let weight = DMatrix::from_fn(4, 3, |i, _| if i == 3 { 0.0 } else { 1.0 });
        let crits = [
            Criterion::Oblimin { gamma: 0.0 },
            Criterion::Oblimin { gamma: 0.5 },
            Criterion::Quartimax,
            Criterion::Geomin { delta: 0.01 },
            Criterion::Target { target, weight },
        ];
        let h = 1e-6;
        for c in &crits {
            let (_, g) = c.value_grad(&l);
            for i in 0..4 {
                for f in 0..3 {
                    let mut a = l.clone();
                    let mut b = l.clone();
                    a[(i, f)] += h;
                    b[(i, f)] -= h;
                    let num = (c.value_grad(&a).0 - c.value_grad(&b).0) / (2.0 * h);
                    assert!((num - g[(i, f)]).abs() < 1e-7, "{c:?} at ({i},{f})");
                }
            }
        }
    }
}
