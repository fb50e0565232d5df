//! Findings about the sample that limit the indices: values, not errors.

use std::fmt;

use serde::Serialize;

/// What a [`Diagnostic`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// An item with no variance: it is left out of Mahalanobis D².
    ConstantItem,
    /// The covariance matrix is singular or has too few rows: no Mahalanobis D².
    NoCovariance,
    /// Fewer than three synonym pairs reach the cutoff: no psychometric synonyms index.
    FewSynonymPairs,
    /// Fewer than three antonym pairs reach the cutoff: no psychometric antonyms index.
    FewAntonymPairs,
    /// Fewer than two subscales of two or more items: no even-odd consistency.
    NoSubscales,
}

/// What a diagnostic suggests trying: a setting of [`crate::Options`] or [`crate::Layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Lower [`crate::Options::synonym_cutoff`] (Meade & Craig's .60 suits long inventories).
    SynonymCutoff,
    /// Declare the instrument's subscales in [`crate::Layout::subscales`].
    Subscales,
}

/// As a setting: `lower synonym_cutoff`.
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Advice::SynonymCutoff => f.write_str("lower synonym_cutoff"),
            Advice::Subscales => f.write_str("declare the subscales in the layout"),
        }
    }
}

/// A finding about the sample (by column), in the shape every psym analysis shares.
pub type Diagnostic = psym_stats::Diagnostic<DiagnosticKind, Advice>;
