//! Pairwise-complete covariances and correlations for resamples, in matrix form.
//!
//! The bootstrap and the jackknife need the covariance and correlation matrices of thousands
//! of resamples. [`PairSums`] gets both from four matrix products instead of one pass per pair
//! of items: with `d` the deviations from the column means (0 where missing) and `m` the
//! answered mask, the sums over the rows where items `j` and `k` are both answered are
//! `n = m'm`, `S_j(k) = d'm`, `SS_j(k) = (d∘d)'m` and `C_jk = d'd`, and
//!
//! - `cov_jk = (C_jk − S_j(k) S_k(j) / n_jk) / (n_jk − 1)`,
//! - `cor_jk = (C_jk − S_j(k) S_k(j) / n_jk) / √((SS_j(k) − S_j(k)²/n_jk)(SS_k(j) − S_k(j)²/n_jk))`,
//!
//! which are R's `cov` and `cor` with `use = "pairwise.complete.obs"` (and the complete-data
//! ones when nothing is missing). [`crate::cov`] uses these sums for pairwise deletion; the
//! bootstrap and jackknife of psym-reliability use them directly, downdating one row at a time
//! with [`PairSums::leave_out`].

use nalgebra::DMatrix;

/// Covariance and correlation matrices of one (re)sample.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleMatrices {
    /// Pairwise-complete covariances.
    pub cov: DMatrix<f64>,
    /// Pairwise-complete correlations.
    pub cor: DMatrix<f64>,
}

/// Sums over the jointly answered rows of each pair of items (see the module docs).
#[derive(Debug, Clone)]
pub struct PairSums {
    centre: Vec<f64>,
    n: DMatrix<f64>,
    /// `s[(j, k)] = Σ d_j` over rows where j and k are answered.
    s: DMatrix<f64>,
    /// `ss[(j, k)] = Σ d_j²` over rows where j and k are answered.
    ss: DMatrix<f64>,
    cross: DMatrix<f64>,
}

impl PairSums {
    /// Sums of the rows of `x` (`NaN` = missing).
    pub fn new(x: &DMatrix<f64>) -> Self {
        let centre: Vec<f64> = x
            .column_iter()
            .map(|c| {
                let (s, n) = c
                    .iter()
                    .filter(|v| !v.is_nan())
                    .fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
                if n > 0.0 { s / n } else { 0.0 }
            })
            .collect();
        // w = [d | m | d∘d]: deviations (0 where missing), answered mask, squared deviations;
        // one product w'[d | m] holds every sum.
        let (rows, p) = x.shape();
        let mut w = DMatrix::zeros(rows, 3 * p);
        for (j, col) in x.column_iter().enumerate() {
            for (i, v) in col.iter().enumerate().filter(|(_, v)| !v.is_nan()) {
                let d = v - centre[j];
                w[(i, j)] = d;
                w[(i, p + j)] = 1.0;
                w[(i, 2 * p + j)] = d * d;
            }
        }
        let prod = w.transpose() * w.columns(0, 2 * p);
        PairSums {
            centre,
            cross: prod.view((0, 0), (p, p)).into_owned(),
            s: prod.view((0, p), (p, p)).into_owned(),
            n: prod.view((p, p), (p, p)).into_owned(),
            ss: prod.view((2 * p, p), (p, p)).into_owned(),
        }
    }

    /// Mean of each column over its answered rows.
    pub fn means(&self) -> &[f64] {
        &self.centre
    }

    /// Number of rows where items `j` and `k` are both answered.
    pub fn pair_count(&self, j: usize, k: usize) -> usize {
        self.n[(j, k)] as usize
    }

    /// Both matrices; `None` when some pair has fewer than two joint answers.
    pub fn matrices(&self) -> Option<SampleMatrices> {
        if self.n.iter().any(|&n| n < 2.0) {
            return None;
        }
        Some(self.finish(&self.n, &self.s, &self.ss, &self.cross))
    }

    /// Both matrices with row `i` of `x` (the data the sums came from) left out.
    pub fn leave_out(&self, x: &DMatrix<f64>, i: usize) -> Option<SampleMatrices> {
        let p = x.ncols();
        let d: Vec<Option<f64>> = (0..p)
            .map(|j| {
                let v = x[(i, j)];
                (!v.is_nan()).then(|| v - self.centre[j])
            })
            .collect();
        let (mut n, mut s, mut ss, mut cross) = (
            self.n.clone(),
            self.s.clone(),
            self.ss.clone(),
            self.cross.clone(),
        );
        for j in 0..p {
            for k in 0..p {
                if let (Some(dj), Some(dk)) = (d[j], d[k]) {
                    n[(j, k)] -= 1.0;
                    s[(j, k)] -= dj;
                    ss[(j, k)] -= dj * dj;
                    cross[(j, k)] -= dj * dk;
                }
            }
        }
        if n.iter().any(|&v| v < 2.0) {
            return None;
        }
        Some(self.finish(&n, &s, &ss, &cross))
    }

    fn finish(
        &self,
        n: &DMatrix<f64>,
        s: &DMatrix<f64>,
        ss: &DMatrix<f64>,
        cross: &DMatrix<f64>,
    ) -> SampleMatrices {
        let p = n.nrows();
        let centred = |j: usize, k: usize| cross[(j, k)] - s[(j, k)] * s[(k, j)] / n[(j, k)];
        let cov = DMatrix::from_fn(p, p, |j, k| centred(j, k) / (n[(j, k)] - 1.0));
        let cor = DMatrix::from_fn(p, p, |j, k| {
            if j == k {
                return if ss[(j, j)] > 0.0 { 1.0 } else { f64::NAN };
            }
            let vj = ss[(j, k)] - s[(j, k)] * s[(j, k)] / n[(j, k)];
            let vk = ss[(k, j)] - s[(k, j)] * s[(k, j)] / n[(j, k)];
            centred(j, k) / (vj * vk).sqrt()
        });
        SampleMatrices { cov, cor }
    }
}

/// The sums of [`PairSums`] gathered one row at a time, for a file streamed in constant memory.
///
/// Every row adds its deviations `d` (0 where an answer is missing) to `Σ d_j` and to the
/// cross-product triangle `Σ d_j d_k` (`p(p+1)/2` products a row), which are already the
/// pairwise cross-products; each missing answer of item `k` also adds `d_j` and `d_j²` to
/// corrections for the pairs `(j, k)` and counts the pairs missing together, so that
/// `n_jk = N − N_j̄ − N_k̄ + N_j̄k̄`, `S_j(k) = Σ d_j − Σ_{k missing} d_j` and likewise for
/// `SS`. The deviations are from a provisional centre (each column's first answer, which keeps
/// the sums small and exact for rating scales); [`RowSums::finish`] moves the centre to the
/// column means, so the covariances and correlations are those of [`PairSums::new`] on the
/// same rows (R's `use = "pairwise.complete.obs"`).
///
/// ```
/// use nalgebra::DMatrix;
/// use psym_stats::pairwise::{PairSums, RowSums};
/// let rows = [[1.0, 2.0], [2.0, 4.0], [3.0, f64::NAN], [4.0, 9.0]];
/// let mut sums = RowSums::new(2);
/// rows.iter().for_each(|r| sums.push(r));
/// let streamed = sums.finish().matrices().unwrap();
/// let whole = PairSums::new(&DMatrix::from_fn(4, 2, |i, j| rows[i][j])).matrices().unwrap();
/// assert!((streamed.cor[(0, 1)] - whole.cor[(0, 1)]).abs() < 1e-12);
/// ```
#[derive(Debug, Clone)]
pub struct RowSums {
    /// Provisional centre of each column (its first answer; `NaN` until then).
    centre: Vec<f64>,
    /// Rows added.
    rows: f64,
    /// `Σ d_j` over every row (0 where missing).
    s: Vec<f64>,
    /// `Σ d_j d_k` for `j ≤ k`, row-major `p × p`.
    cross: Vec<f64>,
    /// `[j * p + k]`: `Σ d_j` and `Σ d_j²` over the rows where item `k` is missing.
    missing_s: Vec<f64>,
    missing_ss: Vec<f64>,
    /// `[j * p + k]`: rows where items `j` and `k` are both missing (the diagonal: `j` missing).
    missing_both: Vec<f64>,
    /// Deviations of the row being added, and its missing columns (reused).
    d: Vec<f64>,
    missing: Vec<usize>,
}

impl RowSums {
    /// No rows yet, for `p` columns.
    pub fn new(p: usize) -> Self {
        RowSums {
            centre: vec![f64::NAN; p],
            rows: 0.0,
            s: vec![0.0; p],
            cross: vec![0.0; p * p],
            missing_s: vec![0.0; p * p],
            missing_ss: vec![0.0; p * p],
            missing_both: vec![0.0; p * p],
            d: vec![0.0; p],
            missing: Vec::with_capacity(p),
        }
    }

    /// Adds one row (`NaN` = missing; the row has one value per column).
    pub fn push(&mut self, row: &[f64]) {
        let p = self.centre.len();
        self.rows += 1.0;
        self.missing.clear();
        for j in 0..p {
            let v = row.get(j).copied().unwrap_or(f64::NAN);
            if v.is_nan() {
                self.missing.push(j);
                self.d[j] = 0.0;
                continue;
            }
            if self.centre[j].is_nan() {
                self.centre[j] = v;
            }
            self.d[j] = v - self.centre[j];
        }
        for j in 0..p {
            let dj = self.d[j];
            self.s[j] += dj;
            let cross = &mut self.cross[j * p + j..(j + 1) * p];
            for (c, dk) in cross.iter_mut().zip(&self.d[j..]) {
                *c += dj * dk;
            }
        }
        for &k in &self.missing {
            for j in 0..p {
                let dj = self.d[j];
                self.missing_s[j * p + k] += dj;
                self.missing_ss[j * p + k] += dj * dj;
            }
            for &j in &self.missing {
                self.missing_both[j * p + k] += 1.0;
            }
        }
    }

    /// The sums of every row added, centred on the column means.
    pub fn finish(self) -> PairSums {
        let p = self.centre.len();
        let at = |j: usize, k: usize| j * p + k;
        let c = |j: usize, k: usize| self.cross[at(j.min(k), j.max(k))];
        let missed = |j: usize| self.missing_both[at(j, j)];
        let n = DMatrix::from_fn(p, p, |j, k| {
            self.rows - missed(j) - missed(k) + self.missing_both[at(j, k)]
        });
        let s = DMatrix::from_fn(p, p, |j, k| self.s[j] - self.missing_s[at(j, k)]);
        let ss = DMatrix::from_fn(p, p, |j, k| c(j, j) - self.missing_ss[at(j, k)]);
        // move the centre to the means: d' = d − δ on the rows of each pair
        let delta: Vec<f64> = (0..p)
            .map(|j| {
                if n[(j, j)] > 0.0 {
                    s[(j, j)] / n[(j, j)]
                } else {
                    0.0
                }
            })
            .collect();
        let centre = (0..p)
            .map(|j| {
                if self.centre[j].is_nan() {
                    0.0
                } else {
                    self.centre[j] + delta[j]
                }
            })
            .collect();
        PairSums {
            centre,
            cross: DMatrix::from_fn(p, p, |j, k| {
                c(j, k) - delta[k] * s[(j, k)] - delta[j] * s[(k, j)]
                    + n[(j, k)] * delta[j] * delta[k]
            }),
            ss: DMatrix::from_fn(p, p, |j, k| {
                ss[(j, k)] - 2.0 * delta[j] * s[(j, k)] + n[(j, k)] * delta[j] * delta[j]
            }),
            s: DMatrix::from_fn(p, p, |j, k| s[(j, k)] - n[(j, k)] * delta[j]),
            n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    /// R's pairwise-complete `cov` and `cor`, computed pair by pair from the definition.
    fn direct(x: &DMatrix<f64>) -> SampleMatrices {
        let p = x.ncols();
        let pair = |j: usize, k: usize| -> (f64, f64, f64) {
            let rows: Vec<(f64, f64)> = (0..x.nrows())
                .map(|i| (x[(i, j)], x[(i, k)]))
                .filter(|(a, b)| !a.is_nan() && !b.is_nan())
                .collect();
            let n = rows.len() as f64;
            let (ma, mb) = rows
                .iter()
                .fold((0.0, 0.0), |(a, b), r| (a + r.0 / n, b + r.1 / n));
            rows.iter().fold((0.0, 0.0, 0.0), |(c, va, vb), r| {
                let (da, db) = (r.0 - ma, r.1 - mb);
                (
                    c + da * db / (n - 1.0),
                    va + da * da / (n - 1.0),
                    vb + db * db / (n - 1.0),
                )
            })
        };
        SampleMatrices {
            cov: DMatrix::from_fn(p, p, |j, k| pair(j, k).0),
            cor: DMatrix::from_fn(p, p, |j, k| {
                let (c, va, vb) = pair(j, k);
                if j == k { 1.0 } else { c / (va * vb).sqrt() }
            }),
        }
    }

    fn close(a: &SampleMatrices, b: &SampleMatrices) {
        assert!(
            (&a.cov - &b.cov).abs().max() < CLOSED_FORM,
            "{} vs {}",
            a.cov,
            b.cov
        );
        assert!(
            (&a.cor - &b.cor).abs().max() < CLOSED_FORM,
            "{} vs {}",
            a.cor,
            b.cor
        );
    }

    /// Source: the definition of R's pairwise-complete `cov` and `cor`, with and without
    /// missing values, for the whole sample and with each row left out. Tolerance 1e-12.
    #[test]
    fn matches_psym_stats() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(
            7,
            3,
            &[
                1., 2., 3., 2., nan, 1., 4., 4., 2., 3., 5., nan, 5., 3., 4., 2., 2., 5., 6., 1.,
                2.,
            ],
        );
        let sums = PairSums::new(&x);
        close(&sums.matrices().unwrap(), &direct(&x));
        for i in 0..7 {
            close(
                &sums.leave_out(&x, i).unwrap(),
                &direct(&x.clone().remove_row(i)),
            );
        }
        let complete = x.select_rows(&[0, 2, 4, 5, 6]);
        close(
            &PairSums::new(&complete).matrices().unwrap(),
            &direct(&complete),
        );
    }

    /// Source: the same definition; rows streamed through [`RowSums`] (complete and
    /// incomplete, in any order) give the matrices and means of the whole matrix. Tolerance 1e-12.
    #[test]
    fn streamed_sums_match_the_whole_matrix() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(
            7,
            3,
            &[
                1., 2., 3., 2., nan, 1., 4., 4., 2., 3., 5., nan, 5., 3., 4., 2., 2., 5., 6., 1.,
                2.,
            ],
        );
        let mut rows = RowSums::new(3);
        for r in x.row_iter() {
            rows.push(&r.iter().copied().collect::<Vec<_>>());
        }
        let streamed = rows.finish();
        close(&streamed.matrices().unwrap(), &direct(&x));
        for (a, b) in streamed.means().iter().zip(PairSums::new(&x).means()) {
            assert!((a - b).abs() < CLOSED_FORM);
        }
        for i in 0..7 {
            close(
                &streamed.leave_out(&x, i).unwrap(),
                &direct(&x.clone().remove_row(i)),
            );
        }
    }

    #[test]
    fn too_few_pairs_give_none() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(3, 2, &[1., nan, 2., 1., 3., nan]);
        assert!(PairSums::new(&x).matrices().is_none());
    }
}
