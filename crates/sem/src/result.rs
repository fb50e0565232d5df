//! Result types: plain serialisable data.

use std::fmt;

use nalgebra::{DMatrix, DVector};
use psym_model::{Op, ParTable};
use psym_stats::RowCount;
use serde::Serialize;

use crate::admissibility::Diagnostic;
use crate::optim::Convergence;
use crate::options::{Estimator, Information, Missing};
use crate::sample::Sample;

/// One parameter estimate, with lavaan's `parameterEstimates()` columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator (`=~`, `~~`, `~`, `~1`, or `:=` for a defined parameter).
    pub op: ParamOp,
    /// Right-hand variable (empty for intercepts).
    pub rhs: String,
    /// Group (1-based; 0 for a defined parameter, which belongs to no one group).
    pub group: usize,
    /// Label (empty when none).
    pub label: String,
    /// Whether the parameter was estimated (false: fixed; true for a defined parameter).
    pub free: bool,
    /// Estimate (the fixed value of a fixed parameter).
    pub est: f64,
    /// Standard error (0 for fixed parameters, as lavaan; `None` when unavailable).
    pub se: Option<f64>,
    /// z = est / se.
    pub z: Option<f64>,
    /// Two-sided normal p value of z.
    pub pvalue: Option<f64>,
    /// Estimate with latent variables standardized.
    pub std_lv: f64,
    /// Estimate with latent and observed variables standardized.
    pub std_all: f64,
}

/// The operator of an estimate: one of the model's operators, or `:=` for a defined
/// parameter (written as in lavaan's parameter table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamOp {
    /// A parameter of the model (`=~`, `~~`, `~`, `~1`).
    Model(Op),
    /// A defined parameter (`:=`), a function of labelled parameters.
    Defined,
}

impl fmt::Display for ParamOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamOp::Model(op) => op.fmt(f),
            ParamOp::Defined => f.write_str(":="),
        }
    }
}

impl Serialize for ParamOp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<Op> for ParamOp {
    fn from(op: Op) -> Self {
        ParamOp::Model(op)
    }
}

/// `p.op == Op::Covary` reads as the table does.
impl PartialEq<Op> for ParamOp {
    fn eq(&self, other: &Op) -> bool {
        *self == ParamOp::Model(*other)
    }
}

/// Scaled (robust) test statistics and fit measures under MLR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaledMeasures {
    /// Yuan–Bentler scaled chi-square `T / c`.
    pub chisq_scaled: f64,
    /// Scaling correction factor c.
    pub chisq_scaling_factor: f64,
    /// p value of the scaled chi-square.
    pub pvalue_scaled: f64,
    /// Scaled baseline chi-square.
    pub baseline_chisq_scaled: f64,
    /// Scaling factor of the baseline model.
    pub baseline_chisq_scaling_factor: f64,
    /// CFI from the scaled statistics.
    pub cfi_scaled: f64,
    /// TLI from the scaled statistics.
    pub tli_scaled: f64,
    /// Robust CFI (Brosseau-Liard & Savalei 2014).
    pub cfi_robust: f64,
    /// TLI from the robust noncentrality (Brosseau-Liard & Savalei 2014).
    pub tli_robust: f64,
    /// RMSEA from the scaled statistic.
    pub rmsea_scaled: f64,
    /// Robust RMSEA (Brosseau-Liard, Savalei & Li 2012).
    pub rmsea_robust: f64,
}

/// Fit measures with lavaan's names (`.` written as `_`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitMeasures {
    /// Number of free parameters.
    pub npar: usize,
    /// Number of rows used.
    pub ntotal: usize,
    /// Likelihood-ratio chi-square against the saturated model.
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// p value of the chi-square.
    pub pvalue: f64,
    /// Chi-square of the baseline (independence) model.
    pub baseline_chisq: f64,
    /// Degrees of freedom of the baseline model.
    pub baseline_df: f64,
    /// p value of the baseline chi-square.
    pub baseline_pvalue: f64,
    /// Comparative fit index.
    pub cfi: f64,
    /// Tucker–Lewis index.
    pub tli: f64,
    /// Root mean square error of approximation.
    pub rmsea: f64,
    /// Lower end of the 90% RMSEA interval.
    pub rmsea_ci_lower: f64,
    /// Upper end of the 90% RMSEA interval.
    pub rmsea_ci_upper: f64,
    /// p value of the close-fit test (RMSEA ≤ 0.05).
    pub rmsea_pvalue: f64,
    /// Standardized root mean square residual (lavaan's `srmr`, Bentler's definition).
    pub srmr: f64,
    /// Log-likelihood of the model.
    pub loglik: f64,
    /// Log-likelihood of the saturated model.
    pub unrestricted_loglik: f64,
    /// Akaike information criterion.
    pub aic: f64,
    /// Bayesian information criterion.
    pub bic: f64,
    /// Sample-size adjusted BIC.
    pub sabic: f64,
    /// Scaled and robust versions (MLR only).
    #[serde(flatten)]
    pub scaled: Option<ScaledMeasures>,
}

/// R² of an observed variable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RSquared {
    /// Group (1-based).
    pub group: usize,
    /// Observed variable.
    pub variable: String,
    /// 1 − residual variance / implied variance.
    pub r2: f64,
}

/// Model-implied and sample moments of one group, for residuals and modification indices.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMoments {
    /// Rows used in this group.
    pub n: usize,
    /// Sample (or, under FIML, saturated-model) covariance matrix, N denominator.
    pub sample_cov: DMatrix<f64>,
    /// Sample (or saturated-model) means.
    pub sample_mean: DVector<f64>,
    /// Model-implied covariance matrix.
    pub implied_cov: DMatrix<f64>,
    /// Model-implied means.
    pub implied_mean: DVector<f64>,
}

/// Everything a CFA fit produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CfaFit {
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Whether the solution is admissible (no error-level diagnostics).
    pub admissible: bool,
    /// Estimator used.
    pub estimator: Estimator,
    /// Missing-data rule.
    pub missing: Missing,
    /// Information matrix behind the standard errors.
    pub information: Information,
    /// Rows used.
    pub n: usize,
    /// Rows used and read, and missing-data patterns among the rows read (summed over groups).
    #[serde(flatten)]
    pub rows: RowCount,
    /// The same counts for each group, in group order (one entry for a single-group fit), as
    /// lavaan's "Number of observations per group" and "Number of missing patterns per group".
    pub rows_per_group: Vec<RowCount>,
    /// Observed variables in model order.
    pub observed: Vec<String>,
    /// Latent variables.
    pub latent: Vec<String>,
    /// Optimiser report.
    pub convergence: Convergence,
    /// Fit measures.
    pub fit: FitMeasures,
    /// Parameter estimates in parameter-table order.
    pub parameters: Vec<Estimate>,
    /// R² of each indicator.
    pub r_squared: Vec<RSquared>,
    /// Convergence and admissibility problems, in plain language.
    pub diagnostics: Vec<Diagnostic>,
    /// Free-parameter vector θ.
    #[serde(skip)]
    pub theta: Vec<f64>,
    /// Covariance matrix of θ̂ (NaN when the information matrix is singular).
    #[serde(skip)]
    pub vcov: DMatrix<f64>,
    /// Moments per group.
    #[serde(skip)]
    pub moments: Vec<GroupMoments>,
    /// The parameter table that was fitted (θ is in its order of free parameters), so that
    /// modification indices, score tests and comparisons need nothing beside the fit.
    #[serde(skip)]
    pub table: ParTable,
    /// The sample statistics the model was fitted to, one per group.
    #[serde(skip)]
    pub samples: Vec<Sample>,
}
