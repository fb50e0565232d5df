//! What a finding is about, by position among the analysed variables.
//!
//! Libraries see columns, not item ids: a diagnostic or an error names its items by their
//! 0-based column, and whoever shows it (psym's report crate, a binding) puts the ids in.

use std::fmt;

use serde::Serialize;

/// The variables a diagnostic or error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The analysis as a whole.
    Whole,
    /// One variable (0-based column).
    Item(usize),
    /// Two variables (0-based columns).
    ItemPair(usize, usize),
}

/// Without names: `variable 3`, `variables 1 and 2` (1-based), nothing for the whole.
impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Subject::Whole => Ok(()),
            Subject::Item(j) => write!(f, "variable {}", j + 1),
            Subject::ItemPair(j, k) => write!(f, "variables {} and {}", j + 1, k + 1),
        }
    }
}
