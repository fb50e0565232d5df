//! Starting values.
//!
//! User `start()` values win. Otherwise a non-iterative estimate from the sample moments:
//! the common variance of a factor's reference indicator r (its marker: the indicator with
//! the largest fixed non-zero loading, else the first) is the mean of the triad estimates
//! `|s_ri s_rk / s_ik|` over pairs of its other indicators (Spearman's triads; half the
//! marker's variance when there are fewer than two), clipped to 10–90% of `s_rr`; the factor
//! variance (or, with `std_lv`, the marker loading) follows; other loadings are
//! `s_ir / (λ_r ψ)`; residual variances are what the factors leave of `s_ii` (at least 10%);
//! intercepts are the sample means; covariances, regressions and latent means start at 0.

use nalgebra::DMatrix;
use psym_model::{Layout, Matrix, Op, ParTable};

use crate::sample::Sample;

/// The reference indicator of each latent variable in `group`, with its fixed loading (NaN
/// when free): the indicator with the largest fixed non-zero loading in absolute value (the
/// marker, in the usual parameterisation), else the first indicator. A fixed loading of 0 (the
/// first time point of a growth model's slope) says nothing about the factor's scale, so it
/// is never the reference.
fn markers(table: &ParTable, layout: &Layout, group: usize) -> Vec<Option<(usize, f64)>> {
    let mut out: Vec<Option<(usize, f64)>> = vec![None; layout.m];
    for (r, s) in table.rows.iter().zip(&layout.slots) {
        if r.group != group || s.matrix != Matrix::Lambda {
            continue;
        }
        let fixed = if r.free.is_none() { r.value } else { f64::NAN };
        let better = match out[s.col] {
            None => true,
            Some((_, old)) => {
                (fixed.abs() > 0.0 && (old.is_nan() || old.abs() < fixed.abs()))
                    || (old == 0.0 && fixed.is_nan())
            }
        };
        if better {
            out[s.col] = Some((s.row, fixed));
        }
    }
    out
}

/// Observed indicators of each latent variable in `group`.
fn indicators(table: &ParTable, layout: &Layout, group: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); layout.m];
    for (r, s) in table.rows.iter().zip(&layout.slots) {
        if r.group == group && s.matrix == Matrix::Lambda {
            out[s.col].push(s.row);
        }
    }
    out
}

/// Common variance of marker `r` from triads with the other indicators.
fn common_variance(r: usize, ind: &[usize], cov: &DMatrix<f64>) -> f64 {
    let others: Vec<usize> = ind.iter().copied().filter(|&i| i != r).collect();
    let mut sum = 0.0;
    let mut count = 0.0;
    for (a, &i) in others.iter().enumerate() {
        for &k in &others[a + 1..] {
            if cov[(i, k)].abs() > 1e-12 {
                sum += (cov[(r, i)] * cov[(r, k)] / cov[(i, k)]).abs();
                count += 1.0;
            }
        }
    }
    let v = cov[(r, r)].max(1e-6);
    if count == 0.0 {
        0.5 * v
    } else {
        (sum / count).clamp(0.1 * v, 0.9 * v)
    }
}

/// A latent variable's starting variance and its marker's loading.
fn factor_scale(
    table: &ParTable,
    layout: &Layout,
    group: usize,
    cov: &DMatrix<f64>,
) -> Vec<(f64, f64)> {
    let marks = markers(table, layout, group);
    let inds = indicators(table, layout, group);
    (0..layout.m)
        .map(|j| {
            let fixed_var = table.rows.iter().zip(&layout.slots).find_map(|(r, s)| {
                (r.group == group
                    && s.matrix == Matrix::Psi
                    && s.row == j
                    && s.col == j
                    && r.free.is_none())
                .then_some(r.value)
            });
            match marks[j] {
                None => (fixed_var.unwrap_or(0.05), 1.0),
                // Only loadings fixed at 0: nothing to scale by (lavaan's default 0.05).
                Some((_, lam)) if lam == 0.0 => (fixed_var.unwrap_or(0.05), lam),
                Some((r, lam)) => {
                    let half = common_variance(r, &inds[j], cov);
                    match (fixed_var, lam.is_nan()) {
                        (Some(v), true) => (v, (half / v.max(1e-6)).sqrt()),
                        (Some(v), false) => (v, lam),
                        (None, true) => (half, 1.0),
                        (None, false) => (half / (lam * lam).max(1e-12), lam),
                    }
                }
            }
        })
        .collect()
}

/// Starting vector for `table` given one sample per group.
pub(crate) fn start_values(table: &ParTable, layout: &Layout, samples: &[Sample]) -> Vec<f64> {
    let mut theta = vec![f64::NAN; table.n_free];
    for (g, sample) in samples.iter().enumerate() {
        let group = g + 1;
        let (mean, cov) = sample.pooled();
        let scale = factor_scale(table, layout, group, cov);
        let marks = markers(table, layout, group);
        let loading = |i: usize, j: usize| match marks[j] {
            Some((m, _)) if m == i => scale[j].1,
            Some((m, _)) => cov[(i, m)] / (scale[j].1 * scale[j].0),
            None => 1.0,
        };
        let mut common = vec![0.0; layout.p];
        for (r, s) in table.rows.iter().zip(&layout.slots) {
            if r.group == group && s.matrix == Matrix::Lambda {
                let l = if r.free.is_some() {
                    loading(s.row, s.col)
                } else {
                    r.value
                };
                common[s.row] += l * l * scale[s.col].0;
            }
        }
        for (r, s) in table.rows.iter().zip(&layout.slots) {
            let Some(k) = r.free else { continue };
            if r.group != group || !theta[k].is_nan() {
                continue;
            }
            let (i, j) = (s.row, s.col);
            theta[k] = if !r.value.is_nan() {
                r.value
            } else {
                match s.matrix {
                    Matrix::Theta if i == j => (cov[(i, i)] - common[i]).max(0.1 * cov[(i, i)]),
                    Matrix::Psi if i == j => scale[i].0,
                    Matrix::Lambda => loading(i, j),
                    Matrix::Beta if r.op == Op::Measure => 1.0,
                    Matrix::Nu => mean[i],
                    Matrix::Delta => 1.0,
                    _ => 0.0,
                }
            };
        }
    }
    theta
        .iter()
        .map(|v| if v.is_finite() { *v } else { 0.0 })
        .collect()
}
