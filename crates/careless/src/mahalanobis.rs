//! Mahalanobis D² of one row from the sample means, with the rows' missing answers.

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

/// The sample's means and covariance of the items that vary, ready for D².
#[derive(Debug, Clone)]
pub(crate) struct Distances {
    /// The columns used (items with variance).
    columns: Vec<usize>,
    /// Means of those columns.
    means: Vec<f64>,
    /// The Cholesky factor of their pairwise-complete covariance matrix `S`.
    full: Cholesky<f64, Dyn>,
    /// `P = S⁻¹`, for the rows with missing answers.
    precision: DMatrix<f64>,
}

impl Distances {
    /// `None` when the covariance of `columns` is not positive definite.
    pub(crate) fn new(columns: Vec<usize>, means: Vec<f64>, cov: DMatrix<f64>) -> Option<Self> {
        let full = Cholesky::new(cov)?;
        let precision = full.inverse();
        Some(Distances {
            columns,
            means,
            full,
            precision,
        })
    }

    /// `(D², df)` of one row: `D² = d_o' S_oo⁻¹ d_o` over the `df` used items it answered
    /// (`o`), with `d = x − x̄` and `S_oo` the covariance submatrix of those items; `None`
    /// when it answered none.
    ///
    /// A complete row solves `L y = d` with the Cholesky factor `L` of `S` (`D² = y'y`). A
    /// row with missing items `m` uses the block inverse `S_oo⁻¹ = P_oo − P_om P_mm⁻¹ P_mo`
    /// of `P = S⁻¹`: `D² = d_o' P_oo d_o − w' P_mm⁻¹ w` with `w = P_mo d_o`, so only the small
    /// `P_mm` is factored per row.
    pub(crate) fn distance(&self, values: &[f64]) -> Option<(f64, usize)> {
        let p = self.columns.len();
        let d: Vec<f64> = (0..p)
            .map(|a| values[self.columns[a]] - self.means[a])
            .collect();
        let missing: Vec<usize> = (0..p).filter(|&a| d[a].is_nan()).collect();
        if missing.len() == p {
            return None;
        }
        if missing.is_empty() {
            let mut y = DVector::from_vec(d);
            return self
                .full
                .l_dirty()
                .solve_lower_triangular_mut(&mut y)
                .then(|| (y.norm_squared(), p));
        }
        // u = P d_o (every row of P, the answered columns)
        let u: Vec<f64> = (0..p)
            .map(|i| {
                (0..p)
                    .filter(|&k| !d[k].is_nan())
                    .map(|k| self.precision[(i, k)] * d[k])
                    .sum()
            })
            .collect();
        let quadratic: f64 = (0..p)
            .filter(|&i| !d[i].is_nan())
            .map(|i| d[i] * u[i])
            .sum();
        let m = missing.len();
        let w = DVector::from_iterator(m, missing.iter().map(|&i| u[i]));
        let pmm = DMatrix::from_fn(m, m, |r, c| self.precision[(missing[r], missing[c])]);
        let z = Cholesky::new(pmm)?.solve(&w);
        Some((quadratic - w.dot(&z), p - m))
    }
}
