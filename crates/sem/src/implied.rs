//! Model-implied moments and their derivatives with respect to the parameters.
//!
//! With A = (I − B)⁻¹, L = ΛA and Φ = AΨAᵀ: `Σ = LΨLᵀ… = ΛΦΛᵀ + Θ` and `μ = ν + Lα`.
//! Derivatives of Σ and μ with respect to one matrix cell (Neudecker & Satorra 1991;
//! lavaan's `lav_model_gradient`):
//! - Λ_ij: `dΣ = u e_iᵀ + e_i uᵀ` with `u = (ΛΦ)_{·j}`; `dμ = e_i (Aα)_j`
//! - Θ_ij: `dΣ = E_ij + E_ji` (E_ii on the diagonal)
//! - Ψ_ij: `dΣ = l_i l_jᵀ + l_j l_iᵀ` (l_i l_iᵀ on the diagonal) with `l = L_{·i}`
//! - B_ij: `dΣ = v wᵀ + w vᵀ` with `v = L_{·i}`, `w = (ΛΦ)_{·j}`; `dμ = L_{·i} (Aα)_j`
//! - ν_i: `dμ = e_i`; α_j: `dμ = L_{·j}`

use nalgebra::{DMatrix, DVector};
use psym_model::{GroupMatrices, Layout, Matrix, ParTable, Slot};

/// Implied moments of one group and the intermediate products the derivatives need.
#[derive(Debug, Clone)]
pub struct Implied {
    /// Σ (p × p).
    pub sigma: DMatrix<f64>,
    /// μ (p).
    pub mu: DVector<f64>,
    /// L = Λ(I − B)⁻¹.
    pub l: DMatrix<f64>,
    /// ΛΦ, Φ = AΨAᵀ the latent covariance matrix.
    pub lphi: DMatrix<f64>,
    /// Φ = AΨAᵀ.
    pub phi: DMatrix<f64>,
    /// Aα, the latent means.
    pub eta_mean: DVector<f64>,
}

impl Implied {
    /// Computes the implied moments; `None` when I − B is singular.
    pub fn new(m: &GroupMatrices) -> Option<Implied> {
        let k = m.beta.nrows();
        let a = (DMatrix::identity(k, k) - &m.beta).try_inverse()?;
        let phi = &a * &m.psi * a.transpose();
        let l = &m.lambda * &a;
        let lphi = &m.lambda * &phi;
        let sigma = &lphi * m.lambda.transpose() + &m.theta;
        let eta_mean = &a * &m.alpha;
        let mu = &m.nu + &l * &eta_mean;
        Some(Implied {
            sigma,
            mu,
            l,
            lphi,
            phi,
            eta_mean,
        })
    }

    /// Adds dΣ and dμ for a unit change in the cell `slot` to `ds` and `dm`, in place
    /// (symmetric cells move both halves).
    pub fn add_derivative(&self, slot: &Slot, ds: &mut DMatrix<f64>, dm: &mut DVector<f64>) {
        let p = self.sigma.nrows();
        let (i, j) = (slot.row, slot.col);
        // ds += v wᵀ + w vᵀ for columns v, w of the given matrices
        let sym_outer =
            |ds: &mut DMatrix<f64>, v: &DMatrix<f64>, vc: usize, w: &DMatrix<f64>, wc: usize| {
                for b in 0..p {
                    for a in 0..p {
                        ds[(a, b)] += v[(a, vc)] * w[(b, wc)] + w[(a, wc)] * v[(b, vc)];
                    }
                }
            };
        match slot.matrix {
            Matrix::Lambda => {
                for a in 0..p {
                    let u = self.lphi[(a, j)];
                    ds[(a, i)] += u;
                    ds[(i, a)] += u;
                }
                dm[i] += self.eta_mean[j];
            }
            Matrix::Theta => {
                ds[(i, j)] += 1.0;
                if i != j {
                    ds[(j, i)] += 1.0;
                }
            }
            Matrix::Psi => {
                if i == j {
                    for b in 0..p {
                        for a in 0..p {
                            ds[(a, b)] += self.l[(a, i)] * self.l[(b, i)];
                        }
                    }
                } else {
                    sym_outer(ds, &self.l, i, &self.l, j);
                }
            }
            Matrix::Beta => {
                sym_outer(ds, &self.l, i, &self.lphi, j);
                for a in 0..p {
                    dm[a] += self.l[(a, i)] * self.eta_mean[j];
                }
            }
            Matrix::Nu => dm[i] += 1.0,
            // thresholds and scale factors do not move Σ or μ (see crate::ordinal)
            Matrix::Tau | Matrix::Delta => {}
            Matrix::Alpha => {
                for a in 0..p {
                    dm[a] += self.l[(a, i)];
                }
            }
        }
    }
}

/// Derivatives of one group's Σ and μ with respect to every free parameter (rows sharing a
/// parameter are summed, which is how equality constraints enter).
pub fn jacobian(
    table: &ParTable,
    layout: &Layout,
    implied: &Implied,
    group: usize,
) -> Vec<(DMatrix<f64>, DVector<f64>)> {
    let p = implied.sigma.nrows();
    let mut out = vec![(DMatrix::zeros(p, p), DVector::zeros(p)); table.n_free];
    for (row, slot) in table.rows.iter().zip(&layout.slots) {
        if row.group != group {
            continue;
        }
        if let Some(k) = row.free {
            let (ds, dm) = &mut out[k];
            implied.add_derivative(slot, ds, dm);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_model::{ModelOptions, from_syntax};

    /// Analytic derivatives agree with central differences (tolerance 1e-7: O(h²) error).
    #[test]
    fn derivatives_match_finite_differences() {
        let t = from_syntax(
            "a =~ x1 + x2 + x3\nb =~ x4 + x5\nb ~ a\nx1 ~~ x4",
            &ModelOptions {
                meanstructure: true,
                ..Default::default()
            },
        )
        .unwrap();
        let layout = Layout::new(&t);
        let theta: Vec<f64> = (0..t.n_free).map(|k| 0.3 + 0.1 * k as f64).collect();
        let imp = Implied::new(&layout.fill(&t, &theta, 1)).unwrap();
        let jac = jacobian(&t, &layout, &imp, 1);
        let h = 1e-6;
        for k in 0..t.n_free {
            let mut up = theta.clone();
            let mut dn = theta.clone();
            up[k] += h;
            dn[k] -= h;
            let iu = Implied::new(&layout.fill(&t, &up, 1)).unwrap();
            let id = Implied::new(&layout.fill(&t, &dn, 1)).unwrap();
            let ds = (iu.sigma - id.sigma) / (2.0 * h);
            let dm = (iu.mu - id.mu) / (2.0 * h);
            assert!((ds - &jac[k].0).abs().max() < 1e-7, "sigma, parameter {k}");
            assert!((dm - &jac[k].1).abs().max() < 1e-7, "mu, parameter {k}");
        }
    }
}
