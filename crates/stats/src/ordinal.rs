//! Sample statistics of ordinal items for least-squares estimation (WLS, DWLS): thresholds,
//! polychoric correlations and their asymptotic covariance matrix Γ (Muthén 1984; as lavaan's
//! two-step estimator with `missing = "listwise"` or `"pairwise"`).
//!
//! With rows i = 1…N and each item's categories coded 1…K_j:
//! - thresholds τ_j from each item's margins, polychoric ρ_jl from each pair's table given
//!   those thresholds ([`crate::polychoric`], no continuity correction);
//! - casewise scores: the univariate log-likelihood `log(Φ(τ_k) − Φ(τ_{k−1}))` of the case's
//!   category k gives `∂/∂τ_k = φ(τ_k)/P_k`, `∂/∂τ_{k−1} = −φ(τ_{k−1})/P_k`; the bivariate
//!   log-likelihood `log π_ab` of the case's cell gives `∂/∂ρ = Σ± φ₂(τ, τ'; ρ) / π_ab` over
//!   the cell's four corners and `∂/∂τ` (either item's thresholds) from
//!   `∂Φ₂(s, t; ρ)/∂s = φ(s) Φ((t − ρs)/√(1 − ρ²))`;
//! - the estimating equations are the thresholds' univariate scores and the correlations'
//!   bivariate ρ-scores, whose Jacobian is block lower triangular: A₁₁ (per item, the outer
//!   product of its threshold scores), A₂₂ (per pair, the sum of squared ρ-scores) and A₂₁
//!   (the ρ-scores against the bivariate threshold scores); with `B = A⁻¹` (`B₂₁ =
//!   −A₂₂⁻¹A₂₁A₁₁⁻¹`) and S the N × (thresholds + pairs) matrix of estimating-equation scores,
//!   `Γ = N · B SᵀS Bᵀ` (the sandwich of M-estimation; Γ/N is the asymptotic covariance of the
//!   estimates).
//!
//! Γ's rows are the thresholds item by item, then the correlations of the pairs (1,2), (1,3),
//! …, (1,p), (2,3), … — lavaan's order.
//!
//! Listwise ([`ordinal_stats`]): the rows are the complete rows. Pairwise
//! ([`ordinal_stats_with`] and [`MissingPolicy::Pairwise`], lavaan's `missing = "pairwise"`):
//! the rows are those with at least one answer (lavaan ignores empty cases), each item's
//! thresholds come from its answered rows, each pair's ρ from the rows answering both, and a
//! row's score for a statistic it has no answer for is 0 — lavaan's `muthen1984` sums the score
//! cross-products with `na.rm = TRUE` — so A₁₁, A₂₁, A₂₂ and SᵀS sum over the rows that answer,
//! and `Γ = N · B SᵀS Bᵀ` with N the rows used.

use nalgebra::{DMatrix, DVector};

use crate::bvn::{bvn_cdf, bvn_pdf, norm_cdf};
use crate::polychoric::{PolychoricOptions, polychoric};
use crate::{MissingPolicy, StatsError, cov};

/// Thresholds, polychoric correlations and Γ of ordinal items.
#[derive(Debug, Clone, PartialEq)]
pub struct OrdinalStats {
    /// Complete rows used.
    pub n: usize,
    /// Each item's thresholds between its observed categories.
    pub thresholds: Vec<Vec<f64>>,
    /// Polychoric correlations (unit diagonal).
    pub correlations: DMatrix<f64>,
    /// N times the asymptotic covariance matrix of (thresholds, correlations) (module docs).
    pub gamma: DMatrix<f64>,
}

/// Standard normal density.
pub(crate) fn phi(x: f64) -> f64 {
    if x.is_finite() {
        (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
    } else {
        0.0
    }
}

/// `∂Φ₂(s, t; ρ)/∂s = φ(s) Φ((t − ρs)/√(1 − ρ²))` (0 at an infinite s).
fn d_bvn(s: f64, t: f64, rho: f64) -> f64 {
    if !s.is_finite() {
        return 0.0;
    }
    phi(s) * norm_cdf((t - rho * s) / (1.0 - rho * rho).sqrt())
}

/// The cut points of an item's categories: −∞, τ₁, …, τ_{K−1}, +∞.
pub(crate) fn cuts(tau: &[f64]) -> Vec<f64> {
    let mut c = Vec::with_capacity(tau.len() + 2);
    c.push(f64::NEG_INFINITY);
    c.extend_from_slice(tau);
    c.push(f64::INFINITY);
    c
}

/// Thresholds, polychoric correlations and Γ of the columns of `data` (values are ordered
/// categories, `NaN` missing) over its complete rows.
///
/// # Errors
/// As [`polychoric`]: an item with one category, fewer than two complete rows.
pub fn ordinal_stats(data: &DMatrix<f64>) -> Result<OrdinalStats, StatsError> {
    ordinal_stats_with(data, MissingPolicy::Listwise)
}

/// Thresholds, polychoric correlations and Γ of the columns of `data` under the missing-data
/// rule `missing` (module docs): listwise as [`ordinal_stats`], or pairwise as lavaan's
/// `missing = "pairwise"`.
///
/// # Errors
/// As [`polychoric`]: an item with one category, fewer than two complete rows (listwise), a
/// pair answered together by fewer than two rows (pairwise).
pub fn ordinal_stats_with(
    data: &DMatrix<f64>,
    missing: MissingPolicy,
) -> Result<OrdinalStats, StatsError> {
    let pc = polychoric(
        data,
        &PolychoricOptions {
            missing,
            ..PolychoricOptions::LAVAAN
        },
    )?;
    let rows: Vec<usize> = match missing {
        MissingPolicy::Listwise => cov::complete_rows(data),
        MissingPolicy::Pairwise => (0..data.nrows())
            .filter(|&i| data.row(i).iter().any(|v| !v.is_nan()))
            .collect(),
    };
    let (n, p) = (rows.len(), data.ncols());
    // category of each row used per item, 0-based; None when not answered
    let code = |i: usize, j: usize| {
        let v = data[(rows[i], j)];
        pc.categories[j].iter().position(|c| *c == v)
    };
    let cut: Vec<Vec<f64>> = pc.thresholds.iter().map(|t| cuts(t)).collect();
    let offsets = offsets(pc.thresholds.iter().map(Vec::len));
    let n_th = offsets.last().map_or(0, |o| o + pc.thresholds[p - 1].len());
    let pairs = pairs(p);
    let m = n_th + pairs.len();
    let codes: Vec<Vec<Option<usize>>> = (0..p)
        .map(|j| (0..n).map(|i| code(i, j)).collect())
        .collect();
    let items = items(&cut, &codes, &offsets);
    let mut scores = DMatrix::zeros(n, m);
    for item in &items {
        item.threshold_scores(&mut scores);
    }
    let mut a21 = DMatrix::zeros(pairs.len(), n_th);
    let mut a22: DVector<f64> = DVector::zeros(pairs.len());
    for (q, &(a, b)) in pairs.iter().enumerate() {
        let mut row = vec![0.0; n_th];
        let (rho_scores, info) = ordinal_pair(pc.matrix[(a, b)], &items[a], &items[b], &mut row);
        a22[q] = info;
        a21.row_mut(q).copy_from_slice(&row);
        scores.column_mut(n_th + q).copy_from_slice(&rho_scores);
    }
    let blocks: Vec<Vec<usize>> = (offsets.iter().zip(&pc.thresholds))
        .map(|(&o, tau)| (o..o + tau.len()).collect())
        .collect();
    let gamma = sandwich(&scores, &blocks, &a21, &a22);
    Ok(OrdinalStats {
        n,
        thresholds: pc.thresholds,
        correlations: pc.matrix,
        gamma,
    })
}

/// The first column of each of consecutive blocks of `widths` columns.
pub(crate) fn offsets(widths: impl IntoIterator<Item = usize>) -> Vec<usize> {
    (widths.into_iter())
        .scan(0, |acc, w| {
            let o = *acc;
            *acc += w;
            Some(o)
        })
        .collect()
}

/// The pairs a < b of p variables in lavaan's order.
pub(crate) fn pairs(p: usize) -> Vec<(usize, usize)> {
    (0..p)
        .flat_map(|a| (a + 1..p).map(move |b| (a, b)))
        .collect()
}

/// The [`Item`] of each variable j: cut points `cut[j]`, categories `codes[j]` and first
/// column `offsets[j]`.
pub(crate) fn items<'a>(
    cut: &'a [Vec<f64>],
    codes: &'a [Vec<Option<usize>>],
    offsets: &[usize],
) -> Vec<Item<'a>> {
    (0..cut.len())
        .map(|j| Item {
            cut: &cut[j],
            codes: &codes[j],
            offset: offsets[j],
        })
        .collect()
}

/// An ordinal variable as the score computations see it: its cut points, each row's category
/// (`None`: not answered) and the column of its first threshold among the statistics.
pub(crate) struct Item<'a> {
    /// −∞, τ₁, …, τ_{K−1}, +∞.
    pub cut: &'a [f64],
    /// Each row's category, 0-based.
    pub codes: &'a [Option<usize>],
    /// Column of τ₁.
    pub offset: usize,
}

impl Item<'_> {
    /// Number of thresholds.
    fn k(&self) -> usize {
        self.cut.len() - 2
    }

    /// Adds the univariate threshold scores of every row to `scores` (module docs):
    /// `∂/∂τ_k = φ(τ_k)/P_k`, `∂/∂τ_{k−1} = −φ(τ_{k−1})/P_k`.
    pub fn threshold_scores(&self, scores: &mut DMatrix<f64>) {
        let c = self.cut;
        for (i, k) in self.codes.iter().enumerate() {
            let Some(k) = *k else { continue };
            let prob = norm_cdf(c[k + 1]) - norm_cdf(c[k]);
            if k < self.k() {
                scores[(i, self.offset + k)] += phi(c[k + 1]) / prob;
            }
            if k > 0 {
                scores[(i, self.offset + k - 1)] -= phi(c[k]) / prob;
            }
        }
    }
}

/// The bivariate scores of a pair of ordinal items at their polychoric `rho` (module docs):
/// each row's ρ-score (0 when the row misses either item), and the pair's diagonal entry of
/// A₂₂ (the sum of squared ρ-scores); the pair's row of A₂₁ (ρ-scores against the bivariate
/// threshold scores) is added to `a21` at the items' offsets. Every quantity depends on the
/// row only through its cell of the pair's table, so it is computed once per cell and summed
/// with the cell's count.
pub(crate) fn ordinal_pair(rho: f64, a: &Item, b: &Item, a21: &mut [f64]) -> (Vec<f64>, f64) {
    let (ca, cb) = (a.cut, b.cut);
    let (ka_n, kb_n) = (ca.len() - 1, cb.len() - 1);
    let mut count = vec![0usize; ka_n * kb_n];
    for (ka, kb) in a.codes.iter().zip(b.codes) {
        if let (Some(ka), Some(kb)) = (ka, kb) {
            count[ka * kb_n + kb] += 1;
        }
    }
    let mut a22 = 0.0;
    let mut d_rho_of = vec![0.0; ka_n * kb_n];
    for ka in 0..ka_n {
        for kb in 0..kb_n {
            let m = count[ka * kb_n + kb];
            if m == 0 {
                continue;
            }
            let (lo_a, hi_a, lo_b, hi_b) = (ca[ka], ca[ka + 1], cb[kb], cb[kb + 1]);
            let pi = bvn_cdf(hi_a, hi_b, rho) - bvn_cdf(lo_a, hi_b, rho) - bvn_cdf(hi_a, lo_b, rho)
                + bvn_cdf(lo_a, lo_b, rho);
            let d_rho =
                (bvn_pdf(hi_a, hi_b, rho) - bvn_pdf(lo_a, hi_b, rho) - bvn_pdf(hi_a, lo_b, rho)
                    + bvn_pdf(lo_a, lo_b, rho))
                    / pi;
            d_rho_of[ka * kb_n + kb] = d_rho;
            let m = m as f64;
            a22 += m * d_rho * d_rho;
            // item a's thresholds: τ_ka (upper cut) and τ_{ka−1} (lower cut)
            let da = |s: f64| (d_bvn(s, hi_b, rho) - d_bvn(s, lo_b, rho)) / pi;
            let db = |t: f64| (d_bvn(t, hi_a, rho) - d_bvn(t, lo_a, rho)) / pi;
            if ka < a.k() {
                a21[a.offset + ka] += m * d_rho * da(hi_a);
            }
            if ka > 0 {
                a21[a.offset + ka - 1] -= m * d_rho * da(lo_a);
            }
            if kb < b.k() {
                a21[b.offset + kb] += m * d_rho * db(hi_b);
            }
            if kb > 0 {
                a21[b.offset + kb - 1] -= m * d_rho * db(lo_b);
            }
        }
    }
    let scores = (a.codes.iter().zip(b.codes))
        .map(|(ka, kb)| match (ka, kb) {
            (Some(ka), Some(kb)) => d_rho_of[ka * kb_n + kb],
            _ => 0.0,
        })
        .collect();
    (scores, a22)
}

/// `Γ = N · B SᵀS Bᵀ` (module docs) from the N × m score matrix S whose first `a21.ncols()`
/// columns are the univariate statistics and the rest the correlations: A₁₁ is SᵀS on each
/// variable's `blocks` of univariate columns (zero between variables), `B₁₁ = A₁₁⁻¹`,
/// `B₂₂ = A₂₂⁻¹` (diagonal), `B₂₁ = −A₂₂⁻¹A₂₁A₁₁⁻¹`.
pub(crate) fn sandwich(
    scores: &DMatrix<f64>,
    blocks: &[Vec<usize>],
    a21: &DMatrix<f64>,
    a22: &DVector<f64>,
) -> DMatrix<f64> {
    let (n, m) = scores.shape();
    let (n_pairs, n_uni) = a21.shape();
    // SᵀS through an explicit transpose: nalgebra's `tr_mul` forms each entry as a dot product,
    // while the product of two matrices goes through its blocked, vectorised gemm (about ten
    // times faster at 2,800 × 425)
    let inner = scores.transpose() * scores;
    let mut a11_inv = DMatrix::zeros(n_uni, n_uni);
    for idx in blocks {
        let k = idx.len();
        let block = DMatrix::from_fn(k, k, |r, c| inner[(idx[r], idx[c])]);
        // finite scores always invert; otherwise Γ becomes NaN for the caller to see
        let inv = crate::linalg::pseudo_inverse(&block)
            .unwrap_or_else(|| DMatrix::from_element(k, k, f64::NAN));
        for r in 0..k {
            for c in 0..k {
                a11_inv[(idx[r], idx[c])] = inv[(r, c)];
            }
        }
    }
    let a22_inv = DMatrix::from_diagonal(&a22.map(|v| 1.0 / v));
    let b21 = -(&a22_inv * a21 * &a11_inv);
    let mut b = DMatrix::zeros(m, m);
    b.view_mut((0, 0), (n_uni, n_uni)).copy_from(&a11_inv);
    b.view_mut((n_uni, 0), (n_pairs, n_uni)).copy_from(&b21);
    b.view_mut((n_uni, n_uni), (n_pairs, n_pairs))
        .copy_from(&a22_inv);
    (&b * inner * b.transpose()) * n as f64
}
