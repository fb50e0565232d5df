//! Starting values.
//!
//! User `start()` values win. Otherwise, in the spirit of lavaan's "simple" starts with
//! the sign of each loading taken from the data: residual variances are half the observed
//! variances; a factor's variance is half its marker's variance (divided by the squared
//! marker loading); loadings are `cov(x_i, x_marker) / (λ_marker ψ)`; intercepts are the
//! sample means; covariances, regressions and latent means start at 0.

use nalgebra::{DMatrix, DVector};
use psym_model::{Layout, Matrix, Op, ParTable};

use crate::sample::Sample;

/// The marker (first observed indicator) of each latent variable in `group`.
fn markers(table: &ParTable, layout: &Layout, group: usize) -> Vec<Option<(usize, f64)>> {
    let mut out = vec![None; layout.m];
    for (r, s) in table.rows.iter().zip(&layout.slots) {
        if r.group == group && s.matrix == Matrix::Lambda && out[s.col].is_none() {
            let fixed = if r.free.is_none() { r.value } else { f64::NAN };
            out[s.col] = Some((s.row, fixed));
        }
    }
    out
}

/// A latent variable's starting variance and its marker's loading.
fn factor_scale(
    table: &ParTable,
    layout: &Layout,
    group: usize,
    cov: &DMatrix<f64>,
) -> Vec<(f64, f64)> {
    let marks = markers(table, layout, group);
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
                Some((r, lam)) => {
                    let half = 0.5 * cov[(r, r)].max(1e-6);
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
        let (mean, cov): (DVector<f64>, DMatrix<f64>) = sample.pooled();
        let scale = factor_scale(table, layout, group, &cov);
        let marks = markers(table, layout, group);
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
                    Matrix::Theta if i == j => 0.5 * cov[(i, i)],
                    Matrix::Psi if i == j => scale[i].0,
                    Matrix::Lambda => match marks[j] {
                        Some((m, _)) if m == i => scale[j].1,
                        Some((m, _)) => cov[(i, m)] / (scale[j].1 * scale[j].0),
                        None => 1.0,
                    },
                    Matrix::Beta if r.op == Op::Measure => 1.0,
                    Matrix::Nu => mean[i],
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
