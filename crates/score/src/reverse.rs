//! Reverse-keying the columns of a response matrix for analyses that take items one by one
//! (correlations, factor analysis), as psych's `reverse.code`.

use nalgebra::DMatrix;

use crate::ScoreError;
use crate::scorer::KeyedItem;

/// Reverses the columns of `x` marked in `reverse` as `min + max − x`. `min` and `max` come from
/// `range` where given (the response scale), and otherwise from the lowest and highest answer
/// anywhere in `x` (psych's `reverse.code` without `mini` and `maxi`). Missing answers stay
/// missing.
///
/// # Errors
/// [`ScoreError::NoRange`] naming the first item to reverse (from `items`) when no range is
/// given and `x` holds no answer to take it from.
pub fn reverse_columns(
    x: &mut DMatrix<f64>,
    items: &[String],
    reverse: &[bool],
    range: (Option<f64>, Option<f64>),
) -> Result<(), ScoreError> {
    let observed = |x: &DMatrix<f64>, f: fn(f64, f64) -> f64| {
        x.iter().filter(|v| !v.is_nan()).copied().reduce(f)
    };
    let lo = range.0.or_else(|| observed(x, f64::min));
    let hi = range.1.or_else(|| observed(x, f64::max));
    for (index, _) in reverse.iter().enumerate().filter(|(_, r)| **r) {
        let (Some(lo), Some(hi)) = (lo, hi) else {
            let item = items.get(index).cloned().unwrap_or_default();
            return Err(ScoreError::NoRange(item));
        };
        let key = KeyedItem {
            index,
            reverse: true,
        };
        x.column_mut(index)
            .apply(|v| *v = key.keyed(*v, Some((lo, hi))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["a".into(), "b".into()]
    }

    #[test]
    fn reverses_within_the_observed_answers_unless_a_range_is_given() {
        let mut x = DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 4.0, f64::NAN, 2.0, 3.0]);
        reverse_columns(&mut x, &names(), &[false, true], (None, None)).unwrap();
        // observed range 1..4: 2 → 3, 3 → 2, missing stays missing
        assert_eq!(x[(0, 1)], 3.0);
        assert!(x[(1, 1)].is_nan());
        assert_eq!(x[(2, 1)], 2.0);
        let mut y = DMatrix::from_row_slice(1, 2, &[1.0, 2.0]);
        reverse_columns(&mut y, &names(), &[true, false], (Some(1.0), Some(7.0))).unwrap();
        assert_eq!(y[(0, 0)], 7.0);
    }

    #[test]
    fn no_answers_and_no_range_is_an_error_naming_the_item() {
        let mut x = DMatrix::from_element(2, 2, f64::NAN);
        let e = reverse_columns(&mut x, &names(), &[false, true], (None, None)).unwrap_err();
        assert_eq!(e, ScoreError::NoRange("b".into()));
    }
}
