//! A parameter named by its place in the parameter table, as users and lavaan name it.

use std::fmt;

use serde::Serialize;

use crate::partable::ParRow;
use crate::syntax::Op;

/// A parameter: `lhs op rhs` (a covariance in either order; `rhs` empty for an intercept), in
/// one group or, with `group: None`, in every group (as lavaan's `group.partial`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ParamRef {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator.
    pub op: Op,
    /// Right-hand variable (empty for an intercept).
    pub rhs: String,
    /// Group number (1-based), or `None` for every group.
    pub group: Option<usize>,
}

impl ParamRef {
    /// The parameter `lhs op rhs` in every group.
    pub fn new(lhs: impl Into<String>, op: Op, rhs: impl Into<String>) -> Self {
        ParamRef {
            lhs: lhs.into(),
            op,
            rhs: rhs.into(),
            group: None,
        }
    }

    /// Whether `row` is this parameter (a covariance matches either order of its variables).
    pub fn matches(&self, row: &ParRow) -> bool {
        let same = (row.lhs == self.lhs && row.rhs == self.rhs)
            || (self.op == Op::Covary && row.lhs == self.rhs && row.rhs == self.lhs);
        row.op == self.op && same && self.group.is_none_or(|g| g == row.group)
    }
}

/// As written in model syntax: `f =~ x1`, `x1 ~~ x2`, `x1 ~ 1`, with ` (group 2)` when the
/// reference is to one group.
impl fmt::Display for ParamRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.op {
            Op::Intercept => write!(f, "{} ~ 1", self.lhs)?,
            op => write!(f, "{} {op} {}", self.lhs, self.rhs)?,
        }
        match self.group {
            Some(g) => write!(f, " (group {g})"),
            None => Ok(()),
        }
    }
}
