//! Number of factors on bfi: parallel analysis and MAP.

mod common;

use common::*;
use psym_efa::{ParallelOptions, map_test, parallel_analysis};
use psym_testdata::tolerance::CLOSED_FORM;

/// Source: psych::fa.parallel(bfi[, 1:25]) (n.iter = 20, quant = .95: the 95th percentile of the
/// simulated eigenvalues) suggests 6 factors and 6 components, psych 2.2.9. Simulation varies
/// with the seed, so the test asks for a majority of 5 seeds.
#[test]
fn bfi_parallel_suggests_six_and_six_for_most_seeds() {
    let r = pairwise_cor(&bfi(25));
    let hits = [1u64, 2, 3, 4, 5]
        .iter()
        .filter(|&&seed| {
            let pa = parallel_analysis(
                &r,
                2800,
                &ParallelOptions {
                    iterations: 20,
                    seed,
                    quantile: Some(0.95),
                },
            )
            .unwrap();
            pa.suggested_factors == 6 && pa.suggested_components == 6
        })
        .count();
    assert!(
        hits >= 3,
        "only {hits} of 5 seeds gave 6 factors and 6 components"
    );
}

/// The same seed gives the same numbers on 1 and 2 threads.
#[test]
fn parallel_analysis_independent_of_threads() {
    let r = pairwise_cor(&hs9());
    let opts = ParallelOptions {
        iterations: 8,
        seed: 7,
        quantile: Some(0.95),
    };
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| parallel_analysis(&r, 301, &opts).unwrap())
    };
    assert_eq!(run(1), run(2));
}

/// MAP values are averages of squared correlations: MAP₀ is the mean squared off-diagonal r.
#[test]
fn map_starts_with_mean_squared_correlation() {
    let r = pairwise_cor(&hs9());
    let m = map_test(&r).unwrap();
    let mean_sq = (r.norm_squared() - 9.0) / 72.0;
    assert!((m.map[0] - mean_sq).abs() < CLOSED_FORM);
    assert_eq!(m.map.len(), 8);
    assert!(
        m.suggested >= 1 && m.suggested <= 3,
        "HS MAP suggested {}",
        m.suggested
    );
}
