//! Criterion benchmark of the ordinal sample statistics (docs/benchmarks.md): thresholds,
//! polychoric correlations and their asymptotic covariance Γ for the 25 bfi items × 2,800
//! respondents (target < 200 ms), listwise as lavaan's default and pairwise.

use criterion::{Criterion, criterion_group, criterion_main};
use psym_stats::MissingPolicy;
use psym_stats::ordinal::ordinal_stats_with;
use psym_stats::polychoric::{PolychoricOptions, polychoric};
use psym_testdata::BFI25;

fn bench(c: &mut Criterion) {
    let x = psym_testdata::data("bfi.csv", &BFI25);
    let mut group = c.benchmark_group("ordinal_stats");
    group.sample_size(20);
    group.bench_function("bfi25_listwise", |b| {
        b.iter(|| ordinal_stats_with(&x, MissingPolicy::Listwise).unwrap())
    });
    // the first step alone (thresholds and polychoric correlations, no Γ)
    group.bench_function("bfi25_polychoric_listwise", |b| {
        b.iter(|| polychoric(&x, &PolychoricOptions::LAVAAN).unwrap())
    });
    group.bench_function("bfi25_pairwise", |b| {
        b.iter(|| ordinal_stats_with(&x, MissingPolicy::Pairwise).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
