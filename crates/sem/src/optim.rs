//! A quasi-Newton optimiser started from the Gauss–Newton (Fisher scoring) curvature.
//!
//! The first step solves `H δ = −g` with H the expected information (the Gauss–Newton
//! approximation of the Hessian of `f = −ℓ/N`); later steps update H with BFGS
//! (Nocedal & Wright 2006, §6.1), which turns Fisher scoring's linear convergence on
//! misspecified models into superlinear convergence without computing the information at
//! every step. H is recomputed from the information every [`REFRESH`] iterations, so that a
//! secant approximation spoilt on a flat ridge (bifactor models, two-indicator factors) cannot
//! make the steps crawl. A ridge is added when H is not positive definite, and the step is
//! halved until `f` decreases enough (Armijo condition); when no such step exists even from
//! the information, Levenberg–Marquardt damping turns the step towards steepest descent.
//!
//! Convergence is judged as lavaan judges it (nlminb's relative function convergence, then a
//! check of the gradient): the search stops when the decrease predicted by the quadratic
//! model, `½ gᵀH⁻¹g`, falls below [`REL_TOL`] · max(|f|, 1), or when `f` stops changing
//! (three accepted steps in a row that change it by no more than rounding, or no step that
//! decreases it). The end point counts as converged when its largest absolute gradient
//! component is at most [`TOL_GRADIENT`] (lavaan's `optim.dx.tol`). The search also stops,
//! not converged, at [`MAX_ITER`] iterations or when the caller's [`TimeLimit`] runs out.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::options::TimeLimit;

/// Relative predicted decrease below which the search stops. lavaan's nlminb uses
/// `rel.tol = 1e-10`; psym asks for 1e-14 (still about 45 units in the last place of f),
/// which costs a few superlinear steps and keeps inadmissible, nearly flat solutions within
/// the 1e-4 tolerance of the reference tests; the stall rule ends the search where rounding
/// makes this unreachable.
pub(crate) const REL_TOL: f64 = 1e-14;
/// Change of `f` relative to max(|f|, 1) that counts as "no change" (about 45 units in the
/// last place of a double).
const STALL_TOL: f64 = 1e-14;
/// Accepted steps in a row without change after which the search stops.
const STALL_STEPS: usize = 3;
/// Largest absolute gradient component of `f` accepted at the end point (lavaan's
/// `optim.dx.tol`).
pub(crate) const TOL_GRADIENT: f64 = 1e-3;
/// Iteration cap.
pub(crate) const MAX_ITER: usize = 2000;
/// Iterations between recomputations of the curvature from the information matrix.
const REFRESH: usize = 10;
/// Armijo sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;

/// How the optimiser ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Convergence {
    /// Whether a stationary point was reached: the search stopped on the relative change
    /// of the objective and the largest gradient is at most 1e-3 (lavaan's rule).
    pub converged: bool,
    /// Number of iterations used.
    pub iterations: usize,
    /// Largest absolute gradient component of `f = −ℓ/N` at the reported estimates (after
    /// the Newton steps that precede an observed information; `null` in JSON when it could
    /// not be computed).
    pub gradient_max: f64,
    /// Why the search stopped.
    pub stop: Stop,
    /// Plain-language reason for stopping.
    pub message: String,
}

/// Why the optimiser stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// The predicted relative decrease of the objective fell below the tolerance.
    RelativeChange,
    /// The objective stopped changing (rounding level, or no decreasing step).
    Stalled,
    /// The model has no free parameters.
    NothingToEstimate,
    /// The implied covariance matrix is not positive definite at the starting values.
    BadStart,
    /// No usable step could be computed from the curvature.
    NoStep,
    /// The iteration cap was reached.
    IterationLimit,
    /// The time cap was reached.
    TimeLimit,
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

/// The convergence report of a search that ended with `stop`: lavaan's judgement (the
/// relative-change and stall stops count as converged only with a largest gradient of at most
/// [`TOL_GRADIENT`]) and a plain-language message.
pub(crate) fn report(stop: Stop, iterations: usize, gradient_max: f64) -> Convergence {
    let small = gradient_max <= TOL_GRADIENT;
    let (converged, message) = match stop {
        Stop::RelativeChange if small => (true, "converged".to_string()),
        Stop::Stalled if small => (
            true,
            "converged (the objective stopped changing at rounding level)".to_string(),
        ),
        Stop::RelativeChange | Stop::Stalled => (
            false,
            format!(
                "the objective stopped changing but the largest gradient ({gradient_max:.2e}) \
                 is above {TOL_GRADIENT:e}: not a stationary point"
            ),
        ),
        Stop::NothingToEstimate => (true, "no free parameters".to_string()),
        Stop::BadStart => (
            false,
            "the model-implied covariance matrix is not positive definite at the starting \
             values"
                .to_string(),
        ),
        Stop::NoStep => (
            false,
            "the information matrix could not be used to compute a step".to_string(),
        ),
        Stop::IterationLimit => (
            false,
            format!("iteration limit ({MAX_ITER}) reached while the objective was still changing"),
        ),
        Stop::TimeLimit => (
            false,
            "time limit reached while the objective was still changing".to_string(),
        ),
    };
    Convergence {
        converged,
        iterations,
        gradient_max,
        stop,
        message,
    }
}

/// Minimises a smooth function from `start`, stopping after [`MAX_ITER`] iterations or when
/// `limit` says the time is up.
pub(crate) fn minimise<G, H>(
    start: Vec<f64>,
    obj: &Objective<G, H>,
    limit: Option<&TimeLimit>,
) -> (Vec<f64>, Convergence)
where
    G: Fn(&[f64]) -> Option<Local>,
    H: Fn(&[f64]) -> Option<DMatrix<f64>>,
{
    let started = limit.map(|l| (l.clock)());
    let out_of_time = || match (limit, started) {
        (Some(l), Some(t0)) => (l.clock)() - t0 > l.seconds,
        _ => false,
    };
    let theta = start;
    let Some((f, g)) = (obj.gradient)(&theta) else {
        return (theta, report(Stop::BadStart, 0, f64::NAN));
    };
    if theta.is_empty() {
        return (theta, report(Stop::NothingToEstimate, 0, 0.0));
    }
    let Some(h) = (obj.curvature)(&theta) else {
        return (theta, report(Stop::BadStart, 0, g.amax()));
    };
    let mut search = Search {
        theta,
        f,
        g,
        h,
        fresh: true,
        stalls: 0,
        rescued: false,
    };
    let mut it = 0;
    let stop = loop {
        if let Some(stop) = search.iterate(obj, it) {
            break stop;
        }
        it += 1;
        if out_of_time() {
            break Stop::TimeLimit;
        }
    };
    let gmax = search.g.amax();
    let mut convergence = report(stop, it, gmax);
    if let (Stop::TimeLimit, Some(l)) = (stop, limit) {
        convergence.message = format!(
            "time limit ({} s) reached while the objective was still changing",
            l.seconds
        );
    }
    (search.theta, convergence)
}

/// The state of the search.
struct Search {
    theta: Vec<f64>,
    f: f64,
    g: DVector<f64>,
    h: DMatrix<f64>,
    /// Whether `h` was just computed from the information (not a secant update).
    fresh: bool,
    /// Accepted steps in a row that did not change `f`.
    stalls: usize,
    /// Whether the curvature was recomputed after the last stall.
    rescued: bool,
}

impl Search {
    /// One iteration (number `it`, 0-based); `Some(stop)` when the search ends.
    fn iterate<G, H>(&mut self, obj: &Objective<G, H>, it: usize) -> Option<Stop>
    where
        G: Fn(&[f64]) -> Option<Local>,
        H: Fn(&[f64]) -> Option<DMatrix<f64>>,
    {
        let Some(step) = solve_step(&self.h, &self.g) else {
            return Some(Stop::NoStep);
        };
        let decrement = -self.g.dot(&step);
        let scale = self.f.abs().max(1.0);
        if 0.5 * decrement <= REL_TOL * scale {
            return Some(Stop::RelativeChange);
        }
        if it >= MAX_ITER {
            return Some(Stop::IterationLimit);
        }
        let mut accepted = self.line_search(obj, &step, decrement);
        if accepted.is_none() && self.fresh {
            accepted = self.damped_search(obj);
        }
        match accepted {
            Some((t, (ft, gt))) => {
                if self.f - ft <= STALL_TOL * scale {
                    self.stalls += 1;
                } else {
                    self.stalls = 0;
                    self.rescued = false;
                }
                let q = t.len();
                let s = DVector::from_iterator(q, t.iter().zip(&self.theta).map(|(a, b)| a - b));
                let y = &gt - &self.g;
                self.theta = t;
                self.f = ft;
                self.g = gt;
                let stalled = self.stalls >= STALL_STEPS;
                if stalled && self.rescued {
                    return Some(Stop::Stalled);
                }
                if (stalled || (it + 1).is_multiple_of(REFRESH))
                    && let Some(h) = (obj.curvature)(&self.theta)
                {
                    self.h = h;
                    self.fresh = true;
                    if stalled {
                        self.stalls = 0;
                        self.rescued = true;
                    }
                } else {
                    bfgs_update(&mut self.h, &s, &y);
                    self.fresh = false;
                }
                None
            }
            None if !self.fresh => match (obj.curvature)(&self.theta) {
                Some(h) => {
                    self.h = h;
                    self.fresh = true;
                    None
                }
                None => Some(Stop::NoStep),
            },
            None => Some(Stop::Stalled),
        }
    }

    /// Levenberg–Marquardt fallback when even the information's step fails: steps from
    /// `(H + μI) δ = −g` with μ growing from 1e-6 to 100 times the largest diagonal of H,
    /// which turn towards steepest descent.
    fn damped_search<G, H>(&self, obj: &Objective<G, H>) -> Option<(Vec<f64>, Local)>
    where
        G: Fn(&[f64]) -> Option<Local>,
    {
        let scale = self.h.diagonal().amax().max(1e-12);
        (0..5).find_map(|k| {
            let mu = scale * 1e-6 * 100f64.powi(k);
            let step = solve_with_ridge(&self.h, &self.g, mu)?;
            let decrement = -self.g.dot(&step);
            self.line_search(obj, &step, decrement)
        })
    }

    /// Backtracking from the full step until the Armijo condition holds.
    fn line_search<G, H>(
        &self,
        obj: &Objective<G, H>,
        step: &DVector<f64>,
        decrement: f64,
    ) -> Option<(Vec<f64>, Local)>
    where
        G: Fn(&[f64]) -> Option<Local>,
    {
        let mut alpha = 1.0;
        while alpha > 1e-12 {
            let trial: Vec<f64> = self
                .theta
                .iter()
                .zip(step.iter())
                .map(|(t, s)| t + alpha * s)
                .collect();
            if let Some(local) = (obj.gradient)(&trial)
                && local.0 <= self.f - ARMIJO * alpha * decrement
            {
                return Some((trial, local));
            }
            alpha *= 0.5;
        }
        None
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
    solve_with_ridge(h, g, 0.0)
}

/// Solves `(H + μI) δ = −g` for the smallest μ ≥ `ridge` (growing tenfold from 1e-8 times
/// the largest diagonal of H) at which the matrix is positive definite.
fn solve_with_ridge(h: &DMatrix<f64>, g: &DVector<f64>, ridge: f64) -> Option<DVector<f64>> {
    let scale = h.diagonal().amax().max(1e-12);
    let mut ridge = ridge;
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
        let (x, c) = minimise(vec![3.0, 3.0], &obj, None);
        assert!(c.converged);
        assert!(c.iterations <= 2);
        let sol = h.clone().cholesky().unwrap().solve(&b);
        assert!((x[0] - sol[0]).abs() < 1e-10 && (x[1] - sol[1]).abs() < 1e-10);
    }

    /// An objective that decreases without end (f = −x) never converges: the search stops at
    /// the iteration cap and says so.
    #[test]
    fn unbounded_objective_stops_at_the_iteration_cap() {
        let obj = Objective {
            gradient: |x: &[f64]| Some((-x[0], DVector::from_vec(vec![-1.0]))),
            curvature: |_: &[f64]| Some(DMatrix::from_element(1, 1, 1.0)),
        };
        let (_, c) = minimise(vec![0.0], &obj, None);
        assert!(!c.converged);
        assert_eq!(c.stop, Stop::IterationLimit);
        assert_eq!(c.iterations, MAX_ITER);
        assert!(c.message.contains("iteration limit"), "{}", c.message);
    }

    /// The time cap is measured by the caller's clock: with a clock that advances a second per
    /// reading (one reading at the start, one after each iteration), the same unbounded search
    /// stops after 11 iterations, the first reading past 10 s, with the cap in the message.
    #[test]
    fn time_limit_follows_the_callers_clock() {
        let obj = Objective {
            gradient: |x: &[f64]| Some((-x[0], DVector::from_vec(vec![-1.0]))),
            curvature: |_: &[f64]| Some(DMatrix::from_element(1, 1, 1.0)),
        };
        let ticks = std::sync::atomic::AtomicU64::new(0);
        let ticks = std::sync::Arc::new(ticks);
        let clock = std::sync::Arc::clone(&ticks);
        let limit = TimeLimit::new(10.0, move || {
            clock.fetch_add(1, std::sync::atomic::Ordering::Relaxed) as f64
        });
        let (_, c) = minimise(vec![0.0], &obj, Some(&limit));
        assert_eq!(c.stop, Stop::TimeLimit);
        assert!(!c.converged);
        assert_eq!(c.iterations, 11);
        assert!(c.message.contains("time limit (10 s)"), "{}", c.message);
    }

    /// A flat curved valley, f = (x y − 1)² + 1e-4 (x − y)², with the Gauss–Newton curvature
    /// of its first term (singular along the valley): the search reaches the minimum at
    /// (1, 1) instead of crawling, and ends on the relative-change rule.
    #[test]
    fn flat_valley_is_followed_to_its_minimum() {
        let w = 1e-4;
        let obj = Objective {
            gradient: |v: &[f64]| {
                let (x, y) = (v[0], v[1]);
                let r = x * y - 1.0;
                let f = r * r + w * (x - y).powi(2);
                let g = vec![
                    2.0 * r * y + 2.0 * w * (x - y),
                    2.0 * r * x - 2.0 * w * (x - y),
                ];
                Some((f, DVector::from_vec(g)))
            },
            curvature: |v: &[f64]| {
                let j = DVector::from_vec(vec![v[1], v[0]]);
                Some(2.0 * &j * j.transpose())
            },
        };
        let (x, c) = minimise(vec![4.0, 0.5], &obj, None);
        assert!(c.converged, "{c:?}");
        assert!(c.iterations < MAX_ITER / 4, "{c:?}");
        assert!(
            (x[0] - 1.0).abs() < 1e-3 && (x[1] - 1.0).abs() < 1e-3,
            "{x:?}"
        );
    }
}
