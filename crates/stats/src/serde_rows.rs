//! Serialising matrices as arrays of rows (`[[row 1], [row 2], …]`), the shape psym's JSON
//! output uses; use with `#[serde(serialize_with = "psym_stats::serde_rows::matrix")]`.

use nalgebra::DMatrix;
use serde::Serializer;
use serde::ser::SerializeSeq;

/// Writes `m` as a sequence of rows; non-finite values become `null`.
///
/// # Errors
/// Those of the serializer.
pub fn matrix<S: Serializer>(m: &DMatrix<f64>, s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(m.nrows()))?;
    for row in rows(m) {
        seq.serialize_element(&row)?;
    }
    seq.end()
}

/// The rows of `m` with non-finite values as `None`: what [`matrix`] writes, for callers that
/// build their JSON by hand.
pub fn rows(m: &DMatrix<f64>) -> Vec<Vec<Option<f64>>> {
    m.row_iter()
        .map(|row| row.iter().map(|x| x.is_finite().then_some(*x)).collect())
        .collect()
}

/// As [`matrix`] for an optional matrix (`null` when absent).
///
/// # Errors
/// Those of the serializer.
pub fn option_matrix<S: Serializer>(m: &Option<DMatrix<f64>>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => matrix(m, s),
        None => s.serialize_none(),
    }
}
