//! The parameter table: one row per model parameter, the centre of the pipeline.
//!
//! Rows carry lavaan's columns (`lhs`, `op`, `rhs`, `group`, `free`, `label`) plus the fixed
//! or starting value. `free` indexes the parameter vector θ; rows sharing a label share an
//! index, which is how equality constraints (and, later, measurement invariance across groups)
//! are expressed. See [`crate::build`] for how the defaults are filled in.

use std::collections::HashMap;

use serde::Serialize;

use crate::parameterization::Parameterization;
use crate::syntax::{Definition, Op};

/// Whether a row was written by the user or added by a default rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Written in the model text.
    User,
    /// Added by one of lavaan's defaults (residual variances, latent covariances, means…).
    Default,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParRow {
    /// Left-hand variable.
    pub lhs: String,
    /// Operator.
    pub op: Op,
    /// Right-hand variable (empty for intercepts).
    pub rhs: String,
    /// Group number, starting at 1 (lavaan's convention).
    pub group: usize,
    /// Index into the free-parameter vector, or `None` when the parameter is fixed.
    pub free: Option<usize>,
    /// The fixed value of a fixed parameter, the user's starting value of a free one, or
    /// `NaN` (no user start).
    pub value: f64,
    /// Label (empty when none); free rows with the same label are equal.
    pub label: String,
    /// Who put the row there.
    pub origin: Origin,
}

impl ParRow {
    /// Whether this row is a variance (`x ~~ x`).
    pub fn is_variance(&self) -> bool {
        self.op == Op::Covary && self.lhs == self.rhs
    }
}

/// A complete parameter table with the variable lists it refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParTable {
    /// Parameter rows, group by group.
    pub rows: Vec<ParRow>,
    /// Observed variables, in order of first appearance in the model.
    pub observed: Vec<String>,
    /// Latent variables, in order of definition.
    pub latent: Vec<String>,
    /// Number of groups.
    pub groups: usize,
    /// Whether the model has a mean structure (intercepts and latent means).
    pub meanstructure: bool,
    /// Number of distinct free parameters (the length of θ).
    pub n_free: usize,
    /// How ordered variables' latent responses are scaled (delta for a model without them).
    #[serde(skip)]
    pub parameterization: Parameterization,
    /// Defined parameters (`:=`), functions of the labelled rows.
    #[serde(skip)]
    pub definitions: Vec<Definition>,
}

impl ParTable {
    /// Rows of one group (1-based group number).
    pub fn group_rows(&self, group: usize) -> impl Iterator<Item = &ParRow> {
        self.rows.iter().filter(move |r| r.group == group)
    }

    /// For each free parameter, the index of the first row that holds it.
    pub fn first_rows(&self) -> Vec<usize> {
        let mut out = vec![usize::MAX; self.n_free];
        for (i, r) in self.rows.iter().enumerate().rev() {
            if let Some(k) = r.free {
                out[k] = i;
            }
        }
        out
    }

    /// The first row labelled `label`.
    pub fn labelled(&self, label: &str) -> Option<&ParRow> {
        self.rows.iter().find(|r| r.label == label)
    }

    /// Assigns free indices: free rows get consecutive indices in row order, rows with a
    /// label seen before reuse that label's index; `aliases` maps labels made equal by `==`
    /// constraints to one label of their class.
    pub(crate) fn index_free(&mut self, free: &[bool], aliases: &[(String, String)]) {
        let aliases: HashMap<&str, &str> = aliases
            .iter()
            .map(|(l, c)| (l.as_str(), c.as_str()))
            .collect();
        let mut by_label: HashMap<String, usize> = HashMap::new();
        let mut next = 0;
        for (row, &is_free) in self.rows.iter_mut().zip(free) {
            row.free = None;
            if !is_free {
                continue;
            }
            let key = aliases
                .get(row.label.as_str())
                .copied()
                .unwrap_or(row.label.as_str());
            let k = if key.is_empty() {
                next += 1;
                next - 1
            } else {
                *by_label.entry(key.to_string()).or_insert_with(|| {
                    next += 1;
                    next - 1
                })
            };
            row.free = Some(k);
        }
        self.n_free = next;
    }
}
