//! The sums of squares behind every intraclass correlation: the two-way layout of targets ×
//! raters and the one-way layout of members in clusters.

use nalgebra::DMatrix;
use serde::Serialize;

use crate::AgreementError;

/// Mean squares of a complete targets × raters table (two-way ANOVA without interaction, one
/// rating per cell), as Shrout & Fleiss (1979, Table 1) and psych::ICC name them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TwoWay {
    /// Targets (dyads, subjects): `n`.
    pub targets: usize,
    /// Raters (perspectives, judges): `k`.
    pub raters: usize,
    /// Between targets, `MSB = k·Σᵢ(x̄ᵢ. − x̄)² / (n − 1)` (psych's `MSB`).
    pub ms_targets: f64,
    /// Between raters, `MSJ = n·Σⱼ(x̄.ⱼ − x̄)² / (k − 1)` (psych's `MSJ`).
    pub ms_raters: f64,
    /// Residual, `MSE = (SS_total − SS_targets − SS_raters) / ((n − 1)(k − 1))` (psych's `MSE`).
    pub ms_residual: f64,
    /// Within targets, raters and residual pooled: `MSW = (SS_raters + SS_residual) / (n(k − 1))`
    /// (psych's `MSW`, the one-way model's error).
    pub ms_within: f64,
}

impl TwoWay {
    /// The mean squares of `ratings` (targets in rows, raters in columns, every cell present).
    ///
    /// # Errors
    /// Fewer than two targets or raters, or a missing or infinite rating.
    pub fn of(ratings: &DMatrix<f64>) -> Result<TwoWay, AgreementError> {
        let (n, k) = ratings.shape();
        if n < 2 {
            return Err(AgreementError::TooFew {
                what: "targets",
                needed: 2,
                got: n,
            });
        }
        if k < 2 {
            return Err(AgreementError::TooFew {
                what: "raters",
                needed: 2,
                got: k,
            });
        }
        if let Some((i, j)) = (0..n)
            .flat_map(|i| (0..k).map(move |j| (i, j)))
            .find(|&(i, j)| !ratings[(i, j)].is_finite())
        {
            return Err(AgreementError::Missing {
                row: i + 1,
                column: j + 1,
            });
        }
        let (nf, kf) = (n as f64, k as f64);
        let grand = ratings.mean();
        let ss_total: f64 = ratings.iter().map(|x| (x - grand).powi(2)).sum();
        let ss_targets: f64 = ratings
            .row_iter()
            .map(|r| kf * (r.mean() - grand).powi(2))
            .sum();
        let ss_raters: f64 = ratings
            .column_iter()
            .map(|c| nf * (c.mean() - grand).powi(2))
            .sum();
        let ss_residual = (ss_total - ss_targets - ss_raters).max(0.0);
        Ok(TwoWay {
            targets: n,
            raters: k,
            ms_targets: ss_targets / (nf - 1.0),
            ms_raters: ss_raters / (kf - 1.0),
            ms_residual: ss_residual / ((nf - 1.0) * (kf - 1.0)),
            ms_within: (ss_raters + ss_residual) / (nf * (kf - 1.0)),
        })
    }
}

/// The one-way random-effects ANOVA of members nested in clusters (possibly unbalanced).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OneWay {
    /// Members with a value: `N`.
    pub n: usize,
    /// Clusters with at least one member: `J`.
    pub clusters: usize,
    /// Between clusters, `MSB = Σⱼ nⱼ(ȳⱼ − ȳ)² / (J − 1)`.
    pub ms_between: f64,
    /// Within clusters, `MSW = Σⱼ Σᵢ (yᵢⱼ − ȳⱼ)² / (N − J)`.
    pub ms_within: f64,
    /// The average cluster size adjusted for unequal sizes,
    /// `n₀ = (N − Σⱼ nⱼ² / N) / (J − 1)` (Snijders & Bosker 2012, eq. 3.7; Searle, Casella &
    /// McCulloch 1992, §3.6); equal to the cluster size when all are equal.
    pub n0: f64,
}

/// Size, mean and within sum of squares of one cluster: what the one-way ANOVA and the REML
/// profile need of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ClusterSums {
    /// Members.
    pub size: f64,
    /// Mean of the members' values.
    pub mean: f64,
    /// `Σᵢ (yᵢ − ȳ)²`.
    pub ss_within: f64,
}

impl ClusterSums {
    /// The sums of each cluster of `values` (clusters `0..count` given per value; each listed
    /// cluster must have at least one value).
    pub fn of(values: &[f64], cluster: &[usize], count: usize) -> Vec<ClusterSums> {
        let mut size = vec![0.0; count];
        let mut sum = vec![0.0; count];
        for (&y, &c) in values.iter().zip(cluster) {
            size[c] += 1.0;
            sum[c] += y;
        }
        let mean: Vec<f64> = sum.iter().zip(&size).map(|(s, n)| s / n).collect();
        let mut ss = vec![0.0; count];
        for (&y, &c) in values.iter().zip(cluster) {
            ss[c] += (y - mean[c]).powi(2);
        }
        (0..count)
            .map(|c| ClusterSums {
                size: size[c],
                mean: mean[c],
                ss_within: ss[c],
            })
            .collect()
    }
}

impl OneWay {
    /// The one-way ANOVA of the clusters' sums (two or more clusters, `N > J`).
    pub(crate) fn of(sums: &[ClusterSums]) -> OneWay {
        let n: f64 = sums.iter().map(|s| s.size).sum();
        let j = sums.len() as f64;
        let grand = sums.iter().map(|s| s.size * s.mean).sum::<f64>() / n;
        let ss_between: f64 = sums.iter().map(|s| s.size * (s.mean - grand).powi(2)).sum();
        let ss_within: f64 = sums.iter().map(|s| s.ss_within).sum();
        let sum_sq_sizes: f64 = sums.iter().map(|s| s.size * s.size).sum();
        OneWay {
            n: n as usize,
            clusters: sums.len(),
            ms_between: ss_between / (j - 1.0),
            ms_within: ss_within / (n - j),
            n0: (n - sum_sq_sizes / n) / (j - 1.0),
        }
    }
}
