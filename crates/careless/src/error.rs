//! The one error of the crate: options that cannot be used.

use thiserror::Error;

/// Why careless-responding indices cannot be computed at all.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CarelessError {
    /// An option outside its range (named as the field of [`crate::Options`]).
    #[error("{option} must be {range} (got {value})")]
    Option {
        /// The field of [`crate::Options`].
        option: &'static str,
        /// The allowed range, in words.
        range: &'static str,
        /// The value given.
        value: f64,
    },
    /// A layout naming a column beyond its item count.
    #[error("the layout names column {column} but has only {items} item(s)")]
    Layout {
        /// The 0-based column named.
        column: usize,
        /// The layout's item count.
        items: usize,
    },
}
