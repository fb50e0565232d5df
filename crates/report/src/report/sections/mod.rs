//! The sections of the report, each a level-2 heading, a plain-language reading, figures and
//! the tables that hold the figures' numbers.

mod careless;
mod data;
mod invariance;
mod models;
mod ordinal;

pub use careless::CarelessView;
pub(super) use careless::careless;
pub(super) use data::{about, items, quality, scores};
pub(super) use models::{cfa, dimensionality, efa, invariance, reliability};

use super::{GroupView, ReportInput};

/// Share written as a percentage with one decimal, in the report's language.
fn pct(input: &ReportInput<'_>, share: f64) -> String {
    input.catalogue.percent(share * 100.0, 1)
}

/// The rows of each group (all rows as one group without a grouping), labelled.
fn row_sets(n_rows: usize, groups: Option<&GroupView<'_>>) -> Vec<(Option<String>, Vec<usize>)> {
    match groups {
        None => vec![(None, (0..n_rows).collect())],
        Some(g) => g
            .labels
            .iter()
            .enumerate()
            .map(|(k, label)| {
                let rows = (0..n_rows).filter(|&r| g.rows.get(r) == Some(&k)).collect();
                (Some(label.clone()), rows)
            })
            .collect(),
    }
}

/// A label with its group: `i1 · nb`.
fn with_group(label: &str, group: Option<&String>) -> String {
    match group {
        Some(g) => format!("{label} · {g}"),
        None => label.to_string(),
    }
}
