//! Bootstrap and jackknife replicates, run in parallel and reproducible for a seed whatever
//! the number of threads: replicate `b` draws its rows from `ChaCha8Rng` seeded with the
//! seed on stream `b`. Rows are drawn from the rows the analysis used (under listwise
//! deletion only complete rows, so every resample is complete too).

use nalgebra::DMatrix;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::ci::{Interval, bca, percentile};
use psym_stats::Progress;
use psym_stats::pairwise::{PairSums, SampleMatrices};

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

/// Values of each statistic over bootstrap resamples of the rows of `data`; `NaN` marks a
/// failed replicate.
pub(crate) fn replicates<F>(
    data: &DMatrix<f64>,
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
            let value = PairSums::new(&data.select_rows(&rows))
                .matrices()
                .map_or_else(Vec::new, |m| stat(&m));
            progress.step();
            value
        })
        .collect()
}

/// Values of each statistic with each row of `data` left out in turn (the leave-one-out
/// matrices are downdated from the full sample's [`PairSums`]).
pub(crate) fn jackknife<F>(data: &DMatrix<f64>, stat: &F, progress: &dyn Progress) -> Vec<Vec<f64>>
where
    F: Fn(&SampleMatrices) -> Vec<f64> + Sync,
{
    let sums = PairSums::new(data);
    (0..data.nrows())
        .into_par_iter()
        .map(|i| {
            let value = sums.leave_out(data, i).map_or_else(Vec::new, |m| stat(&m));
            progress.step();
            value
        })
        .collect()
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
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| replicates(&x, &opts, &first_variance, &()))
        };
        assert_eq!(run(1), run(3));
        let other = replicates(
            &x,
            &BootstrapOptions { seed: 8, ..opts },
            &first_variance,
            &(),
        );
        assert_ne!(run(1), other);
    }
}
