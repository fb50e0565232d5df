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

    #[test]
    fn too_few_pairs_give_none() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(3, 2, &[1., nan, 2., 1., 3., nan]);
        assert!(PairSums::new(&x).matrices().is_none());
    }
}
