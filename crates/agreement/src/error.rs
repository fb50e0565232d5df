//! The one error of the crate: data that cannot give the figures at all.

use thiserror::Error;

/// Why an agreement or cluster analysis cannot be computed.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum AgreementError {
    /// Fewer targets (dyads, respondents) than the analysis needs.
    #[error("needs at least {needed} {what} with complete values (got {got})")]
    TooFew {
        /// What is counted: `targets`, `raters`, `clusters`.
        what: &'static str,
        /// The least number that works.
        needed: usize,
        /// The number found.
        got: usize,
    },
    /// A missing (NaN) or infinite value where every value must be present.
    #[error("value {column} of row {row} (1-based) is missing or not finite")]
    Missing {
        /// 1-based row.
        row: usize,
        /// 1-based column.
        column: usize,
    },
    /// Two lists that must pair up have different lengths.
    #[error("{what}: {left} and {right} values do not pair up")]
    Length {
        /// What was paired.
        what: &'static str,
        /// Length of the first.
        left: usize,
        /// Length of the second.
        right: usize,
    },
    /// Every cluster has a single member: within- and between-cluster variance cannot be told
    /// apart.
    #[error("every cluster has one member: the variance within clusters cannot be estimated")]
    NoWithinVariance,
    /// The coverage of an interval outside (0, 1).
    #[error("the interval level must lie strictly between 0 and 1 (got {0})")]
    Level(f64),
}
