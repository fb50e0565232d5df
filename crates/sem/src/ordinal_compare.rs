//! Difference tests between nested ordinal fits, as lavaan's `lavTestLRT()` for WLSMV, ULSMV
//! and DWLS fits.
//!
//! Models are sorted by degrees of freedom and each is tested against the one before it (the
//! freer model): with a scaled test, the scaled-and-shifted difference of Satorra (2000)
//! ([`scaled_difference`], lavaan's default `method = "satorra.2000"`); without one (DWLS),
//! the plain `Δχ² = χ²_1 − χ²_0` on `Δdf = df_1 − df_0`, `p = P(χ²_Δdf > Δχ²)`.

use crate::SemError;
use crate::compare::ComparisonRow;
use crate::measures::chisq_pvalue;
use crate::ordinal_result::OrdinalFit;
use crate::ordinal_robust::scaled_difference;

/// The rows of the comparison of `models` (name, fit), which should be nested and fitted to
/// the same data, sorted by df; `chisq` is each model's standard χ² (lavaan's `Chisq` column),
/// the difference columns as in the module docs; no AIC, BIC or RMSEA of the difference.
///
/// # Errors
/// [`SemError::Compare`] when fewer than two models are given or their sample sizes differ.
pub fn compare_ordinal(models: &[(String, &OrdinalFit)]) -> Result<Vec<ComparisonRow>, SemError> {
    if models.len() < 2 {
        return Err(SemError::Compare("at least two models are needed".into()));
    }
    if models.iter().any(|(_, f)| f.n != models[0].1.n) {
        return Err(SemError::Compare(
            "the models were fitted to different numbers of rows".into(),
        ));
    }
    let mut sorted: Vec<&(String, &OrdinalFit)> = models.iter().collect();
    sorted.sort_by(|a, b| a.1.fit.df.total_cmp(&b.1.fit.df));
    let rows = (sorted.iter().enumerate()).map(|(i, (name, fit))| {
        let mut row = ComparisonRow {
            model: name.clone(),
            df: fit.fit.df,
            aic: None,
            bic: None,
            chisq: fit.fit.chisq,
            chisq_diff: None,
            df_diff: None,
            rmsea: None,
            pvalue: None,
        };
        if let Some((_, free)) = i.checked_sub(1).map(|j| sorted[j]) {
            let df_diff = fit.fit.df - free.fit.df;
            let robust = fit.fit.scaled.is_some() && free.fit.scaled.is_some();
            let (chisq_diff, pvalue) = if robust {
                // None when the freer model's information is singular: no test shown
                match scaled_difference(free, fit) {
                    Some(d) => (Some(d.chisq_diff), d.pvalue),
                    None => (None, None),
                }
            } else {
                let d = fit.fit.chisq - free.fit.chisq;
                (Some(d), (df_diff > 0.0).then(|| chisq_pvalue(d, df_diff)))
            };
            row.chisq_diff = chisq_diff;
            row.df_diff = Some(df_diff);
            row.pvalue = pvalue;
        }
        row
    });
    Ok(rows.collect())
}
