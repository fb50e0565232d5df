//! How many rows an analysis read and used, and how many missing-data patterns they show:
//! lavaan's "Number of observations: Used 824, Total 1000" and "Number of missing patterns".
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::{MissingPolicy, RowCount};
//!
//! let nan = f64::NAN;
//! let x = DMatrix::from_row_slice(4, 2, &[1., 2., nan, 4., 3., 1., nan, nan]);
//! let rows = RowCount::for_policy(&x, MissingPolicy::Listwise);
//! assert_eq!((rows.n_used, rows.n_total, rows.patterns), (2, 4, 3));
//! ```

use nalgebra::DMatrix;
use serde::Serialize;

use crate::MissingPolicy;

/// Share of dropped rows above which a listwise analysis deserves a warning: more than a tenth
/// of the rows read.
pub const DROPPED_WARNING_SHARE: f64 = 0.1;

/// Rows read, rows used and missing-data patterns of an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RowCount {
    /// Rows that enter the analysis.
    pub n_used: usize,
    /// Rows read (lavaan's "Total").
    pub n_total: usize,
    /// Distinct patterns of answered and missing variables among the rows read (complete rows
    /// are one pattern, as in lavaan's and mice's counts).
    pub patterns: usize,
}

impl RowCount {
    /// Counts the rows of `data` (rows × variables, `NaN` = missing) that answer at least
    /// `min_answered` variables: all of them for listwise deletion, one for FIML, two for
    /// pairwise statistics (a row enters a pair only when it answers both).
    pub fn with_min_answered(data: &DMatrix<f64>, min_answered: usize) -> Self {
        let n_used = data
            .row_iter()
            .filter(|row| row.iter().filter(|v| !v.is_nan()).count() >= min_answered)
            .count();
        Self::with_used(data, n_used)
    }

    /// The counts when the caller selected `n_used` of the rows of `data` itself.
    pub fn with_used(data: &DMatrix<f64>, n_used: usize) -> Self {
        let mut seen: Vec<Vec<bool>> = Vec::new();
        for row in data.row_iter() {
            let missing: Vec<bool> = row.iter().map(|v| v.is_nan()).collect();
            if !seen.contains(&missing) {
                seen.push(missing);
            }
        }
        RowCount {
            n_used,
            n_total: data.nrows(),
            patterns: seen.len(),
        }
    }

    /// When [`RowCount::many_dropped`], what listwise deletion did, for a warning: "listwise
    /// deletion dropped 176 of 1000 rows (17.6%) that miss an answer; the results describe …"
    /// (the caller adds what to do instead).
    pub fn dropped_warning(&self) -> Option<String> {
        self.many_dropped().then(|| {
            format!(
                "listwise deletion dropped {} of {} rows ({:.1}%) that miss an answer; the \
                 results describe the complete rows only and may be biased unless answers are \
                 missing completely at random",
                self.dropped(),
                self.n_total,
                100.0 * self.dropped_share()
            )
        })
    }

    /// Counts under a missing-data rule: complete rows for listwise deletion, rows answering
    /// at least two variables for pairwise deletion.
    pub fn for_policy(data: &DMatrix<f64>, policy: MissingPolicy) -> Self {
        let min = match policy {
            MissingPolicy::Listwise => data.ncols(),
            MissingPolicy::Pairwise => 2.min(data.ncols()),
        };
        Self::with_min_answered(data, min)
    }

    /// Rows read but not used.
    pub fn dropped(&self) -> usize {
        self.n_total - self.n_used
    }

    /// Share of the rows read that were dropped (0 when none were read).
    pub fn dropped_share(&self) -> f64 {
        if self.n_total == 0 {
            0.0
        } else {
            self.dropped() as f64 / self.n_total as f64
        }
    }

    /// Whether more than [`DROPPED_WARNING_SHARE`] of the rows were dropped.
    pub fn many_dropped(&self) -> bool {
        self.dropped_share() > DROPPED_WARNING_SHARE
    }

    /// The counts of two disjoint sets of rows (groups) together; patterns are summed per group,
    /// as lavaan counts them.
    pub fn plus(self, other: RowCount) -> RowCount {
        RowCount {
            n_used: self.n_used + other.n_used,
            n_total: self.n_total + other.n_total,
            patterns: self.patterns + other.patterns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_uses_rows_answering_two_items() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(3, 3, &[1., nan, nan, 1., 2., nan, nan, nan, nan]);
        let rows = RowCount::for_policy(&x, MissingPolicy::Pairwise);
        assert_eq!((rows.n_used, rows.n_total, rows.patterns), (1, 3, 3));
        assert!(rows.many_dropped());
        assert!((rows.dropped_share() - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn a_tenth_dropped_is_not_many() {
        let nan = f64::NAN;
        let mut x = DMatrix::from_element(10, 2, 1.0);
        x[(0, 1)] = nan;
        let rows = RowCount::for_policy(&x, MissingPolicy::Listwise);
        assert_eq!(rows.dropped(), 1);
        assert!(!rows.many_dropped());
        x[(1, 0)] = nan;
        assert!(RowCount::for_policy(&x, MissingPolicy::Listwise).many_dropped());
    }
}
