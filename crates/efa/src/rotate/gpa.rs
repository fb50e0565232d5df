//! Gradient projection algorithms (Jennrich 2001, 2002; Bernaards & Jennrich 2005) for
//! orthogonal and oblique rotation, with optional random starts.

use nalgebra::DMatrix;
use psym_stats::linalg::polar;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use super::criteria::Criterion;

/// Step size below which the line search is considered stalled.
const STALL_STEP: f64 = 1e-12;
/// Largest projected gradient norm accepted as converged when the line search stalls.
const STALL_GRADIENT: f64 = 1e-4;

/// Stopping rule and starts of the gradient projection algorithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GpaSettings {
    /// Stop when the Frobenius norm of the projected gradient is below this (GPArotation
    /// `eps = 1e-5`).
    pub eps: f64,
    /// Iteration cap (GPArotation `maxit = 1000`).
    pub max_iter: usize,
    /// Random starts in addition to the identity.
    pub random_starts: usize,
    /// Seed of the random starts.
    pub seed: u64,
}

/// Result of one GPA run.
#[derive(Debug, Clone)]
pub(crate) struct GpaResult {
    /// Rotated loadings (pattern for oblique rotations).
    pub loadings: DMatrix<f64>,
    /// The rotation matrix `T` (`Λ = A T` orthogonal, `Λ = A (T')⁻¹` oblique).
    pub t: DMatrix<f64>,
    /// Criterion value at the solution.
    pub value: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// Runs GPA from the identity, from the criterion's own start (a least-squares fit for a
/// target), and, for criteria with local optima or when the identity is stationary, from
/// `random_starts` random orthogonal matrices, keeping the solution with the smallest criterion.
pub(crate) fn rotate_gpa(
    a: &DMatrix<f64>,
    crit: &Criterion,
    oblique: bool,
    s: &GpaSettings,
) -> Option<GpaResult> {
    let k = a.ncols();
    let identity = run(a, crit, oblique, DMatrix::identity(k, k), s)?;
    // Random starts always for criteria with local optima; for the others only when the
    // identity is already stationary (a symmetric solution on a saddle point).
    let starts = if crit.has_local_optima() || identity.iterations == 0 {
        s.random_starts
    } else {
        0
    };
    let mut best = identity;
    let mut consider = |r: Option<GpaResult>| {
        if let Some(r) = r
            && r.converged
            && (!best.converged || r.value < best.value - 1e-10)
        {
            best = r;
        }
    };
    if let Some(t0) = crit.start(a, oblique) {
        consider(run(a, crit, oblique, t0, s));
    }
    for start in 0..starts {
        let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
        rng.set_stream(start as u64);
        consider(run(a, crit, oblique, random_orthogonal(k, &mut rng), s));
    }
    Some(best)
}

/// A random orthogonal matrix: the Q factor of a matrix of standard normals, signs fixed so
/// that the distribution is uniform (Haar).
fn random_orthogonal(k: usize, rng: &mut ChaCha8Rng) -> DMatrix<f64> {
    let z = DMatrix::from_fn(k, k, |_, _| StandardNormal.sample(rng));
    let qr = z.qr();
    let mut q = qr.q();
    let r = qr.r();
    for (j, mut col) in q.column_iter_mut().enumerate() {
        if r[(j, j)] < 0.0 {
            col.neg_mut();
        }
    }
    q
}

fn loadings_for(a: &DMatrix<f64>, t: &DMatrix<f64>, oblique: bool) -> Option<DMatrix<f64>> {
    if oblique {
        Some(a * t.clone().try_inverse()?.transpose())
    } else {
        Some(a * t)
    }
}

/// Gradient with respect to `T` from the gradient `gq` with respect to `Λ`.
fn t_gradient(
    a: &DMatrix<f64>,
    l: &DMatrix<f64>,
    gq: &DMatrix<f64>,
    t: &DMatrix<f64>,
    oblique: bool,
) -> Option<DMatrix<f64>> {
    if oblique {
        // G = −(Λ' Gq T⁻¹)'
        let tinv = t.clone().try_inverse()?;
        Some(-(l.transpose() * gq * tinv).transpose())
    } else {
        Some(a.transpose() * gq)
    }
}

/// Projection of the gradient on the tangent space of the constraint set.
fn project(g: &DMatrix<f64>, t: &DMatrix<f64>, oblique: bool) -> DMatrix<f64> {
    if oblique {
        // columns of T have unit length: Gp = G − T diag(T'G)
        let mut gp = g.clone();
        for f in 0..t.ncols() {
            let d = t.column(f).dot(&g.column(f));
            let tcol = t.column(f) * d;
            gp.column_mut(f).axpy(-1.0, &tcol, 1.0);
        }
        gp
    } else {
        let m = t.transpose() * g;
        let sym = (&m + m.transpose()) * 0.5;
        g - t * sym
    }
}

/// Moves `x` back onto the constraint set: unit columns (oblique) or the nearest orthogonal
/// matrix (orthogonal).
fn retract(x: DMatrix<f64>, oblique: bool) -> Option<DMatrix<f64>> {
    if oblique {
        let mut x = x;
        for mut col in x.column_iter_mut() {
            let n = col.norm();
            if n == 0.0 {
                return None;
            }
            col /= n;
        }
        Some(x)
    } else {
        polar(&x).map(|(q, _)| q)
    }
}

fn run(
    a: &DMatrix<f64>,
    crit: &Criterion,
    oblique: bool,
    t0: DMatrix<f64>,
    s: &GpaSettings,
) -> Option<GpaResult> {
    let mut t = t0;
    let mut l = loadings_for(a, &t, oblique)?;
    let (mut f, gq) = crit.value_grad(&l);
    let mut g = t_gradient(a, &l, &gq, &t, oblique)?;
    let mut alpha = 1.0;
    for iter in 0..=s.max_iter {
        let gp = project(&g, &t, oblique);
        let norm = gp.norm();
        // A step size that has collapsed means f can no longer decrease measurably: the
        // precision limit, accepted as convergence when the gradient is already small.
        let stalled = alpha < STALL_STEP && norm < STALL_GRADIENT;
        if norm < s.eps || stalled {
            return Some(GpaResult {
                loadings: l,
                t,
                value: f,
                iterations: iter,
                converged: true,
            });
        }
        if iter == s.max_iter {
            break;
        }
        alpha *= 2.0;
        let mut step = None;
        for _ in 0..=10 {
            let tt = retract(&t - &gp * alpha, oblique)?;
            let lt = loadings_for(a, &tt, oblique)?;
            let (ft, gqt) = crit.value_grad(&lt);
            let improved = f - ft > 0.5 * norm * norm * alpha;
            step = Some((tt, lt, ft, gqt));
            if improved {
                break;
            }
            alpha /= 2.0;
        }
        let (tt, lt, ft, gqt) = step?;
        g = t_gradient(a, &lt, &gqt, &tt, oblique)?;
        t = tt;
        l = lt;
        f = ft;
    }
    Some(GpaResult {
        loadings: l,
        t,
        value: f,
        iterations: s.max_iter,
        converged: false,
    })
}
