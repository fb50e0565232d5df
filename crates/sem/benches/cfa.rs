//! Criterion benchmarks of the CFA performance targets (docs/benchmarks.md):
//! HolzingerSwineford1939 three-factor ML fit with SEs and all fit measures (< 1 ms) and
//! FIML on the alliance data, 1000 × 12 with missing answers (< 20 ms).

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use psym_model::ModelOptions;
use psym_sem::{Dataset, FitOptions, Missing, fit_syntax};

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

fn bench(c: &mut Criterion) {
    let (names, x) = common::read_all("HolzingerSwineford1939.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    c.bench_function("hs_cfa3_ml", |b| {
        b.iter(|| fit_syntax(HS, &ModelOptions::default(), &data, &FitOptions::default()).unwrap())
    });
    let (names, x) = common::read_all("alliance_en_nb.csv");
    let data = Dataset {
        names: &names,
        values: &x,
        groups: None,
    };
    let fiml = FitOptions {
        missing: Missing::Fiml,
        ..Default::default()
    };
    c.bench_function("alliance_fiml", |b| {
        b.iter(|| fit_syntax(ALLIANCE, &ModelOptions::default(), &data, &fiml).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
