use std::fmt;

use crate::Subject;

/// Why a numerical routine could not produce a result.
///
/// Errors about particular variables carry their columns ([`StatsError::subject`]); `Display`
/// calls them "variable 3", and [`StatsError::describe`] lets the caller put in their names.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StatsError {
    /// Too few complete observations for the statistic asked for: for a pair of variables,
    /// or (subject [`Subject::Whole`]) among the rows with every variable answered.
    TooFewObservations {
        /// Minimum number of observations the statistic needs.
        needed: usize,
        /// Number of usable observations found.
        found: usize,
        /// The variables concerned.
        subject: Subject,
    },
    /// A variable with fewer than two observed categories has no thresholds.
    TooFewCategories {
        /// The variable (0-based column).
        item: usize,
    },
    /// Tetrachoric correlations need binary variables.
    NotBinary {
        /// The variable (0-based column).
        item: usize,
        /// Its number of observed categories.
        categories: usize,
    },
    /// A variable without variance (every answer the same) cannot be correlated.
    ZeroVariance {
        /// The variable (0-based column).
        item: usize,
    },
    /// Two variables have too few answers in common to be correlated.
    NoCorrelation {
        /// The pair (0-based columns).
        subject: Subject,
    },
    /// A matrix that must be positive definite is not.
    NotPositiveDefinite {
        /// Which matrix (for example "correlation").
        what: String,
    },
    /// An iterative decomposition did not converge.
    NoConvergence {
        /// Which computation.
        what: String,
    },
    /// Input dimensions do not fit together.
    Dimension(String),
}

impl StatsError {
    /// The variables the error is about ([`Subject::Whole`] when it concerns none in
    /// particular).
    pub fn subject(&self) -> Subject {
        match *self {
            StatsError::TooFewObservations { subject, .. } => subject,
            StatsError::TooFewCategories { item }
            | StatsError::NotBinary { item, .. }
            | StatsError::ZeroVariance { item } => Subject::Item(item),
            StatsError::NoCorrelation { subject } => subject,
            _ => Subject::Whole,
        }
    }

    /// The message, with the variables concerned worded by `name` (for example "item A1" or
    /// "items A1 and A2"; `Display` words them "variable 1", "variables 1 and 2").
    pub fn describe(&self, name: &dyn Fn(Subject) -> String) -> String {
        match self {
            StatsError::TooFewObservations {
                needed,
                found,
                subject,
            } => {
                let whom = match subject {
                    Subject::Item(_) | Subject::ItemPair(..) => format!("for {}", name(*subject)),
                    _ => "counting rows with every variable answered".to_string(),
                };
                format!("too few observations: {needed} needed, {found} available, {whom}")
            }
            StatsError::TooFewCategories { item } => format!(
                "{} has fewer than two observed categories",
                name(Subject::Item(*item))
            ),
            StatsError::NotBinary { item, categories } => format!(
                "{} has {categories} categories; tetrachoric correlations need binary items (use \
                 polychoric)",
                name(Subject::Item(*item))
            ),
            StatsError::ZeroVariance { item } => format!(
                "{} has no variance (every answer is the same); drop it and try again",
                name(Subject::Item(*item))
            ),
            StatsError::NoCorrelation { subject } => format!(
                "{} have too few answers in common to correlate",
                name(*subject)
            ),
            StatsError::NotPositiveDefinite { what } => {
                format!("the {what} matrix is not positive definite")
            }
            StatsError::NoConvergence { what } => format!("the {what} did not converge"),
            StatsError::Dimension(what) => format!("dimension mismatch: {what}"),
        }
    }
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&|s| s.to_string()))
    }
}

impl std::error::Error for StatsError {}
