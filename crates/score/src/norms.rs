//! Norms: percentile ranks, normalised T-scores and stanines of raw scale scores, per group,
//! built from a norm sample ([`NormFile::build`]) and applied to new respondents
//! ([`NormTable::norms_of`]). Formulas and sources: `docs/methods/norms.md`.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use thiserror::Error;

mod file;
mod formula;
mod grid;
mod table;

pub use file::{NORM_FORMAT, NORM_VERSION, NormFile, NormInstrument};
pub use formula::{STANINE_BOUNDS, normalized_t, percentile_rank, stanine};
pub use grid::RawGrid;
pub use table::{Norm, NormRow, NormTable};

/// Why norms could not be built or read.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum NormError {
    /// The scale's possible raw scores are unknown: the instrument has no integer response
    /// scale.
    #[error(
        "scale '{0}': norms need an integer response scale, so that the possible raw scores are known"
    )]
    NotInteger(String),
    /// The norm file cannot be read.
    #[error("{}: cannot read the norm file: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        message: String,
    },
    /// The norm file is not JSON of the norm format.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser found.
        message: String,
    },
    /// The norm file parsed but its tables are not usable.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The norm file belongs to another instrument.
    #[error("{}: the norms are for instrument '{norms}', not '{instrument}'", path.display())]
    OtherInstrument {
        /// The file.
        path: PathBuf,
        /// The instrument id in the norm file.
        norms: String,
        /// The id of the instrument given.
        instrument: String,
    },
}

/// Why a respondent's score has no norms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormMiss {
    /// The norm file has no table for the respondent's group (or the group is blank).
    NoGroup,
    /// The score lies outside the table's raw scores, `lo`–`hi`.
    Outside {
        /// Lowest raw score of the table.
        lo: f64,
        /// Highest raw score of the table.
        hi: f64,
    },
}

/// Trouble with a norm sample: the tables are built, but read them with care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum NormWarning {
    /// Fewer than [`NormWarning::SMALL_SAMPLE`] scores (none: no table).
    SmallSample {
        /// Scale id.
        scale: String,
        /// Group value, `None` for the whole sample.
        group: Option<String>,
        /// Respondents with a score.
        n: usize,
    },
}

impl NormWarning {
    /// Norm samples below this size are flagged: at `n = 100` the standard error of a
    /// percentile rank near the median is `100·√(0.25/n)` = 5 points.
    pub const SMALL_SAMPLE: usize = 100;
}

impl fmt::Display for NormWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NormWarning::SmallSample { scale, group, n } => {
                let group = group
                    .as_deref()
                    .map_or(String::new(), |g| format!(" in group '{g}'"));
                if *n == 0 {
                    write!(f, "scale '{scale}'{group}: no scores, so no norm table")
                } else {
                    write!(
                        f,
                        "scale '{scale}'{group}: norms from only {n} respondent(s) are imprecise (a percentile rank near the median is uncertain by about {:.0} points at this size; {} or more are advisable)",
                        100.0 * (0.25 / *n as f64).sqrt(),
                        NormWarning::SMALL_SAMPLE
                    )
                }
            }
        }
    }
}
