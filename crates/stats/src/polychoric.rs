//! Polychoric and tetrachoric correlations by the two-step method (Olsson 1979): thresholds
//! from each item's margins, then for each pair the ρ maximising the bivariate normal
//! likelihood of the pair's contingency table.
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::polychoric::{polychoric, PolychoricOptions};
//! let x = DMatrix::from_row_slice(8, 2, &[1., 1., 1., 2., 2., 2., 2., 3., 3., 3., 3., 2., 1., 1., 3., 3.]);
//! let pc = polychoric(&x, &PolychoricOptions::default()).unwrap();
//! assert!(pc.matrix[(0, 1)] > 0.5);
//! ```

use nalgebra::DMatrix;
use serde::Serialize;

use crate::brent::brent_min;
use crate::bvn::{bvn_cdf, norm_quantile};
use crate::{MissingPolicy, StatsError, cov};

/// Options of [`polychoric`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PolychoricOptions {
    /// Added (divided by the pair's n) to empty cells of each table: psych's continuity
    /// correction `correct = 0.5`; 0 for none (lavaan).
    pub correct: f64,
    /// Which rows enter thresholds and tables: pairwise (psych) or complete rows (lavaan's
    /// default for `lavCor`).
    pub missing: MissingPolicy,
    /// Tolerance of Brent's search for ρ (R's `optimize` default, as psych, is 1.22e-4; psym
    /// searches to 1e-8).
    pub tol: f64,
}

impl Default for PolychoricOptions {
    fn default() -> Self {
        PolychoricOptions {
            correct: 0.5,
            missing: MissingPolicy::Pairwise,
            tol: 1e-8,
        }
    }
}

/// A polychoric correlation matrix with its thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Polychoric {
    /// Correlations (unit diagonal).
    #[serde(serialize_with = "crate::serde_rows::matrix")]
    pub matrix: DMatrix<f64>,
    /// For each item, the thresholds `τ_c = Φ⁻¹(P(X ≤ c))` between its observed categories.
    pub thresholds: Vec<Vec<f64>>,
    /// For each item, its observed categories in increasing order.
    pub categories: Vec<Vec<f64>>,
    /// Respondents behind each correlation.
    #[serde(skip)]
    pub n_pairs: DMatrix<usize>,
    /// Number of empty table cells that received the continuity correction.
    pub corrected_cells: usize,
    /// Whether the matrix is positive definite (it is not smoothed).
    pub positive_definite: bool,
}

/// Polychoric correlations of the columns of `data` (`NaN` = missing), whose values are
/// ordered categories.
///
/// Step 1: thresholds of each item from its cumulative proportions (over its answered rows,
/// or over complete rows with listwise deletion). Step 2: for each pair, ρ maximises
/// `Σ_ab n_ab ln π_ab(ρ)`, `π_ab = Φ₂(τ_a, τ'_b; ρ) − Φ₂(τ_{a−1}, τ'_b; ρ) − Φ₂(τ_a, τ'_{b−1}; ρ) + Φ₂(τ_{a−1}, τ'_{b−1}; ρ)`,
/// by Brent's method on `(−1, 1)` (psych::polychoric with global thresholds; Olsson 1979).
/// Empty cells get `correct / n` (psych's correction).
///
/// # Errors
/// [`StatsError::TooFewObservations`] when a pair has fewer than two rows; an item with one
/// category gives [`StatsError::Dimension`] naming the item.
pub fn polychoric(data: &DMatrix<f64>, opts: &PolychoricOptions) -> Result<Polychoric, StatsError> {
    let p = data.ncols();
    let rows: Vec<usize> = match opts.missing {
        MissingPolicy::Listwise => cov::complete_rows(data),
        MissingPolicy::Pairwise => (0..data.nrows()).collect(),
    };
    let mut categories = Vec::with_capacity(p);
    let mut codes = Vec::with_capacity(p);
    let mut thresholds = Vec::with_capacity(p);
    for j in 0..p {
        let col: Vec<f64> = rows.iter().map(|&i| data[(i, j)]).collect();
        let (cats, code, tau) = item_margins(&col).ok_or_else(|| {
            StatsError::Dimension(format!(
                "item {} has fewer than two observed categories",
                j + 1
            ))
        })?;
        categories.push(cats);
        codes.push(code);
        thresholds.push(tau);
    }
    let mut matrix = DMatrix::identity(p, p);
    let mut n_pairs = DMatrix::zeros(p, p);
    let mut corrected_cells = 0;
    for j in 0..p {
        n_pairs[(j, j)] = codes[j].iter().filter(|c| c.is_some()).count();
        for k in 0..j {
            let table = Table::new(
                &codes[j],
                &codes[k],
                categories[j].len(),
                categories[k].len(),
            );
            if table.n < 2 {
                return Err(StatsError::TooFewObservations {
                    needed: 2,
                    found: table.n,
                    context: format!(", for items {} and {}", k + 1, j + 1),
                });
            }
            let (rho, fixed) = pair_rho(&table, &thresholds[j], &thresholds[k], opts);
            corrected_cells += fixed;
            matrix[(j, k)] = rho;
            matrix[(k, j)] = rho;
            n_pairs[(j, k)] = table.n;
            n_pairs[(k, j)] = table.n;
        }
    }
    let positive_definite = crate::linalg::is_positive_definite(&matrix);
    Ok(Polychoric {
        matrix,
        thresholds,
        categories,
        n_pairs,
        corrected_cells,
        positive_definite,
    })
}

/// Tetrachoric correlations: [`polychoric`] for items with exactly two categories.
///
/// # Errors
/// As [`polychoric`], and [`StatsError::Dimension`] when an item has more than two categories.
pub fn tetrachoric(
    data: &DMatrix<f64>,
    opts: &PolychoricOptions,
) -> Result<Polychoric, StatsError> {
    let pc = polychoric(data, opts)?;
    if let Some(j) = pc.categories.iter().position(|c| c.len() != 2) {
        return Err(StatsError::Dimension(format!(
            "item {} has {} categories; tetrachoric correlations need binary items (use polychoric)",
            j + 1,
            pc.categories[j].len()
        )));
    }
    Ok(pc)
}

/// Observed categories, the category index of each row, and the thresholds.
type Margins = (Vec<f64>, Vec<Option<usize>>, Vec<f64>);

fn item_margins(col: &[f64]) -> Option<Margins> {
    let mut cats: Vec<f64> = col.iter().copied().filter(|v| !v.is_nan()).collect();
    cats.sort_by(f64::total_cmp);
    cats.dedup();
    if cats.len() < 2 {
        return None;
    }
    let code: Vec<Option<usize>> = col
        .iter()
        .map(|v| {
            if v.is_nan() {
                None
            } else {
                cats.binary_search_by(|c| c.total_cmp(v)).ok()
            }
        })
        .collect();
    let mut counts = vec![0usize; cats.len()];
    for c in code.iter().flatten() {
        counts[*c] += 1;
    }
    let n: usize = counts.iter().sum();
    let mut cum = 0;
    let tau = counts[..counts.len() - 1]
        .iter()
        .map(|c| {
            cum += c;
            norm_quantile(cum as f64 / n as f64)
        })
        .collect();
    Some((cats, code, tau))
}

/// Contingency table of two coded items over the rows where both are observed.
struct Table {
    counts: Vec<f64>,
    rows: usize,
    cols: usize,
    n: usize,
}

impl Table {
    fn new(a: &[Option<usize>], b: &[Option<usize>], rows: usize, cols: usize) -> Self {
        let mut counts = vec![0.0; rows * cols];
        let mut n = 0;
        for (x, y) in a.iter().zip(b) {
            if let (Some(x), Some(y)) = (x, y) {
                counts[x * cols + y] += 1.0;
                n += 1;
            }
        }
        Table {
            counts,
            rows,
            cols,
            n,
        }
    }
}

/// ML estimate of ρ for one table; returns ρ and the number of corrected cells.
fn pair_rho(t: &Table, tau_r: &[f64], tau_c: &[f64], opts: &PolychoricOptions) -> (f64, usize) {
    let n = t.n as f64;
    let mut fixed = 0;
    let props: Vec<f64> = t
        .counts
        .iter()
        .map(|&c| {
            if c == 0.0 && opts.correct > 0.0 {
                fixed += 1;
                opts.correct / n
            } else {
                c / n
            }
        })
        .collect();
    // cut points with ±∞ at the ends
    let cuts = |tau: &[f64]| -> Vec<f64> {
        let mut v = Vec::with_capacity(tau.len() + 2);
        v.push(f64::NEG_INFINITY);
        v.extend_from_slice(tau);
        v.push(f64::INFINITY);
        v
    };
    let (rc, cc) = (cuts(tau_r), cuts(tau_c));
    let mut grid = vec![0.0; (t.rows + 1) * (t.cols + 1)];
    let neg_loglik = |rho: f64| -> f64 {
        let w = t.cols + 1;
        for a in 0..=t.rows {
            for b in 0..=t.cols {
                grid[a * w + b] = bvn_cdf(rc[a], cc[b], rho);
            }
        }
        let mut ll = 0.0;
        for a in 0..t.rows {
            for b in 0..t.cols {
                let pi = grid[(a + 1) * w + b + 1] - grid[a * w + b + 1] - grid[(a + 1) * w + b]
                    + grid[a * w + b];
                let f = props[a * t.cols + b];
                if pi > 0.0 && f > 0.0 {
                    ll += f * pi.ln();
                }
            }
        }
        -ll
    };
    let (rho, _) = brent_min(neg_loglik, -1.0, 1.0, opts.tol);
    (rho, fixed)
}
