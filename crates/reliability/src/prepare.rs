//! Checking and preparing one scale's data: rows used under the missing-data rule, items
//! with variance, the scale score, pairwise correlations and item statistics.

use nalgebra::{DMatrix, DVector};
use psym_stats::{MissingPolicy, Subject, cov};

use crate::items::{ItemStats, item_correlations};
use crate::scale::{MIN_RESPONDENTS, Options, Scale};
use crate::warning::warning;
use crate::{ReliabilityError, Warning, WarningKind};
use psym_stats::pairwise::PairSums;

/// The checked input: rows used, items with variance, and early warnings.
pub(crate) struct Prepared<'a> {
    pub scale: &'a Scale,
    pub options: &'a Options,
    /// Rows used × all items.
    pub x: DMatrix<f64>,
    /// Columns of `x` with variance.
    pub active: Vec<usize>,
    /// The active columns of `x`.
    pub xa: DMatrix<f64>,
    /// Scale score per row used.
    pub scores: Vec<f64>,
    /// Pairwise-complete correlations of the active items (R's `cor(use = "pairwise")`).
    pub cor: DMatrix<f64>,
    /// Correlation of each active item with the score.
    pub raw_r: Vec<f64>,
    pub warnings: Vec<Warning>,
}

impl<'a> Prepared<'a> {
    pub fn new(
        scale: &'a Scale,
        data: &DMatrix<f64>,
        options: &'a Options,
    ) -> Result<Self, ReliabilityError> {
        let p = scale.items.len();
        if data.ncols() != p || scale.reversed.len() != p {
            return Err(ReliabilityError::Invalid(format!(
                "scale '{}' lists {p} items but the data have {} columns",
                scale.id,
                data.ncols()
            )));
        }
        if !(options.level > 0.0 && options.level < 1.0) {
            return Err(ReliabilityError::Invalid(format!(
                "the confidence level must be between 0 and 1, not {}",
                options.level
            )));
        }
        if p < 2 {
            return Err(too_few_items(scale, p, String::new()));
        }
        if let Some(j) = (0..p).find(|&j| data.column(j).iter().all(|v| v.is_nan())) {
            return Err(ReliabilityError::AllMissing {
                scale: scale.id.clone(),
                item: scale.items[j].clone(),
            });
        }
        let rows: Vec<usize> = match options.missing {
            MissingPolicy::Listwise => cov::complete_rows(data),
            MissingPolicy::Pairwise => (0..data.nrows())
                .filter(|&r| data.row(r).iter().any(|v| !v.is_nan()))
                .collect(),
        };
        if rows.len() < MIN_RESPONDENTS {
            let rule = match options.missing {
                MissingPolicy::Listwise => " with every item answered",
                MissingPolicy::Pairwise => " with any item answered",
            };
            return Err(ReliabilityError::TooFewRespondents {
                scale: scale.id.clone(),
                n: rows.len(),
                rule: rule.into(),
            });
        }
        let x = data.select_rows(&rows);
        let mut warnings = Vec::new();
        let mut active = Vec::new();
        for j in 0..p {
            let (_, _, sd) = moments(x.column(j).iter().copied());
            if sd > 0.0 {
                active.push(j);
            } else {
                warnings.push(warning(
                    WarningKind::ZeroVariance,
                    Subject::Item(j),
                    "has the same answer for every respondent and is left out of the \
                     coefficients (check the column, or drop the item)"
                        .into(),
                ));
            }
        }
        if active.len() < 2 {
            let dropped = (0..p)
                .filter(|j| !active.contains(j))
                .map(|j| scale.items[j].as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(too_few_items(
                scale,
                active.len(),
                format!("; without variance: {dropped}"),
            ));
        }
        let xa = x.select_columns(&active);
        let scores = scores(&x);
        // one pass over items and score: pair counts, pairwise correlations, item–score r
        let last = active.len();
        let joint = xa.clone().insert_column(last, 0.0);
        let mut joint = joint;
        joint.set_column(last, &DVector::from_column_slice(&scores));
        let sums = PairSums::new(&joint);
        for a in 0..last {
            for b in 0..a {
                let n = sums.pair_count(a, b);
                if n < 2 {
                    return Err(ReliabilityError::TooFewPairs {
                        scale: scale.id.clone(),
                        first: scale.items[active[b]].clone(),
                        second: scale.items[active[a]].clone(),
                        n,
                    });
                }
            }
        }
        let m = sums.matrices().ok_or_else(|| {
            ReliabilityError::Invalid("too few answers to correlate items with the score".into())
        })?;
        Ok(Prepared {
            scale,
            options,
            x,
            cor: m.cor.view((0, 0), (last, last)).into_owned(),
            raw_r: (0..last).map(|j| m.cor[(j, last)]).collect(),
            active,
            xa,
            scores,
            warnings,
        })
    }

    /// Covariances of the active items through [`psym_stats::cov`] (psych::alpha's `cov(x,
    /// use = "pairwise")`).
    pub fn covariance(&self) -> Result<DMatrix<f64>, ReliabilityError> {
        Ok(cov::covariance(&self.xa, self.options.missing)?.matrix)
    }

    pub fn score_moments(&self) -> (Option<f64>, Option<f64>) {
        let (_, mean, sd) = moments(self.scores.iter().copied());
        (finite(mean), finite(sd))
    }

    pub fn item_stats(&self, c: &DMatrix<f64>) -> Vec<ItemStats> {
        let correlations = item_correlations(c);
        let raw_r = &self.raw_r;
        (0..self.scale.items.len())
            .map(|j| {
                let (n, mean, sd) = moments(self.x.column(j).iter().copied());
                let a = self.active.iter().position(|&k| k == j);
                let ic = a.map(|a| correlations[a]);
                ItemStats {
                    item: self.scale.items[j].clone(),
                    reversed: self.scale.reversed[j],
                    n,
                    mean: finite(mean),
                    sd: finite(sd),
                    raw_r: a.and_then(|a| finite(raw_r[a])),
                    std_r: ic.and_then(|c| finite(c.std_r)),
                    r_cor: ic.and_then(|c| c.r_cor).and_then(finite),
                    r_drop: ic.and_then(|c| finite(c.r_drop)),
                    alpha_if_deleted: ic.and_then(|c| c.alpha_if_deleted).and_then(finite),
                }
            })
            .collect()
    }
}

fn too_few_items(scale: &Scale, items: usize, detail: String) -> ReliabilityError {
    ReliabilityError::TooFewItems {
        scale: scale.id.clone(),
        items,
        detail,
    }
}

/// The scale score of each row: the mean of its answered items (psych::alpha's
/// `rowMeans(x, na.rm = TRUE)`); `NaN` for a row without answers.
fn scores(x: &DMatrix<f64>) -> Vec<f64> {
    let mut sum = vec![0.0; x.nrows()];
    let mut count = vec![0.0; x.nrows()];
    for col in x.column_iter() {
        for (i, v) in col.iter().enumerate().filter(|(_, v)| !v.is_nan()) {
            sum[i] += v;
            count[i] += 1.0;
        }
    }
    sum.iter().zip(&count).map(|(s, n)| s / n).collect()
}

/// Count, mean and standard deviation (`n − 1`) of the non-missing values.
fn moments(values: impl Iterator<Item = f64> + Clone) -> (usize, f64, f64) {
    let (n, sum) = values
        .clone()
        .filter(|v| !v.is_nan())
        .fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    let mean = sum / n as f64;
    let ss: f64 = values
        .filter(|v| !v.is_nan())
        .map(|v| (v - mean) * (v - mean))
        .sum();
    (n, mean, (ss / (n as f64 - 1.0)).sqrt())
}

pub(crate) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}
