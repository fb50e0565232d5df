//! The error type of psym-sem.

use thiserror::Error;

/// Why a model could not be estimated at all. Statistical trouble (non-convergence,
/// inadmissible estimates) is not an error: it is reported in the fit's diagnostics.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SemError {
    /// A variable of the model is not among the data columns.
    #[error("the model uses '{0}', which is not a column of the data")]
    MissingVariable(String),
    /// A model variable has no observed value at all.
    #[error("'{0}' has no answers in the data; is it a column of the data file?")]
    EmptyVariable(String),
    /// Too few usable rows.
    #[error("too few usable rows: {found} (the model has {p} observed variables)")]
    TooFewRows {
        /// Usable rows found.
        found: usize,
        /// Number of observed variables.
        p: usize,
    },
    /// The sample covariance matrix cannot be used (for example a constant item).
    #[error("the sample covariance matrix is not positive definite{0}")]
    SampleNotPositiveDefinite(String),
    /// More free parameters than sample moments (df < 0): found before optimising.
    #[error(
        "the model is not identified: it has {npar} free parameters but the data give only \
         {moments} means, variances and covariances (df = {}); fix or remove parameters: each \
         factor needs at least three indicators, or two and a correlation with another factor",
        *moments as i64 - *npar as i64
    )]
    NotIdentified {
        /// Free parameters.
        npar: usize,
        /// Sample moments (means, variances and covariances over all groups).
        moments: usize,
    },
    /// The model cannot be estimated with the options chosen.
    #[error("invalid model: {0}")]
    Model(String),
    /// A group has too few rows for a multi-group model.
    #[error(
        "group '{group}' has {n} respondent(s); with {p} observed variables each group needs at \
         least {} (and many more for stable estimates): leave the group out or merge it with \
         another",
        .p + 1
    )]
    GroupTooSmall {
        /// Group label.
        group: String,
        /// Rows in the group.
        n: usize,
        /// Number of observed variables.
        p: usize,
    },
    /// The sample statistics could not be computed (an ordinal item with one category, too
    /// few rows, …); the statistics error names the item by its column.
    #[error("{0}")]
    Statistics(#[from] psym_stats::StatsError),
    /// An ordered item's categories in one group's rows differ from those of the model (the
    /// categories of all groups): that group never used a category others used, so its
    /// thresholds would not cut the same categories.
    #[error(
        "'{item}' has {found} categories in group {group} but {expected} in all groups together: \
         the group never used a category that others used; merge it into its neighbour in \
         every group (psym's --collapse 1)"
    )]
    GroupCategories {
        /// The item.
        item: String,
        /// The group (1-based, as in the parameter table).
        group: usize,
        /// Categories in that group.
        found: usize,
        /// Categories in the model (thresholds + 1).
        expected: usize,
    },
    /// Models to compare do not fit together.
    #[error("cannot compare the models: {0}")]
    Compare(String),
}

impl From<psym_model::ModelError> for SemError {
    fn from(e: psym_model::ModelError) -> Self {
        SemError::Model(e.to_string())
    }
}
