use thiserror::Error;

/// Why scoring could not be set up.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// A scale asked for is not in the instrument.
    #[error("unknown scale '{name}' (the instrument has: {available})")]
    UnknownScale {
        /// The id asked for.
        name: String,
        /// The instrument's scale ids, comma-separated.
        available: String,
    },
    /// A minimum share of answered items outside 0–1.
    #[error("the minimum share of answered items must be between 0 and 1, not {0}")]
    MinAnswered(f64),
    /// A malformed item key list.
    #[error("item keys: {0}")]
    Keys(String),
    /// A reverse-keyed item without a response range to reverse it in.
    #[error("item '{0}' is reverse-keyed but no scale minimum and maximum are known")]
    NoRange(String),
    /// A scale's bands have no labels in the language asked for.
    #[error("scale '{scale}' has no band labels in '{lang}' (it has: {available})")]
    NoBandLabels {
        /// The scale id.
        scale: String,
        /// The language asked for.
        lang: String,
        /// The languages the bands have labels in, comma-separated.
        available: String,
    },
}
