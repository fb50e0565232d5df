use psym_stats::{MissingPolicy, StatsError};

use crate::Advice;
use thiserror::Error;

/// Why the reliability of a scale could not be estimated at all.
///
/// Statistical trouble that still gives numbers (a negative alpha, an item that correlates
/// negatively with the rest, a constant item) is not an error: it is a [`crate::Warning`] on
/// the result.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ReliabilityError {
    /// Fewer than two items (with variance) are left in the scale.
    #[error(
        "scale '{scale}' has {items} usable item(s); reliability needs at least two items that vary{detail}"
    )]
    TooFewItems {
        /// Scale id.
        scale: String,
        /// Usable items.
        items: usize,
        /// Extra context (which items were dropped), prefixed with "; " when present.
        detail: String,
    },
    /// Fewer than three respondents answered.
    #[error("scale '{scale}' has {n} usable respondent(s){rule}; reliability needs at least 3")]
    TooFewRespondents {
        /// Scale id.
        scale: String,
        /// Respondents available.
        n: usize,
        /// The missing-data rule that counted them, e.g. " with every item answered".
        rule: String,
    },
    /// An item with no answers at all.
    #[error("item '{item}' of scale '{scale}' has no answers (is the column empty or misnamed?)")]
    AllMissing {
        /// Scale id.
        scale: String,
        /// Item id.
        item: String,
    },
    /// Two items answered together by fewer than two respondents (pairwise deletion).
    #[error("{}", self.describe(|a| a.to_string()))]
    TooFewPairs {
        /// Scale id.
        scale: String,
        /// First item.
        first: String,
        /// Second item.
        second: String,
        /// Respondents answering both.
        n: usize,
    },
    /// Data and item list do not fit together, or an option is out of range.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A numerical routine underneath failed.
    #[error(transparent)]
    Stats(#[from] StatsError),
}

impl ReliabilityError {
    /// The setting that may avoid the error, when there is one.
    pub fn advice(&self) -> Option<Advice> {
        match self {
            ReliabilityError::TooFewPairs { .. } => Some(Advice::Missing(MissingPolicy::Listwise)),
            _ => None,
        }
    }

    /// The message, with its advice worded by `advise` (`Display` words it as the setting of
    /// [`crate::Options`]).
    pub fn describe(&self, advise: fn(&Advice) -> String) -> String {
        match (self, self.advice()) {
            (
                ReliabilityError::TooFewPairs {
                    scale,
                    first,
                    second,
                    n,
                },
                Some(advice),
            ) => format!(
                "items '{first}' and '{second}' of scale '{scale}' were answered together by {n} \
                 respondent(s); at least 2 are needed ({}, or drop one of them)",
                advise(&advice)
            ),
            _ => self.to_string(),
        }
    }
}
