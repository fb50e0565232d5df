//! Fixtures shared by the reference tests: data files and reference figures from the repo.
#![allow(dead_code)]

use nalgebra::DMatrix;
use psym_data::{ItemSpec, ReadOptions, Responses};
use psym_reliability::Scale;
use serde_json::Value;

/// Reads `items` of a data file, with `missing_codes`; reverse-keyed items (`-` prefix) are
/// reversed within `range` as psych does (`min + max − x`).
pub fn keyed_scale(
    file: &str,
    id: &str,
    keys: &[&str],
    range: (f64, f64),
    missing_codes: &[f64],
) -> (Scale, DMatrix<f64>) {
    let names: Vec<String> = keys
        .iter()
        .map(|k| k.trim_start_matches('-').to_owned())
        .collect();
    let reversed: Vec<bool> = keys.iter().map(|k| k.starts_with('-')).collect();
    let specs: Vec<ItemSpec> = names.iter().map(|n| ItemSpec::continuous(n)).collect();
    let options = ReadOptions {
        missing_codes: missing_codes.to_vec(),
        ..ReadOptions::default()
    };
    let mut data = Responses::read(
        &psym_testdata::repo("tests/data").join(file),
        &specs,
        &options,
    )
    .unwrap()
    .matrix;
    for (j, &rev) in reversed.iter().enumerate() {
        if rev {
            data.column_mut(j).apply(|v| *v = range.0 + range.1 - *v);
        }
    }
    let scale = Scale {
        id: id.into(),
        items: names,
        reversed,
    };
    (scale, data)
}

/// `v` as f64 (a number, or the first element of an array).
pub fn num(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.get(0).and_then(Value::as_f64))
        .unwrap_or_else(|| panic!("not a number: {v}"))
}

/// `v` as a vector of f64.
pub fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}
