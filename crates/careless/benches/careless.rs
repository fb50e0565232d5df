//! The two passes of psym-careless on 100,000 rows × 36 items held in memory (no parsing):
//! the share of `psym careless`'s time spent on the indices themselves. The end-to-end
//! figure (1,000,000 rows read from a CSV file, issue 15) is `careless_1m.sh` beside this
//! file; both are recorded in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use psym_careless::{FirstPass, Layout, Options, Summary};

const ROWS: usize = 100_000;
const ITEMS: usize = 36;

/// Deterministic answers in 1–7 (a linear congruential generator), 2 % missing.
fn rows() -> Vec<Vec<f64>> {
    let mut state: u64 = 15;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    (0..ROWS)
        .map(|_| {
            let person = 2.5 + 3.0 * next();
            (0..ITEMS)
                .map(|_| {
                    if next() < 0.02 {
                        f64::NAN
                    } else {
                        (person + 2.0 * next() - 1.0).round().clamp(1.0, 7.0)
                    }
                })
                .collect()
        })
        .collect()
}

fn layout() -> Layout {
    Layout {
        items: ITEMS,
        subscales: (0..6).map(|s| (s * 6..s * 6 + 6).collect()).collect(),
        reversed: (0..ITEMS).map(|j| (j + 1) % 5 == 0).collect(),
        range: Some((1.0, 7.0)),
    }
}

fn passes(c: &mut Criterion) {
    let data = rows();
    let mut group = c.benchmark_group("careless");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("two passes, 100,000 rows × 36 items", |b| {
        b.iter(|| {
            let mut first = FirstPass::new(layout(), Options::default()).unwrap();
            data.iter().for_each(|r| first.push(r));
            let sample = first.finish();
            let mut summary = Summary::default();
            for r in &data {
                summary.add(&sample.indices(r, None));
            }
            black_box(summary)
        })
    });
    group.finish();
}

criterion_group!(benches, passes);
criterion_main!(benches);
