//! The statistics a model of mixed ordered and continuous variables implies (lavaan's
//! `ordered =` naming some of the variables; delta or theta parameterisation, which only
//! scales the ordered ones), in the order of the mixed sample statistics
//! ([`psym_stats::mixed`]), and their Jacobian.
//!
//! A continuous variable j has no thresholds and no scale factor (δ_j = 1); its intercept ν_j
//! and residual variance θ_jj are free parameters (lavaan's defaults). With `S = ΛΦΛᵀ + Θ` and
//! `μ = ν + Lα` ([`crate::implied`]) the model implies, beside the ordinal statistics of
//! [`crate::ordmoments`] (thresholds `(τ − μ)δ`, and `δ_a δ_b S_ab` for every pair, which with
//! δ = 1 is the covariance of a continuous variable with a latent response or with another
//! continuous variable):
//! - in the threshold block, at the variable's place, `−μ_j` (lavaan's sign, `0 − μ_j`);
//! - after the threshold block, the variances `S_jj` of the continuous variables.
//!
//! Derivatives: `∂(−μ_j) = −∂μ_j`, `∂S_jj` from [`crate::implied::jacobian`]; the rest are
//! the ordinal statistics' rows.

use nalgebra::{DMatrix, DVector};
use psym_model::{Layout, ParTable};

use crate::implied::{Implied, jacobian};

/// Where each mixed statistic comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    /// Row of the ordinal statistics ([`crate::ordmoments::implied_statistics`]).
    Ordinal(usize),
    /// `−μ_j` of continuous variable j.
    Mean(usize),
    /// `S_jj` of continuous variable j.
    Variance(usize),
}

/// The order of the mixed statistics in terms of the ordinal ones.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MixedOrder {
    rows: Vec<Source>,
}

impl MixedOrder {
    /// The order for variables with `thresholds[j]` thresholds each (0: continuous) and
    /// `n_pairs` pairs; `None` when every variable is ordered (the ordinal order is the mixed
    /// one).
    pub(crate) fn new(thresholds: &[usize], n_pairs: usize) -> Option<Self> {
        if thresholds.iter().all(|&k| k > 0) {
            return None;
        }
        let mut rows = Vec::new();
        let mut o = 0;
        for (j, &k) in thresholds.iter().enumerate() {
            match k {
                0 => rows.push(Source::Mean(j)),
                k => {
                    rows.extend((o..o + k).map(Source::Ordinal));
                    o += k;
                }
            }
        }
        rows.extend(
            (thresholds.iter().enumerate())
                .filter_map(|(j, &k)| (k == 0).then_some(Source::Variance(j))),
        );
        rows.extend((o..o + n_pairs).map(Source::Ordinal));
        Some(MixedOrder { rows })
    }

    /// The mixed statistics from the ordinal ones `ordinal` and the implied moments.
    pub(crate) fn statistics(&self, ordinal: &DVector<f64>, imp: &Implied) -> DVector<f64> {
        DVector::from_iterator(
            self.rows.len(),
            self.rows.iter().map(|s| match *s {
                Source::Ordinal(r) => ordinal[r],
                Source::Mean(j) => -imp.mu[j],
                Source::Variance(j) => imp.sigma[(j, j)],
            }),
        )
    }

    /// The mixed statistics' Jacobian from the ordinal one `ordinal` (statistics × free
    /// parameters) of `group`.
    pub(crate) fn jacobian(
        &self,
        ordinal: &DMatrix<f64>,
        table: &ParTable,
        layout: &Layout,
        imp: &Implied,
        group: usize,
    ) -> DMatrix<f64> {
        let moments = jacobian(table, layout, imp, group);
        DMatrix::from_fn(self.rows.len(), table.n_free, |r, k| match self.rows[r] {
            Source::Ordinal(o) => ordinal[(o, k)],
            Source::Mean(j) => -moments[k].1[j],
            Source::Variance(j) => moments[k].0[(j, j)],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ordmoments::{
        assert_central_differences, implied_statistics, moments_at, pairs, statistics_jacobian,
    };
    use psym_model::{ModelOptions, Parameterization, from_syntax};

    /// The analytic Jacobian agrees with central differences (1e-7: O(h²) error) in a model
    /// with two ordered and two continuous indicators, one of them with a residual covariance,
    /// in the delta and in the theta parameterisation.
    #[test]
    fn jacobian_matches_finite_differences() {
        for parameterization in [Parameterization::Delta, Parameterization::Theta] {
            let t = from_syntax(
                "f =~ x1 + x2 + x3 + x4\nx3 ~~ x4",
                &ModelOptions {
                    ordered: vec![("x1".into(), 2), ("x2".into(), 3)],
                    parameterization,
                    ..Default::default()
                },
            )
            .unwrap();
            let layout = Layout::new(&t);
            let order = MixedOrder::new(&layout.thresholds, 6).unwrap();
            let theta: Vec<f64> = (0..t.n_free).map(|k| 0.3 + 0.05 * k as f64).collect();
            let pairs = pairs(4);
            assert_eq!(t.parameterization, parameterization);
            let stats = |th: &[f64]| {
                let (m, imp, d) = moments_at(&t, &layout, th, 1);
                order.statistics(&implied_statistics(&m, &imp, &d, &pairs), &imp)
            };
            let (m, imp, d) = moments_at(&t, &layout, &theta, 1);
            let ord = statistics_jacobian(&t, &layout, (&m, &imp, &d), &pairs, 1);
            let jac = order.jacobian(&ord, &t, &layout, &imp, 1);
            // 2 + 3 thresholds, 2 means, 2 variances, 6 pairs
            assert_eq!(jac.nrows(), 15);
            let what = format!("{parameterization:?}");
            assert_central_differences(stats, &theta, &jac, 1e-7, &what);
        }
    }
}
