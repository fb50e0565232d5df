//! Exploratory factor analysis for psym, reproducing psych's numbers.
//!
//! - [`adequacy`]: eigenvalues, [`kmo`], [`bartlett`].
//! - [`extract`]: [`minres`], [`ml`], [`principal_axis`] on a correlation matrix.
//! - [`rotate()`]: varimax, quartimax, oblimin, geomin, promax, target, with Kaiser
//!   normalisation by default ([`Normalization`]).
//! - [`fa()`]: the whole analysis with psych's ordering, communalities, variance explained, fit;
//!   [`efa()`]: the same on a computed correlation matrix, with its adequacy.
//! - [`parallel_analysis`] and [`map_test`]: how many factors.
//! - [`congruence`] (Tucker's φ) and [`fa_by_group`]: is the structure the same across groups.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_efa::{fa, FaOptions, Rotation};
//! // two clusters of three items
//! let r = DMatrix::from_fn(6, 6, |i, j| if i == j { 1.0 } else if i / 3 == j / 3 { 0.5 } else { 0.1 });
//! let opts = FaOptions { factors: 2, rotation: Rotation::Oblimin, n_obs: Some(200), ..FaOptions::default() };
//! let f = fa(&r, &opts).unwrap();
//! assert!(f.loadings[(0, 0)].abs() > 0.6 || f.loadings[(0, 1)].abs() > 0.6);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod adequacy;
mod congruence;
mod diagnose;
mod error;
mod explore;
pub mod extract;
mod fa;
mod fit;
mod map;
mod optim;
mod parallel;
pub mod rotate;

use serde::Serialize;

pub use adequacy::{Bartlett, Kmo, bartlett, eigenvalues, kmo};
pub use congruence::{GroupEfa, GroupFit, GroupInput, congruence, fa_by_group};
pub use error::EfaError;
pub use explore::{Efa, efa};
pub use extract::{Extracted, Extraction, PaOptions, minres, ml, principal_axis};
pub use fa::{FaOptions, FaResult, VarianceExplained, fa};
pub use fit::{FitStats, fit_stats};
pub use map::{Map, map_test};
pub use parallel::{
    PSYCH_QUANTILE, Parallel, ParallelOptions, parallel_analysis, parallel_analysis_with_progress,
};
pub use psym_stats::{Severity, Subject};
pub use rotate::{
    Normalization, Rotated, Rotation, RotationOptions, rotate, sort_and_sign, target_pattern,
};

/// Kind of statistical trouble found in a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// An optimisation or rotation stopped before meeting its criterion.
    NotConverged,
    /// A communality at or above one.
    Heywood,
    /// More parameters than the correlations identify.
    Underidentified,
    /// A matrix that should be positive definite is not.
    NotPositiveDefinite,
    /// Fewer respondents than the analysis needs.
    TooFewRespondents,
}

/// What a diagnostic suggests trying: a setting of [`FaOptions`] or of the correlations
/// factored, as a value so that a program can word it as its own flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Extract fewer factors ([`FaOptions::factors`]).
    FewerFactors,
    /// Use another extraction method ([`FaOptions::method`]).
    OtherMethod,
    /// Smooth a correlation matrix that is not positive definite before factoring it
    /// (psych's cor.smooth; `psym_stats::correlate::CorOptions::smooth`).
    Smooth,
}

/// As an option: `fewer factors`, `another method`, `smooth the correlation matrix`.
impl std::fmt::Display for Advice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Advice::FewerFactors => "fewer factors",
            Advice::OtherMethod => "another method",
            Advice::Smooth => "smooth the correlation matrix",
        })
    }
}

/// A plain-language note about trouble in a result ([`psym_stats::Diagnostic`]): the items
/// concerned by column of the correlation matrix (the message does not name them, so that the
/// caller can put in their ids, as psym's report crate does) and what to try.
pub type Diagnostic = psym_stats::Diagnostic<DiagnosticKind, Advice>;
