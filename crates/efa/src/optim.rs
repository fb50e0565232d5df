//! A small box-constrained quasi-Newton minimiser (projected BFGS with Armijo backtracking),
//! enough for the uniquenesses of minres and ML extraction (psych uses R's L-BFGS-B with the
//! same bounds).

use nalgebra::{DMatrix, DVector};

/// Relative decrease of f below which a step counts as flat (rounding level).
const FLAT: f64 = 1e-14;

/// Settings of [`minimise_box`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct BoxSettings {
    /// Lower bound of every coordinate.
    pub lower: f64,
    /// Upper bound of every coordinate.
    pub upper: f64,
    /// Stop when the largest projected gradient component falls below this.
    pub grad_tol: f64,
    /// Iteration cap.
    pub max_iter: usize,
}

/// Outcome of [`minimise_box`].
#[derive(Debug, Clone)]
pub(crate) struct BoxResult {
    pub x: DVector<f64>,
    pub iterations: usize,
    pub converged: bool,
}

/// Projected gradient: components that would push against an active bound are zero.
fn projected_gradient(x: &DVector<f64>, g: &DVector<f64>, s: &BoxSettings) -> DVector<f64> {
    DVector::from_fn(x.len(), |j, _| {
        let at_lower = x[j] <= s.lower && g[j] > 0.0;
        let at_upper = x[j] >= s.upper && g[j] < 0.0;
        if at_lower || at_upper { 0.0 } else { g[j] }
    })
}

/// Minimises `f` over the box `[lower, upper]ⁿ` from `x0`; `f` returns the value and gradient,
/// or `None` where it is undefined (treated as a failed step).
pub(crate) fn minimise_box<F>(f: F, x0: DVector<f64>, s: &BoxSettings) -> Option<BoxResult>
where
    F: Fn(&DVector<f64>) -> Option<(f64, DVector<f64>)>,
{
    let n = x0.len();
    let clamp = |v: &DVector<f64>| v.map(|t| t.clamp(s.lower, s.upper));
    let mut x = clamp(&x0);
    let (mut fx, mut g) = f(&x)?;
    let mut h = DMatrix::<f64>::identity(n, n);
    let mut flat_steps = 0;
    for iter in 0..s.max_iter {
        let pg = projected_gradient(&x, &g, s);
        if pg.amax() < s.grad_tol {
            return Some(BoxResult {
                x,
                iterations: iter,
                converged: true,
            });
        }
        // Search direction on the free coordinates only.
        let free: Vec<bool> = (0..n).map(|j| pg[j] != 0.0 || g[j] == 0.0).collect();
        let mut d = -(&h * &pg);
        for j in 0..n {
            if !free[j] {
                d[j] = 0.0;
            }
        }
        if d.dot(&pg) >= 0.0 {
            h.fill_with_identity();
            d = -pg.clone();
        }
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let xt = clamp(&(&x + &d * t));
            if let Some((ft, gt)) = f(&xt) {
                let decrease = g.dot(&(&xt - &x));
                if ft <= fx + 1e-4 * decrease.min(0.0) {
                    accepted = Some((xt, ft, gt));
                    break;
                }
            }
            t *= 0.5;
        }
        let stalled = match &accepted {
            Some((_, fnew, _)) => {
                flat_steps = if fx - fnew <= FLAT * (1.0 + fx.abs()) {
                    flat_steps + 1
                } else {
                    0
                };
                flat_steps >= 3
            }
            None => true,
        };
        let Some((xn, fnew, gn)) = accepted.filter(|_| !stalled) else {
            // No measurable decrease any more: at the precision limit of f.
            let converged = pg.amax() < s.grad_tol.sqrt();
            return Some(BoxResult {
                x,
                iterations: iter,
                converged,
            });
        };
        let sv = &xn - &x;
        let yv = &gn - &g;
        let sy = sv.dot(&yv);
        if sy > 1e-12 * sv.norm() * yv.norm() {
            let rho = 1.0 / sy;
            let hy = &h * &yv;
            let yhy = yv.dot(&hy);
            // BFGS update of the inverse Hessian approximation.
            h += (&sv * sv.transpose()) * (rho * (1.0 + rho * yhy))
                - (&hy * sv.transpose() + &sv * hy.transpose()) * rho;
        }
        x = xn;
        fx = fnew;
        g = gn;
    }
    Some(BoxResult {
        x,
        iterations: s.max_iter,
        converged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    #[test]
    fn quadratic_with_active_bound() {
        // f = (x0 - 2)^2 + (x1 - 0.3)^2 on [0, 1]^2: minimum at (1, 0.3).
        let f = |x: &DVector<f64>| {
            let v = (x[0] - 2.0).powi(2) + (x[1] - 0.3).powi(2);
            Some((
                v,
                DVector::from_vec(vec![2.0 * (x[0] - 2.0), 2.0 * (x[1] - 0.3)]),
            ))
        };
        let s = BoxSettings {
            lower: 0.0,
            upper: 1.0,
            grad_tol: 1e-10,
            max_iter: 100,
        };
        let r = minimise_box(f, DVector::from_vec(vec![0.5, 0.9]), &s).unwrap();
        assert!(r.converged);
        assert!((r.x[0] - 1.0).abs() < CLOSED_FORM && (r.x[1] - 0.3).abs() < 1e-9);
    }
}
