//! Criterion benchmark of the WLSMV target (docs/benchmarks.md): the three-factor alliance
//! model with every item ordered, 1,000 × 12 with 7 categories (824 complete rows), with robust
//! standard errors and the scaled-and-shifted test (target < 30 ms; lavaan ≈ 0.54 s).

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use psym_model::{ModelOptions, from_syntax};
use psym_sem::fit_wlsmv;
use psym_stats::MissingPolicy;
use psym_stats::categories::observed_categories;

const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

fn bench(c: &mut Criterion) {
    let continuous = from_syntax(ALLIANCE, &ModelOptions::default()).unwrap();
    let refs: Vec<&str> = continuous.observed.iter().map(String::as_str).collect();
    let x = psym_testdata::data("alliance_en_nb.csv", &refs);
    // every item ordered, with the thresholds of its categories in the complete rows
    let used = observed_categories(&x, MissingPolicy::Listwise);
    let ordered = (continuous.observed.iter().cloned())
        .zip(used.iter().map(|k| k - 1))
        .collect();
    let options = ModelOptions {
        ordered,
        ..ModelOptions::default()
    };
    let table = from_syntax(ALLIANCE, &options).unwrap();
    let groups = [x];
    c.bench_function("alliance_wlsmv", |b| {
        b.iter(|| fit_wlsmv(&table, &groups).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
