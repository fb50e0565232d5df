//! Performance targets of issue 3, on one core:
//! - alpha with item analysis (and one-factor omega) for bfi's agreeableness scale, 5 items ×
//!   2,800 respondents with missing answers: < 1 ms (psych::alpha ≈ 22 ms);
//! - 2,000 bootstrap replicates of alpha and omega for the 12-item alliance instrument on 1,000
//!   respondents (with the jackknife for BCa): < 1 s.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use common::keyed_scale;
use criterion::{Criterion, criterion_group, criterion_main};
use psym_reliability::{BootstrapOptions, Options, analyze};

fn single_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(f)
}

fn alpha_bfi(c: &mut Criterion) {
    let (scale, data) = keyed_scale(
        "bfi.csv",
        "bfi.csv",
        &["-A1", "A2", "A3", "A4", "A5"],
        (1.0, 6.0),
        &[],
    );
    c.bench_function("alpha + items + omega, bfi A (5 x 2800, pairwise)", |b| {
        b.iter(|| {
            analyze(
                black_box(&scale),
                black_box(&data),
                &Options::default(),
                &(),
            )
            .unwrap()
        })
    });
}

fn bootstrap_alliance(c: &mut Criterion) {
    let keys = [
        "i1", "i2", "i3", "-i4", "i5", "i6", "i7", "i8", "i9", "i10", "-i11", "i12",
    ];
    let (scale, data) = keyed_scale(
        "alliance_en_nb.csv",
        "alliance_en_nb.csv",
        &keys,
        (1.0, 7.0),
        &[],
    );
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            replicates: 2000,
            seed: 1,
        }),
        ..Options::default()
    };
    let mut group = c.benchmark_group("bootstrap");
    group.sample_size(10);
    group.bench_function(
        "2000 replicates alpha + omega, alliance 12 x 1000, one thread",
        |b| b.iter(|| single_thread(|| analyze(&scale, &data, &opts, &()).unwrap())),
    );
    group.bench_function(
        "2000 replicates alpha + omega, alliance 12 x 1000, all threads",
        |b| b.iter(|| analyze(&scale, &data, &opts, &()).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, alpha_bfi, bootstrap_alliance);
criterion_main!(benches);
