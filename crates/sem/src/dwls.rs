//! Ordinal CFA by diagonally weighted least squares (lavaan's `estimator = "WLSMV"`, delta
//! parameterisation, one group, complete rows): the second implementation of the
//! [`Discrepancy`] seam.
//!
//! The latent responses y* are standard normal, cut at the thresholds into the observed
//! categories; the model is `Σ* = ΛΦΛᵀ + Θ` with `diag Σ* = 1` (Θ's diagonal is whatever makes
//! it so, `θ_jj = 1 − (ΛΦΛᵀ)_jj`). The sample statistics are the thresholds and polychoric
//! correlations with their asymptotic covariance Γ ([`psym_stats::ordinal`]). In one group
//! the thresholds are free and equal their sample values, so the fit concerns the
//! correlations r = ρ̂ − σ(θ) (pairs a < b) alone:
//! - `F(θ) = ½ rᵀ W r`, `W = diag(Γ_ρρ)⁻¹` (DWLS); `χ² = 2(N − 1) F̂ = (N − 1) r̂ᵀ W r̂` on
//!   `p(p−1)/2 − q` df (lavaan's least-squares statistics, and their RMSEA, use N − 1);
//! - standard errors from the sandwich `(ΔᵀWΔ)⁻¹ ΔᵀWΓWΔ (ΔᵀWΔ)⁻¹ / N` (Δ = ∂σ/∂θ; lavaan's
//!   `se = "robust.sem"`);
//! - the scaled-and-shifted test from the traces of UΓ, `U = W − WΔ(ΔᵀWΔ)⁻¹ΔᵀW`
//!   (Asparouhov & Muthén 2010; [`RobustTest`]), and for the baseline model (all
//!   correlations 0, no parameters) `χ²_0 = (N − 1) ρ̂ᵀ W ρ̂` with U = W;
//! - CFI, TLI and RMSEA from the standard and from the scaled statistics, SRMR as the root
//!   mean square of the residual correlations (lavaan's `srmr` for categorical data).

use nalgebra::{DMatrix, DVector};
use psym_model::{Layout, Op, ParTable};
use psym_stats::ordinal::{OrdinalStats, ordinal_stats};
use serde::Serialize;

use crate::SemError;
use crate::discrepancy::{Discrepancy, State};
use crate::estimate::optimise;
use crate::implied::{Implied, jacobian};
use crate::measures as m;
use crate::optim::Convergence;
use crate::options::TestStatistic;
use crate::result::RobustTest;
use crate::sample::Sample;
use crate::start::start_values;
use crate::ugamma::Traces;

/// The DWLS discrepancy of a one-group table against ordinal statistics.
struct Dwls<'a> {
    table: &'a ParTable,
    layout: Layout,
    pairs: Vec<(usize, usize)>,
    /// Sample correlations, pair by pair.
    rho: DVector<f64>,
    /// The diagonal weights, `1 / Γ_qq` for each pair.
    w: DVector<f64>,
    n: f64,
}

impl Dwls<'_> {
    fn implied(&self, theta: &[f64]) -> Option<Implied> {
        Implied::new(&self.layout.fill(self.table, theta, 1))
    }

    fn residuals(&self, imp: &Implied) -> DVector<f64> {
        DVector::from_iterator(
            self.pairs.len(),
            self.pairs
                .iter()
                .zip(self.rho.iter())
                .map(|(&(a, b), r)| r - imp.sigma[(a, b)]),
        )
    }

    /// Δ: derivatives of the implied correlations (pair by pair) with respect to θ.
    fn delta(&self, jac: &[(DMatrix<f64>, DVector<f64>)]) -> DMatrix<f64> {
        DMatrix::from_fn(self.pairs.len(), jac.len(), |q, k| {
            let (a, b) = self.pairs[q];
            jac[k].0[(a, b)]
        })
    }
}

impl Discrepancy for Dwls<'_> {
    fn table(&self) -> &ParTable {
        self.table
    }

    fn n_total(&self) -> f64 {
        self.n
    }

    fn value(&self, theta: &[f64]) -> Option<f64> {
        let r = self.residuals(&self.implied(theta)?);
        Some(0.5 * r.component_mul(&r).dot(&self.w))
    }

    fn state(&self, theta: &[f64]) -> Option<State> {
        let imp = self.implied(theta)?;
        let r = self.residuals(&imp);
        let jac = jacobian(self.table, &self.layout, &imp, 1);
        let wr = r.component_mul(&self.w);
        let grad = -(self.delta(&jac).transpose() * &wr);
        Some(State {
            f: 0.5 * r.dot(&wr),
            grad,
            implied: vec![imp],
            jac: vec![jac],
        })
    }

    fn curvature(&self, state: &State) -> Option<DMatrix<f64>> {
        let d = self.delta(&state.jac[0]);
        Some(d.transpose() * DMatrix::from_diagonal(&self.w) * d)
    }

    fn loglik(&self, _f: f64) -> Option<f64> {
        None
    }
}

/// One estimate of an ordinal fit (lavaan's `parameterEstimates()` columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalEstimate {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator (`=~`, `~~`, or `|` for a threshold).
    pub op: String,
    /// Right-hand variable (`t1`, `t2`, … for thresholds).
    pub rhs: String,
    /// Estimate.
    pub est: f64,
    /// Robust standard error (`None` for a fixed or derived parameter and for thresholds).
    pub se: Option<f64>,
}

/// Fit measures of an ordinal (WLSMV) fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalMeasures {
    /// `(N − 1) r̂ᵀ W r̂`.
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// p value of χ².
    pub pvalue: f64,
    /// The scaled-and-shifted test.
    pub scaled: RobustTest,
    /// The baseline (independence) model's χ².
    pub baseline_chisq: f64,
    /// Its degrees of freedom.
    pub baseline_df: f64,
    /// The baseline model's scaled-and-shifted test.
    pub baseline_scaled: RobustTest,
    /// CFI, TLI and RMSEA from the standard statistics.
    pub cfi: f64,
    /// Tucker–Lewis index.
    pub tli: f64,
    /// RMSEA.
    pub rmsea: f64,
    /// CFI, TLI and RMSEA from the scaled statistics.
    pub cfi_scaled: f64,
    /// Scaled TLI.
    pub tli_scaled: f64,
    /// Scaled RMSEA.
    pub rmsea_scaled: f64,
    /// Root mean square of the residual correlations.
    pub srmr: f64,
}

/// An ordinal CFA fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalFit {
    /// Complete rows used.
    pub n: usize,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Optimiser report.
    pub convergence: Convergence,
    /// Loadings, latent (co)variances, the residual variances the delta parameterisation
    /// implies, and thresholds.
    pub parameters: Vec<OrdinalEstimate>,
    /// Fit measures.
    pub fit: OrdinalMeasures,
}

/// The table with the observed variables' residual variances fixed: in the delta
/// parameterisation they follow from the unit diagonal and take no part in the fit.
fn without_residual_variances(table: &ParTable) -> ParTable {
    let mut t = table.clone();
    let mut next = 0;
    let mut map = vec![None; table.n_free];
    for r in &mut t.rows {
        let residual = r.op == Op::Covary && r.lhs == r.rhs && t.observed.contains(&r.lhs);
        if residual {
            r.free = None;
            r.value = 0.0;
        } else if let Some(k) = r.free {
            let new = *map[k].get_or_insert_with(|| {
                next += 1;
                next - 1
            });
            r.free = Some(new);
        }
    }
    t.n_free = next;
    t
}

/// Traces of UΓ for the correlations.
fn traces(w: &DVector<f64>, delta: Option<&DMatrix<f64>>, gamma: &DMatrix<f64>) -> Option<Traces> {
    let wm = DMatrix::from_diagonal(w);
    let u = match delta {
        None => wm,
        Some(d) => {
            let wd = &wm * d;
            let inv = (d.transpose() * &wd).try_inverse()?;
            &wm - &wd * inv * wd.transpose()
        }
    };
    let ug = u * gamma;
    Some(Traces {
        first: ug.trace(),
        second: (&ug * &ug).trace(),
    })
}

/// Fits the one-group `table` (without a mean structure) to the ordinal `data` (columns in the
/// order of `table.observed`, values ordered categories, `NaN` missing; complete rows used) by
/// DWLS, with robust standard errors and the scaled-and-shifted test (module docs).
///
/// # Errors
/// [`SemError::Model`] for a multi-group table or one with a mean structure; an item with one
/// category or too few rows ([`SemError::Statistics`]); more parameters than correlations.
pub fn fit_wlsmv(table: &ParTable, data: &DMatrix<f64>) -> Result<OrdinalFit, SemError> {
    if table.groups != 1 || table.meanstructure {
        return Err(SemError::Model(
            "ordinal estimation handles one group without a mean structure (so far)".into(),
        ));
    }
    let stats: OrdinalStats = ordinal_stats(data)?;
    let table = without_residual_variances(table);
    let p = table.observed.len();
    let pairs: Vec<(usize, usize)> = (0..p)
        .flat_map(|a| (a + 1..p).map(move |b| (a, b)))
        .collect();
    if table.n_free > pairs.len() {
        return Err(SemError::NotIdentified {
            npar: table.n_free,
            moments: pairs.len(),
        });
    }
    let n_th = stats.gamma.nrows() - pairs.len();
    let gamma = stats
        .gamma
        .view((n_th, n_th), (pairs.len(), pairs.len()))
        .clone_owned();
    let problem = Dwls {
        layout: Layout::new(&table),
        table: &table,
        rho: DVector::from_iterator(
            pairs.len(),
            pairs.iter().map(|&(a, b)| stats.correlations[(a, b)]),
        ),
        w: DVector::from_iterator(pairs.len(), (0..pairs.len()).map(|q| 1.0 / gamma[(q, q)])),
        pairs,
        n: stats.n as f64,
    };
    let sample = Sample::of_covariance(stats.correlations.clone(), stats.n);
    let start = start_values(&table, &problem.layout, std::slice::from_ref(&sample));
    let (theta, convergence) = optimise(&problem, start, None);
    let state = problem.state(&theta).ok_or_else(|| {
        SemError::Model(
            "the implied correlation matrix is not positive definite at the estimates".into(),
        )
    })?;
    let delta = problem.delta(&state.jac[0]);
    let wm = DMatrix::from_diagonal(&problem.w);
    let bread = (delta.transpose() * &wm * &delta).try_inverse();
    let vcov = bread.as_ref().map(|b| {
        let meat = delta.transpose() * &wm * &gamma * &wm * &delta;
        b * meat * b / problem.n
    });
    // lavaan's least-squares statistics and their RMSEA use N − 1 (its ML statistics use N).
    let n = problem.n;
    let chisq = 2.0 * (n - 1.0) * state.f;
    let df = (problem.pairs.len() - table.n_free) as f64;
    let r0 = &problem.rho;
    let baseline_chisq = (n - 1.0) * r0.component_mul(r0).dot(&problem.w);
    let baseline_df = problem.pairs.len() as f64;
    let t = traces(&problem.w, Some(&delta), &gamma);
    let t0 = traces(&problem.w, None, &gamma);
    let scaled = t
        .and_then(|t| RobustTest::from_traces(TestStatistic::ScaledShifted, chisq, df, t))
        .ok_or_else(|| SemError::Model("the scaled test could not be computed".into()))?;
    let baseline_scaled = t0
        .and_then(|t| {
            RobustTest::from_traces(TestStatistic::ScaledShifted, baseline_chisq, baseline_df, t)
        })
        .ok_or_else(|| SemError::Model("the scaled baseline test could not be computed".into()))?;
    let residual = problem.residuals(&state.implied[0]);
    let srmr = (residual.dot(&residual) / (p * (p + 1) / 2) as f64).sqrt();
    let (xs, xbs) = (scaled.statistic, baseline_scaled.statistic);
    let fit = OrdinalMeasures {
        chisq,
        df,
        pvalue: m::chisq_pvalue(chisq, df),
        baseline_chisq,
        baseline_df,
        cfi: m::cfi(chisq, df, baseline_chisq, baseline_df),
        tli: m::tli(chisq, df, baseline_chisq, baseline_df),
        rmsea: m::rmsea(chisq, df, n - 1.0, 1.0),
        cfi_scaled: m::cfi(xs, df, xbs, baseline_df),
        tli_scaled: m::tli(xs, df, xbs, baseline_df),
        rmsea_scaled: m::rmsea(xs, df, n - 1.0, 1.0),
        srmr,
        scaled,
        baseline_scaled,
    };
    let parameters = estimates(&table, &theta, vcov.as_ref(), &state.implied[0], &stats);
    Ok(OrdinalFit {
        n: stats.n,
        converged: convergence.converged,
        convergence,
        parameters,
        fit,
    })
}

/// The estimates in table order (residual variances as the unit diagonal implies them), then
/// the thresholds.
fn estimates(
    table: &ParTable,
    theta: &[f64],
    vcov: Option<&DMatrix<f64>>,
    implied: &Implied,
    stats: &OrdinalStats,
) -> Vec<OrdinalEstimate> {
    let mut out: Vec<OrdinalEstimate> = table
        .rows
        .iter()
        .map(|r| {
            let observed = table.observed.iter().position(|v| *v == r.lhs);
            let (est, se) = match (r.free, observed) {
                (Some(k), _) => (theta[k], vcov.map(|v| v[(k, k)].sqrt())),
                (None, Some(j)) if r.op == Op::Covary && r.lhs == r.rhs => {
                    (1.0 - (implied.sigma[(j, j)] - r.value), None)
                }
                (None, _) => (r.value, Some(0.0)),
            };
            OrdinalEstimate {
                lhs: r.lhs.clone(),
                op: r.op.to_string(),
                rhs: r.rhs.clone(),
                est,
                se,
            }
        })
        .collect();
    for (v, tau) in table.observed.iter().zip(&stats.thresholds) {
        for (c, t) in tau.iter().enumerate() {
            out.push(OrdinalEstimate {
                lhs: v.clone(),
                op: "|".into(),
                rhs: format!("t{}", c + 1),
                est: *t,
                se: None,
            });
        }
    }
    out
}
