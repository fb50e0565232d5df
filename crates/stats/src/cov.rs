//! Means, covariances and correlations with missing data.
//!
//! Data are a respondents × variables [`DMatrix`] with `NaN` for a missing value. Two deletion
//! rules are offered, matching R's `cov(x, use = ...)`:
//!
//! - [`MissingPolicy::Pairwise`] (`use = "pairwise.complete.obs"`, the default of psych):
//!   each covariance uses the rows where both variables are observed, with the means of those
//!   rows; each variance uses the rows where that variable is observed.
//! - [`MissingPolicy::Listwise`] (`use = "complete.obs"`): only rows with every variable
//!   observed are used.
//!
//! Covariances use the unbiased `n − 1` denominator, as R's `cov`.

use nalgebra::{DMatrix, DVector};
use psym_closed_set::closed_set;

use crate::pairwise::{PairSums, SampleMatrices};
use crate::{StatsError, Subject};

closed_set! {
    /// How rows with missing values enter a covariance matrix.
    pub enum MissingPolicy: "missing-data rule" {
        /// Each pair of variables uses the rows where both are observed (psych's default).
        Pairwise => "pairwise",
        /// Only rows with no missing value are used.
        Listwise => "listwise",
    }
}

/// Pairwise deletion, psych's default.
impl Default for MissingPolicy {
    fn default() -> Self {
        MissingPolicy::Pairwise
    }
}

/// A covariance or correlation matrix with the means and counts behind each entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Moments {
    /// Means of each variable over its observed rows (listwise: over the complete rows).
    pub means: DVector<f64>,
    /// Covariance matrix (`n − 1` denominator) from [`covariance`], correlation matrix from
    /// [`correlation`].
    pub matrix: DMatrix<f64>,
    /// Number of rows behind each entry of `cov`.
    pub n_pairs: DMatrix<usize>,
    /// Rows used: complete rows under listwise deletion, rows with at least one observed value
    /// under pairwise deletion.
    pub n_rows: usize,
}

impl Moments {
    /// Smallest number of observations behind any entry.
    pub fn min_pairs(&self) -> usize {
        self.n_pairs.iter().copied().min().unwrap_or(0)
    }
}

/// Rows of `data` with no missing value.
pub fn complete_rows(data: &DMatrix<f64>) -> Vec<usize> {
    (0..data.nrows())
        .filter(|&r| data.row(r).iter().all(|v| !v.is_nan()))
        .collect()
}

/// Means, covariances and pair counts of the columns of `data` (`NaN` = missing).
///
/// Formula: `cov_jk = Σ (x_ij − m_j)(x_ik − m_k) / (n_jk − 1)` over the `n_jk` rows where both
/// are observed, with `m_j`, `m_k` the means over those same rows (R's `cov`).
///
/// # Errors
/// [`StatsError::TooFewObservations`] when some pair has fewer than two observations.
pub fn covariance(data: &DMatrix<f64>, policy: MissingPolicy) -> Result<Moments, StatsError> {
    let complete = complete_rows(data);
    if complete.len() == data.nrows() || policy == MissingPolicy::Listwise {
        return complete_covariance(data, &complete);
    }
    Ok(pairwise_moments(data)?.0)
}

/// Correlation matrix of the columns of `data` under `policy` (R's `cor(x, use = ...)`).
///
/// # Errors
/// As [`covariance`]; a zero-variance column gives `NaN` entries, not an error, so that the
/// caller can name the item.
pub fn correlation(data: &DMatrix<f64>, policy: MissingPolicy) -> Result<Moments, StatsError> {
    let complete = complete_rows(data);
    if complete.len() == data.nrows() || policy == MissingPolicy::Listwise {
        let mut m = complete_covariance(data, &complete)?;
        m.matrix = cov_to_cor(&m.matrix);
        return Ok(m);
    }
    let (mut m, cor) = pairwise_moments(data)?;
    m.matrix = cor;
    Ok(m)
}

/// Rescales a covariance matrix to a correlation matrix: `r_jk = s_jk / √(s_jj s_kk)`.
pub fn cov_to_cor(cov: &DMatrix<f64>) -> DMatrix<f64> {
    let sd: Vec<f64> = cov.diagonal().iter().map(|v| v.sqrt()).collect();
    DMatrix::from_fn(cov.nrows(), cov.ncols(), |i, j| {
        if i == j {
            if sd[i] > 0.0 { 1.0 } else { f64::NAN }
        } else {
            cov[(i, j)] / (sd[i] * sd[j])
        }
    })
}

fn complete_covariance(data: &DMatrix<f64>, rows: &[usize]) -> Result<Moments, StatsError> {
    let p = data.ncols();
    let n = rows.len();
    if n < 2 {
        return Err(StatsError::TooFewObservations {
            needed: 2,
            found: n,
            subject: Subject::Whole,
        });
    }
    let sub = data.select_rows(rows);
    let means = DVector::from_fn(p, |j, _| sub.column(j).mean());
    let mut centred = sub;
    for (j, mut col) in centred.column_iter_mut().enumerate() {
        col.add_scalar_mut(-means[j]);
    }
    let cov = centred.tr_mul(&centred) / (n as f64 - 1.0);
    Ok(Moments {
        means,
        matrix: cov,
        n_pairs: DMatrix::from_element(p, p, n),
        n_rows: n,
    })
}

/// Pairwise-complete covariances and correlations from [`PairSums`].
fn pairwise_moments(data: &DMatrix<f64>) -> Result<(Moments, DMatrix<f64>), StatsError> {
    let sums = PairSums::new(data);
    let p = data.ncols();
    for j in 0..p {
        for k in 0..=j {
            let found = sums.pair_count(j, k);
            if found < 2 {
                return Err(StatsError::TooFewObservations {
                    needed: 2,
                    found,
                    subject: Subject::ItemPair(k, j),
                });
            }
        }
    }
    let SampleMatrices { cov, cor } = sums
        .matrices()
        .ok_or_else(|| StatsError::Dimension("pairwise sums inconsistent".into()))?;
    let n_rows = (0..data.nrows())
        .filter(|&r| data.row(r).iter().any(|v| !v.is_nan()))
        .count();
    let moments = Moments {
        means: DVector::from_column_slice(sums.means()),
        matrix: cov,
        n_pairs: DMatrix::from_fn(p, p, |j, k| sums.pair_count(j, k)),
        n_rows,
    };
    Ok((moments, cor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use psym_testdata::tolerance::CLOSED_FORM;

    const NA: f64 = f64::NAN;

    /// Source: hand computation of R's `cov`/`cor(x, use = "pairwise")` definition for
    /// `x <- cbind(1:5, c(2,1,4,NA,6), c(5,3,NA,1,2))`. Tolerance 1e-12: closed form.
    #[test]
    fn pairwise_matches_r() {
        let x = DMatrix::from_row_slice(
            5,
            3,
            &[1., 2., 5., 2., 1., 3., 3., 4., NA, 4., NA, 1., 5., 6., 2.],
        );
        let m = covariance(&x, MissingPolicy::Pairwise).unwrap();
        // var(x2) over 4 rows: values 2,1,4,6 -> mean 3.25
        assert_abs_diff_eq!(m.matrix[(1, 1)], 14.75 / 3.0, epsilon = CLOSED_FORM);
        // cov(x1,x3) over rows 1,2,4,5: x1 = 1,2,4,5 (mean 3); x3 = 5,3,1,2 (mean 2.75)
        assert_abs_diff_eq!(m.matrix[(0, 2)], -8.0 / 3.0, epsilon = CLOSED_FORM);
        assert_eq!(m.n_pairs[(1, 2)], 3);
        let r = correlation(&x, MissingPolicy::Pairwise).unwrap();
        // cor(x1, x3) pairwise = -8 / sqrt(10 * 8.75)
        assert_abs_diff_eq!(
            r.matrix[(0, 2)],
            -8.0 / (10.0f64 * 8.75).sqrt(),
            epsilon = CLOSED_FORM
        );
    }

    #[test]
    fn listwise_uses_complete_rows_only() {
        let x = DMatrix::from_row_slice(4, 2, &[1., 2., 2., NA, 3., 6., 5., 10.]);
        let m = covariance(&x, MissingPolicy::Listwise).unwrap();
        assert_eq!(m.n_rows, 3);
        assert_abs_diff_eq!(m.means[1], 6.0, epsilon = CLOSED_FORM);
        assert_abs_diff_eq!(cov_to_cor(&m.matrix)[(0, 1)], 1.0, epsilon = CLOSED_FORM);
    }

    #[test]
    fn complete_data_paths_agree() {
        let x = DMatrix::from_fn(30, 4, |i, j| ((i * 7 + j * 13) % 11) as f64 + j as f64);
        let a = covariance(&x, MissingPolicy::Pairwise).unwrap();
        let (b, cor) = pairwise_moments(&x).unwrap();
        assert!((a.matrix - &b.matrix).abs().max() < CLOSED_FORM);
        assert!((cov_to_cor(&b.matrix) - cor).abs().max() < CLOSED_FORM);
    }

    #[test]
    fn too_few_rows_is_an_error() {
        let x = DMatrix::from_row_slice(2, 2, &[1., NA, NA, 2.]);
        assert!(matches!(
            covariance(&x, MissingPolicy::Pairwise),
            Err(StatsError::TooFewObservations { .. })
        ));
        assert!(covariance(&x, MissingPolicy::Listwise).is_err());
    }

    #[test]
    fn constant_column_gives_nan_correlation() {
        let x = DMatrix::from_row_slice(3, 2, &[1., 2., 1., 3., 1., 5.]);
        let r = correlation(&x, MissingPolicy::Pairwise).unwrap();
        assert!(r.matrix[(0, 0)].is_nan());
    }
}
