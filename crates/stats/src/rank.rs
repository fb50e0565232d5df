//! Ranks with ties averaged and Spearman's rank correlation.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::{rank, MissingPolicy};
//! let x = DMatrix::from_row_slice(4, 2, &[1.0, 10.0, 2.0, 20.0, 3.0, 25.0, 4.0, 100.0]);
//! let r = rank::spearman(&x, MissingPolicy::Pairwise).unwrap();
//! assert!((r.matrix[(0, 1)] - 1.0).abs() < 1e-12);
//! ```

use nalgebra::DMatrix;

use crate::cov::{self, Moments};
use crate::{MissingPolicy, StatsError};

/// Ranks `1..n` of `values`, ties given the mean of their ranks (R's `rank(ties = "average")`).
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // positions start..end (0-based) share the mean rank
        let mean = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            out[i] = mean;
        }
        start = end;
    }
    out
}

/// Spearman's rank correlations: Pearson correlations of the ranks, ranked within the rows
/// used for each pair (R's `cor(x, method = "spearman", use = ...)`).
///
/// # Errors
/// As [`cov::correlation`].
pub fn spearman(data: &DMatrix<f64>, policy: MissingPolicy) -> Result<Moments, StatsError> {
    let p = data.ncols();
    let complete = cov::complete_rows(data);
    if policy == MissingPolicy::Listwise || complete.len() == data.nrows() {
        let sub = data.select_rows(&complete);
        let ranked = rank_columns(&sub);
        return cov::correlation(&ranked, MissingPolicy::Listwise);
    }
    // pairwise: rank each pair on its own complete rows
    let mut m = cov::correlation(data, MissingPolicy::Pairwise)?;
    for j in 0..p {
        for k in 0..j {
            let rows: Vec<usize> = (0..data.nrows())
                .filter(|&i| !data[(i, j)].is_nan() && !data[(i, k)].is_nan())
                .collect();
            let pair = data.select_rows(&rows).select_columns(&[j, k]);
            let r = cov::correlation(&rank_columns(&pair), MissingPolicy::Listwise)?;
            m.matrix[(j, k)] = r.matrix[(0, 1)];
            m.matrix[(k, j)] = r.matrix[(0, 1)];
        }
    }
    Ok(m)
}

fn rank_columns(x: &DMatrix<f64>) -> DMatrix<f64> {
    let mut out = x.clone();
    for (j, mut col) in out.column_iter_mut().enumerate() {
        let r = ranks(x.column(j).as_slice());
        col.copy_from_slice(&r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    /// Source: R `rank(c(3, 1, 4, 1, 5))` = 3.0 1.5 4.0 1.5 5.0.
    #[test]
    fn ties_get_mean_rank() {
        assert_eq!(ranks(&[3., 1., 4., 1., 5.]), vec![3.0, 1.5, 4.0, 1.5, 5.0]);
    }

    /// Source: R `cor(c(1,2,3,4,5), c(2,1,4,3,5), method = "spearman")` = 0.8.
    #[test]
    fn spearman_matches_r() {
        let x = DMatrix::from_row_slice(5, 2, &[1., 2., 2., 1., 3., 4., 4., 3., 5., 5.]);
        let r = spearman(&x, MissingPolicy::Pairwise).unwrap();
        assert!((r.matrix[(0, 1)] - 0.8).abs() < CLOSED_FORM);
        let mut y = x.clone();
        y[(0, 0)] = f64::NAN;
        // pairwise: rows 2..5 → ranks (1,2,3,4) vs (1,4,3,5)→(1,3,2,4): rho = 0.8
        let r = spearman(&y, MissingPolicy::Pairwise).unwrap();
        assert!((r.matrix[(0, 1)] - 0.8).abs() < CLOSED_FORM);
    }
}
