//! Two independent groups compared on one variable: Welch's t-test and Hedges' g with its
//! confidence interval, from each group's n, mean and standard deviation.
//!
//! ```
//! use psym_stats::two_groups::{GroupSummary, compare};
//! let a = GroupSummary::of(&[5.0, 6.0, 7.0, 6.5]).unwrap();
//! let b = GroupSummary::of(&[4.0, 5.0, 5.5, 4.5, 5.0]).unwrap();
//! let c = compare(&a, &b, 0.95).unwrap();
//! assert!(c.hedges_g > 0.0 && c.welch.pvalue < 0.05);
//! ```

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use statrs::function::gamma::ln_gamma;

/// A group's n, mean and standard deviation (denominator `n − 1`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupSummary {
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Standard deviation, denominator `n − 1` (`NaN` for one value).
    pub sd: f64,
}

impl GroupSummary {
    /// The summary of `values` (missing values, `NaN`, left out); `None` when none remain.
    pub fn of(values: &[f64]) -> Option<GroupSummary> {
        let x: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        let n = x.len();
        if n == 0 {
            return None;
        }
        let mean = x.iter().sum::<f64>() / n as f64;
        let ss: f64 = x.iter().map(|v| (v - mean).powi(2)).sum();
        let sd = if n > 1 {
            (ss / (n - 1) as f64).sqrt()
        } else {
            f64::NAN
        };
        Some(GroupSummary { n, mean, sd })
    }
}

/// Welch's t-test of equal means without assuming equal variances.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WelchTest {
    /// `t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂)`.
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided p value.
    pub pvalue: f64,
}

/// The comparison of group 1 with group 2.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanComparison {
    /// `m₁ − m₂`.
    pub difference: f64,
    /// Hedges' g: Cohen's d (pooled SD) times the exact small-sample correction J.
    pub hedges_g: f64,
    /// Coverage of the interval of g (for example 0.95).
    pub level: f64,
    /// Lower limit of g's interval (Hedges–Olkin normal approximation).
    pub g_lower: f64,
    /// Upper limit of g's interval.
    pub g_upper: f64,
    /// Welch's test.
    pub welch: WelchTest,
}

/// Compares group `a` with group `b` (differences are `a − b`) at coverage `level`.
///
/// - Welch (1947): `t = (m₁ − m₂)/√(v₁ + v₂)` with `vᵢ = sᵢ²/nᵢ`, `df = (v₁ + v₂)² / (v₁²/(n₁ − 1)
///   + v₂²/(n₂ − 1))`, two-sided p from Student's t (R: `t.test(var.equal = FALSE)`).
/// - Hedges' g (Hedges, 1981; Hedges & Olkin, 1985, ch. 5): `d = (m₁ − m₂)/s_p` with the pooled
///   `s_p² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2)`, `g = J·d` with the exact
///   `J = Γ(m/2) / (√(m/2)·Γ((m − 1)/2))`, `m = n₁ + n₂ − 2` (as R's effectsize::hedges_g).
/// - Interval of g: the Hedges–Olkin normal approximation `g ± z·SE`,
///   `SE = √((n₁ + n₂)/(n₁n₂) + g²/(2(n₁ + n₂)))`, `z` the normal quantile at `(1 + level)/2`
///   (effectsize inverts the noncentral t instead; the two agree to about 1e-4 in groups of a
///   few hundred, and the normal approximation is somewhat wider in small groups).
///
/// `None` when a group has fewer than two values, both variances are zero, or `level` is not
/// between 0 and 1.
pub fn compare(a: &GroupSummary, b: &GroupSummary, level: f64) -> Option<MeanComparison> {
    if a.n < 2 || b.n < 2 || !(level > 0.0 && level < 1.0) {
        return None;
    }
    let (n1, n2) = (a.n as f64, b.n as f64);
    let (v1, v2) = (a.sd.powi(2) / n1, b.sd.powi(2) / n2);
    if v1 + v2 <= 0.0 {
        return None;
    }
    let difference = a.mean - b.mean;
    let t = difference / (v1 + v2).sqrt();
    let df = (v1 + v2).powi(2) / (v1.powi(2) / (n1 - 1.0) + v2.powi(2) / (n2 - 1.0));
    let pvalue = 2.0 * StudentsT::new(0.0, 1.0, df).ok()?.sf(t.abs());
    let m = n1 + n2 - 2.0;
    let pooled = (((n1 - 1.0) * a.sd.powi(2) + (n2 - 1.0) * b.sd.powi(2)) / m).sqrt();
    let j = (ln_gamma(m / 2.0) - ln_gamma((m - 1.0) / 2.0)).exp() / (m / 2.0).sqrt();
    let hedges_g = j * difference / pooled;
    let se = ((n1 + n2) / (n1 * n2) + hedges_g.powi(2) / (2.0 * (n1 + n2))).sqrt();
    let z = Normal::standard().inverse_cdf((1.0 + level) / 2.0);
    Some(MeanComparison {
        difference,
        hedges_g,
        level,
        g_lower: hedges_g - z * se,
        g_upper: hedges_g + z * se,
        welch: WelchTest { t, df, pvalue },
    })
}

/// One group of a [`ScaleByGroup`]: its label and summary (`None` without values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledGroup {
    /// The group's label.
    pub group: String,
    /// Its n, mean and SD.
    #[serde(flatten)]
    pub summary: Option<GroupSummary>,
}

/// One pair of groups of a [`ScaleByGroup`], `a − b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupPair {
    /// The first group's label.
    pub a: String,
    /// The second group's label.
    pub b: String,
    /// The comparison ([`compare`]); `None` when a group has fewer than two values or no
    /// variance.
    #[serde(flatten)]
    pub comparison: Option<MeanComparison>,
}

/// One variable (a scale score) compared across groups: every group's summary and every pair
/// of groups, in label order (`a` before `b`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleByGroup {
    /// The variable's name.
    pub scale: String,
    /// The groups.
    pub groups: Vec<LabelledGroup>,
    /// Each pair of groups.
    pub pairs: Vec<GroupPair>,
}

impl ScaleByGroup {
    /// Summarises `values[g]` for each group label `labels[g]` and [`compare`]s every pair.
    pub fn new(scale: &str, labels: &[String], values: &[Vec<f64>], level: f64) -> ScaleByGroup {
        let summaries: Vec<Option<GroupSummary>> =
            values.iter().map(|v| GroupSummary::of(v)).collect();
        let mut pairs = Vec::new();
        for i in 0..labels.len() {
            for j in i + 1..labels.len() {
                let comparison = match (&summaries[i], &summaries[j]) {
                    (Some(a), Some(b)) => compare(a, b, level),
                    _ => None,
                };
                pairs.push(GroupPair {
                    a: labels[i].clone(),
                    b: labels[j].clone(),
                    comparison,
                });
            }
        }
        ScaleByGroup {
            scale: scale.to_owned(),
            groups: labels
                .iter()
                .zip(summaries)
                .map(|(g, summary)| LabelledGroup {
                    group: g.clone(),
                    summary,
                })
                .collect(),
            pairs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(n: usize, mean: f64, sd: f64) -> GroupSummary {
        GroupSummary { n, mean, sd }
    }

    /// Swapping the groups changes the sign of the difference, t, g and its interval, and
    /// nothing else.
    #[test]
    fn swapping_the_groups_mirrors_the_comparison() {
        let (a, b) = (summary(40, 5.2, 1.1), summary(25, 4.7, 0.8));
        let ab = compare(&a, &b, 0.95).unwrap();
        let ba = compare(&b, &a, 0.95).unwrap();
        assert_eq!(ab.difference, -ba.difference);
        assert_eq!(ab.hedges_g, -ba.hedges_g);
        assert!((ab.g_lower + ba.g_upper).abs() < 1e-12);
        assert_eq!(ab.welch.t, -ba.welch.t);
        assert_eq!(
            (ab.welch.df, ab.welch.pvalue),
            (ba.welch.df, ba.welch.pvalue)
        );
    }

    /// With equal variances and sizes Welch's df is 2(n − 1), and J shrinks d towards zero.
    #[test]
    fn equal_groups_give_the_pooled_df_and_a_shrunk_g() {
        let c = compare(&summary(11, 1.0, 2.0), &summary(11, 0.0, 2.0), 0.9).unwrap();
        assert!((c.welch.df - 20.0).abs() < 1e-12);
        assert!(c.hedges_g < 0.5 && c.hedges_g > 0.48, "{c:?}");
        assert!(c.g_lower < c.hedges_g && c.hedges_g < c.g_upper);
    }

    #[test]
    fn too_few_values_or_no_variance_give_no_comparison() {
        assert!(compare(&summary(1, 1.0, f64::NAN), &summary(5, 0.0, 1.0), 0.95).is_none());
        assert!(compare(&summary(5, 1.0, 0.0), &summary(5, 0.0, 0.0), 0.95).is_none());
        assert!(GroupSummary::of(&[f64::NAN]).is_none());
        let s = GroupSummary::of(&[1.0, f64::NAN, 3.0]).unwrap();
        assert_eq!((s.n, s.mean), (2, 2.0));
    }
}
