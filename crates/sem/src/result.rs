//! Result types: plain serialisable data.

use std::fmt;

use nalgebra::{DMatrix, DVector};
use psym_model::{Op, ParTable};
use psym_stats::RowCount;
use serde::Serialize;

use crate::admissibility::Diagnostic;
use crate::measures;
use crate::optim::Convergence;
use crate::options::{Estimator, Information, Missing, TestStatistic};
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

/// A robust test statistic: the normal-theory (or least-squares) statistic `T` adjusted
/// for non-normality, in one of lavaan's forms:
/// - scaled (Satorra–Bentler, Yuan–Bentler): `T / c` on the model's df;
/// - mean-and-variance adjusted (Satterthwaite): `T / c` on adjusted degrees of freedom;
/// - scaled and shifted (Asparouhov & Muthén 2010): `T / c + shift` on the model's df.
///
/// Every form is `statistic = T / scaling_factor + shift` on `df` degrees of freedom, which
/// is what comparisons and the robust fit indices use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustTest {
    /// Which adjustment.
    pub method: TestStatistic,
    /// The adjusted statistic.
    pub statistic: f64,
    /// Its degrees of freedom.
    pub df: f64,
    /// Its p value.
    pub pvalue: f64,
    /// The scaling correction factor `c`.
    pub scaling_factor: f64,
    /// The shift parameter (scaled-and-shifted tests only).
    pub shift: Option<f64>,
}

impl RobustTest {
    /// The scaled test `T / c` on `df` degrees of freedom.
    pub fn scaled(method: TestStatistic, chisq: f64, df: f64, scaling_factor: f64) -> Self {
        let statistic = chisq / scaling_factor;
        RobustTest {
            method,
            statistic,
            df,
            pvalue: measures::chisq_pvalue(statistic, df),
            scaling_factor,
            shift: None,
        }
    }
}

/// Scaled (robust) test statistics and fit measures of a robust estimator (MLR).
#[derive(Debug, Clone, PartialEq)]
pub struct ScaledMeasures {
    /// The robust test of the model.
    pub test: RobustTest,
    /// The robust test of the baseline model.
    pub baseline: RobustTest,
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

/// Flat, with lavaan's `fitMeasures()` names (`.` as `_`): `chisq_scaled`,
/// `chisq_scaling_factor`, `pvalue_scaled`, `baseline_chisq_scaled`,
/// `baseline_chisq_scaling_factor`, `chisq_shift` when the test is shifted, then the indices.
impl Serialize for ScaledMeasures {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("chisq_scaled", &self.test.statistic)?;
        m.serialize_entry("chisq_scaling_factor", &self.test.scaling_factor)?;
        if let Some(shift) = self.test.shift {
            m.serialize_entry("chisq_shift", &shift)?;
        }
        m.serialize_entry("pvalue_scaled", &self.test.pvalue)?;
        m.serialize_entry("baseline_chisq_scaled", &self.baseline.statistic)?;
        m.serialize_entry(
            "baseline_chisq_scaling_factor",
            &self.baseline.scaling_factor,
        )?;
        m.serialize_entry("cfi_scaled", &self.cfi_scaled)?;
        m.serialize_entry("tli_scaled", &self.tli_scaled)?;
        m.serialize_entry("cfi_robust", &self.cfi_robust)?;
        m.serialize_entry("tli_robust", &self.tli_robust)?;
        m.serialize_entry("rmsea_scaled", &self.rmsea_scaled)?;
        m.serialize_entry("rmsea_robust", &self.rmsea_robust)?;
        m.end()
    }
}

/// Measures that exist only when the discrepancy is a likelihood (ML, MLR).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LikelihoodMeasures {
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
    /// Log-likelihood, AIC and BIC (`None` when the discrepancy is not a likelihood).
    #[serde(flatten)]
    pub likelihood: Option<LikelihoodMeasures>,
    /// Scaled and robust versions (robust estimators only).
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

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    #[test]
    fn a_scaled_test_divides_by_its_factor_and_keeps_the_df() {
        let t = RobustTest::scaled(TestStatistic::YuanBentlerMplus, 30.0, 10.0, 1.5);
        assert!((t.statistic - 20.0).abs() < CLOSED_FORM);
        assert_eq!(t.df, 10.0);
        assert_eq!(t.shift, None);
        // P(χ²₁₀ > 20) = 0.0292526881 (R 4: `pchisq(20, 10, lower.tail = FALSE)` = 0.029252688077).
        assert!((t.pvalue - 0.029_252_688_077).abs() < 1e-12);
    }

    #[test]
    fn scaled_measures_serialise_flat_with_lavaan_names() {
        let test = RobustTest::scaled(TestStatistic::YuanBentlerMplus, 30.0, 10.0, 1.5);
        let m = ScaledMeasures {
            baseline: RobustTest::scaled(TestStatistic::YuanBentlerMplus, 300.0, 15.0, 2.0),
            test: RobustTest {
                shift: Some(0.5),
                ..test
            },
            cfi_scaled: 0.9,
            tli_scaled: 0.8,
            cfi_robust: 0.91,
            tli_robust: 0.81,
            rmsea_scaled: 0.05,
            rmsea_robust: 0.06,
        };
        let v = serde_json::to_value(&m).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "chisq_scaled",
                "chisq_scaling_factor",
                "chisq_shift",
                "pvalue_scaled",
                "baseline_chisq_scaled",
                "baseline_chisq_scaling_factor",
                "cfi_scaled",
                "tli_scaled",
                "cfi_robust",
                "tli_robust",
                "rmsea_scaled",
                "rmsea_robust"
            ]
        );
        assert_eq!(v["baseline_chisq_scaled"], 150.0);
    }
}
