//! The F distribution's upper tail and quantiles, as R's `pf(lower.tail = FALSE)` and `qf`.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// `P(F > f)` for `F ~ F(df1, df2)`; `NaN` when a degree of freedom is not positive.
pub(crate) fn upper_tail(f: f64, df1: f64, df2: f64) -> f64 {
    match FisherSnedecor::new(df1, df2) {
        Ok(d) if f.is_finite() => d.sf(f.max(0.0)),
        Ok(_) if f.is_nan() => f64::NAN,
        Ok(_) => 0.0,
        Err(_) => f64::NAN,
    }
}

/// The `p` quantile of `F(df1, df2)` (`df2` may be fractional); `NaN` when a degree of
/// freedom is not positive.
pub(crate) fn quantile(p: f64, df1: f64, df2: f64) -> f64 {
    FisherSnedecor::new(df1, df2).map_or(f64::NAN, |d| d.inverse_cdf(p))
}
