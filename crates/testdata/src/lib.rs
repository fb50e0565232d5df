//! Fixtures shared by psym's test suites and benchmarks (dev-only, never published).
//!
//! - [`repo`]: a path relative to the repository root;
//! - [`reference()`], [`matrix`], [`vector`]: the psych/lavaan figures under
//!   `tests/data/reference/` (written by the R scripts beside them);
//! - [`data`], [`columns`], [`text`]: the data sets under `tests/data/`, read through the
//!   project's own reader ([`psym_data::Responses::read`]);
//! - [`tolerance`]: the tolerances of comparisons that do not depend on a reference figure.
//!
//! Every function panics with the file and the reason when a fixture is absent or malformed:
//! a test should fail loudly, not compare against nothing.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod tolerance;

use std::path::{Path, PathBuf};

use nalgebra::DMatrix;
use psym_data::{ItemSpec, ProblemKind, ReadOptions, ResponseReader, Responses};
use serde_json::Value;

/// The 25 personality items of `tests/data/bfi.csv`, in file order (A1–A5, C1–C5, E1–E5,
/// N1–N5, O1–O5).
pub const BFI25: [&str; 25] = [
    "A1", "A2", "A3", "A4", "A5", "C1", "C2", "C3", "C4", "C5", "E1", "E2", "E3", "E4", "E5", "N1",
    "N2", "N3", "N4", "N5", "O1", "O2", "O3", "O4", "O5",
];

/// Absolute path of `path`, given relative to the repository root.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// Entry `key` of the reference file `file` under `tests/data/reference/`.
///
/// # Panics
/// When the file cannot be read, is not JSON, or has no entry `key`.
pub fn reference(file: &str, key: &str) -> Value {
    let path = repo("tests/data/reference").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reference file {}: {e}", path.display()));
    let mut all: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("reference file {}: not JSON: {e}", path.display()));
    match all.get_mut(key) {
        Some(v) => v.take(),
        None => panic!("reference file {}: no entry {key:?}", path.display()),
    }
}

/// A JSON array of rows (arrays of numbers) as a matrix.
///
/// # Panics
/// When `v` is not a non-empty array of equally long arrays of numbers.
pub fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = as_array(v).iter().map(vector).collect();
    assert!(!rows.is_empty(), "empty matrix: {v}");
    let p = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == p), "ragged matrix: {v}");
    DMatrix::from_fn(rows.len(), p, |i, j| rows[i][j])
}

/// A JSON array of numbers as a vector.
///
/// # Panics
/// When `v` is not an array of numbers.
pub fn vector(v: &Value) -> Vec<f64> {
    as_array(v)
        .iter()
        .map(|x| x.as_f64().unwrap_or_else(|| panic!("not a number: {x}")))
        .collect()
}

fn as_array(v: &Value) -> &[Value] {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

/// Columns `columns` of the data set `file` under `tests/data/`, as respondents × columns, read
/// by [`Responses::read`] with [`ItemSpec::continuous`] specs: blank, `NA` and non-numeric
/// cells are `NaN`.
///
/// # Panics
/// When the file cannot be read or lacks one of `columns`.
pub fn data(file: &str, columns: &[&str]) -> DMatrix<f64> {
    let specs: Vec<ItemSpec> = columns.iter().map(|c| ItemSpec::continuous(c)).collect();
    let read = read(file, &specs, &ReadOptions::default());
    if let Some(p) = read
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::MissingColumn)
    {
        panic!("data set {file}: {}", p.message);
    }
    read.matrix
}

/// The column names of the data set `file` under `tests/data/`, in file order.
///
/// # Panics
/// When the file cannot be read.
pub fn columns(file: &str) -> Vec<String> {
    let path = repo("tests/data").join(file);
    ResponseReader::open(&path, &[], &ReadOptions::default())
        .unwrap_or_else(|e| panic!("data set {}: {e}", path.display()))
        .header()
        .to_vec()
}

/// The cells of column `column` of the data set `file` under `tests/data/`, as text, one per
/// respondent (for grouping variables such as a school).
///
/// # Panics
/// When the file cannot be read or lacks `column`.
pub fn text(file: &str, column: &str) -> Vec<String> {
    let options = ReadOptions {
        keep: vec![column.to_owned()],
        ..ReadOptions::default()
    };
    read(file, &[], &options)
        .kept
        .into_iter()
        .map(|mut cells| cells.swap_remove(0))
        .collect()
}

fn read(file: &str, specs: &[ItemSpec], options: &ReadOptions) -> Responses {
    let path = repo("tests/data").join(file);
    Responses::read(&path, specs, options)
        .unwrap_or_else(|e| panic!("data set {}: {e}", path.display()))
}
