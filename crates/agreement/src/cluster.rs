//! How much of a score lies between clusters (caseworkers, offices): ICC(1) and ICC(2) from
//! the one-way random-effects ANOVA, the REML estimate of ICC(1), the design effect and the
//! reliability of cluster means.

use serde::Serialize;

use crate::anova::{ClusterSums, OneWay};
use crate::diagnostic::{Advice, Diagnostic, DiagnosticKind};
use crate::f_dist::upper_tail;
use crate::reml::{Reml, reml};
use crate::{AgreementError, spearman_brown};
use psym_stats::{Severity, Subject};

/// Fewer clusters than this give a warning: between-cluster variances from few clusters are
/// imprecise and their standard errors too small (Maas & Hox 2005, with 10 clusters).
pub const FEW_CLUSTERS: usize = 10;

/// The one-way ANOVA estimates of Bliese (2000).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AnovaIcc {
    /// The mean squares and the adjusted average cluster size `n₀`.
    #[serde(flatten)]
    pub anova: OneWay,
    /// `F = MSB/MSW` on `(J − 1, N − J)` degrees of freedom.
    pub f: f64,
    /// `P(F(J − 1, N − J) > F)`.
    pub p: f64,
    /// `ICC(1) = (MSB − MSW) / (MSB + (n₀ − 1)MSW)`: the share of a single member's variance
    /// that lies between clusters (may be below zero).
    pub icc1: f64,
    /// `ICC(2) = (MSB − MSW) / MSB`: the reliability of the cluster means.
    pub icc2: f64,
}

/// The variation of one score between and within clusters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterVariation {
    /// Members with a score and a cluster: `N`.
    pub n: usize,
    /// Clusters with at least one such member: `J`.
    pub clusters: usize,
    /// Clusters with a single member (they inform only the between-cluster variance).
    pub singletons: usize,
    /// Mean cluster size `n̄ = N/J`.
    pub mean_size: f64,
    /// The one-way ANOVA estimates.
    pub anova: AnovaIcc,
    /// The REML random-intercept estimates.
    pub reml: Reml,
    /// Design effect of the clustering, `1 + (n̄ − 1)·ICC(1)` with the REML ICC(1) (Kish 1965).
    pub design_effect: f64,
    /// Reliability of a cluster's mean score at the mean cluster size, by Spearman–Brown from
    /// the REML ICC(1): `n̄ρ / (1 + (n̄ − 1)ρ)`.
    pub mean_reliability: f64,
    /// What limits the reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// The variation of `values` between the clusters `cluster` (one per value, any indices;
/// `usize::MAX` = no cluster). Values that are missing (NaN) or have no cluster are left out.
///
/// ICC(1) and ICC(2) follow Bliese (2000) and the multilevel package, except that ICC(1)
/// divides by the adjusted average cluster size `n₀`, the ANOVA estimator for unequal
/// clusters (multilevel::ICC1 uses `N/J`; the two agree when clusters are equal). The REML
/// estimate is the one `lme4::lmer(y ~ 1 + (1 | cluster), REML = TRUE)` gives.
///
/// Sources: Bliese, P. D. (2000). Within-group agreement, non-independence, and reliability.
/// In K. J. Klein & S. W. J. Kozlowski (Eds.), *Multilevel theory, research, and methods in
/// organizations* (pp. 349–381). Jossey-Bass; Snijders, T. A. B., & Bosker, R. J. (2012).
/// *Multilevel analysis* (2nd ed.), §3.3; Kish, L. (1965). *Survey sampling*, §5.4.
///
/// # Errors
/// Fewer than two clusters, or no cluster with two or more members.
///
/// # Example
/// ```
/// let y = [1.0, 2.0, 2.0, 4.0, 5.0, 5.0, 3.0, 3.0, 4.0];
/// let c = [0, 0, 0, 1, 1, 1, 2, 2, 2];
/// let v = psym_agreement::clusters(&y, &c).unwrap();
/// assert!(v.anova.icc1 > 0.5 && v.reml.icc1 > 0.5);
/// ```
pub fn clusters(values: &[f64], cluster: &[usize]) -> Result<ClusterVariation, AgreementError> {
    if values.len() != cluster.len() {
        return Err(AgreementError::Length {
            what: "values and clusters",
            left: values.len(),
            right: cluster.len(),
        });
    }
    let (kept, index, count) = reindex(values, cluster);
    if count < 2 {
        return Err(AgreementError::TooFew {
            what: "clusters",
            needed: 2,
            got: count,
        });
    }
    let sums = ClusterSums::of(&kept, &index, count);
    if sums.iter().all(|s| s.size < 2.0) {
        return Err(AgreementError::NoWithinVariance);
    }
    let one_way = OneWay::of(&sums);
    let (j, n) = (count as f64, kept.len() as f64);
    let f = one_way.ms_between / one_way.ms_within;
    let anova = AnovaIcc {
        anova: one_way,
        f,
        p: upper_tail(f, j - 1.0, n - j),
        icc1: (one_way.ms_between - one_way.ms_within)
            / (one_way.ms_between + (one_way.n0 - 1.0) * one_way.ms_within),
        icc2: (one_way.ms_between - one_way.ms_within) / one_way.ms_between,
    };
    let reml = reml(&sums);
    let mean_size = n / j;
    Ok(ClusterVariation {
        n: kept.len(),
        clusters: count,
        singletons: sums.iter().filter(|s| s.size < 2.0).count(),
        mean_size,
        anova,
        reml,
        design_effect: 1.0 + (mean_size - 1.0) * reml.icc1,
        mean_reliability: spearman_brown(reml.icc1, mean_size),
        diagnostics: diagnostics(count, &anova, &reml),
    })
}

/// The values with a cluster and a value, and their clusters renumbered `0..count` in order
/// of first appearance.
fn reindex(values: &[f64], cluster: &[usize]) -> (Vec<f64>, Vec<usize>, usize) {
    let mut seen: Vec<usize> = Vec::new();
    let mut kept = Vec::new();
    let mut index = Vec::new();
    for (&y, &c) in values.iter().zip(cluster) {
        if !y.is_finite() || c == usize::MAX {
            continue;
        }
        let i = seen.iter().position(|&s| s == c).unwrap_or_else(|| {
            seen.push(c);
            seen.len() - 1
        });
        kept.push(y);
        index.push(i);
    }
    (kept, index, seen.len())
}

fn diagnostics(clusters: usize, anova: &AnovaIcc, reml: &Reml) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let whole =
        |kind, severity, message: String| Diagnostic::new(kind, severity, Subject::Whole, message);
    if clusters < FEW_CLUSTERS {
        out.push(
            whole(
                DiagnosticKind::FewUnits,
                Severity::Warning,
                format!("only {clusters} clusters: the between-cluster variance is imprecise with fewer than {FEW_CLUSTERS}"),
            )
            .with_advice([Advice::MoreUnits]),
        );
    }
    if anova.anova.ms_between == 0.0 && anova.anova.ms_within == 0.0 {
        out.push(whole(
            DiagnosticKind::NoVariance,
            Severity::Error,
            "the scores do not vary at all: there is no variance to divide between clusters".into(),
        ));
    }
    if anova.icc1 < 0.0 {
        out.push(whole(
            DiagnosticKind::NegativeIcc,
            Severity::Warning,
            format!(
                "the ANOVA ICC(1) is {:.3}: the clusters' means differ less than chance would make them; read it as zero",
                anova.icc1
            ),
        ));
    }
    if reml.boundary {
        out.push(whole(
            DiagnosticKind::Boundary,
            Severity::Warning,
            "the REML between-cluster variance is zero (at its boundary; lme4 calls this a singular fit): no detectable variation between clusters".into(),
        ));
    }
    if !reml.converged {
        out.push(
            whole(
                DiagnosticKind::NotConverged,
                Severity::Error,
                "the minimum of the REML profile could not be confirmed".into(),
            )
            .with_advice([Advice::UseAnova]),
        );
    }
    out
}
