//! Fixtures for the reference tests: the data sets and the psych/lavaan figures in tests/data.
#![allow(dead_code)]

use nalgebra::DMatrix;
use psym_stats::{MissingPolicy, cov};
use serde_json::Value;

pub fn data_path(name: &str) -> String {
    format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The reference figures written by tests/data/reference/reference.R.
pub fn reference() -> Value {
    let text = std::fs::read_to_string(data_path("reference/lavaan_psych_reference.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Columns `names` of a small, well-formed CSV fixture (empty or NA = missing).
pub fn columns(file: &str, names: &[&str]) -> DMatrix<f64> {
    let text = std::fs::read_to_string(data_path(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|h| h.trim_matches('"').to_string())
        .collect();
    let idx: Vec<usize> = names
        .iter()
        .map(|n| header.iter().position(|h| h == n).unwrap())
        .collect();
    let rows: Vec<Vec<f64>> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            idx.iter()
                .map(|&i| f[i].trim_matches('"').parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    DMatrix::from_fn(rows.len(), names.len(), |i, j| rows[i][j])
}

pub fn hs9() -> DMatrix<f64> {
    let names: Vec<String> = (1..=9).map(|i| format!("x{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    columns("HolzingerSwineford1939.csv", &refs)
}

pub const BFI25: [&str; 25] = [
    "A1", "A2", "A3", "A4", "A5", "C1", "C2", "C3", "C4", "C5", "E1", "E2", "E3", "E4", "E5", "N1",
    "N2", "N3", "N4", "N5", "O1", "O2", "O3", "O4", "O5",
];

pub fn bfi(n_items: usize) -> DMatrix<f64> {
    columns("bfi.csv", &BFI25[..n_items])
}

pub fn pairwise_cor(x: &DMatrix<f64>) -> DMatrix<f64> {
    cov::correlation(x, MissingPolicy::Pairwise).unwrap().matrix
}

pub fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect();
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

pub fn vector(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Largest absolute difference after matching the columns of `got` to those of `want` (greedy
/// by congruence, with sign), for references whose factor order is arbitrary.
pub fn max_diff_matched(got: &DMatrix<f64>, want: &DMatrix<f64>) -> f64 {
    let k = want.ncols();
    let mut used = vec![false; k];
    let mut worst: f64 = 0.0;
    for f in 0..k {
        let w = want.column(f);
        let (g, sign) = (0..k)
            .filter(|&g| !used[g])
            .map(|g| {
                let c = got.column(g).dot(&w);
                (g, c.signum(), c.abs())
            })
            .max_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(g, s, _)| (g, s))
            .unwrap();
        used[g] = true;
        worst = worst.max((got.column(g) * sign - w).amax());
    }
    worst
}
