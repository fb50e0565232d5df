//! Information matrices (per observation) and casewise scores.
//!
//! - Expected information under FIML, pattern by pattern:
//!   `I = (1/N) Σ_P n_P [½ tr(Σ_oo⁻¹ dΣ_oo,k Σ_oo⁻¹ dΣ_oo,l) + dμ_o,kᵀ Σ_oo⁻¹ dμ_o,l]`
//!   (Kenward & Molenberghs 1998; lavaan's `information = "expected"` with missing = "ml").
//! - Observed information: the Hessian of `f = −ℓ/N`, by five-point central differences of
//!   the analytic gradient, `H_·k = [g(θ−2h_k) − 8g(θ−h_k) + 8g(θ+h_k) − g(θ+2h_k)] / 12h_k`
//!   (lavaan's `observed.information = "hessian"` differentiates its gradient the same way),
//!   at the stationary point ([`polish`]).
//! - Casewise scores `∂ℓ_i/∂θ_k = −½ tr(G_i dΣ_oo,k) + d_iᵀ Σ_oo⁻¹ dμ_o,k`,
//!   `G_i = Σ_oo⁻¹ − Σ_oo⁻¹ d_i d_iᵀ Σ_oo⁻¹`, `d_i = y_i,o − μ_o`, for the Huber–White
//!   sandwich `(1/N) A⁻¹ B A⁻¹` with `B = (1/N) Σ_i s_i s_iᵀ` (White 1982).

use nalgebra::{DMatrix, DVector};

use crate::admissibility::SINGULAR_TOL;
use crate::discrepancy::{Discrepancy, State};
use crate::normal::{NormalMl, add_information};

/// Relative step of the five-point differences for the observed information: truncation
/// error O(h⁴) ≈ 1e-20, rounding error near 1e-16/h ≈ 1e-11 relative. Lower-order
/// differences are not enough: on a nearly singular solution the inverse amplifies the error
/// of the Hessian by its condition number (5e7 on a Heywood case in the tests, where a
/// one-sided difference moved the scaled test by 12 % and a three-point one by 1 %), and the
/// robust standard errors and the scaled test then depend on the parameterisation.
const HESSIAN_STEP: f64 = 1e-5;
/// Estimated relative change of the inverse information over the Newton steps of [`polish`]
/// (relative move of θ times the condition number of the information) above which the
/// information is computed again at the end point. 1e-4 is a tenth of the standard errors'
/// test tolerance; well-conditioned fits (condition ~50, moves ~3e-7) stay below it and are
/// spared the second Hessian, nearly singular ones (condition 1e5–1e8) do not.
const POLISH_REFRESH: f64 = 1e-4;
/// Most Newton steps of [`polish`]. With the information held fixed the steps converge
/// linearly at a rate of the relative change of the information over the step, so from a
/// gradient of 1e-6 two or three reach rounding level; the fourth is a margin.
const POLISH_STEPS: usize = 4;
/// Rise of `f` relative to max(|f|, 1) that a polishing step may cause through rounding
/// alone (about 45 units in the last place, as the optimiser's stall rule).
const POLISH_ROUNDING: f64 = 1e-14;

/// Expected information under FIML, exact per missing-data pattern.
pub(crate) fn expected_patterns(problem: &NormalMl, state: &State) -> Option<DMatrix<f64>> {
    let q = problem.table.n_free;
    let mut info = DMatrix::zeros(q, q);
    for ((imp, jac), sample) in state.implied.iter().zip(&state.jac).zip(problem.samples) {
        for pat in &sample.patterns {
            let o = &pat.observed;
            let inv = pattern_inverse(&imp.sigma, o)?;
            let w = pat.rows.len() as f64 / problem.n_total;
            add_information(
                &mut info,
                &inv,
                jac,
                Some(o),
                problem.table.meanstructure,
                w,
            );
        }
    }
    Some(info)
}

/// Observed information: symmetrised five-point central-difference Hessian of `f`.
pub(crate) fn observed(problem: &dyn Discrepancy, theta: &[f64]) -> Option<DMatrix<f64>> {
    let q = theta.len();
    let mut h = DMatrix::zeros(q, q);
    for k in 0..q {
        let step = HESSIAN_STEP * theta[k].abs().max(1.0);
        let grad_at = |sign: f64| {
            let mut at = theta.to_vec();
            at[k] += sign * step;
            problem.state(&at).map(|s| s.grad)
        };
        let column = (grad_at(-2.0)? - grad_at(-1.0)? * 8.0 + grad_at(1.0)? * 8.0 - grad_at(2.0)?)
            / (12.0 * step);
        h.set_column(k, &column);
    }
    Some((&h + h.transpose()) * 0.5)
}

/// Newton steps with the observed information at the search's end point, taken after the
/// search has converged: `θ ← θ − H⁺g` while each step lowers the largest gradient component and does not raise
/// `f` beyond rounding, at most [`POLISH_STEPS`] times. On a nearly flat ridge the search
/// stops where `f` no longer changes measurably, which can leave θ far enough from the
/// stationary point that the observed information, the robust standard errors and the
/// scaled test differ between equivalent parameterisations; Newton's quadratic convergence
/// removes that. Directions in which the information is singular (an unidentified model)
/// are left alone, so that the singularity check afterwards sees them at the stationary
/// point, where their eigenvalue is 0 up to rounding. The information is held fixed over the
/// steps and computed once more only if that may have changed its inverse by more than
/// [`POLISH_REFRESH`]. Returns
/// the end point and the observed information there (`None` when it could not be computed).
pub(crate) fn polish(
    problem: &dyn Discrepancy,
    mut theta: Vec<f64>,
) -> (Vec<f64>, Option<DMatrix<f64>>) {
    let hessian = observed(problem, &theta);
    let (Some(mut state), Some((inverse, condition))) = (
        problem.state(&theta),
        hessian.as_ref().and_then(identified_inverse),
    ) else {
        return (theta, hessian);
    };
    let mut drift = 0.0;
    for _ in 0..POLISH_STEPS {
        let step = -(&inverse * &state.grad);
        let relative_move = step
            .iter()
            .zip(&theta)
            .map(|(d, t)| d.abs() / t.abs().max(1.0))
            .fold(0.0, f64::max);
        let next: Vec<f64> = theta.iter().zip(step.iter()).map(|(t, d)| t + d).collect();
        let Some(next_state) = problem.state(&next) else {
            break;
        };
        let rounding = POLISH_ROUNDING * state.f.abs().max(1.0);
        if next_state.f > state.f + rounding || next_state.grad.amax() >= state.grad.amax() {
            break;
        }
        theta = next;
        state = next_state;
        drift += relative_move * condition;
    }
    if drift > POLISH_REFRESH {
        (theta.clone(), observed(problem, &theta))
    } else {
        (theta, hessian)
    }
}

/// The pseudo-inverse `H⁺ = Σ_k v_k v_kᵀ / λ_k` over the eigenpairs of `H` whose eigenvalues
/// exceed [`SINGULAR_TOL`] times the largest (the identified directions); `None` when `H`
/// has no positive eigenvalue or cannot be decomposed. With it the condition number over those
/// directions (largest over smallest kept eigenvalue).
fn identified_inverse(hessian: &DMatrix<f64>) -> Option<(DMatrix<f64>, f64)> {
    let eigen = psym_stats::linalg::symmetric_eigen(hessian).ok()?;
    let largest = *eigen.values.get(0)?;
    if largest <= 0.0 {
        return None;
    }
    let q = hessian.nrows();
    let mut inverse = DMatrix::zeros(q, q);
    let mut smallest = largest;
    for (k, &value) in eigen.values.iter().enumerate() {
        if value > SINGULAR_TOL * largest {
            let v = eigen.vectors.column(k);
            inverse += v * v.transpose() / value;
            smallest = value;
        }
    }
    Some((inverse, largest / smallest))
}

/// Casewise scores (rows × q) of the log-likelihood at the estimates.
pub(crate) fn scores(problem: &NormalMl, state: &State) -> Option<DMatrix<f64>> {
    let q = problem.table.n_free;
    let total: usize = problem.samples.iter().map(|s| s.n).sum();
    let mut out = DMatrix::zeros(total, q);
    let mut offset = 0;
    for ((imp, jac), sample) in state.implied.iter().zip(&state.jac).zip(problem.samples) {
        for pat in &sample.patterns {
            let o = &pat.observed;
            let inv = pattern_inverse(&imp.sigma, o)?;
            let ds: Vec<DMatrix<f64>> = jac
                .iter()
                .map(|(d, _)| d.select_rows(o).select_columns(o))
                .collect();
            let dm: Vec<DVector<f64>> = jac.iter().map(|(_, d)| d.select_rows(o)).collect();
            let mu = if problem.table.meanstructure {
                imp.mu.select_rows(o)
            } else {
                pat.mean.clone()
            };
            // tr(Σ⁻¹ dΣ_k) is the same for every row of the pattern.
            let base: Vec<f64> = ds.iter().map(|d| inv.dot(d)).collect();
            for &r in &pat.rows {
                let y = DVector::from_fn(o.len(), |a, _| sample.data[(r, o[a])]);
                let u = &inv * (y - &mu);
                for k in 0..q {
                    let quad = u.dot(&(&ds[k] * &u));
                    let mut s = -0.5 * (base[k] - quad);
                    if problem.table.meanstructure {
                        s += u.dot(&dm[k]);
                    }
                    out[(offset + r, k)] = s;
                }
            }
        }
        offset += sample.n;
    }
    Some(out)
}

/// Inverse of the model-implied covariance of the variables observed in one missing-data
/// pattern; `None` when it is not positive definite.
fn pattern_inverse(sigma: &DMatrix<f64>, observed: &[usize]) -> Option<DMatrix<f64>> {
    Some(
        sigma
            .select_rows(observed)
            .select_columns(observed)
            .cholesky()?
            .inverse(),
    )
}
