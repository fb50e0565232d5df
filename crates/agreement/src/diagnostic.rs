//! Findings that limit how the figures can be read: values, not errors.

use std::fmt;

use serde::Serialize;

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// Fewer targets (dyads) or clusters than the figures need to be stable.
    FewUnits,
    /// One perspective's scores (or, between clusters, all scores) do not vary: the
    /// correlations and ICCs are undefined.
    NoVariance,
    /// An ANOVA intraclass correlation below zero: the variance it stands for is estimated
    /// below zero, which REML and the reading of the figure take as zero.
    NegativeIcc,
    /// The REML between-cluster variance is zero (at the boundary, a "singular fit" in lme4).
    Boundary,
    /// The REML profile's minimum could not be confirmed.
    NotConverged,
}

/// What a diagnostic suggests trying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Collect more dyads or clusters before reading the figure.
    MoreUnits,
    /// Read the ANOVA estimate instead of the REML one.
    UseAnova,
}

/// As a library user would act on it.
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Advice::MoreUnits => f.write_str("collect more dyads or clusters"),
            Advice::UseAnova => f.write_str("read the ANOVA estimate"),
        }
    }
}

/// A finding about an agreement or cluster analysis, in the shape every psym analysis shares.
pub type Diagnostic = psym_stats::Diagnostic<DiagnosticKind, Advice>;
