//! Norm tables: one per scale (and group), a row per possible raw score.

use serde::{Deserialize, Serialize};

use super::formula::{normalized_t, percentile_rank, stanine};
use super::grid::RawGrid;

/// The norm table of one scale in one group (or the whole sample).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormTable {
    /// Scale id.
    pub scale: String,
    /// The group's value in the group column; `None` for the whole sample.
    pub group: Option<String>,
    /// Respondents with a score on the scale (the norm sample).
    pub n: usize,
    /// Mean of their scores.
    pub mean: f64,
    /// Standard deviation of their scores (denominator `n − 1`).
    pub sd: f64,
    /// Every possible raw score from the lowest to the highest the norm sample reached, in
    /// increasing order.
    pub rows: Vec<NormRow>,
}

/// The norms of one raw score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormRow {
    /// The raw score.
    pub raw: f64,
    /// Respondents of the norm sample with this score.
    pub frequency: usize,
    /// Respondents with this score or a lower one.
    pub cumulative: usize,
    /// Mid-point percentile rank ([`percentile_rank`]).
    pub percentile: f64,
    /// Normalised T-score ([`normalized_t`]).
    pub t: f64,
    /// Stanine ([`stanine`]).
    pub stanine: u8,
}

/// The norms of one respondent's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Norm {
    /// Percentile rank.
    pub percentile: f64,
    /// Normalised T-score.
    pub t: f64,
    /// Stanine.
    pub stanine: u8,
}

impl Norm {
    /// The T-score and stanine of a percentile rank.
    fn of_rank(percentile: f64) -> Norm {
        Norm {
            percentile,
            t: normalized_t(percentile),
            stanine: stanine(percentile),
        }
    }
}

impl NormTable {
    /// The table of `scores` (the scale's scores in one group, blanks left out), with a row for
    /// every raw score of `grid` from the lowest to the highest score observed; `None` when
    /// there are no scores.
    pub(crate) fn build(
        scale: &str,
        group: Option<&str>,
        grid: RawGrid,
        mut scores: Vec<f64>,
    ) -> Option<NormTable> {
        scores.sort_by(f64::total_cmp);
        let n = scores.len();
        let (lo, hi) = (*scores.first()?, *scores.last()?);
        let mean = scores.iter().sum::<f64>() / n as f64;
        let ss: f64 = scores.iter().map(|x| (x - mean).powi(2)).sum();
        let sd = if n > 1 {
            (ss / (n - 1) as f64).sqrt()
        } else {
            f64::NAN
        };
        let rows = grid
            .points_within(lo, hi)
            .map(|raw| {
                let below = scores.partition_point(|&x| x < raw - RawGrid::TOLERANCE);
                let upto = scores.partition_point(|&x| x <= raw + RawGrid::TOLERANCE);
                let norm = Norm::of_rank(percentile_rank(below, upto - below, n));
                NormRow {
                    raw,
                    frequency: upto - below,
                    cumulative: upto,
                    percentile: norm.percentile,
                    t: norm.t,
                    stanine: norm.stanine,
                }
            })
            .collect();
        Some(NormTable {
            scale: scale.to_owned(),
            group: group.map(str::to_owned),
            n,
            mean,
            sd,
            rows,
        })
    }

    /// The norms of score `x`: those of its row; for a score between two rows (from a
    /// prorated or incomplete answer pattern) the percentile rank interpolated linearly
    /// between them, with its T-score and stanine; `None` outside the table's range.
    pub fn norms_of(&self, x: f64) -> Option<Norm> {
        let tol = RawGrid::TOLERANCE;
        let i = self.rows.partition_point(|r| r.raw < x - tol);
        let row = self.rows.get(i)?;
        if (row.raw - x).abs() <= tol {
            return Some(Norm {
                percentile: row.percentile,
                t: row.t,
                stanine: row.stanine,
            });
        }
        let prev = self.rows.get(i.checked_sub(1)?)?;
        let share = (x - prev.raw) / (row.raw - prev.raw);
        Some(Norm::of_rank(
            prev.percentile + share * (row.percentile - prev.percentile),
        ))
    }

    /// The lowest and highest raw score of the table.
    pub fn range(&self) -> Option<(f64, f64)> {
        Some((self.rows.first()?.raw, self.rows.last()?.raw))
    }
}
