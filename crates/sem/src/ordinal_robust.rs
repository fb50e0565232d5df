//! The robust standard errors and tests of a least-squares fit to ordinal statistics, on the
//! groups' statistics stacked (lavaan 0.6-14: `lav_model_nvcov_robust_sem`,
//! `lav_test_satorra_bentler_trace_original`, `lav_test_diff_Satorra2000`):
//! `Δ` the Jacobian of the implied statistics, `V = blockdiag(f_g W_g)`, `Γ = blockdiag(Γ_g/f_g)`
//! with `f_g = n_g/N`.
//!
//! The difference test of nested fits (Satorra 2000; lavaan's `lavTestLRT` for a
//! scaled-and-shifted test, `method = "satorra.2000"`, `A.method = "delta"`): with Δ₁ the
//! Jacobian of the less constrained model M₁ at its estimates and Δ₀ that of M₀,
//! `H = Δ₁⁺Δ₀`, A a basis of the orthogonal complement of H's columns (the m = df₀ − df₁
//! constraints M₀ puts on M₁'s parameters, to first order), `P = Δ₁ᵀVΔ₁` and
//! `U_d = VΔ₁ P⁻¹Aᵀ(AP⁻¹Aᵀ)⁻¹AP⁻¹ Δ₁ᵀV`; with `t₁ = tr(U_dΓ)`, `t₂ = tr((U_dΓ)²)`,
//! `a = √(m/t₂)`, `b = m − a t₁`: `T = a (χ²₀ − χ²₁) + b` on m df. A's rows are the
//! eigenvectors of eigenvalue 1 of M = I − HH⁺, the orthogonal projector on that complement
//! (any orthonormal basis gives the same `Aᵀ(AP⁻¹Aᵀ)⁻¹A`).

use nalgebra::{DMatrix, DVector};
use psym_stats::linalg::pseudo_inverse;
use serde::Serialize;

use crate::measures::chisq_pvalue;
use crate::ordinal_result::OrdinalFit;
use crate::ugamma::Traces;

/// The stacked matrices of the robust standard errors and tests: Δ, V = blockdiag(f_g W_g)
/// (its diagonal) and Γ = blockdiag(Γ_g/f_g).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stacked {
    /// Δ, statistics × free parameters.
    pub delta: DMatrix<f64>,
    /// The diagonal of V.
    pub v: DVector<f64>,
    /// Γ.
    pub gamma: DMatrix<f64>,
}

impl Stacked {
    /// Stacks each group's `(W_g diagonal, Γ_g, f_g)` and Jacobian `Δ_g`.
    pub(crate) fn new(
        groups: impl Iterator<Item = (DVector<f64>, DMatrix<f64>, f64)>,
        stat_jac: &[DMatrix<f64>],
    ) -> Stacked {
        let groups: Vec<_> = groups.collect();
        let rows: usize = groups.iter().map(|g| g.0.len()).sum();
        let cols = stat_jac.first().map_or(0, DMatrix::ncols);
        let mut out = Stacked {
            delta: DMatrix::zeros(rows, cols),
            v: DVector::zeros(rows),
            gamma: DMatrix::zeros(rows, rows),
        };
        let mut o = 0;
        for ((w, gamma, f), d) in groups.iter().zip(stat_jac) {
            let k = w.len();
            out.delta.view_mut((o, 0), (k, cols)).copy_from(d);
            out.v.rows_mut(o, k).copy_from(&(w * *f));
            (out.gamma.view_mut((o, o), (k, k))).copy_from(&(gamma / *f));
            o += k;
        }
        out
    }

    /// `(ΔᵀVΔ)⁻¹` over the columns of Δ in `delta`.
    pub(crate) fn bread(&self, delta: &DMatrix<f64>) -> Option<DMatrix<f64>> {
        (delta.transpose() * DMatrix::from_diagonal(&self.v) * delta).try_inverse()
    }

    /// The robust covariance matrix of the estimates, `n` = N − G.
    pub(crate) fn vcov(&self, n: f64) -> Option<DMatrix<f64>> {
        let b = self.bread(&self.delta)?;
        let vd = DMatrix::from_diagonal(&self.v) * &self.delta;
        Some(&b * vd.tr_mul(&(&self.gamma * &vd)) * &b / n)
    }

    /// Traces of UΓ for a model whose Jacobian is `delta` (`None`: U = V).
    pub(crate) fn traces(&self, delta: Option<&DMatrix<f64>>) -> Option<Traces> {
        let vm = DMatrix::from_diagonal(&self.v);
        let u = match delta {
            None => vm,
            Some(d) => {
                let vd = &vm * d;
                &vm - &vd * self.bread(d)? * vd.transpose()
            }
        };
        let ug = u * &self.gamma;
        Some(Traces {
            first: ug.trace(),
            second: (&ug * &ug).trace(),
        })
    }
}

/// The scaled-and-shifted difference between nested ordinal fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaledDifference {
    /// `a (χ²₀ − χ²₁) + b`.
    pub chisq_diff: f64,
    /// `m = df₀ − df₁`.
    pub df_diff: f64,
    /// p value on m df (`None` when m is 0).
    pub pvalue: Option<f64>,
}

/// The scaled-and-shifted difference test of `constrained` (M₀) against `free` (M₁), fitted
/// to the same data (module docs). `None` when the information of M₁ is singular.
pub fn scaled_difference(free: &OrdinalFit, constrained: &OrdinalFit) -> Option<ScaledDifference> {
    let (m1, m0) = (&free.stacked, &constrained.stacked);
    let m = constrained.fit.df - free.fit.df;
    let raw = constrained.fit.chisq - free.fit.chisq;
    if m <= 0.0 {
        return Some(ScaledDifference {
            chisq_diff: raw,
            df_diff: m,
            pvalue: None,
        });
    }
    let d1 = &m1.delta;
    let h = pseudo_inverse(d1)? * &m0.delta;
    let q = d1.ncols();
    let projector = DMatrix::identity(q, q) - &h * pseudo_inverse(&h)?;
    // Aᵀ: an orthonormal basis of the complement, the eigenvectors of the projector with
    // eigenvalue 1 (a symmetric eigendecomposition: the SVD-based pseudo-inverse of the
    // rank-m matrix M P⁻¹ M of order q can miss the Penrose conditions by 1e-4)
    let eigen = projector.symmetric_eigen();
    let basis: Vec<_> = (0..q)
        .filter(|&k| eigen.eigenvalues[k] > 0.5)
        .map(|k| eigen.eigenvectors.column(k).into_owned())
        .collect();
    let p_inv = m1.bread(d1)?;
    let middle = match basis.is_empty() {
        true => DMatrix::zeros(q, q),
        false => {
            let at = DMatrix::from_columns(&basis);
            &at * pseudo_inverse(&(at.transpose() * &p_inv * &at))? * at.transpose()
        }
    };
    let x = &p_inv * middle * &p_inv;
    let vd = DMatrix::from_diagonal(&m1.v) * d1;
    let u = &vd * x * vd.transpose();
    let ug = u * &m1.gamma;
    let t = Traces {
        first: ug.trace(),
        second: (&ug * &ug).trace(),
    };
    let a = (m / t.second).sqrt();
    let chisq_diff = a * raw + (m - a * t.first);
    Some(ScaledDifference {
        chisq_diff,
        df_diff: m,
        pvalue: Some(chisq_pvalue(chisq_diff, m)),
    })
}
