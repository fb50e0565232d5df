//! The normal-theory discrepancy function, its gradient and the log-likelihood.
//!
//! For missing-data pattern P with n_P rows answering variables o, sample mean ȳ_P and
//! covariance S_P (N denominator), the casewise (FIML) log-likelihood is
//! `ℓ = −½ Σ_P n_P [p_o log 2π + log|Σ_oo| + tr(Σ_oo⁻¹ S_P) + (ȳ_P − μ_o)ᵀ Σ_oo⁻¹ (ȳ_P − μ_o)]`
//! (Arbuckle 1996). With complete data there is one pattern and this is the usual ML
//! likelihood; without a mean structure μ is the sample mean. psym minimises
//! `f(θ) = −ℓ/N` without the 2π term. Its gradient is
//! `∂f/∂θ_k = (1/2N) Σ_P n_P [tr(G_P dΣ_oo,k) − 2 dᵀΣ_oo⁻¹ dμ_o,k]`,
//! `G_P = Σ_oo⁻¹ − Σ_oo⁻¹ (S_P + d dᵀ) Σ_oo⁻¹`, `d = ȳ_P − μ_o`.

use nalgebra::{DMatrix, DVector};
use psym_model::{Layout, ParTable};

use crate::discrepancy::{Discrepancy, State};
use crate::implied::{Implied, jacobian};
use crate::sample::Sample;

/// The normal-theory likelihood discrepancy `f = −ℓ/N` (module docs) of a table and the
/// per-group samples it is fitted to.
pub(crate) struct NormalMl<'a> {
    pub table: &'a ParTable,
    pub layout: Layout,
    pub samples: &'a [Sample],
    pub n_total: f64,
}

/// Per-group sums `Σ_P n_P G_P` and `Σ_P n_P (−2 Σ_oo⁻¹ d)` embedded in p × p and p.
struct Sums {
    f: f64,
    g_sigma: DMatrix<f64>,
    g_mu: DVector<f64>,
}

impl<'a> NormalMl<'a> {
    pub fn new(table: &'a ParTable, samples: &'a [Sample]) -> NormalMl<'a> {
        NormalMl {
            table,
            layout: Layout::new(table),
            samples,
            n_total: samples.iter().map(|s| s.n as f64).sum(),
        }
    }

    pub fn implied(&self, theta: &[f64]) -> Option<Vec<Implied>> {
        (1..=self.samples.len())
            .map(|g| Implied::new(&self.layout.fill(self.table, theta, g)))
            .collect()
    }

    /// Mean of pattern `P` under the model (the sample mean without a mean structure).
    fn model_mean(&self, imp: &Implied, pat: &crate::sample::Pattern) -> DVector<f64> {
        if self.table.meanstructure {
            DVector::from_fn(pat.observed.len(), |a, _| imp.mu[pat.observed[a]])
        } else {
            pat.mean.clone()
        }
    }

    fn sums(&self, imp: &Implied, sample: &Sample, with_grad: bool) -> Option<Sums> {
        let p = imp.sigma.nrows();
        let mut s = Sums {
            f: 0.0,
            g_sigma: DMatrix::zeros(if with_grad { p } else { 0 }, if with_grad { p } else { 0 }),
            g_mu: DVector::zeros(if with_grad { p } else { 0 }),
        };
        for pat in &sample.patterns {
            let o = &pat.observed;
            let sig = imp.sigma.select_rows(o).select_columns(o);
            let (inv, logdet) = psym_stats::linalg::inverse_and_log_det(sig)?;
            let d = &pat.mean - self.model_mean(imp, pat);
            let n = pat.rows.len() as f64;
            let inv_d = &inv * &d;
            s.f += n * (logdet + inv.dot(&pat.cov) + d.dot(&inv_d));
            if with_grad {
                let m = &pat.cov + &d * d.transpose();
                let g = &inv - &inv * m * &inv;
                for (a, &ja) in o.iter().enumerate() {
                    s.g_mu[ja] -= 2.0 * n * inv_d[a];
                    for (b, &jb) in o.iter().enumerate() {
                        s.g_sigma[(ja, jb)] += n * g[(a, b)];
                    }
                }
            }
        }
        Some(s)
    }

    /// `n·F` of each group at θ: `Σ_P n_P [log|Σ_oo| + tr(Σ_oo⁻¹ S_P) + dᵀ Σ_oo⁻¹ d]` over its
    /// missing-data patterns (the discrepancy without the 2N scaling), so that a group's
    /// contribution to the χ² is the difference of this between the model and the saturated
    /// model.
    pub fn group_sums(&self, theta: &[f64]) -> Option<Vec<f64>> {
        let implied = self.implied(theta)?;
        implied
            .iter()
            .zip(self.samples)
            .map(|(imp, sample)| Some(self.sums(imp, sample, false)?.f))
            .collect()
    }

    /// Expected information per observation from the full Σ of each group (exact for
    /// complete data, the Gauss–Newton approximation used while iterating under FIML):
    /// `I_kl = Σ_g (n_g/N) [½ tr(Σ⁻¹ dΣ_k Σ⁻¹ dΣ_l) + dμ_kᵀ Σ⁻¹ dμ_l]`.
    pub fn expected_information(&self, state: &State) -> Option<DMatrix<f64>> {
        let q = self.table.n_free;
        let mut info = DMatrix::zeros(q, q);
        for ((imp, jac), sample) in state.implied.iter().zip(&state.jac).zip(self.samples) {
            let w = sample.n as f64 / self.n_total;
            let inv = imp.sigma.clone().cholesky()?.inverse();
            add_information(&mut info, &inv, jac, None, self.table.meanstructure, w);
        }
        Some(info)
    }
}

/// The normal likelihood as the discrepancy of ML and MLR (complete data and FIML alike).
impl Discrepancy for NormalMl<'_> {
    fn table(&self) -> &ParTable {
        self.table
    }

    fn n_total(&self) -> f64 {
        self.n_total
    }

    fn value(&self, theta: &[f64]) -> Option<f64> {
        let imp = self.implied(theta)?;
        let mut f = 0.0;
        for (i, s) in imp.iter().zip(self.samples) {
            f += self.sums(i, s, false)?.f;
        }
        Some(f / (2.0 * self.n_total))
    }

    fn state(&self, theta: &[f64]) -> Option<State> {
        let implied = self.implied(theta)?;
        let mut f = 0.0;
        let mut grad = DVector::zeros(self.table.n_free);
        let mut jacs = Vec::with_capacity(implied.len());
        for (g, (imp, sample)) in implied.iter().zip(self.samples).enumerate() {
            let s = self.sums(imp, sample, true)?;
            f += s.f;
            let jac = jacobian(self.table, &self.layout, imp, g + 1);
            for (k, (ds, dm)) in jac.iter().enumerate() {
                let mut v = s.g_sigma.dot(ds);
                if self.table.meanstructure {
                    v += s.g_mu.dot(dm);
                }
                grad[k] += v;
            }
            jacs.push(jac);
        }
        let scale = 2.0 * self.n_total;
        Some(State {
            f: f / scale,
            grad: grad / scale,
            implied,
            jac: jacs,
            stat_jac: Vec::new(),
        })
    }

    /// `ℓ = −N f − ½ log(2π) Σ_P n_P p_o`.
    fn loglik(&self, f: f64) -> Option<f64> {
        let cases: f64 = self
            .samples
            .iter()
            .flat_map(|s| &s.patterns)
            .map(|p| (p.rows.len() * p.observed.len()) as f64)
            .sum();
        Some(-self.n_total * f - 0.5 * (2.0 * std::f64::consts::PI).ln() * cases)
    }

    fn curvature(&self, state: &State) -> Option<DMatrix<f64>> {
        self.expected_information(state)
    }
}

/// Adds `w [½ tr(Σ⁻¹ dΣ_k Σ⁻¹ dΣ_l) + dμ_kᵀ Σ⁻¹ dμ_l]` to `info`, optionally restricted to
/// the observed variables `obs` (then `inv` is the inverse of Σ_oo).
pub(crate) fn add_information(
    info: &mut DMatrix<f64>,
    inv: &DMatrix<f64>,
    jac: &[(DMatrix<f64>, DVector<f64>)],
    obs: Option<&[usize]>,
    means: bool,
    w: f64,
) {
    // Parameters of other groups (and any whose moments here do not move) add nothing.
    let active: Vec<usize> = (0..jac.len())
        .filter(|&k| jac[k].0.iter().chain(jac[k].1.iter()).any(|v| *v != 0.0))
        .collect();
    let (x, mu): (Vec<DMatrix<f64>>, Vec<DVector<f64>>) = active
        .iter()
        .map(|&k| {
            let (ds, dm) = &jac[k];
            match obs {
                Some(o) => (inv * ds.select_rows(o).select_columns(o), dm.select_rows(o)),
                None => (inv * ds, dm.clone()),
            }
        })
        .unzip();
    let xt: Vec<DMatrix<f64>> = x.iter().map(|m| m.transpose()).collect();
    let inv_mu: Vec<DVector<f64>> = if means {
        mu.iter().map(|m| inv * m).collect()
    } else {
        Vec::new()
    };
    for (i, &k) in active.iter().enumerate() {
        for (j, &l) in active.iter().enumerate().take(i + 1) {
            // tr(X_k X_l) = Σ_ab X_k[a,b] X_l[b,a]
            let mut v = 0.5 * x[i].dot(&xt[j]);
            if means {
                v += mu[i].dot(&inv_mu[j]);
            }
            info[(k, l)] += w * v;
            if k != l {
                info[(l, k)] += w * v;
            }
        }
    }
}
