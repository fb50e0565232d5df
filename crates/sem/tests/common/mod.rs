//! Test helpers: fixture loading (a minimal CSV reader for the committed test data sets, which
//! are plain comma-separated numbers with quoted names and empty cells for missing values).
#![allow(dead_code)]

use nalgebra::DMatrix;
use serde_json::Value;

pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

/// Reads a CSV into (column names, values); non-numeric and empty cells become NaN.
pub fn read_csv(name: &str) -> (Vec<String>, DMatrix<f64>) {
    let text = std::fs::read_to_string(format!("{ROOT}/{name}")).expect("fixture data");
    let mut lines = text.lines();
    let names: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect();
    let rows: Vec<Vec<f64>> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(',')
                .map(|c| c.trim().parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let m = DMatrix::from_fn(rows.len(), names.len(), |i, j| rows[i][j]);
    (names, m)
}

/// One entry of a reference JSON file in tests/data/reference.
pub fn reference(file: &str, key: &str) -> Value {
    let text = std::fs::read_to_string(format!("{ROOT}/reference/{file}")).expect("fixture json");
    let v: Value = serde_json::from_str(&text).unwrap();
    v[key].clone()
}

pub fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    if b == 0.0 {
        a.abs() < tol
    } else {
        ((a - b) / b).abs() < tol || (a - b).abs() < tol * 1e-3
    }
}
