//! Horn's (1965) parallel analysis for components and factors, as psych::fa.parallel with
//! `fa = "both"`: the observed eigenvalues are compared with those of correlation matrices of
//! normal random data of the same size.

use nalgebra::{DMatrix, DVector};
use psym_stats::{MissingPolicy, Progress, cov, linalg};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;
use serde::Serialize;

use crate::{EfaError, minres};

/// psych 2.2.9's `fa.parallel(quant = .95)`: observed eigenvalues are compared with this
/// quantile of the simulated ones.
pub const PSYCH_QUANTILE: f64 = 0.95;

/// Options of [`parallel_analysis`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParallelOptions {
    /// Simulated data sets (psych: 20).
    pub iterations: usize,
    /// Seed; replicate `i` uses the ChaCha8 stream `i` of this seed, so results do not depend
    /// on the number of threads.
    pub seed: u64,
    /// Compare with this quantile of the simulated eigenvalues, or with their mean (Horn's
    /// original rule) when `None`. psych 2.2.9's `fa.parallel` compares raw data with the
    /// `quant = .95` quantile, the default here.
    pub quantile: Option<f64>,
}

impl Default for ParallelOptions {
    fn default() -> Self {
        ParallelOptions {
            iterations: 20,
            seed: 42,
            quantile: Some(PSYCH_QUANTILE),
        }
    }
}

/// Result of a parallel analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parallel {
    /// Factors whose reduced eigenvalue exceeds the simulated one, counted from the first.
    pub suggested_factors: usize,
    /// Components whose eigenvalue exceeds the simulated one, counted from the first.
    pub suggested_components: usize,
    /// Eigenvalues of the observed correlation matrix (the scree).
    pub observed: Vec<f64>,
    /// Eigenvalues of the observed matrix reduced by one-factor minres communalities.
    pub observed_fa: Vec<f64>,
    /// Quantile (or mean) of the simulated component eigenvalues.
    pub simulated: Vec<f64>,
    /// Quantile (or mean) of the simulated reduced eigenvalues.
    pub simulated_fa: Vec<f64>,
    /// Number of simulated data sets.
    pub iterations: usize,
    /// Seed used.
    pub seed: u64,
    /// Quantile of the simulated eigenvalues compared with (`null`: their mean).
    pub quantile: Option<f64>,
}

/// Parallel analysis of the correlation matrix `r` of `n_obs` respondents.
///
/// Component eigenvalues are those of `R`; factor eigenvalues those of `R` with the
/// communalities of a one-factor minres solution on the diagonal (psych::fa.parallel). Each
/// replicate draws `n_obs × p` standard normal values, and the suggested number is the count of
/// leading observed eigenvalues greater than the simulated `quantile` (or mean). Replicates run
/// in parallel on rayon's current pool.
///
/// # Errors
/// [`EfaError::InvalidOption`] for no more respondents than items or no iterations; extraction errors
/// for an unusable `r`.
pub fn parallel_analysis(
    r: &DMatrix<f64>,
    n_obs: usize,
    opts: &ParallelOptions,
) -> Result<Parallel, EfaError> {
    parallel_analysis_with_progress(r, n_obs, opts, &())
}

/// [`parallel_analysis`] reporting to `progress` (from worker threads) one step per simulated
/// data set.
///
/// # Errors
/// As [`parallel_analysis`].
pub fn parallel_analysis_with_progress(
    r: &DMatrix<f64>,
    n_obs: usize,
    opts: &ParallelOptions,
    progress: &dyn Progress,
) -> Result<Parallel, EfaError> {
    let p = r.nrows();
    if n_obs <= p || opts.iterations == 0 {
        return Err(EfaError::InvalidOption(format!(
            "parallel analysis needs more respondents than items and at least 1 iteration \
             (got {n_obs} respondents for {p} items, {} iterations)",
            opts.iterations
        )));
    }
    let observed = linalg::symmetric_eigen(r)?.values;
    let observed_fa = reduced_eigenvalues(r)?;
    progress.start(opts.iterations as u64);
    let replicates: Result<Vec<[DVector<f64>; 2]>, EfaError> = (0..opts.iterations)
        .into_par_iter()
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
            rng.set_stream(i as u64);
            let x = DMatrix::from_fn(n_obs, p, |_, _| StandardNormal.sample(&mut rng));
            let c = cov::correlation(&x, MissingPolicy::Listwise)?.matrix;
            let values = [
                linalg::symmetric_eigen(&c)?.values,
                reduced_eigenvalues(&c)?,
            ];
            progress.step();
            Ok(values)
        })
        .collect();
    progress.finish();
    let replicates = replicates?;
    // which = 0: component eigenvalues, 1: reduced (factor) eigenvalues
    let summary = |which: usize| -> Vec<f64> {
        (0..p)
            .map(|k| {
                let v: Vec<f64> = replicates.iter().map(|rep| rep[which][k]).collect();
                match opts.quantile {
                    Some(q) => psym_stats::quantile::quantile(&v, q),
                    None => v.iter().sum::<f64>() / v.len() as f64,
                }
            })
            .collect()
    };
    let simulated = summary(0);
    let simulated_fa = summary(1);
    let count = |obs: &[f64], sim: &[f64]| obs.iter().zip(sim).take_while(|(o, s)| o > s).count();
    let observed: Vec<f64> = observed.iter().copied().collect();
    let observed_fa: Vec<f64> = observed_fa.iter().copied().collect();
    Ok(Parallel {
        suggested_factors: count(&observed_fa, &simulated_fa),
        suggested_components: count(&observed, &simulated),
        observed,
        observed_fa,
        simulated,
        simulated_fa,
        iterations: opts.iterations,
        seed: opts.seed,
        quantile: opts.quantile,
    })
}

/// Eigenvalues of `r` with one-factor minres communalities on the diagonal.
fn reduced_eigenvalues(r: &DMatrix<f64>) -> Result<DVector<f64>, EfaError> {
    let f = minres(r, 1)?;
    let mut reduced = r.clone();
    reduced.set_diagonal(&f.communalities());
    Ok(linalg::symmetric_eigen(&reduced)?.values)
}
