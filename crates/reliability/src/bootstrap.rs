//! Bootstrap and jackknife replicates, run in parallel and reproducible for a seed whatever
//! the number of threads: replicate `b` draws its rows from `ChaCha8Rng` seeded with the
//! seed on stream `b`.

use nalgebra::DMatrix;
use psym_stats::{MissingPolicy, cov};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::ci::{Interval, bca, percentile};

/// Reports progress of long computations (a progress bar in the CLI). Called from worker
/// threads; the unit `()` ignores it.
pub trait Progress: Sync {
    /// The number of steps to come.
    fn start(&self, _total: u64) {}
    /// One step done.
    fn step(&self) {}
    /// All done.
    fn finish(&self) {}
}

impl Progress for () {}

/// How many bootstrap replicates to draw, with which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BootstrapOptions {
    /// Number of replicates (resamples of respondents with replacement).
    pub replicates: usize,
    /// Seed of the random number generator.
    pub seed: u64,
}

/// Bootstrap summary of one statistic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapCi {
    /// Standard deviation of the replicate values (the bootstrap standard error).
    pub se: f64,
    /// Percentile interval.
    pub percentile: Interval,
    /// BCa interval; `None` when it is undefined (every replicate on one side of the
    /// estimate).
    pub bca: Option<Interval>,
}

/// The covariance and correlation matrices of one (re)sample: what every statistic here is a
/// function of.
pub(crate) struct SampleMatrices {
    /// Covariances under the missing-data rule.
    pub cov: DMatrix<f64>,
    /// Correlations under the missing-data rule (R's `cor(use = ...)`).
    pub cor: DMatrix<f64>,
}

impl SampleMatrices {
    /// Both matrices of `x` under `policy` through [`psym_stats::cov`]; `None` when a pair of
    /// items has fewer than two joint answers.
    pub fn of(x: &DMatrix<f64>, policy: MissingPolicy) -> Option<Self> {
        let cov = cov::covariance(x, policy).ok()?.matrix;
        let cor = cov::correlation(x, policy).ok()?.matrix;
        Some(SampleMatrices { cov, cor })
    }
}

/// Values of each statistic over bootstrap resamples of the rows of `data`; `NaN` marks a
/// failed replicate.
pub(crate) fn replicates<F>(
    data: &DMatrix<f64>,
    policy: MissingPolicy,
    opts: &BootstrapOptions,
    stat: &F,
    progress: &dyn Progress,
) -> Vec<Vec<f64>>
where
    F: Fn(&SampleMatrices) -> Vec<f64> + Sync,
{
    let n = data.nrows();
    (0..opts.replicates)
        .into_par_iter()
        .map(|b| {
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
            rng.set_stream(b as u64);
            let rows: Vec<usize> = (0..n).map(|_| rng.random_range(0..n)).collect();
            let value = SampleMatrices::of(&data.select_rows(&rows), policy)
                .map_or_else(Vec::new, |m| stat(&m));
            progress.step();
            value
        })
        .collect()
}

/// Values of each statistic with each row of `data` left out in turn.
///
/// The leave-one-out matrices come from sums over each pair's jointly answered rows,
/// downdated by the row left out: with `d` the deviations from the full-sample means,
/// `cov_jk = (Σ d_j d_k − Σ d_j Σ d_k / n) / (n − 1)` and
/// `cor_jk = (Σ d_j d_k − Σ d_j Σ d_k / n) / √(SS_j · SS_k)` with each `SS` over the pair's rows,
/// which are R's pairwise-complete `cov` and `cor` (and the complete-data ones without
/// missing values).
pub(crate) fn jackknife<F>(data: &DMatrix<f64>, stat: &F, progress: &dyn Progress) -> Vec<Vec<f64>>
where
    F: Fn(&SampleMatrices) -> Vec<f64> + Sync,
{
    let sums = PairSums::new(data);
    (0..data.nrows())
        .into_par_iter()
        .map(|i| {
            let value = stat(&sums.leave_out(data, i));
            progress.step();
            value
        })
        .collect()
}

/// Sums over the jointly answered rows of each pair of columns, on deviations from the column
/// means (for numerical stability).
struct PairSums {
    centre: Vec<f64>,
    /// Per pair (j, k): count, Σ d_j, Σ d_k, Σ d_j², Σ d_k², Σ d_j d_k.
    sums: Vec<[f64; 6]>,
    p: usize,
}

impl PairSums {
    fn new(data: &DMatrix<f64>) -> Self {
        let p = data.ncols();
        let centre: Vec<f64> = data
            .column_iter()
            .map(|c| {
                let (s, n) = c
                    .iter()
                    .filter(|v| !v.is_nan())
                    .fold((0.0, 0.0), |(s, n), v| (s + v, n + 1.0));
                s / n
            })
            .collect();
        let mut sums = vec![[0.0; 6]; p * p];
        for row in data.row_iter() {
            for j in 0..p {
                for k in 0..=j {
                    add(
                        &mut sums[j * p + k],
                        row[j] - centre[j],
                        row[k] - centre[k],
                        1.0,
                    );
                }
            }
        }
        PairSums { centre, sums, p }
    }

    fn leave_out(&self, data: &DMatrix<f64>, i: usize) -> SampleMatrices {
        let p = self.p;
        let mut cov = DMatrix::zeros(p, p);
        let mut cor = DMatrix::identity(p, p);
        for j in 0..p {
            for k in 0..=j {
                let mut s = self.sums[j * p + k];
                let (dj, dk) = (data[(i, j)] - self.centre[j], data[(i, k)] - self.centre[k]);
                add(&mut s, dj, dk, -1.0);
                let [n, sj, sk, sjj, skk, sjk] = s;
                let cross = sjk - sj * sk / n;
                cov[(j, k)] = cross / (n - 1.0);
                cov[(k, j)] = cov[(j, k)];
                if j != k {
                    cor[(j, k)] = cross / ((sjj - sj * sj / n) * (skk - sk * sk / n)).sqrt();
                    cor[(k, j)] = cor[(j, k)];
                }
            }
        }
        SampleMatrices { cov, cor }
    }
}

/// Adds (`sign` = 1) or removes (−1) one row's deviations to a pair's sums, when both are
/// answered.
fn add(s: &mut [f64; 6], dj: f64, dk: f64, sign: f64) {
    if dj.is_nan() || dk.is_nan() {
        return;
    }
    s[0] += sign;
    s[1] += sign * dj;
    s[2] += sign * dk;
    s[3] += sign * dj * dj;
    s[4] += sign * dk * dk;
    s[5] += sign * dj * dk;
}

/// Percentile and BCa intervals for statistic `which` from replicate and jackknife values.
pub(crate) fn summarize(
    boot: &[Vec<f64>],
    jack: &[Vec<f64>],
    which: usize,
    estimate: f64,
    level: f64,
) -> Option<BootstrapCi> {
    let mut values: Vec<f64> = boot
        .iter()
        .filter_map(|v| v.get(which).copied())
        .filter(|v| v.is_finite())
        .collect();
    if values.len() < 2 || !estimate.is_finite() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let m = values.len() as f64;
    let mean = values.iter().sum::<f64>() / m;
    let se = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
    let jack: Vec<f64> = jack.iter().filter_map(|v| v.get(which).copied()).collect();
    Some(BootstrapCi {
        se,
        percentile: percentile(&values, level),
        bca: bca(&values, estimate, &jack, level),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_variance(m: &SampleMatrices) -> Vec<f64> {
        vec![m.cov[(0, 0)]]
    }

    /// The same seed gives the same replicates whatever the thread pool size.
    #[test]
    fn independent_of_thread_count() {
        let x = DMatrix::from_fn(50, 2, |i, j| ((i * i + j) % 17) as f64);
        let opts = BootstrapOptions {
            replicates: 64,
            seed: 7,
        };
        let policy = MissingPolicy::Pairwise;
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| replicates(&x, policy, &opts, &first_variance, &()))
        };
        assert_eq!(run(1), run(3));
        let other = replicates(
            &x,
            policy,
            &BootstrapOptions { seed: 8, ..opts },
            &first_variance,
            &(),
        );
        assert_ne!(run(1), other);
    }

    /// The downdated leave-one-out matrices equal those computed from scratch, with and
    /// without missing values.
    #[test]
    fn jackknife_matches_direct_computation() {
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(
            6,
            3,
            &[
                1., 2., 3., 2., nan, 1., 4., 4., 2., 3., 5., nan, 5., 3., 4., 2., 2., 5.,
            ],
        );
        let sums = PairSums::new(&x);
        for i in 0..6 {
            let fast = sums.leave_out(&x, i);
            let slow =
                SampleMatrices::of(&x.clone().remove_row(i), MissingPolicy::Pairwise).unwrap();
            assert!((fast.cov - slow.cov).abs().max() < 1e-12);
            assert!((fast.cor - slow.cor).abs().max() < 1e-12);
        }
    }
}
