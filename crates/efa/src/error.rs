use psym_stats::{StatsError, Subject};
use thiserror::Error;

/// Why an exploratory factor analysis could not be run.
///
/// Statistical trouble that still gives a result (Heywood cases, slow convergence) is not an
/// error: it is reported in the result's `diagnostics`.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum EfaError {
    /// The correlation matrix is unusable (not square, missing entries, constant item).
    #[error("invalid correlation matrix: {0}")]
    InvalidMatrix(String),
    /// An item's correlations are missing (a constant item, or too few paired answers).
    #[error("{}", self.describe(&|s| s.to_string()))]
    MissingCorrelations {
        /// The item (0-based column).
        item: usize,
    },
    /// More factors were asked for than the items identify.
    #[error("{factors} factors cannot be extracted from {items} items (at most {max})")]
    TooManyFactors {
        /// Factors requested.
        factors: usize,
        /// Number of items.
        items: usize,
        /// Largest number that can be extracted.
        max: usize,
    },
    /// An option value is out of range.
    #[error("invalid option: {0}")]
    InvalidOption(String),
    /// A numerical routine underneath failed.
    #[error(transparent)]
    Stats(#[from] StatsError),
}

impl EfaError {
    /// The variables the error is about ([`Subject::Whole`] when it concerns none in
    /// particular).
    pub fn subject(&self) -> Subject {
        match self {
            EfaError::MissingCorrelations { item } => Subject::Item(*item),
            EfaError::Stats(s) => s.subject(),
            _ => Subject::Whole,
        }
    }

    /// The message, with the variables concerned worded by `name` (as
    /// [`StatsError::describe`]; `Display` words them "variable 1").
    pub fn describe(&self, name: &dyn Fn(Subject) -> String) -> String {
        match self {
            EfaError::MissingCorrelations { item } => format!(
                "invalid correlation matrix: {} has missing correlations (a constant item, or too \
                 few paired answers)",
                name(Subject::Item(*item))
            ),
            EfaError::Stats(s) => s.describe(name),
            other => other.to_string(),
        }
    }
}
