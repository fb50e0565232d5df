//! Which columns form the subscales and which are reverse-keyed.

use crate::CarelessError;

/// The structure of the items, by 0-based column: the instrument's subscales (for even-odd
/// consistency) and its reverse keys (applied as scored, `min + max − x`, before the halves
/// of each subscale are averaged).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Number of items (columns of each row).
    pub items: usize,
    /// The columns of each subscale, in questionnaire order (odd half = 1st, 3rd, … item).
    pub subscales: Vec<Vec<usize>>,
    /// Whether each column is reverse-keyed (one entry per item; shorter means not reversed).
    pub reversed: Vec<bool>,
    /// The response range `(min, max)`, needed to reverse; without it no item is reversed.
    pub range: Option<(f64, f64)>,
}

impl Layout {
    /// The keyed answer of column `j`: `min + max − x` for a reverse-keyed item when the range
    /// is known, else `x`.
    pub fn keyed(&self, j: usize, x: f64) -> f64 {
        match (self.reversed.get(j), self.range) {
            (Some(true), Some((lo, hi))) => lo + hi - x,
            _ => x,
        }
    }

    /// The subscales that can take part in even-odd consistency: those of two or more items.
    pub fn split_subscales(&self) -> impl Iterator<Item = &[usize]> {
        self.subscales
            .iter()
            .filter(|s| s.len() >= 2)
            .map(Vec::as_slice)
    }

    pub(crate) fn check(&self) -> Result<(), CarelessError> {
        match self.subscales.iter().flatten().find(|&&c| c >= self.items) {
            Some(&column) => Err(CarelessError::Layout {
                column,
                items: self.items,
            }),
            None => Ok(()),
        }
    }
}
