//! Item analysis: how each item relates to the rest of its scale (psych::alpha's
//! `item.stats` and `alpha.drop`).

use nalgebra::DMatrix;
use psym_stats::cov;
use serde::Serialize;

use crate::alpha::{clamped_smc, raw_alpha};

/// Statistics of one item within its scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// Item id.
    pub item: String,
    /// Whether the item was reverse-keyed before the analysis.
    pub reversed: bool,
    /// Respondents who answered the item (among those used).
    pub n: usize,
    /// Mean of the (keyed) item.
    pub mean: Option<f64>,
    /// Standard deviation (`n − 1` denominator).
    pub sd: Option<f64>,
    /// Correlation of the item with the scale score (the mean of the answered items),
    /// pairwise-complete (psych `raw.r`).
    pub raw_r: Option<f64>,
    /// Correlation with the total of the standardized items, `Σ_k r_jk / √(1'R1)` (psych `std.r`).
    pub std_r: Option<f64>,
    /// As `std_r` with the item's own correlation replaced by its squared multiple
    /// correlation, `(Σ_k≠j r_jk + smc_j) / √(1'R*1)`, which corrects for item overlap (psych
    /// `r.cor`).
    pub r_cor: Option<f64>,
    /// Corrected item–total correlation: the item with the sum of the other items,
    /// `(Σ_k≠j c_jk) / √(c_jj · 1'C₍₋ⱼ₎1)` (psych `r.drop`).
    pub r_drop: Option<f64>,
    /// Cronbach's alpha of the scale without this item (psych `alpha.drop$raw_alpha`); `None`
    /// for a two-item scale.
    pub alpha_if_deleted: Option<f64>,
}

/// The covariance-based part of [`ItemStats`] for each item of `c`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ItemCorrelations {
    pub std_r: f64,
    pub r_cor: Option<f64>,
    pub r_drop: f64,
    pub alpha_if_deleted: Option<f64>,
}

/// `std_r`, `r_cor`, `r_drop` and alpha-if-deleted of every item of the covariance matrix `c`
/// (formulas on [`ItemStats`]; psych::alpha, psych 2.2.9).
pub(crate) fn item_correlations(c: &DMatrix<f64>) -> Vec<ItemCorrelations> {
    let p = c.nrows();
    let r = cov::cov_to_cor(c);
    let sum_r = r.sum();
    let smc = clamped_smc(&r);
    let sum_rc = smc
        .as_ref()
        .map(|s| sum_r - p as f64 + s.iter().sum::<f64>());
    let total = c.sum();
    (0..p)
        .map(|j| {
            let col_r = r.column(j).sum();
            let col_c = c.column(j).sum();
            let rest = total - 2.0 * col_c + c[(j, j)];
            let alpha_if_deleted =
                (p > 2).then(|| raw_alpha(&c.clone().remove_row(j).remove_column(j)));
            ItemCorrelations {
                std_r: col_r / sum_r.sqrt(),
                r_cor: smc
                    .as_ref()
                    .zip(sum_rc)
                    .map(|(s, src)| (col_r - 1.0 + s[j]) / src.sqrt()),
                r_drop: (col_c - c[(j, j)]) / (c[(j, j)] * rest).sqrt(),
                alpha_if_deleted,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use psym_testdata::tolerance::CLOSED_FORM;

    /// Source: closed form. For two items r_drop is their correlation.
    #[test]
    fn two_items_r_drop_is_the_correlation() {
        let c = DMatrix::from_row_slice(2, 2, &[4.0, 1.2, 1.2, 1.0]);
        let s = item_correlations(&c);
        assert_abs_diff_eq!(s[0].r_drop, 0.6, epsilon = CLOSED_FORM);
        assert_abs_diff_eq!(s[1].r_drop, 0.6, epsilon = CLOSED_FORM);
        assert!(s[0].alpha_if_deleted.is_none());
    }

    /// Alpha if deleted equals alpha computed on the reduced matrix directly.
    #[test]
    fn alpha_if_deleted_matches_reduced_matrix() {
        let c = DMatrix::from_row_slice(3, 3, &[2.0, 0.8, 0.5, 0.8, 1.5, 0.3, 0.5, 0.3, 1.0]);
        let s = item_correlations(&c);
        let reduced = DMatrix::from_row_slice(2, 2, &[1.5, 0.3, 0.3, 1.0]);
        assert_abs_diff_eq!(
            s[0].alpha_if_deleted.unwrap(),
            raw_alpha(&reduced),
            epsilon = CLOSED_FORM
        );
    }
}
