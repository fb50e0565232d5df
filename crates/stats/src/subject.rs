//! What a finding is about, by position among the analysed variables.
//!
//! Libraries see columns, not item ids: a diagnostic or an error names its items by their
//! 0-based column, and whoever shows it (psym's report crate, a binding) puts the ids in.

use std::fmt;

use serde::Serialize;

/// What a diagnostic or error is about: the whole analysis, variables by column, a parameter
/// of a model, or a group.
///
/// `P` is the type of a parameter reference. psym-stats knows no models, so it is a parameter
/// of the type: the structural-equation crates use their parameter reference
/// (`psym_model::ParamRef`), every other analysis [`NoParameter`], which has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject<P = NoParameter> {
    /// The analysis as a whole.
    Whole,
    /// One variable (0-based column).
    Item(usize),
    /// Two variables (0-based columns).
    ItemPair(usize, usize),
    /// One parameter of a model.
    Parameter(P),
    /// One group of a multi-group analysis (0-based, in the order of the groups).
    Group(usize),
}

/// The parameter reference of analyses that have no model parameters: it has no values, so a
/// [`Subject::Parameter`] cannot be built with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NoParameter {}

impl fmt::Display for NoParameter {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// Without names: `variable 3`, `variables 1 and 2`, `group 2` (1-based), the parameter as
/// its reference writes itself, nothing for the whole.
impl<P: fmt::Display> fmt::Display for Subject<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Whole => Ok(()),
            Subject::Item(j) => write!(f, "variable {}", j + 1),
            Subject::ItemPair(j, k) => write!(f, "variables {} and {}", j + 1, k + 1),
            Subject::Parameter(p) => write!(f, "{p}"),
            Subject::Group(g) => write!(f, "group {}", g + 1),
        }
    }
}
