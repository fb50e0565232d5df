//! Sample statistics of mixed ordinal and continuous variables for least-squares estimation
//! (lavaan's two-step `muthen1984` with `ordered =` naming some of the variables; Muthén 1984),
//! over the complete rows.
//!
//! Step 1, per variable: an ordinal item's thresholds from its margins (as
//! [`crate::ordinal`]); a continuous variable's mean ȳ and ML variance `Σ(y − ȳ)²/N`. Step 2,
//! per pair, given step 1: the polychoric ρ of two ordinal items ([`crate::polychoric`]), the
//! polyserial ρ of an ordinal and a continuous variable ([`crate::polyserial`]), the Pearson
//! r of two continuous ones (the ML estimate of a bivariate normal's ρ given the means and
//! variances).
//!
//! The statistics, in lavaan's order (`lav_samplestats_wls_obs`, `WLS.obs`):
//! - each variable in turn: an ordinal item's thresholds, a continuous variable's −ȳ (lavaan
//!   stores the mean as the "threshold" `0 − ȳ`);
//! - the variances of the continuous variables;
//! - the covariances of the pairs (1,2), (1,3), …: ρ for two ordinal items, `ρ σ_a` for an
//!   ordinal item and a continuous variable a, `r σ_a σ_b` for two continuous variables
//!   (lavaan's `cor2cov` of the correlations with unit variances for ordinal items).
//!
//! Γ (N times their asymptotic covariance) is the sandwich of [`crate::ordinal`] with the
//! univariate estimating equations of the thresholds, means and variances, and the bivariate
//! ρ-scores of each pair ([`crate::polyserial::polyserial_scores`] for mixed pairs; for two
//! continuous variables the bivariate normal's scores, lavaan's `lav_bvreg_cor_scores`):
//! `Γ_ρ = N · B SᵀS Bᵀ`, A₁₁ block diagonal by variable (a continuous variable's block is its
//! mean and variance). The correlations become covariances by the delta method:
//! `Γ = H Γ_ρ Hᵀ`, H the identity but for a pair's row: `∂(ρσ_a)/∂ρ = σ_a`, `∂(ρσ_a)/∂σ_a² =
//! ρ/(2σ_a)`, `∂(rσ_aσ_b)/∂r = σ_aσ_b`, `∂(rσ_aσ_b)/∂σ_a² = rσ_b/(2σ_a)`; finally the rows and
//! columns of the means change sign with them (as lavaan's `muthen1984`).

use nalgebra::{DMatrix, DVector};

use crate::ordinal::{cuts, items, offsets, ordinal_pair, pairs, sandwich};
use crate::polychoric::{PolychoricOptions, polychoric};
use crate::polyserial::{Continuous, polyserial, polyserial_scores};
use crate::{StatsError, Subject, cov};

/// Thresholds, means, variances, correlations and Γ of mixed ordinal and continuous variables.
#[derive(Debug, Clone, PartialEq)]
pub struct MixedStats {
    /// Complete rows used.
    pub n: usize,
    /// Which variables are ordinal.
    pub ordered: Vec<bool>,
    /// Each ordinal item's thresholds (empty for a continuous variable).
    pub thresholds: Vec<Vec<f64>>,
    /// Each continuous variable's mean (0 for an ordinal item).
    pub means: Vec<f64>,
    /// Each continuous variable's ML variance (1 for an ordinal item).
    pub variances: Vec<f64>,
    /// Polychoric, polyserial and Pearson correlations (unit diagonal).
    pub correlations: DMatrix<f64>,
    /// The covariances `ρ_ab σ_a σ_b` (σ = 1 for an ordinal item), variances on the diagonal.
    pub covariances: DMatrix<f64>,
    /// The statistics in lavaan's order (module docs).
    pub statistics: DVector<f64>,
    /// N times the asymptotic covariance matrix of `statistics`.
    pub gamma: DMatrix<f64>,
}

/// The sample statistics of the columns of `data` (`NaN` missing; complete rows used), column j
/// ordinal when `ordered[j]` (values are ordered categories) and continuous otherwise.
///
/// # Errors
/// Fewer than two complete rows; an ordinal item with one category
/// ([`StatsError::TooFewCategories`]); a continuous variable without variance
/// ([`StatsError::ZeroVariance`]).
///
/// # Panics
/// When `ordered.len()` differs from the number of columns.
pub fn mixed_stats(data: &DMatrix<f64>, ordered: &[bool]) -> Result<MixedStats, StatsError> {
    assert_eq!(ordered.len(), data.ncols(), "one flag per column");
    let rows = cov::complete_rows(data);
    let (n, p) = (rows.len(), data.ncols());
    if n < 2 {
        return Err(StatsError::TooFewObservations {
            needed: 2,
            found: n,
            subject: Subject::Whole,
        });
    }
    let x = DMatrix::from_fn(n, p, |i, j| data[(rows[i], j)]);
    let ord: Vec<usize> = (0..p).filter(|&j| ordered[j]).collect();
    let pc = polychoric(&x.select_columns(&ord), &PolychoricOptions::LAVAAN)
        .map_err(|e| renumber(e, &ord))?;
    let cols: Vec<Vec<f64>> = (0..p)
        .map(|j| x.column(j).iter().copied().collect())
        .collect();
    let cont: Vec<Option<Continuous>> = (0..p)
        .map(|j| (!ordered[j]).then(|| Continuous::of(&cols[j])))
        .collect();
    if let Some(j) = (0..p).find(|&j| cont[j].as_ref().is_some_and(|c| c.var <= 0.0)) {
        return Err(StatsError::ZeroVariance { item: j });
    }
    // per variable: thresholds, categories and cut points (ordinal), in data order
    let mut thresholds = vec![Vec::new(); p];
    let mut codes: Vec<Vec<Option<usize>>> = vec![Vec::new(); p];
    for (o, &j) in ord.iter().enumerate() {
        thresholds[j] = pc.thresholds[o].clone();
        codes[j] = (0..n)
            .map(|i| pc.categories[o].iter().position(|c| *c == x[(i, j)]))
            .collect();
    }
    let cut: Vec<Vec<f64>> = thresholds.iter().map(|t| cuts(t)).collect();
    // columns: each variable's thresholds or mean, the continuous variances, the pairs
    let width = |j: usize| if ordered[j] { thresholds[j].len() } else { 1 };
    let offsets = offsets((0..p).map(width));
    let n_th: usize = (0..p).map(width).sum();
    let num: Vec<usize> = (0..p).filter(|&j| !ordered[j]).collect();
    let var_col = |j: usize| n_th + num.iter().position(|&k| k == j).expect("continuous");
    let n_uni = n_th + num.len();
    let pairs = pairs(p);
    let m = n_uni + pairs.len();
    let mut scores = DMatrix::zeros(n, m);
    let items = items(&cut, &codes, &offsets);
    for j in 0..p {
        match &cont[j] {
            None => items[j].threshold_scores(&mut scores),
            Some(c) => {
                for i in 0..n {
                    let (dm, dv) = c.scores(i);
                    scores[(i, offsets[j])] = dm;
                    scores[(i, var_col(j))] = dv;
                }
            }
        }
    }
    let mut rho = DMatrix::identity(p, p);
    let mut a21 = DMatrix::zeros(pairs.len(), n_uni);
    let mut a22 = DVector::zeros(pairs.len());
    let mut h = DMatrix::identity(m, m);
    for (q, &(a, b)) in pairs.iter().enumerate() {
        let mut row = vec![0.0; n_uni];
        let col = n_uni + q;
        let r = match (&cont[a], &cont[b]) {
            (None, None) => {
                let o = |j| ord.iter().position(|&k| k == j).expect("ordinal");
                let r = pc.matrix[(o(a), o(b))];
                let (s, info) = ordinal_pair(r, &items[a], &items[b], &mut row);
                scores.column_mut(col).copy_from_slice(&s);
                a22[q] = info;
                r
            }
            (Some(c), None) | (None, Some(c)) => {
                let (y, k) = if ordered[a] { (b, a) } else { (a, b) };
                let ks: Vec<usize> = codes[k].iter().map(|c| c.expect("complete")).collect();
                let r = polyserial(c, &ks, &thresholds[k]);
                let t = &thresholds[k];
                for (i, &kc) in ks.iter().enumerate() {
                    let s = polyserial_scores(c, i, kc, t, r);
                    scores[(i, col)] = s.rho;
                    a22[q] += s.rho * s.rho;
                    row[offsets[y]] += s.rho * s.mean;
                    row[var_col(y)] += s.rho * s.var;
                    if kc < t.len() {
                        row[offsets[k] + kc] += s.rho * s.upper;
                    }
                    if kc > 0 {
                        row[offsets[k] + kc - 1] += s.rho * s.lower;
                    }
                }
                let sd = c.var.sqrt();
                h[(col, col)] = sd;
                h[(col, var_col(y))] = r / (2.0 * sd);
                r
            }
            (Some(ca), Some(cb)) => {
                let r = pearson(ca, cb);
                for i in 0..n {
                    let s = pearson_scores(ca, cb, i, r);
                    scores[(i, col)] = s[4];
                    a22[q] += s[4] * s[4];
                    for (c, v) in [offsets[a], offsets[b], var_col(a), var_col(b)]
                        .into_iter()
                        .zip(&s[..4])
                    {
                        row[c] += s[4] * v;
                    }
                }
                let (sa, sb) = (ca.var.sqrt(), cb.var.sqrt());
                h[(col, col)] = sa * sb;
                h[(col, var_col(a))] = r * sb / (2.0 * sa);
                h[(col, var_col(b))] = r * sa / (2.0 * sb);
                r
            }
        };
        rho[(a, b)] = r;
        rho[(b, a)] = r;
        a21.row_mut(q).copy_from_slice(&row);
    }
    let blocks: Vec<Vec<usize>> = (0..p)
        .map(|j| match ordered[j] {
            true => (offsets[j]..offsets[j] + width(j)).collect(),
            false => vec![offsets[j], var_col(j)],
        })
        .collect();
    let mut gamma = &h * sandwich(&scores, &blocks, &a21, &a22) * h.transpose();
    for &j in &num {
        let o = offsets[j];
        gamma.row_mut(o).neg_mut();
        gamma.column_mut(o).neg_mut();
    }
    let means: Vec<f64> = cont
        .iter()
        .map(|c| c.as_ref().map_or(0.0, |c| c.mean))
        .collect();
    let variances: Vec<f64> = cont
        .iter()
        .map(|c| c.as_ref().map_or(1.0, |c| c.var))
        .collect();
    let sd = DVector::from_iterator(p, variances.iter().map(|v| v.sqrt()));
    let covariances = DMatrix::from_fn(p, p, |a, b| rho[(a, b)] * sd[a] * sd[b]);
    let statistics = DVector::from_iterator(
        m,
        (0..p)
            .flat_map(|j| match ordered[j] {
                true => thresholds[j].clone(),
                false => vec![-means[j]],
            })
            .chain(num.iter().map(|&j| variances[j]))
            .chain(pairs.iter().map(|&(a, b)| covariances[(a, b)])),
    );
    Ok(MixedStats {
        n,
        ordered: ordered.to_vec(),
        thresholds,
        means,
        variances,
        correlations: rho,
        covariances,
        statistics,
        gamma,
    })
}

/// An error about the ordinal columns `ord` renumbered to the columns of the data.
fn renumber(e: StatsError, ord: &[usize]) -> StatsError {
    match e {
        StatsError::TooFewCategories { item } => StatsError::TooFewCategories { item: ord[item] },
        other => other,
    }
}

/// Pearson's r of two complete continuous variables (the divisors cancel).
fn pearson(a: &Continuous, b: &Continuous) -> f64 {
    let n = a.y.len() as f64;
    let cross: f64 = (a.y.iter().zip(b.y))
        .map(|(x, y)| (x - a.mean) * (y - b.mean))
        .sum();
    cross / n / (a.var * b.var).sqrt()
}

/// The casewise scores of the bivariate normal log-likelihood of case i (lavaan's
/// `lav_bvreg_cor_scores`), with `z = (y − ȳ)/σ` and `R = 1 − r²`: `[∂/∂μ_a, ∂/∂μ_b,
/// ∂/∂σ_a², ∂/∂σ_b², ∂/∂r]` = `(z_a − r z_b)/(σ_a R)`, …, `−(1 − (z_a² − r z_a z_b)/R)/(2σ_a²)`,
/// …, `r/R + z_a z_b/R − r (z_a² − 2r z_a z_b + z_b²)/R²`.
fn pearson_scores(a: &Continuous, b: &Continuous, i: usize, r: f64) -> [f64; 5] {
    let (sa, sb) = (a.var.sqrt(), b.var.sqrt());
    let (za, zb) = ((a.y[i] - a.mean) / sa, (b.y[i] - b.mean) / sb);
    let big_r = 1.0 - r * r;
    let q = za * za - 2.0 * r * za * zb + zb * zb;
    [
        (za - r * zb) / (sa * big_r),
        (zb - r * za) / (sb * big_r),
        -(1.0 - (za * za - r * za * zb) / big_r) / (2.0 * a.var),
        -(1.0 - (zb * zb - r * za * zb) / big_r) / (2.0 * b.var),
        r / big_r + za * zb / big_r - r * q / (big_r * big_r),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bivariate normal scores are the derivatives of the case's log-likelihood:
    /// central differences agree to 1e-6 (O(h²) with h = 1e-5).
    #[test]
    fn pearson_scores_are_derivatives() {
        let (ya, yb) = ([0.3, 1.2, -0.7, 2.1], [1.0, 0.4, -0.2, 1.9]);
        let (a, b) = (Continuous::of(&ya), Continuous::of(&yb));
        let (i, r) = (1, 0.4);
        let ll = |ma: f64, mb: f64, va: f64, vb: f64, r: f64| {
            let (za, zb) = ((ya[i] - ma) / va.sqrt(), (yb[i] - mb) / vb.sqrt());
            let q = (za * za - 2.0 * r * za * zb + zb * zb) / (1.0 - r * r);
            -0.5 * (va * vb * (1.0 - r * r)).ln() - 0.5 * q
        };
        let s = pearson_scores(&a, &b, i, r);
        let h = 1e-5;
        let (ma, mb, va, vb) = (a.mean, b.mean, a.var, b.var);
        let d = |f: &dyn Fn(f64) -> f64| (f(h) - f(-h)) / (2.0 * h);
        let fd = [
            d(&|e| ll(ma + e, mb, va, vb, r)),
            d(&|e| ll(ma, mb + e, va, vb, r)),
            d(&|e| ll(ma, mb, va + e, vb, r)),
            d(&|e| ll(ma, mb, va, vb + e, r)),
            d(&|e| ll(ma, mb, va, vb, r + e)),
        ];
        for (k, (f, s)) in fd.iter().zip(s).enumerate() {
            assert!((f - s).abs() < 1e-6, "score {k}: {f} vs {s}");
        }
    }
}
