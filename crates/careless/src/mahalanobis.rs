//! Mahalanobis D² of one row from the sample means, with the rows' missing answers.

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

/// The sample's means and covariance of the items that vary, ready for D².
#[derive(Debug, Clone)]
pub(crate) struct Distances {
    /// The columns used (items with variance).
    columns: Vec<usize>,
    /// Means of those columns.
    means: Vec<f64>,
    /// Their pairwise-complete covariance matrix.
    cov: DMatrix<f64>,
    /// Its Cholesky factor, for the rows that answered every one of them.
    full: Cholesky<f64, Dyn>,
}

impl Distances {
    /// `None` when the covariance of `columns` is not positive definite.
    pub(crate) fn new(columns: Vec<usize>, means: Vec<f64>, cov: DMatrix<f64>) -> Option<Self> {
        let full = Cholesky::new(cov.clone())?;
        Some(Distances {
            columns,
            means,
            cov,
            full,
        })
    }

    /// `(D², df)` of one row: `D² = (x − x̄)' S⁻¹ (x − x̄)` over the `df` used items it
    /// answered, with `S` the covariance submatrix of those items; `None` when it answered
    /// none or the submatrix is singular.
    pub(crate) fn distance(&self, values: &[f64]) -> Option<(f64, usize)> {
        let answered: Vec<usize> = (0..self.columns.len())
            .filter(|&a| !values[self.columns[a]].is_nan())
            .collect();
        if answered.is_empty() {
            return None;
        }
        let mut d = DVector::from_iterator(
            answered.len(),
            answered
                .iter()
                .map(|&a| values[self.columns[a]] - self.means[a]),
        );
        let solved = if answered.len() == self.columns.len() {
            self.full.l_dirty().solve_lower_triangular_mut(&mut d)
        } else {
            let sub = DMatrix::from_fn(answered.len(), answered.len(), |r, c| {
                self.cov[(answered[r], answered[c])]
            });
            let chol = Cholesky::new(sub)?;
            chol.l_dirty().solve_lower_triangular_mut(&mut d)
        };
        solved.then(|| (d.norm_squared(), answered.len()))
    }
}
