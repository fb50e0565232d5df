//! Descriptive statistics of one variable: how often each answer of a rating scale was given
//! (with the floor and ceiling shares), and the mean with its Student-t confidence interval.
//!
//! ```
//! use psym_stats::describe::{category_counts, mean_interval};
//!
//! let x = [1.0, 2.0, 2.0, 5.0, f64::NAN];
//! let c = category_counts(&x, 1, 5);
//! assert_eq!(c.counts, vec![1, 2, 0, 0, 1]);
//! assert_eq!(c.missing, 1);
//! assert!((c.floor() - 0.25).abs() < 1e-12);
//! let m = mean_interval(&x, 0.95).unwrap();
//! assert!((m.mean - 2.5).abs() < 1e-12);
//! ```

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// How often each category `min..=max` of a rating scale was answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCounts {
    /// Lowest category.
    pub min: i64,
    /// Answers per category, lowest first.
    pub counts: Vec<usize>,
    /// Missing answers (NaN).
    pub missing: usize,
    /// Answers that are not one of the categories (a fraction or a value out of range).
    pub other: usize,
}

impl CategoryCounts {
    /// Answers in the categories.
    pub fn answered(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Share of the answers in each category (all 0 when nobody answered).
    pub fn shares(&self) -> Vec<f64> {
        let n = self.answered();
        self.counts
            .iter()
            .map(|&c| if n == 0 { 0.0 } else { c as f64 / n as f64 })
            .collect()
    }

    /// Share of the answers in the lowest category (the floor).
    pub fn floor(&self) -> f64 {
        self.shares().first().copied().unwrap_or(0.0)
    }

    /// Share of the answers in the highest category (the ceiling).
    pub fn ceiling(&self) -> f64 {
        self.shares().last().copied().unwrap_or(0.0)
    }
}

/// Counts the answers of `x` per category `min..=max`; NaN is missing.
pub fn category_counts(x: &[f64], min: i64, max: i64) -> CategoryCounts {
    let k = usize::try_from(max - min + 1).unwrap_or(0);
    let mut out = CategoryCounts {
        min,
        counts: vec![0; k],
        missing: 0,
        other: 0,
    };
    for &v in x {
        if v.is_nan() {
            out.missing += 1;
        } else if v.fract() == 0.0 && v >= min as f64 && v <= max as f64 {
            out.counts[(v - min as f64) as usize] += 1;
        } else {
            out.other += 1;
        }
    }
    out
}

/// A mean with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanInterval {
    /// Values that are not missing.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// Their standard deviation (denominator n − 1).
    pub sd: f64,
    /// Lower limit: mean − t(1 − (1 − level)/2, n − 1) · sd/√n.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

/// The mean of the non-missing values of `x` with the Student-t interval of coverage `level`,
/// as R's `t.test(x, conf.level = level)$conf.int`; `None` with fewer than two values.
pub fn mean_interval(x: &[f64], level: f64) -> Option<MeanInterval> {
    let values: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    let sd = (ss / (n - 1) as f64).sqrt();
    let t = StudentsT::new(0.0, 1.0, (n - 1) as f64)
        .ok()?
        .inverse_cdf(1.0 - (1.0 - level) / 2.0);
    let half = t * sd / (n as f64).sqrt();
    Some(MeanInterval {
        n,
        mean,
        sd,
        lower: mean - half,
        upper: mean + half,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source: R 4.2.2 (stats package), `print(t.test(c(3, 5, 4, 6, 7, 2, 5))$conf.int, digits = 10)`
    /// = 2.982312932 6.160544211. Tolerance 1e-8: statrs' t quantile agrees with R's `qt` to
    /// about 1e-9, and the figures are printed to ten digits.
    #[test]
    fn mean_interval_matches_r_t_test() {
        let m = mean_interval(&[3.0, 5.0, 4.0, 6.0, 7.0, 2.0, 5.0, f64::NAN], 0.95).unwrap();
        assert_eq!(m.n, 7);
        assert!((m.lower - 2.982312932).abs() < 1e-8, "{m:?}");
        assert!((m.upper - 6.160544211).abs() < 1e-8, "{m:?}");
    }

    #[test]
    fn too_few_values_give_no_interval() {
        assert!(mean_interval(&[1.0, f64::NAN], 0.95).is_none());
    }

    #[test]
    fn values_off_the_scale_are_counted_apart() {
        let c = category_counts(&[0.0, 1.5, 3.0, 8.0], 1, 7);
        assert_eq!(c.other, 3);
        assert_eq!(c.counts[2], 1);
        assert!((c.ceiling()).abs() < 1e-12);
    }
}
