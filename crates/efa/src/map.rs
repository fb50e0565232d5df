//! Velicer's (1976) minimum average partial (MAP) test for the number of components.

use nalgebra::DMatrix;
use psym_stats::linalg;
use serde::Serialize;

use crate::EfaError;

/// Average squared (and fourth-power) partial correlations after removing `m` components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Map {
    /// `m` (0, 1, …, p − 2) with the minimum average squared partial correlation, `m ≥ 1` as
    /// psych::VSS reports it.
    pub suggested: usize,
    /// `map[m]`: average squared partial correlation after partialling out `m` components
    /// (`map[0]` is the average squared correlation).
    pub map: Vec<f64>,
    /// The same with fourth powers (Velicer, Eaton & Fava 2000).
    pub map4: Vec<f64>,
}

/// MAP test: with `A_m` the loadings of the first `m` principal components, the partial
/// covariance `C = R − A_m A_m'` is scaled to correlations `P`, and
/// `MAP_m = (Σ P² − p) / (p(p − 1))` (psych::VSS's `map`).
///
/// # Errors
/// [`EfaError::Stats`] for a matrix with missing values.
pub fn map_test(r: &DMatrix<f64>) -> Result<Map, EfaError> {
    let p = r.nrows();
    let e = linalg::symmetric_eigen(r)?;
    let denom = (p * (p - 1)) as f64;
    let mut map = Vec::with_capacity(p.saturating_sub(1));
    let mut map4 = Vec::with_capacity(p.saturating_sub(1));
    let mut partial = r.clone();
    for m in 0..p.saturating_sub(1) {
        if m > 0 {
            let a = e.vectors.column(m - 1) * e.values[m - 1].max(0.0).sqrt();
            partial -= &a * a.transpose();
        }
        let d: Vec<f64> = partial.diagonal().iter().map(|v| 1.0 / v.sqrt()).collect();
        let (mut s2, mut s4) = (0.0, 0.0);
        for i in 0..p {
            for j in (0..p).filter(|&j| j != i) {
                let c = partial[(i, j)] * d[i] * d[j];
                s2 += c * c;
                s4 += c * c * c * c;
            }
        }
        map.push(s2 / denom);
        map4.push(s4 / denom);
    }
    let suggested = (1..map.len())
        .filter(|&m| map[m].is_finite())
        .min_by(|&a, &b| map[a].total_cmp(&map[b]))
        .unwrap_or(0);
    Ok(Map {
        suggested,
        map,
        map4,
    })
}
