//! Sample statistics: per missing-data pattern means and covariances (N denominator).
//!
//! Complete data are one pattern. Under listwise deletion only complete rows are kept; under
//! FIML every row with at least one answer is kept and rows are grouped by which variables
//! they answer, so that the casewise likelihood is a sum over patterns.

use nalgebra::{DMatrix, DVector};

use psym_stats::RowCount;

use crate::SemError;

/// Rows that answer the same set of variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Indices of the observed variables.
    pub observed: Vec<usize>,
    /// Rows of the data in this pattern.
    pub rows: Vec<usize>,
    /// Means of the observed variables over these rows.
    pub mean: DVector<f64>,
    /// Covariances (divided by the number of rows) of the observed variables.
    pub cov: DMatrix<f64>,
}

/// The sample of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Data restricted to the model's variables (rows × p, `NaN` = missing).
    pub data: DMatrix<f64>,
    /// Missing-data patterns (one when the data are complete).
    pub patterns: Vec<Pattern>,
    /// Number of rows used.
    pub n: usize,
    /// Rows read and used, and missing-data patterns among the rows read.
    pub rows: RowCount,
    /// Means and covariances pooled over patterns (see [`Sample::pooled`]).
    pooled: (DVector<f64>, DMatrix<f64>),
}

impl Sample {
    /// Builds patterns from `data`; `fiml` keeps incomplete rows, otherwise they are dropped.
    ///
    /// # Errors
    /// [`SemError::TooFewRows`] when fewer than two rows are usable.
    pub fn new(data: &DMatrix<f64>, fiml: bool) -> Result<Sample, SemError> {
        let p = data.ncols();
        let rows = RowCount::with_min_answered(data, if fiml { 1 } else { p });
        let keep: Vec<usize> = (0..data.nrows())
            .filter(|&r| {
                let answered = data.row(r).iter().filter(|v| !v.is_nan()).count();
                if fiml { answered > 0 } else { answered == p }
            })
            .collect();
        if keep.len() < 2 {
            return Err(SemError::TooFewRows {
                found: keep.len(),
                p,
            });
        }
        let data = data.select_rows(&keep);
        let mut keys: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        for r in 0..data.nrows() {
            let obs: Vec<usize> = (0..p).filter(|&j| !data[(r, j)].is_nan()).collect();
            match keys.iter_mut().find(|(o, _)| *o == obs) {
                Some((_, rows)) => rows.push(r),
                None => keys.push((obs, vec![r])),
            }
        }
        keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let patterns = keys
            .into_iter()
            .map(|(observed, rows)| pattern_moments(&data, observed, rows))
            .collect();
        let mut sample = Sample {
            n: data.nrows(),
            rows,
            data,
            patterns,
            pooled: (DVector::zeros(0), DMatrix::zeros(0, 0)),
        };
        sample.pooled = if sample.complete() {
            (
                sample.patterns[0].mean.clone(),
                sample.patterns[0].cov.clone(),
            )
        } else {
            sample.pool()
        };
        Ok(sample)
    }

    /// A sample known only by its covariance (or correlation) matrix over `n` complete rows,
    /// with zero means: what starting values need when the statistics are not moments of the
    /// data (polychoric correlations).
    pub(crate) fn of_covariance(cov: DMatrix<f64>, n: usize) -> Sample {
        let p = cov.nrows();
        let mean = DVector::zeros(p);
        Sample {
            data: DMatrix::zeros(0, p),
            patterns: vec![Pattern {
                observed: (0..p).collect(),
                rows: Vec::new(),
                mean: mean.clone(),
                cov: cov.clone(),
            }],
            n,
            rows: RowCount::default(),
            pooled: (mean, cov),
        }
    }

    /// Whether every row answers every variable.
    pub fn complete(&self) -> bool {
        self.patterns.len() == 1 && self.patterns[0].observed.len() == self.data.ncols()
    }

    /// Means and covariances (N denominator) pooled over patterns; for complete data these
    /// are the sample moments, otherwise pairwise moments, a rough summary for starting values.
    pub fn pooled(&self) -> &(DVector<f64>, DMatrix<f64>) {
        &self.pooled
    }

    fn pool(&self) -> (DVector<f64>, DMatrix<f64>) {
        let p = self.data.ncols();
        let mut mean = DVector::zeros(p);
        let mut cnt = DVector::<f64>::zeros(p);
        for pat in &self.patterns {
            for (a, &j) in pat.observed.iter().enumerate() {
                mean[j] += pat.mean[a] * pat.rows.len() as f64;
                cnt[j] += pat.rows.len() as f64;
            }
        }
        mean.component_div_assign(&cnt.map(|c| c.max(1.0)));
        let mut cov = DMatrix::zeros(p, p);
        let mut pairs = DMatrix::<f64>::zeros(p, p);
        for r in 0..self.data.nrows() {
            for j in 0..p {
                for k in 0..=j {
                    let (x, y) = (self.data[(r, j)], self.data[(r, k)]);
                    if !x.is_nan() && !y.is_nan() {
                        cov[(j, k)] += (x - mean[j]) * (y - mean[k]);
                        pairs[(j, k)] += 1.0;
                    }
                }
            }
        }
        for j in 0..p {
            for k in 0..=j {
                let v = cov[(j, k)] / pairs[(j, k)].max(1.0);
                cov[(j, k)] = v;
                cov[(k, j)] = v;
            }
        }
        (mean, cov)
    }
}

fn pattern_moments(data: &DMatrix<f64>, observed: Vec<usize>, rows: Vec<usize>) -> Pattern {
    let sub = data.select_rows(&rows).select_columns(&observed);
    let n = rows.len() as f64;
    let mean = DVector::from_fn(observed.len(), |j, _| sub.column(j).mean());
    let mut c = sub;
    for (j, mut col) in c.column_iter_mut().enumerate() {
        col.add_scalar_mut(-mean[j]);
    }
    let cov = c.tr_mul(&c) / n;
    Pattern {
        observed,
        rows,
        mean,
        cov,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    #[test]
    fn patterns_group_rows_by_answered_items() {
        let x =
            DMatrix::from_row_slice(5, 2, &[1., 2., 2., f64::NAN, 3., 5., f64::NAN, 1., 4., 3.]);
        let s = Sample::new(&x, true).unwrap();
        assert_eq!(s.patterns.len(), 3);
        assert_eq!(s.patterns[0].rows.len(), 3);
        let l = Sample::new(&x, false).unwrap();
        assert!(l.complete());
        assert_eq!(l.n, 3);
        // N denominator: values 1,3,4 -> mean 8/3, var = (25+1+16)/9/3
        assert!((l.patterns[0].cov[(0, 0)] - 42.0 / 27.0).abs() < CLOSED_FORM);
    }
}
