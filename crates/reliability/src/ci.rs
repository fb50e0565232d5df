//! Confidence intervals: Feldt's analytic interval for alpha, and bootstrap percentile and
//! BCa intervals from replicate values.

use psym_closed_set::closed_set;
use psym_stats::quantile::quantile_sorted;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, FisherSnedecor, Normal};

closed_set! {
    /// How an interval was computed.
    pub enum CiMethod: "interval method" {
        /// Feldt, Woodruff & Salih (1987): alpha's sampling distribution through an F
        /// distribution.
        Feldt => "feldt",
        /// Bootstrap percentile interval.
        Percentile => "percentile",
        /// Bias-corrected and accelerated bootstrap interval (Efron 1987).
        Bca => "bca",
    }
}

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// How it was computed.
    pub method: CiMethod,
    /// Coverage, e.g. 0.95.
    pub level: f64,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

/// Feldt's interval for alpha from `n` respondents and `k` items at coverage `level`:
/// `1 − (1 − α)·F⁻¹(1 − p/2; n−1, (n−1)(k−1))` to `1 − (1 − α)·F⁻¹(p/2; …)`, `p = 1 − level`.
///
/// Source: Feldt, Woodruff & Salih (1987); psych::alpha.ci (psych 2.2.9). `None` when
/// `n < 2` or `k < 2`.
pub fn feldt(alpha: f64, n: usize, k: usize, level: f64) -> Option<Interval> {
    if n < 2 || k < 2 || !alpha.is_finite() {
        return None;
    }
    let df1 = n as f64 - 1.0;
    let f = FisherSnedecor::new(df1, df1 * (k as f64 - 1.0)).ok()?;
    let p = 1.0 - level;
    Some(Interval {
        method: CiMethod::Feldt,
        level,
        lower: 1.0 - (1.0 - alpha) * f.inverse_cdf(1.0 - p / 2.0),
        upper: 1.0 - (1.0 - alpha) * f.inverse_cdf(p / 2.0),
    })
}

/// Percentile interval: the `(1 ± level)/2` quantiles of the sorted replicates.
pub(crate) fn percentile(sorted: &[f64], level: f64) -> Interval {
    let p = 1.0 - level;
    Interval {
        method: CiMethod::Percentile,
        level,
        lower: quantile_sorted(sorted, p / 2.0),
        upper: quantile_sorted(sorted, 1.0 - p / 2.0),
    }
}

/// BCa interval (Efron 1987; Efron & Tibshirani 1993, §14.3).
///
/// Bias correction `z₀ = Φ⁻¹(#{θ* < θ̂} / B)`; acceleration from the jackknife values
/// `θ₍ᵢ₎`: `a = Σ d³ / (6 (Σ d²)^{3/2})`, `d = θ̄₍·₎ − θ₍ᵢ₎`. The limits are the replicate
/// quantiles at `Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z)))` for `z = Φ⁻¹((1 ± level)/2)`, taken as in
/// [`percentile`]. `None` when every replicate lies on one side of `θ̂` or the jackknife
/// values are all equal.
pub(crate) fn bca(
    sorted: &[f64],
    estimate: f64,
    jackknife: &[f64],
    level: f64,
) -> Option<Interval> {
    let b = sorted.len();
    let below = sorted.iter().filter(|&&t| t < estimate).count();
    if b == 0 || below == 0 || below == b {
        return None;
    }
    let normal = Normal::standard();
    let z0 = normal.inverse_cdf(below as f64 / b as f64);
    let jack: Vec<f64> = jackknife
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let mean = jack.iter().sum::<f64>() / jack.len() as f64;
    let (s2, s3) = jack.iter().fold((0.0, 0.0), |(s2, s3), t| {
        let d = mean - t;
        (s2 + d * d, s3 + d * d * d)
    });
    if s2 <= 0.0 {
        return None;
    }
    let a = s3 / (6.0 * s2.powf(1.5));
    let adjust = |q: f64| {
        let z = normal.inverse_cdf(q);
        normal.cdf(z0 + (z0 + z) / (1.0 - a * (z0 + z)))
    };
    let p = 1.0 - level;
    Some(Interval {
        method: CiMethod::Bca,
        level,
        lower: quantile_sorted(sorted, adjust(p / 2.0)),
        upper: quantile_sorted(sorted, adjust(1.0 - p / 2.0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// With no bias (half the replicates below the estimate) and no acceleration (symmetric
    /// jackknife values), BCa equals the percentile interval.
    #[test]
    fn bca_reduces_to_percentile() {
        let sorted: Vec<f64> = (0..1000).map(|i| i as f64 / 999.0).collect();
        let jack = [0.4, 0.5, 0.6];
        let b = bca(&sorted, 0.4999, &jack, 0.95).unwrap();
        let p = percentile(&sorted, 0.95);
        assert_abs_diff_eq!(b.lower, p.lower, epsilon = 1e-9);
        assert_abs_diff_eq!(b.upper, p.upper, epsilon = 1e-9);
        assert!(bca(&sorted, -1.0, &jack, 0.95).is_none());
    }

    #[test]
    fn feldt_needs_two_items() {
        assert!(feldt(0.8, 100, 1, 0.95).is_none());
        let f = feldt(0.8, 100, 5, 0.95).unwrap();
        assert!(f.lower < 0.8 && f.upper > 0.8);
    }
}
