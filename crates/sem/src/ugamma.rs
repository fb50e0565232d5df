//! Robust tests from the traces of UΓ: Satorra–Bentler scaling, Satterthwaite's mean and
//! variance adjustment and the scaled-and-shifted test, as lavaan's `test =
//! "satorra.bentler"`, `"mean.var.adjusted"` and `"scaled.shifted"` compute them.
//!
//! In the saturated parameterisation (means and covariances of each group), with
//! `f_g = n_g/N`:
//! - W = blockdiag(f_g W_g), W_g the normal-theory information of the saturated model at the
//!   model-implied moments (lavaan's `h1.information = "structured"`);
//! - Γ = blockdiag(Γ_g / f_g), Γ_g the asymptotic covariance of the sample moments without
//!   normality (Browne 1984), obtained as A⁻¹JA⁻¹ from the saturated model's information A at
//!   the sample moments and the outer product J of its casewise scores;
//! - Δ the Jacobian of the model's moments; `U = W − WΔ(ΔᵀWΔ)⁻¹ΔᵀW`.
//!
//! With `t₁ = tr(UΓ)` and `t₂ = tr((UΓ)²)`, for a normal-theory statistic T on d degrees of
//! freedom (Satorra & Bentler 1994; Satorra 2000; Asparouhov & Muthén 2010):
//! - scaled: `c = t₁/d`, `T/c` on d;
//! - mean and variance adjusted: `c = t₂/t₁`, `T/c` on `d* = t₁²/t₂`;
//! - scaled and shifted: `a = √(d/t₂)`, `T·a + (d − a t₁)` on d (`c = 1/a`).
//!
//! The robust CFI, TLI and RMSEA use the mean-adjusted factor `t₁/d` in every case.

use nalgebra::{DMatrix, DVector};

use crate::discrepancy::{Discrepancy, State};
use crate::fimlc::delta;
use crate::fitstats::{Aux, Saturated, moments_theta};
use crate::information;
use crate::measures::chisq_pvalue;
use crate::normal::NormalMl;
use crate::options::TestStatistic;
use crate::result::RobustTest;

/// `tr(UΓ)` and `tr((UΓ)²)` of one model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Traces {
    pub first: f64,
    pub second: f64,
}

/// Γ of the sample moments (blockdiag Γ_g/f_g) from the saturated model at its estimates.
pub(crate) fn gamma(h1: &Saturated) -> Option<DMatrix<f64>> {
    let sat = NormalMl::new(&h1.aux.table, h1.aux.samples);
    let state = sat.state(&h1.aux.theta)?;
    let a_inv = sat.curvature(&state)?.try_inverse()?;
    let scores = information::scores(&sat, &state)?;
    let j = scores.tr_mul(&scores) / sat.n_total;
    Some(&a_inv * j * &a_inv)
}

/// The traces of a model whose moments at the estimates are `state` (q free parameters).
pub(crate) fn traces(
    h1: &Saturated,
    gamma: &DMatrix<f64>,
    state: &State,
    q: usize,
) -> Option<Traces> {
    let sat = NormalMl::new(&h1.aux.table, h1.aux.samples);
    let implied: Vec<(&DVector<f64>, &DMatrix<f64>)> =
        state.implied.iter().map(|i| (&i.mu, &i.sigma)).collect();
    let at_model = moments_theta(&h1.aux.table, &implied);
    let w = sat.curvature(&sat.state(&at_model)?)?;
    let d = delta(&h1.aux.table, &state.jac, q);
    let wd = &w * &d;
    let e_inv = (d.transpose() * &wd).try_inverse()?;
    let u = &w - &wd * e_inv * wd.transpose();
    let ug = u * gamma;
    Some(Traces {
        first: ug.trace(),
        second: (&ug * &ug).trace(),
    })
}

/// The traces of the baseline model at its estimates.
pub(crate) fn baseline_traces(h1: &Saturated, gamma: &DMatrix<f64>, base: &Aux) -> Option<Traces> {
    let problem = NormalMl::new(&base.table, base.samples);
    let state = problem.state(&base.theta)?;
    traces(h1, gamma, &state, base.table.n_free)
}

/// The mean-adjusting scaling factor `t₁/d` (1 without degrees of freedom).
pub(crate) fn mean_scaling(t: Traces, df: f64) -> f64 {
    if df > 0.0 { t.first / df } else { 1.0 }
}

impl RobustTest {
    /// The test `method` of a statistic `chisq` on `df` degrees of freedom from its traces
    /// (module docs); `None` for a method that is not built on UΓ.
    pub(crate) fn from_traces(
        method: TestStatistic,
        chisq: f64,
        df: f64,
        t: Traces,
    ) -> Option<RobustTest> {
        let (statistic, df_test, scaling_factor, shift) = match method {
            _ if df <= 0.0 => (chisq, df, 1.0, None),
            TestStatistic::SatorraBentler => {
                let c = mean_scaling(t, df);
                (chisq / c, df, c, None)
            }
            TestStatistic::MeanVarAdjusted => {
                let c = t.second / t.first;
                (chisq / c, t.first * t.first / t.second, c, None)
            }
            TestStatistic::ScaledShifted => {
                let a = (df / t.second).sqrt();
                let shift = df - a * t.first;
                (chisq * a + shift, df, 1.0 / a, Some(shift))
            }
            TestStatistic::Standard | TestStatistic::YuanBentlerMplus => return None,
        };
        Some(RobustTest {
            method,
            statistic,
            df: df_test,
            pvalue: chisq_pvalue(statistic, df_test),
            scaling_factor,
            shift,
        })
    }
}
