//! Criterion benchmarks of the invariance targets (docs/benchmarks.md): the whole ladder
//! (configural to means) on HolzingerSwineford1939 by school and on the alliance example by
//! language (< 10 ms), and the ladder with the automatic partial-invariance search on the
//! alliance example (< 50 ms), each with the score tests at the first failing step.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use psym_model::{Model, parse};
use psym_sem::{Dataset, InvarianceOptions, PartialSearch, invariance};

const HS: &str = "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9";
const ALLIANCE: &str =
    "goal =~ i1 + i2 + i3 + i4\n task =~ i5 + i6 + i7 + i8\n bond =~ i9 + i10 + i11 + i12";

/// The model, the data of its variables (listwise complete rows kept by the fit), each row's
/// group number and the group labels in order of appearance.
fn setup(
    file: &str,
    column: &str,
    model: &str,
) -> (
    Model,
    Vec<String>,
    nalgebra::DMatrix<f64>,
    Vec<usize>,
    Vec<String>,
) {
    let model = parse(model).unwrap();
    let names = model.observed().unwrap();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let x = psym_testdata::data(file, &refs);
    let mut labels: Vec<String> = Vec::new();
    let rows = psym_testdata::text(file, column)
        .into_iter()
        .map(|v| match labels.iter().position(|l| *l == v) {
            Some(i) => i,
            None => {
                labels.push(v);
                labels.len() - 1
            }
        })
        .collect();
    (model, names, x, rows, labels)
}

fn bench(c: &mut Criterion) {
    for (name, file, column, model) in [
        ("hs_ladder", "HolzingerSwineford1939.csv", "school", HS),
        ("alliance_ladder", "alliance_en_nb.csv", "lang", ALLIANCE),
    ] {
        let (model, names, x, rows, labels) = setup(file, column, model);
        let data = Dataset {
            names: &names,
            values: &x,
            groups: Some(&rows),
        };
        let options = InvarianceOptions::default();
        c.bench_function(name, |b| {
            b.iter(|| invariance(&model, &data, &labels, &options).unwrap())
        });
        if name == "alliance_ladder" {
            let auto = InvarianceOptions {
                search: Some(PartialSearch::default()),
                ..InvarianceOptions::default()
            };
            c.bench_function("alliance_partial_auto", |b| {
                b.iter(|| invariance(&model, &data, &labels, &auto).unwrap())
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
