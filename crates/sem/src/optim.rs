//! A quasi-Newton optimiser started from the Gauss–Newton (Fisher scoring) curvature.
//!
//! The first step solves `H δ = −g` with H the expected information (the Gauss–Newton
//! approximation of the Hessian of `f = −ℓ/N`); later steps update H with BFGS
//! (Nocedal & Wright 2006, §6.1), which turns Fisher scoring's linear convergence on
//! misspecified models into superlinear convergence without computing the information at
//! every step. A ridge is added when H is not positive definite, and the step is halved
//! until `f` decreases enough (Armijo condition); if that fails, H is recomputed from the
//! information once before giving up. It stops when the Newton decrement `gᵀH⁻¹g` falls
//! below [`TOL_DECREMENT`].

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

/// Objective value and gradient at a point.
pub(crate) type Local = (f64, DVector<f64>);

/// The functions the optimiser needs: the objective's value with gradient (`None` outside
/// the admissible region, where Σ is not positive definite) and a positive semi-definite
/// curvature matrix.
pub(crate) struct Objective<G, H> {
    pub gradient: G,
    pub curvature: H,
}

/// Minimises a smooth function from `start`.
pub(crate) fn minimise<G, H>(start: Vec<f64>, obj: &Objective<G, H>) -> (Vec<f64>, Convergence)
where
    G: Fn(&[f64]) -> Option<Local>,
    H: Fn(&[f64]) -> Option<DMatrix<f64>>,
{
    let mut theta = start;
    let q = theta.len();
    let finish = |theta: Vec<f64>, it: usize, g: f64, ok: bool, msg: &str| {
        let c = Convergence {
            converged: ok,
            iterations: it,
            gradient_max: g,
            message: msg.to_string(),
        };
        (theta, c)
    };
    let not_pd =
        "the model-implied covariance matrix is not positive definite at the starting values";
    let Some((mut f, mut g)) = (obj.gradient)(&theta) else {
        return finish(theta, 0, f64::NAN, false, not_pd);
    };
    if q == 0 {
        return finish(theta, 0, 0.0, true, "no free parameters");
    }
    let Some(mut h) = (obj.curvature)(&theta) else {
        return finish(theta, 0, f64::NAN, false, not_pd);
    };
    let mut fresh = true;
    let mut it = 0;
    loop {
        let gmax = g.amax();
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
            if let Some(local) = (obj.gradient)(&trial)
                && local.0 <= f - ARMIJO * alpha * decrement
            {
                accepted = Some((trial, local));
                break;
            }
            alpha *= 0.5;
        }
        match accepted {
            Some((t, (ft, gt))) => {
                let s = DVector::from_iterator(q, t.iter().zip(&theta).map(|(a, b)| a - b));
                let y = &gt - &g;
                bfgs_update(&mut h, &s, &y);
                theta = t;
                f = ft;
                g = gt;
                fresh = false;
            }
            None if gmax < TOL_GRADIENT => {
                return finish(
                    theta,
                    it,
                    gmax,
                    true,
                    "converged (no further decrease possible)",
                );
            }
            None if !fresh => match (obj.curvature)(&theta) {
                Some(hn) => {
                    h = hn;
                    fresh = true;
                }
                None => {
                    return finish(
                        theta,
                        it,
                        gmax,
                        false,
                        "the information matrix could not be computed",
                    );
                }
            },
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

/// BFGS update of the Hessian approximation, skipped when the curvature condition fails:
/// `H ← H + yyᵀ/(yᵀs) − Hs sᵀH/(sᵀHs)`.
fn bfgs_update(h: &mut DMatrix<f64>, s: &DVector<f64>, y: &DVector<f64>) {
    let ys = y.dot(s);
    let hs = &*h * s;
    let shs = s.dot(&hs);
    if ys <= 1e-12 * (s.norm() * y.norm()) || shs <= 0.0 {
        return;
    }
    *h += y * y.transpose() / ys - &hs * hs.transpose() / shs;
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
        let obj = Objective {
            gradient: |x: &[f64]| {
                let v = DVector::from_column_slice(x);
                Some((f(x), &h * &v - &b))
            },
            curvature: |_: &[f64]| Some(h.clone()),
        };
        let (x, c) = minimise(vec![3.0, 3.0], &obj);
        assert!(c.converged);
        assert!(c.iterations <= 2);
        let sol = h.clone().cholesky().unwrap().solve(&b);
        assert!((x[0] - sol[0]).abs() < 1e-10 && (x[1] - sol[1]).abs() < 1e-10);
    }
}
