//! Sample quantiles as R's default `quantile(x, q, type = 7)`.

/// The `q` quantile of values sorted in increasing order, by R's type 7: linear interpolation
/// between the order statistics `x[⌊h⌋]` and `x[⌊h⌋ + 1]` at `h = (m − 1) q` (0-based; `q`
/// clamped to [0, 1]). `NaN` for no values.
///
/// Source: Hyndman & Fan (1996), definition 7; R `stats::quantile`.
///
/// # Example
/// ```
/// assert_eq!(psym_stats::quantile::quantile_sorted(&[1.0, 2.0, 4.0, 8.0], 0.5), 3.0);
/// assert!(psym_stats::quantile::quantile_sorted(&[], 0.5).is_nan());
/// ```
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let h = last as f64 * q.clamp(0.0, 1.0);
    let lo = (h.floor() as usize).min(last);
    let hi = (lo + 1).min(last);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// As [`quantile_sorted`] for values in any order (sorts a copy; `NaN`s sort last).
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_sorted(&sorted, q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    /// Rounding of the interpolated figures from R (exact in binary only up to a few ulps).
    const R_FIGURE: f64 = 1e-12;

    /// Source: R 4.x `quantile(c(1, 2, 4, 8), c(.1, .5, .9))` = 1.3, 3.0, 6.8 (type 7).
    #[test]
    fn quantile_matches_r_type_7() {
        let x = [1.0, 2.0, 4.0, 8.0];
        assert_abs_diff_eq!(quantile_sorted(&x, 0.1), 1.3, epsilon = R_FIGURE);
        assert_abs_diff_eq!(quantile_sorted(&x, 0.5), 3.0, epsilon = R_FIGURE);
        assert_abs_diff_eq!(quantile_sorted(&x, 0.9), 6.8, epsilon = R_FIGURE);
    }

    /// Source: R `quantile(c(1, 2, 3, 4, 10), 0.95)` = 8.8 (type 7), from unsorted input.
    #[test]
    fn quantile_of_unsorted_values_matches_r() {
        assert_abs_diff_eq!(
            quantile(&[10.0, 2.0, 1.0, 4.0, 3.0], 0.95),
            8.8,
            epsilon = R_FIGURE
        );
    }

    /// R: `quantile(numeric(0), 0.5)` is `NA`; no values must not panic.
    #[test]
    fn quantile_of_no_values_is_nan() {
        assert!(quantile_sorted(&[], 0.95).is_nan());
        assert!(quantile(&[], 0.5).is_nan());
    }

    /// One value is every quantile of itself (R: `quantile(5, c(0, .5, 1))` = 5, 5, 5).
    #[test]
    fn quantile_of_one_value_is_that_value() {
        for q in [0.0, 0.5, 1.0] {
            assert_eq!(quantile_sorted(&[5.0], q), 5.0);
        }
    }
}
