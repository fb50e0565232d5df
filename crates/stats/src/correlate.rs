//! A correlation matrix by method ([`CorMethod`]): what `psym cor`, `psym efa` and
//! `psym parallel` analyse.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::correlate::{CorOptions, correlate};
//! use psym_stats::CorMethod;
//!
//! let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 1.0, 3.0, 4.0, 4.0, 3.0]);
//! let c = correlate(&x, &CorOptions { method: CorMethod::Spearman, ..CorOptions::default() })
//!     .unwrap();
//! assert!((c.matrix[(0, 1)] - 0.6).abs() < 1e-12);
//! ```

use nalgebra::DMatrix;
use serde::Serialize;

use crate::polychoric::{PSYCH_CORRECT, PolychoricOptions, ThresholdRule, polychoric, tetrachoric};
use crate::smooth::smooth_correlation;
use crate::{CorMethod, MissingPolicy, StatsError, Subject, cov, rank};

/// How to correlate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorOptions {
    /// Pearson (default), Spearman, polychoric or tetrachoric.
    pub method: CorMethod,
    /// Pairwise (default) or listwise deletion.
    pub missing: MissingPolicy,
    /// Continuity correction of polychoric and tetrachoric tables (each empty cell counted as
    /// `correct / n`); `None` for psych's defaults: [`PSYCH_CORRECT`] for tetrachoric, and for
    /// polychoric none, or 0.5 for pairs fitted with their own thresholds. Not used by Pearson
    /// and Spearman.
    pub correct: Option<f64>,
    /// Smooth a matrix that is not positive definite (psych's `cor.smooth`).
    pub smooth: bool,
}

impl Default for CorOptions {
    fn default() -> Self {
        CorOptions {
            method: CorMethod::Pearson,
            missing: MissingPolicy::Pairwise,
            correct: None,
            smooth: false,
        }
    }
}

/// How empty cells of the polychoric or tetrachoric tables were treated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Continuity {
    /// Continuity correction: each empty cell counted as `correct / n` (0 = none).
    pub correct: f64,
    /// Empty cells over all pairs' tables.
    pub empty_cells: usize,
    /// Empty cells that received the correction.
    pub corrected_cells: usize,
    /// Whether each pair was fitted with thresholds from its own table (psych's rule when the
    /// items differ in their highest answer).
    pub per_pair_thresholds: bool,
}

/// A correlation matrix with what a report shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlations {
    /// The matrix (unit diagonal).
    pub matrix: DMatrix<f64>,
    /// Thresholds per item (polychoric and tetrachoric).
    pub thresholds: Option<Vec<Vec<f64>>>,
    /// Treatment of empty table cells (polychoric and tetrachoric).
    pub continuity: Option<Continuity>,
    /// Whether the matrix was smoothed to make it positive definite.
    pub smoothed: bool,
}

/// Correlates the columns of `x` by `options.method`: Pearson and Spearman with pairwise or
/// listwise deletion (R's `cor`), polychoric and tetrachoric by the two-step method with
/// psych's rules for thresholds and empty cells (psych 2.2.9 `polychoric`, `tetrachoric`).
///
/// # Errors
/// [`StatsError::ZeroVariance`] for a constant item, [`StatsError::NoCorrelation`] for a pair
/// with too few answers in common, and the errors of the routines underneath; each names its
/// items by column ([`StatsError::subject`]).
pub fn correlate(x: &DMatrix<f64>, options: &CorOptions) -> Result<Correlations, StatsError> {
    let method = options.method;
    let policy = options.missing;
    let mut out = match method {
        CorMethod::Pearson => plain(cov::correlation(x, policy)?.matrix),
        CorMethod::Spearman => plain(rank::spearman(x, policy)?.matrix),
        CorMethod::Polychoric | CorMethod::Tetrachoric => {
            let poly = PolychoricOptions {
                missing: policy,
                correct: options
                    .correct
                    .or((method == CorMethod::Tetrachoric).then_some(PSYCH_CORRECT)),
                // psych's tetrachoric() keeps each item's thresholds; only polychoric() switches
                thresholds: if method == CorMethod::Tetrachoric {
                    ThresholdRule::Global
                } else {
                    ThresholdRule::Psych
                },
                ..PolychoricOptions::default()
            };
            let pc = if method == CorMethod::Polychoric {
                polychoric(x, &poly)?
            } else {
                tetrachoric(x, &poly)?
            };
            Correlations {
                matrix: pc.matrix,
                thresholds: Some(pc.thresholds),
                continuity: Some(Continuity {
                    correct: pc.correct,
                    empty_cells: pc.empty_cells,
                    corrected_cells: pc.corrected_cells,
                    per_pair_thresholds: pc.per_pair_thresholds,
                }),
                smoothed: false,
            }
        }
    };
    let p = out.matrix.nrows();
    if let Some(j) = (0..p).find(|&j| !out.matrix[(j, j)].is_finite()) {
        return Err(StatsError::ZeroVariance { item: j });
    }
    if let Some((j, k)) = (0..p)
        .flat_map(|j| (0..j).map(move |k| (j, k)))
        .find(|&(j, k)| !out.matrix[(j, k)].is_finite())
    {
        return Err(StatsError::NoCorrelation {
            subject: Subject::ItemPair(k, j),
        });
    }
    if options.smooth
        && let Some(s) = smooth_correlation(&out.matrix)?
    {
        out.matrix = s;
        out.smoothed = true;
    }
    Ok(out)
}

fn plain(matrix: DMatrix<f64>) -> Correlations {
    Correlations {
        matrix,
        thresholds: None,
        continuity: None,
        smoothed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_item_is_named_by_column() {
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 2.0, 2.0, 3.0, 2.0]);
        assert_eq!(
            correlate(&x, &CorOptions::default()).unwrap_err(),
            StatsError::ZeroVariance { item: 1 }
        );
    }

    /// Tetrachoric correlations take psych's correction of 0.5 unless told otherwise.
    #[test]
    fn tetrachoric_defaults_to_psychs_correction() {
        let x = DMatrix::from_row_slice(6, 2, &[0., 0., 0., 0., 1., 1., 1., 1., 0., 1., 1., 0.]);
        let options = CorOptions {
            method: CorMethod::Tetrachoric,
            ..CorOptions::default()
        };
        let c = correlate(&x, &options).unwrap();
        assert_eq!(c.continuity.unwrap().correct, PSYCH_CORRECT);
        assert_eq!(c.thresholds.unwrap().len(), 2);
    }
}
