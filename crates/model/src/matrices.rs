//! LISREL "all-y" model matrices filled from a parameter table.
//!
//! With observed variables y (p) and latent variables η (m):
//! `y = ν + Λη + ε`, `η = α + Bη + ζ`, `Cov(ε) = Θ`, `Cov(ζ) = Ψ`, so that
//! `Σ = Λ(I−B)⁻¹Ψ(I−B)⁻ᵀΛᵀ + Θ` and `μ = ν + Λ(I−B)⁻¹α` (Jöreskog & Sörbom, LISREL 8;
//! lavaan's representation "LISREL"). A loading of a latent variable on another
//! (second-order factor) goes into B.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::partable::ParTable;
use crate::syntax::Op;

/// Which model matrix a parameter lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Matrix {
    /// Λ, p × m loadings.
    Lambda,
    /// Θ, p × p residual covariances (symmetric).
    Theta,
    /// Ψ, m × m latent (residual) covariances (symmetric).
    Psi,
    /// B, m × m regressions among latent variables.
    Beta,
    /// ν, p intercepts.
    Nu,
    /// α, m latent means/intercepts.
    Alpha,
    /// τ, the thresholds of the ordered variables (row: variable, col: threshold − 1).
    Tau,
    /// Δ, the scale factors of the ordered variables' latent responses (row: variable).
    Delta,
}

/// Position of one parameter-table row in its group's matrices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// The matrix.
    pub matrix: Matrix,
    /// Row index.
    pub row: usize,
    /// Column index (0 for vectors).
    pub col: usize,
}

/// The matrices of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMatrices {
    /// Λ (p × m).
    pub lambda: DMatrix<f64>,
    /// Θ (p × p).
    pub theta: DMatrix<f64>,
    /// Ψ (m × m).
    pub psi: DMatrix<f64>,
    /// B (m × m).
    pub beta: DMatrix<f64>,
    /// ν (p).
    pub nu: DVector<f64>,
    /// α (m).
    pub alpha: DVector<f64>,
    /// τ: each observed variable's thresholds (empty for a continuous variable).
    pub tau: Vec<Vec<f64>>,
    /// Δ (p): scale factors of the latent responses, 1 where the table has none.
    pub delta: DVector<f64>,
}

/// The map from parameter-table rows to matrix cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One slot per parameter-table row.
    pub slots: Vec<Slot>,
    /// Number of observed variables p.
    pub p: usize,
    /// Number of latent variables m.
    pub m: usize,
    /// Number of thresholds of each observed variable (0 for a continuous one).
    pub thresholds: Vec<usize>,
}

impl Layout {
    /// Locates every row of `table` in the LISREL matrices.
    pub fn new(table: &ParTable) -> Layout {
        let ov = |s: &str| table.observed.iter().position(|v| v == s);
        let lv = |s: &str| table.latent.iter().position(|v| v == s);
        let slots: Vec<Slot> = table
            .rows
            .iter()
            .map(|r| {
                // Parameter tables from `build` only name known variables, so the
                // lookups succeed; 0 is a harmless fallback.
                let (o, l) = (ov(&r.lhs), lv(&r.lhs));
                let (ro, rl) = (ov(&r.rhs), lv(&r.rhs));
                let (matrix, row, col) = match r.op {
                    Op::Measure if rl.is_some() => (Matrix::Beta, rl, l),
                    Op::Measure => (Matrix::Lambda, ro, l),
                    Op::Covary if l.is_some() => (Matrix::Psi, l, rl),
                    Op::Covary => (Matrix::Theta, o, ro),
                    Op::Regress => (Matrix::Beta, l, rl),
                    Op::Intercept if l.is_some() => (Matrix::Alpha, l, Some(0)),
                    Op::Intercept => (Matrix::Nu, o, Some(0)),
                    Op::Threshold => (Matrix::Tau, o, threshold_number(&r.rhs).map(|k| k - 1)),
                    Op::Scale => (Matrix::Delta, o, Some(0)),
                };
                Slot {
                    matrix,
                    row: row.unwrap_or(0),
                    col: col.unwrap_or(0),
                }
            })
            .collect();
        let mut thresholds = vec![0; table.observed.len()];
        for s in &slots {
            if s.matrix == Matrix::Tau {
                thresholds[s.row] = thresholds[s.row].max(s.col + 1);
            }
        }
        Layout {
            slots,
            p: table.observed.len(),
            m: table.latent.len(),
            thresholds,
        }
    }

    /// Fills the matrices of `group` from the free parameters `theta` and the fixed values.
    ///
    /// # Panics
    /// When `theta` is shorter than `table.n_free`.
    pub fn fill(&self, table: &ParTable, theta: &[f64], group: usize) -> GroupMatrices {
        let (p, m) = (self.p, self.m);
        let mut g = GroupMatrices {
            lambda: DMatrix::zeros(p, m),
            theta: DMatrix::zeros(p, p),
            psi: DMatrix::zeros(m, m),
            beta: DMatrix::zeros(m, m),
            nu: DVector::zeros(p),
            alpha: DVector::zeros(m),
            tau: self.thresholds.iter().map(|&k| vec![0.0; k]).collect(),
            delta: DVector::from_element(p, 1.0),
        };
        for (r, s) in table.rows.iter().zip(&self.slots) {
            if r.group != group {
                continue;
            }
            let v = match r.free {
                Some(k) => theta[k],
                None => r.value,
            };
            match s.matrix {
                Matrix::Lambda => g.lambda[(s.row, s.col)] = v,
                Matrix::Beta => g.beta[(s.row, s.col)] = v,
                Matrix::Nu => g.nu[s.row] = v,
                Matrix::Alpha => g.alpha[s.row] = v,
                Matrix::Tau => g.tau[s.row][s.col] = v,
                Matrix::Delta => g.delta[s.row] = v,
                Matrix::Theta => {
                    g.theta[(s.row, s.col)] = v;
                    g.theta[(s.col, s.row)] = v;
                }
                Matrix::Psi => {
                    g.psi[(s.row, s.col)] = v;
                    g.psi[(s.col, s.row)] = v;
                }
            }
        }
        g
    }
}

/// The number k of a threshold named `tk` (lavaan's `t1`, `t2`, …).
pub fn threshold_number(name: &str) -> Option<usize> {
    name.strip_prefix('t')?.parse().ok().filter(|&k| k > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ModelOptions, from_syntax};

    #[test]
    fn second_order_loadings_go_to_beta() {
        let t = from_syntax(
            "a =~ x1 + x2\nb =~ x3 + x4\ng =~ a + b\na ~~ 0.3*b",
            &ModelOptions::default(),
        )
        .unwrap();
        let l = Layout::new(&t);
        let theta: Vec<f64> = (0..t.n_free).map(|k| k as f64 + 2.0).collect();
        let g = l.fill(&t, &theta, 1);
        assert_eq!(g.lambda[(0, 0)], 1.0);
        assert_eq!(g.beta[(0, 2)], 1.0); // g =~ a (marker)
        assert!(g.beta[(1, 2)] > 1.0); // g =~ b free
        assert_eq!(g.psi[(1, 0)], 0.3);
    }
}
