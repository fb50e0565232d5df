//! The result of an ordinal (WLSMV) fit: estimates in lavaan's `parameterEstimates()` shape
//! and the fit measures lavaan's `fitMeasures()` reports for it.

use psym_model::Parameterization;
use serde::Serialize;

use crate::optim::Convergence;
use crate::options::Estimator;
use crate::ordinal_robust::Stacked;
use crate::ordinal_robust_fit::{OrdinalRobust, RobustAbsent};
use crate::result::RobustTest;

/// One estimate of an ordinal fit (lavaan's `parameterEstimates()` columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalEstimate {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator (`=~`, `~~`, `~1`, `|` for a threshold, `~*~` for a scale factor).
    pub op: String,
    /// Right-hand variable (`t1`, `t2`, … for thresholds).
    pub rhs: String,
    /// Group number, starting at 1.
    pub group: usize,
    /// Estimate.
    pub est: f64,
    /// Robust standard error: 0 for a fixed parameter, `None` for what the parameterisation
    /// derives (delta: residual variances; theta: scale factors) and when the information is
    /// singular.
    pub se: Option<f64>,
}

/// Fit measures of an ordinal (WLSMV) fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalMeasures {
    /// `Σ_g (n_g − 1) r̂_gᵀ W_g r̂_g`.
    pub chisq: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// p value of χ².
    pub pvalue: f64,
    /// The scaled-and-shifted test (`None` for DWLS).
    pub scaled: Option<RobustTest>,
    /// The baseline (independence) model's χ².
    pub baseline_chisq: f64,
    /// Its degrees of freedom.
    pub baseline_df: f64,
    /// The baseline model's scaled-and-shifted test (`None` for DWLS).
    pub baseline_scaled: Option<RobustTest>,
    /// CFI from the standard statistics.
    pub cfi: f64,
    /// Tucker–Lewis index.
    pub tli: f64,
    /// RMSEA.
    pub rmsea: f64,
    /// CFI from the scaled statistics (`None` for DWLS).
    pub cfi_scaled: Option<f64>,
    /// Scaled TLI (`None` for DWLS).
    pub tli_scaled: Option<f64>,
    /// Scaled RMSEA (`None` for DWLS).
    pub rmsea_scaled: Option<f64>,
    /// Root mean square of the residual correlations (weighted over groups by n_g).
    pub srmr: f64,
    /// lavaan's robust CFI, TLI and RMSEA (`None` where lavaan gives `NA`; see
    /// `robust_absent`).
    pub robust: Option<OrdinalRobust>,
    /// Why `robust` is absent.
    pub robust_absent: Option<RobustAbsent>,
}

/// An ordinal CFA fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdinalFit {
    /// The estimator: wlsmv, ulsmv or dwls.
    pub estimator: Estimator,
    /// How the latent responses are scaled: delta (lavaan's default) or theta.
    pub parameterization: Parameterization,
    /// Complete rows used, over all groups.
    pub n: usize,
    /// Complete rows used in each group.
    pub group_n: Vec<usize>,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Optimiser report.
    pub convergence: Convergence,
    /// Every row of the parameter table: loadings, thresholds, latent (co)variances,
    /// residual variances, scale factors, intercepts and means (delta derives the residual
    /// variances, theta the scale factors).
    pub parameters: Vec<OrdinalEstimate>,
    /// Fit measures.
    pub fit: OrdinalMeasures,
    /// The observed variables fitted as continuous beside the ordered ones (means, variances,
    /// polyserial and Pearson correlations; [`psym_stats::mixed`]); absent when all are
    /// ordered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continuous: Vec<String>,
    /// The stacked matrices behind the robust standard errors and tests (for difference
    /// tests).
    #[serde(skip)]
    pub(crate) stacked: Stacked,
}

impl OrdinalFit {
    /// lavaan's `std.all` of each estimate (in the order of `parameters`) where the report
    /// draws one: a loading `λ √φ_f / √σ_i` and a factor (co)variance `φ_fg / √(φ_ff φ_gg)`,
    /// with φ the factor covariances of the estimate's group and σ_i the model-implied
    /// variance of item i's latent response, `Σ_fg λ_if λ_ig φ_fg + θ_i` (1 in the delta
    /// parameterisation's first group); `None` for every other estimate.
    pub fn std_all(&self) -> Vec<Option<f64>> {
        let p = &self.parameters;
        let latent = |name: &str, g: usize| {
            p.iter()
                .any(|e| e.group == g && e.op == "=~" && e.lhs == name)
        };
        let cov = |a: &str, b: &str, g: usize| {
            (p.iter())
                .find(|e| {
                    e.group == g
                        && e.op == "~~"
                        && ((e.lhs == a && e.rhs == b) || (e.lhs == b && e.rhs == a))
                })
                .map_or(0.0, |e| e.est)
        };
        let implied = |item: &str, g: usize| {
            let loadings: Vec<&OrdinalEstimate> = (p.iter())
                .filter(|e| e.group == g && e.op == "=~" && e.rhs == item)
                .collect();
            let common: f64 = (loadings.iter())
                .flat_map(|a| loadings.iter().map(move |b| (a, b)))
                .map(|(a, b)| a.est * b.est * cov(&a.lhs, &b.lhs, g))
                .sum();
            common + cov(item, item, g)
        };
        (p.iter())
            .map(|e| match e.op.as_str() {
                "=~" => Some(
                    e.est * cov(&e.lhs, &e.lhs, e.group).sqrt() / implied(&e.rhs, e.group).sqrt(),
                ),
                "~~" if latent(&e.lhs, e.group) && latent(&e.rhs, e.group) => Some(
                    e.est
                        / (cov(&e.lhs, &e.lhs, e.group) * cov(&e.rhs, &e.rhs, e.group))
                            .abs()
                            .sqrt(),
                ),
                _ => None,
            })
            .collect()
    }
}
