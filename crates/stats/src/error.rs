use thiserror::Error;

/// Why a numerical routine could not produce a result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum StatsError {
    /// Too few complete observations for the statistic asked for.
    #[error("too few observations: {needed} needed, {found} available{context}")]
    TooFewObservations {
        /// Minimum number of observations the statistic needs.
        needed: usize,
        /// Number of usable observations found.
        found: usize,
        /// Extra context such as the variable pair, prefixed with ", " when present.
        context: String,
    },
    /// A matrix that must be positive definite is not.
    #[error("the {what} matrix is not positive definite")]
    NotPositiveDefinite {
        /// Which matrix (for example "correlation").
        what: String,
    },
    /// An iterative decomposition did not converge.
    #[error("the {what} did not converge")]
    NoConvergence {
        /// Which computation.
        what: String,
    },
    /// Input dimensions do not fit together.
    #[error("dimension mismatch: {0}")]
    Dimension(String),
}
