//! A Gauss–Newton (Fisher scoring) optimiser with backtracking line search.
//!
//! Each step solves `H δ = −g` with H the expected information (the Gauss–Newton
//! approximation of the Hessian of `f = −ℓ/N`), adding a ridge when H is not positive
//! definite, then halves the step until `f` decreases enough (Armijo condition). It stops
//! when the Newton decrement `gᵀH⁻¹g` falls below [`TOL_DECREMENT`].

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Newton decrement `gᵀH⁻¹g` below which the fit is declared converged. In units of
/// `f = −ℓ/N` (of order 1), 1e-15 is near rounding level; the parameters are then accurate to
/// about √1e-15 ≈ 3e-8 relative to their standard deviations, far within the 1e-4 tolerance
/// of the reference tests.
const TOL_DECREMENT: f64 = 1e-15;
/// Largest gradient component accepted as "converged" when progress stalls at rounding level.
const TOL_GRADIENT: f64 = 1e-7;
/// Iteration cap.
const MAX_ITER: usize = 500;
/// Armijo sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;

/// How the optimiser ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Convergence {
    /// Whether a stationary point was reached.
    pub converged: bool,
    /// Number of iterations used.
    pub iterations: usize,
    /// Largest absolute gradient component of `f = −ℓ/N` at the end.
    pub gradient_max: f64,
    /// Plain-language reason for stopping.
    pub message: String,
}

/// Objective value, gradient and a positive semi-definite curvature matrix at a point.
pub(crate) type Local = (f64, DVector<f64>, DMatrix<f64>);

/// Minimises a smooth function from `start`.
///
/// `value` returns `None` outside the admissible region (Σ not positive definite); `local`
/// returns the value, gradient and curvature matrix.
pub(crate) fn minimise(
    start: Vec<f64>,
    value: impl Fn(&[f64]) -> Option<f64>,
    local: impl Fn(&[f64]) -> Option<Local>,
) -> (Vec<f64>, Convergence) {
    let mut theta = start;
    let q = theta.len();
    let mut it = 0;
    let finish = |theta: Vec<f64>, it: usize, g: f64, ok: bool, msg: &str| {
        let c = Convergence {
            converged: ok,
            iterations: it,
            gradient_max: g,
            message: msg.to_string(),
        };
        (theta, c)
    };
    loop {
        let Some((f, g, h)) = local(&theta) else {
            return finish(
                theta,
                it,
                f64::NAN,
                false,
                "the model-implied covariance matrix is not positive definite at the starting values",
            );
        };
        let gmax = g.amax();
        if q == 0 {
            return finish(theta, it, 0.0, true, "no free parameters");
        }
        let Some(step) = solve_step(&h, &g) else {
            return finish(
                theta,
                it,
                gmax,
                false,
                "the information matrix could not be used to compute a step",
            );
        };
        let decrement = -g.dot(&step);
        if decrement < TOL_DECREMENT {
            return finish(theta, it, gmax, true, "converged");
        }
        if it >= MAX_ITER {
            return finish(theta, it, gmax, false, "iteration limit reached");
        }
        it += 1;
        let mut alpha = 1.0;
        let mut accepted = None;
        while alpha > 1e-12 {
            let trial: Vec<f64> = theta
                .iter()
                .zip(step.iter())
                .map(|(t, s)| t + alpha * s)
                .collect();
            if let Some(ft) = value(&trial)
                && ft <= f - ARMIJO * alpha * decrement
            {
                accepted = Some(trial);
                break;
            }
            alpha *= 0.5;
        }
        match accepted {
            Some(t) => theta = t,
            None if gmax < TOL_GRADIENT => {
                return finish(
                    theta,
                    it,
                    gmax,
                    true,
                    "converged (no further decrease possible)",
                );
            }
            None => {
                return finish(
                    theta,
                    it,
                    gmax,
                    false,
                    "the line search could not decrease the objective",
                );
            }
        }
    }
}

/// Solves `H δ = −g`, adding a growing ridge when H is not positive definite.
fn solve_step(h: &DMatrix<f64>, g: &DVector<f64>) -> Option<DVector<f64>> {
    let scale = h.diagonal().amax().max(1e-12);
    let mut ridge = 0.0;
    for _ in 0..20 {
        let mut m = h.clone();
        for i in 0..m.nrows() {
            m[(i, i)] += ridge;
        }
        if let Some(c) = m.cholesky() {
            let step = -c.solve(g);
            if step.iter().all(|v| v.is_finite()) {
                return Some(step);
            }
        }
        ridge = if ridge == 0.0 {
            1e-8 * scale
        } else {
            ridge * 10.0
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_a_quadratic_in_one_step() {
        let h = DMatrix::from_row_slice(2, 2, &[2.0, 0.5, 0.5, 1.0]);
        let b = DVector::from_vec(vec![1.0, -1.0]);
        let f = |x: &[f64]| {
            let x = DVector::from_column_slice(x);
            0.5 * x.dot(&(&h * &x)) - b.dot(&x)
        };
        let (x, c) = minimise(
            vec![3.0, 3.0],
            |x| Some(f(x)),
            |x| {
                let v = DVector::from_column_slice(x);
                Some((f(x), &h * &v - &b, h.clone()))
            },
        );
        assert!(c.converged);
        assert!(c.iterations <= 2);
        let sol = h.clone().cholesky().unwrap().solve(&b);
        assert!((x[0] - sol[0]).abs() < 1e-10 && (x[1] - sol[1]).abs() < 1e-10);
    }
}
