//! Exploratory factor analyses per group and the congruence of their factors
//! (`psym efa --group`): the document and the JSON.

use psym_efa::{Advice, GroupEfa};
use serde_json::{Value, json};

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::rows::n_of_total;
use crate::subject::{Advise, Names, diagnostics_json, line};

use super::factor_names;

/// Factor analyses per group with their congruence.
#[derive(Debug, Clone, Copy)]
pub struct GroupsReport<'a> {
    /// Item ids.
    pub items: &'a [String],
    /// The per-group fits and their congruence with the reference group.
    pub efa: &'a GroupEfa,
    /// Warnings about the data, each naming its group.
    pub warnings: &'a [String],
    /// How the diagnostics' advice is worded.
    pub advise: Advise<Advice>,
}

/// The JSON of `psym efa --group`: the per-group results as the library serialises them, with
/// each group's diagnostics naming their items (as [`diagnostics_json`]) and their advice
/// worded by `advise`, then the `warnings`.
///
/// # Errors
/// As `serde_json::to_value`.
pub fn json(r: &GroupsReport<'_>) -> serde_json::Result<Value> {
    let mut v = serde_json::to_value(r.efa)?;
    if let Some(groups) = v["groups"].as_array_mut() {
        for (json, x) in groups.iter_mut().zip(&r.efa.groups) {
            json["result"]["diagnostics"] =
                diagnostics_json(&x.result.diagnostics, &Names::items(r.items), r.advise);
        }
    }
    v["warnings"] = json!(r.warnings);
    Ok(v)
}

/// The readable document of `psym efa --group`: the congruence of each factor with the
/// reference group's (Tucker's φ, with how to read it underneath), then each group's
/// diagnostics (the reasons for exit status 1) and the warnings about the data.
pub fn document(r: &GroupsReport<'_>, format: Format) -> Document {
    let g = r.efa;
    let k = g.groups.first().map_or(0, |x| x.congruence.len());
    let title = format!(
        "Factor congruence (Tucker's phi) with group {} after target rotation towards its pattern",
        g.reference
    );
    let mut columns = Column::all(&[("group", Role::Label), ("n", Role::Number)]);
    columns.extend(
        factor_names(k)
            .into_iter()
            .map(|f| Column::new(f, Role::Number)),
    );
    let mut t = Table::new(columns);
    for x in &g.groups {
        let mut row = vec![x.group.clone(), n_of_total(x.n, &x.rows)];
        row.extend(x.congruence.iter().map(|v| format!("{v:.3}")));
        t.rows.push(row);
    }
    let reading = ".85–.94: fair similarity, ≥ .95: the factors can be considered equal; \
                   Lorenzo-Seva & ten Berge 2006";
    let mut blocks = if format == Format::Md {
        vec![Block::heading(1, title), Block::Table(t.with_note(reading))]
    } else {
        vec![Block::Table(
            t.with_caption(title).with_note(format!("({reading})")),
        )]
    };
    let names = Names::items(r.items);
    for x in &g.groups {
        blocks.extend(
            x.result.diagnostics.iter().map(|d| {
                Block::Warning(format!("group {}: {}", x.group, line(d, &names, r.advise)))
            }),
        );
    }
    blocks.extend(r.warnings.iter().cloned().map(Block::Warning));
    Document { blocks }
}
