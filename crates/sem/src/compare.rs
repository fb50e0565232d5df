//! Likelihood-ratio (chi-square difference) tests between nested models, as lavaan's
//! `anova()` / `lavTestLRT()`.
//!
//! Models are sorted by degrees of freedom; each is tested against the one before it:
//! `Δχ² = χ²_1 − χ²_0`, `Δdf = df_1 − df_0`, `p = P(χ²_Δdf > Δχ²)`, and the RMSEA of the
//! difference `√(max(Δχ² − Δdf, 0) / (N Δdf)) · √G`. Under MLR the scaled difference of
//! Satorra & Bentler (2001) is used: `c_d = (df_1 c_1 − df_0 c_0)/Δdf`, `Δχ²_s = Δχ²/c_d`.

use serde::Serialize;

use crate::SemError;
use crate::measures::{chisq_pvalue, rmsea};
use crate::result::CfaFit;

/// One row of the comparison table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    /// Model name.
    pub model: String,
    /// Degrees of freedom.
    pub df: f64,
    /// AIC (`None` without a likelihood).
    pub aic: Option<f64>,
    /// BIC (`None` without a likelihood).
    pub bic: Option<f64>,
    /// Chi-square of the model.
    pub chisq: f64,
    /// Chi-square difference to the previous row (scaled under MLR).
    pub chisq_diff: Option<f64>,
    /// Difference in degrees of freedom.
    pub df_diff: Option<f64>,
    /// RMSEA of the difference test.
    pub rmsea: Option<f64>,
    /// p value of the difference test (`None` when Δdf is 0).
    pub pvalue: Option<f64>,
}

/// Compares fitted models (name, fit), which should be nested and fitted to the same data.
///
/// # Errors
/// [`SemError::Compare`] when fewer than two models are given or their sample sizes differ.
pub fn compare(models: &[(String, &CfaFit)]) -> Result<Vec<ComparisonRow>, SemError> {
    if models.len() < 2 {
        return Err(SemError::Compare("at least two models are needed".into()));
    }
    if models.iter().any(|(_, f)| f.n != models[0].1.n) {
        return Err(SemError::Compare(
            "the models were fitted to different numbers of rows (missing values in different \
             items?); use the same variables or FIML"
                .into(),
        ));
    }
    let mut sorted: Vec<&(String, &CfaFit)> = models.iter().collect();
    sorted.sort_by(|a, b| a.1.fit.df.total_cmp(&b.1.fit.df));
    let mut out: Vec<ComparisonRow> = Vec::with_capacity(sorted.len());
    for (i, (name, f)) in sorted.iter().enumerate() {
        let mut row = ComparisonRow {
            model: name.clone(),
            df: f.fit.df,
            aic: f.fit.likelihood.as_ref().map(|l| l.aic),
            bic: f.fit.likelihood.as_ref().map(|l| l.bic),
            chisq: f.fit.chisq,
            chisq_diff: None,
            df_diff: None,
            rmsea: None,
            pvalue: None,
        };
        if i > 0 {
            let prev = &sorted[i - 1].1.fit;
            let ddf = f.fit.df - prev.df;
            let mut d = f.fit.chisq - prev.chisq;
            if let (Some(s1), Some(s0)) = (&f.fit.scaled, &prev.scaled)
                && ddf > 0.0
            {
                let cd =
                    (f.fit.df * s1.test.scaling_factor - prev.df * s0.test.scaling_factor) / ddf;
                d /= cd;
            }
            let groups = (f.parameters.iter().map(|p| p.group).max().unwrap_or(1)) as f64;
            row.chisq_diff = Some(d);
            row.df_diff = Some(ddf);
            row.rmsea = Some(rmsea(d, ddf, f.n as f64, groups));
            row.pvalue = (ddf > 0.0).then(|| chisq_pvalue(d, ddf));
        }
        out.push(row);
    }
    Ok(out)
}
