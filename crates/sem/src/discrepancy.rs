//! The estimator seam: what a fit minimises, and how the rest of the pipeline asks it.
//!
//! An estimator is three choices, as in lavaan: a discrepancy function `F(θ)` between the
//! sample statistics and the moments the parameters imply, the standard errors
//! ([`StandardErrors`](crate::StandardErrors)) and the test statistic
//! ([`TestStatistic`](crate::TestStatistic)). [`Estimator`](crate::Estimator) names the
//! combination (ML: normal likelihood, standard errors from the information, the
//! likelihood-ratio test; MLR: the same discrepancy with sandwich standard errors and the
//! Yuan–Bentler scaled test).
//!
//! The optimiser, the Hessian and the admissibility checks see a fit only through
//! [`Discrepancy`]; each implementation owns its sample statistics. The normal-theory
//! likelihood ([`NormalMl`](crate::normal::NormalMl): complete data as one missing-data
//! pattern, FIML as many) is the first. A least-squares discrepancy on thresholds and
//! polychoric correlations (DWLS with its own sample statistics and their asymptotic
//! covariance) is another implementation of the same trait: it returns no
//! [`log-likelihood`](Discrepancy::loglik), so the likelihood-based measures (AIC, BIC) are
//! left out of its fit measures, and its robust test fills a
//! [`RobustTest`](crate::RobustTest) like MLR's.

use nalgebra::{DMatrix, DVector};
use psym_model::ParTable;

use crate::implied::Implied;

/// The discrepancy and its gradient at one point, with the implied moments and their
/// Jacobians per group (`jac[g][k]` = derivative of Σ and μ of group g with respect to θ_k;
/// `stat_jac[g]` = derivative of the statistics a least-squares discrepancy fits, statistics
/// × θ, empty for the likelihood).
pub(crate) struct State {
    pub f: f64,
    pub grad: DVector<f64>,
    pub implied: Vec<Implied>,
    pub jac: Vec<Vec<(DMatrix<f64>, DVector<f64>)>>,
    pub stat_jac: Vec<DMatrix<f64>>,
}

/// A discrepancy function `F(θ) ≥ 0` of a parameter table and the sample statistics it is
/// fitted to, scaled per observation.
pub(crate) trait Discrepancy {
    /// The parameter table; θ follows its numbering of free parameters.
    fn table(&self) -> &ParTable;
    /// Number of observations over all groups.
    fn n_total(&self) -> f64;
    /// `F(θ)`, or `None` where it is undefined (an implied covariance matrix that is not
    /// positive definite).
    fn value(&self, theta: &[f64]) -> Option<f64>;
    /// `F(θ)` with its gradient, implied moments and Jacobians.
    fn state(&self, theta: &[f64]) -> Option<State>;
    /// The Gauss–Newton curvature of `F` at `state` (for a likelihood: the expected
    /// information per observation), which the optimiser starts its steps from.
    fn curvature(&self, state: &State) -> Option<DMatrix<f64>>;
    /// The log-likelihood at `F = f`, or `None` when the discrepancy is not a likelihood
    /// (then no AIC or BIC exists).
    fn loglik(&self, f: f64) -> Option<f64>;
}
