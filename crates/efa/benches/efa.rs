//! Performance targets of issue 4 on bfi (2,800 respondents, 25 items):
//! 25 × 25 polychoric < 100 ms on one core; 5-factor minres + oblimin < 20 ms;
//! parallel analysis with 100 iterations < 1 s on two threads.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nalgebra::DMatrix;
use psym_efa::{FaOptions, ParallelOptions, Rotation, fa, parallel_analysis};
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_stats::{MissingPolicy, cov};

/// The 25 personality items of bfi.
fn bfi() -> DMatrix<f64> {
    psym_testdata::data("bfi.csv", &psym_testdata::BFI25)
}

fn one_core<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(f)
}

fn benches(c: &mut Criterion) {
    let x = bfi();
    let r = cov::correlation(&x, MissingPolicy::Pairwise)
        .expect("cor")
        .matrix;
    c.bench_function("polychoric_bfi_25x25", |b| {
        b.iter(|| {
            one_core(|| polychoric(black_box(&x), &PolychoricOptions::default()).expect("poly"))
        })
    });
    let opts = FaOptions {
        factors: 5,
        rotation: Rotation::Oblimin,
        n_obs: Some(2800),
        ..FaOptions::default()
    };
    c.bench_function("fa_bfi_minres_oblimin_5", |b| {
        b.iter(|| fa(black_box(&r), &opts).expect("fa"))
    });
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    let popts = ParallelOptions {
        iterations: 100,
        seed: 1,
        quantile: None,
    };
    let mut group = c.benchmark_group("parallel");
    group.sample_size(10);
    group.bench_function("parallel_bfi_100_iter_2_threads", |b| {
        b.iter(|| two.install(|| parallel_analysis(black_box(&r), 2800, &popts).expect("pa")))
    });
    group.finish();
}

criterion_group!(efa, benches);
criterion_main!(efa);
