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
use crate::bvn::{bvn_cdf, bvn_pdf, norm_quantile};
use crate::{MissingPolicy, StatsError, Subject, cov};

/// psych's default continuity correction `correct = .5` (psych 2.2.9): applied by
/// `tetrachoric()`, and by `polychoric()` only to pairs fitted with per-pair thresholds.
pub const PSYCH_CORRECT: f64 = 0.5;

/// Options of [`polychoric`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PolychoricOptions {
    /// Continuity correction: each empty cell of a pair's table counts as `correct / n`
    /// instead of 0 (0 = none). `None` is psych 2.2.9's `polychoric()`: none with global
    /// thresholds, [`PSYCH_CORRECT`] with per-pair thresholds (its `correct = .5` reaches only
    /// that path). lavaan uses none; psych's `tetrachoric()` uses [`PSYCH_CORRECT`].
    pub correct: Option<f64>,
    /// Which rows enter thresholds and tables: pairwise (psych) or complete rows (lavaan's
    /// default for `lavCor`).
    pub missing: MissingPolicy,
    /// Which thresholds enter each pair's likelihood.
    pub thresholds: ThresholdRule,
    /// Tolerance of Brent's search for ρ (R's `optimize` default, as psych, is 1.22e-4; psym
    /// searches to 1e-8).
    pub tol: f64,
}

impl Default for PolychoricOptions {
    fn default() -> Self {
        PolychoricOptions {
            correct: None,
            missing: MissingPolicy::Pairwise,
            thresholds: ThresholdRule::Psych,
            tol: 1e-8,
        }
    }
}

impl PolychoricOptions {
    /// lavaan's two-step estimator (`lavCor`, the sample statistics of `ordered =` fits with
    /// `missing = "listwise"`): complete rows, each item's own thresholds, no continuity
    /// correction, ρ searched to 1e-10.
    pub const LAVAAN: PolychoricOptions = PolychoricOptions {
        correct: Some(0.0),
        missing: MissingPolicy::Listwise,
        thresholds: ThresholdRule::Global,
        tol: 1e-10,
    };
}

/// Which thresholds enter each pair's likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdRule {
    /// psych 2.2.9's rule: [`ThresholdRule::Global`], unless the items' highest observed
    /// answers differ; then [`ThresholdRule::PerPair`] (psych sets `global = FALSE`).
    #[default]
    Psych,
    /// Each item's thresholds from its own answers (psych's `global = TRUE`, lavaan).
    Global,
    /// For each pair, thresholds from the margins of its table after dropping empty rows and
    /// columns and correcting the remaining empty cells (psych's `global = FALSE`).
    PerPair,
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
    /// Number of empty cells over all pairs' tables (between observed categories).
    pub empty_cells: usize,
    /// Number of empty cells that received the continuity correction (0 without one; with
    /// per-pair thresholds only those between the categories the pair's table shows).
    pub corrected_cells: usize,
    /// Whether each pair used thresholds from its own table ([`ThresholdRule::PerPair`]).
    pub per_pair_thresholds: bool,
    /// The continuity correction applied (see [`PolychoricOptions::correct`]).
    pub correct: f64,
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
/// Empty cells count as `correct / n` when `correct > 0` ([`PolychoricOptions::correct`]).
/// With per-pair thresholds ([`ThresholdRule`]) the table's empty rows and columns are dropped,
/// its empty cells corrected, and `τ` taken from the corrected margins (psych's `polyc` with
/// `global = FALSE`); a pair whose table then has fewer than two rows or columns gets `NaN`.
///
/// # Errors
/// [`StatsError::TooFewObservations`] when a pair has fewer than two rows; an item with one
/// category gives [`StatsError::TooFewCategories`] naming the item.
pub fn polychoric(data: &DMatrix<f64>, opts: &PolychoricOptions) -> Result<Polychoric, StatsError> {
    let p = data.ncols();
    let rows: Vec<usize> = match opts.missing {
        MissingPolicy::Listwise => cov::complete_rows(data),
        MissingPolicy::Pairwise => (0..data.nrows()).collect(),
    };
    if opts.missing == MissingPolicy::Listwise && rows.len() < 2 {
        return Err(StatsError::TooFewObservations {
            needed: 2,
            found: rows.len(),
            subject: Subject::Whole,
        });
    }
    let mut categories = Vec::with_capacity(p);
    let mut codes = Vec::with_capacity(p);
    let mut thresholds = Vec::with_capacity(p);
    for j in 0..p {
        let col: Vec<f64> = rows.iter().map(|&i| data[(i, j)]).collect();
        let (cats, code, tau) =
            item_margins(&col).ok_or(StatsError::TooFewCategories { item: j })?;
        categories.push(cats);
        codes.push(code);
        thresholds.push(tau);
    }
    let per_pair = match opts.thresholds {
        ThresholdRule::Global => false,
        ThresholdRule::PerPair => true,
        ThresholdRule::Psych => categories
            .iter()
            .filter_map(|c| c.last())
            .any(|top| Some(top) != categories[0].last()),
    };
    let correct = opts
        .correct
        .unwrap_or(if per_pair { PSYCH_CORRECT } else { 0.0 });
    let mut matrix = DMatrix::identity(p, p);
    let mut n_pairs = DMatrix::zeros(p, p);
    let mut empty_cells = 0;
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
                    subject: Subject::ItemPair(k, j),
                });
            }
            empty_cells += table.counts.iter().filter(|&&c| c == 0.0).count();
            let (rho, fixed) = if per_pair {
                per_pair_rho(&table, correct, opts.tol)
            } else {
                let fixed = if correct > 0.0 { table.empty() } else { 0 };
                let props = table.proportions(correct);
                let rho = ml_rho(&props, table.cols, &thresholds[j], &thresholds[k], opts.tol);
                (rho, fixed)
            };
            corrected_cells += fixed;
            matrix[(j, k)] = rho;
            matrix[(k, j)] = matrix[(j, k)];
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
        empty_cells,
        corrected_cells,
        per_pair_thresholds: per_pair,
        correct,
        positive_definite,
    })
}

/// Tetrachoric correlations: [`polychoric`] for items with exactly two categories. psych's
/// `tetrachoric()` corrects empty cells by default: pass `correct: Some(PSYCH_CORRECT)` to
/// reproduce it.
///
/// # Errors
/// As [`polychoric`], and [`StatsError::NotBinary`] when an item has more than two categories.
pub fn tetrachoric(
    data: &DMatrix<f64>,
    opts: &PolychoricOptions,
) -> Result<Polychoric, StatsError> {
    let pc = polychoric(data, opts)?;
    if let Some(j) = pc.categories.iter().position(|c| c.len() != 2) {
        return Err(StatsError::NotBinary {
            item: j,
            categories: pc.categories[j].len(),
        });
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

impl Table {
    fn empty(&self) -> usize {
        self.counts.iter().filter(|&&c| c == 0.0).count()
    }

    /// Cell proportions, empty cells counting as `correct / n`.
    fn proportions(&self, correct: f64) -> Vec<f64> {
        let n = self.n as f64;
        self.counts
            .iter()
            .map(|&c| if c == 0.0 { correct / n } else { c / n })
            .collect()
    }
}

/// ρ from the pair's own table: empty rows and columns dropped, empty cells corrected,
/// thresholds `Φ⁻¹` of the corrected cumulative margins (psych's `polyc`, `global = FALSE`);
/// returns ρ (`NaN` below a 2 × 2 table) and the number of corrected cells.
fn per_pair_rho(t: &Table, correct: f64, tol: f64) -> (f64, usize) {
    let cell = |a: usize, b: usize| t.counts[a * t.cols + b];
    let rows: Vec<usize> = (0..t.rows)
        .filter(|&a| (0..t.cols).any(|b| cell(a, b) > 0.0))
        .collect();
    let cols: Vec<usize> = (0..t.cols)
        .filter(|&b| (0..t.rows).any(|a| cell(a, b) > 0.0))
        .collect();
    if rows.len() < 2 || cols.len() < 2 {
        return (f64::NAN, 0);
    }
    let reduced = Table {
        counts: rows
            .iter()
            .flat_map(|&a| cols.iter().map(move |&b| cell(a, b)))
            .collect(),
        rows: rows.len(),
        cols: cols.len(),
        n: t.n,
    };
    let fixed = if correct > 0.0 { reduced.empty() } else { 0 };
    let props = reduced.proportions(correct);
    let margin_cuts = |len: usize, sum: &dyn Fn(usize) -> f64| -> Vec<f64> {
        let mut cum = 0.0;
        (0..len - 1)
            .map(|i| {
                cum += sum(i);
                norm_quantile(cum)
            })
            .collect()
    };
    let w = reduced.cols;
    let tau_r = margin_cuts(reduced.rows, &|a| props[a * w..(a + 1) * w].iter().sum());
    let tau_c = margin_cuts(w, &|b| (0..reduced.rows).map(|a| props[a * w + b]).sum());
    (ml_rho(&props, w, &tau_r, &tau_c, tol), fixed)
}

/// ML estimate of ρ for a table of cell proportions `props` (row-major, `cols` columns) with
/// row thresholds `tau_r` and column thresholds `tau_c`.
fn ml_rho(props: &[f64], cols: usize, tau_r: &[f64], tau_c: &[f64], tol: f64) -> f64 {
    let rows = tau_r.len() + 1;
    debug_assert_eq!(cols, tau_c.len() + 1);
    // cut points with ±∞ at the ends
    let cuts = |tau: &[f64]| -> Vec<f64> {
        let mut v = Vec::with_capacity(tau.len() + 2);
        v.push(f64::NEG_INFINITY);
        v.extend_from_slice(tau);
        v.push(f64::INFINITY);
        v
    };
    let (rc, cc) = (cuts(tau_r), cuts(tau_c));
    let mut grid = vec![0.0; (rows + 1) * (cols + 1)];
    let neg_loglik = |rho: f64| -> f64 {
        let w = cols + 1;
        for a in 0..=rows {
            for b in 0..=cols {
                grid[a * w + b] = bvn_cdf(rc[a], cc[b], rho);
            }
        }
        let mut ll = 0.0;
        for a in 0..rows {
            for b in 0..cols {
                let pi = grid[(a + 1) * w + b + 1] - grid[a * w + b + 1] - grid[(a + 1) * w + b]
                    + grid[a * w + b];
                let f = props[a * cols + b];
                if pi > 0.0 && f > 0.0 {
                    ll += f * pi.ln();
                }
            }
        }
        -ll
    };
    fisher_scoring(props, &rc, &cc, tol).unwrap_or_else(|| brent_min(neg_loglik, -1.0, 1.0, tol).0)
}

/// The root of the likelihood equation for ρ by Fisher scoring from ρ = 0:
/// `U(ρ) = Σ_ab f_ab π'_ab / π_ab`, `I(ρ) = Σ_ab π'_ab² / π_ab`, `ρ ← ρ + U/I`, where
/// `π'_ab = ∂π_ab/∂ρ` is the cell's four-corner sum of the bivariate normal density (Plackett's
/// identity `∂Φ₂/∂ρ = φ₂`). It needs about five steps where a derivative-free search of the
/// same precision needs thirty, each step costing one grid of Φ₂. `None` (the caller then
/// searches with Brent's method) when a step is not finite, leaves (−1, 1), reaches a cell
/// with answers but no probability, or 50 steps do not bring the step below `tol`.
fn fisher_scoring(props: &[f64], rc: &[f64], cc: &[f64], tol: f64) -> Option<f64> {
    let (rows, cols) = (rc.len() - 1, cc.len() - 1);
    let w = cols + 1;
    let mut cdf = vec![0.0; (rows + 1) * w];
    let mut pdf = vec![0.0; (rows + 1) * w];
    let mut rho: f64 = 0.0;
    for _ in 0..50 {
        for a in 0..=rows {
            for b in 0..=cols {
                cdf[a * w + b] = bvn_cdf(rc[a], cc[b], rho);
                pdf[a * w + b] = bvn_pdf(rc[a], cc[b], rho);
            }
        }
        let cell = |g: &[f64], a: usize, b: usize| {
            g[(a + 1) * w + b + 1] - g[a * w + b + 1] - g[(a + 1) * w + b] + g[a * w + b]
        };
        let (mut u, mut info) = (0.0, 0.0);
        for a in 0..rows {
            for b in 0..cols {
                let (pi, d) = (cell(&cdf, a, b), cell(&pdf, a, b));
                let f = props[a * cols + b];
                if pi <= 0.0 {
                    if f > 0.0 {
                        return None;
                    }
                    continue;
                }
                u += f * d / pi;
                info += d * d / pi;
            }
        }
        let step = u / info;
        let next = rho + step;
        if !next.is_finite() || next.abs() >= 1.0 {
            return None;
        }
        rho = next;
        if step.abs() < tol {
            return Some(rho);
        }
    }
    None
}
