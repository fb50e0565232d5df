//! How many factors: parallel analysis and Velicer's MAP as a scree table with the
//! suggestions, and as JSON.

use psym_efa::{Map, Parallel};
use psym_stats::RowCount;
use serde_json::{Value, json};

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::rows::rows_phrase;

/// A parallel analysis (and MAP test) of a set of items.
#[derive(Debug, Clone, Copy)]
pub struct ParallelReport<'a> {
    /// Item ids.
    pub items: &'a [String],
    /// Respondents behind the observed correlations.
    pub n: usize,
    /// Rows used and read, missing-data patterns.
    pub rows: RowCount,
    /// The parallel analysis.
    pub pa: &'a Parallel,
    /// Velicer's MAP test (absent when it could not be computed).
    pub map: Option<&'a Map>,
    /// Warnings about the data.
    pub warnings: &'a [String],
}

/// The JSON contract of `psym parallel` (docs/json.md): the analysis as the library
/// serialises it, then `items`, `n`, `n_used`, `n_total`, `patterns`, `map`, `warnings`.
///
/// # Errors
/// As `serde_json::to_value`.
pub fn json(r: &ParallelReport<'_>) -> serde_json::Result<Value> {
    let mut v = serde_json::to_value(r.pa)?;
    v["items"] = json!(r.items);
    v["n"] = json!(r.n);
    v["n_used"] = json!(r.rows.n_used);
    v["n_total"] = json!(r.rows.n_total);
    v["patterns"] = json!(r.rows.patterns);
    v["map"] = json!(r.map);
    v["warnings"] = json!(r.warnings);
    Ok(v)
}

/// The readable document of a parallel analysis: the suggestion, the scree table (observed
/// and simulated eigenvalues of components and factors, MAP), MAP's minimum and the warnings.
/// In text the suggestion heads the table; in Markdown it follows a heading.
pub fn document(r: &ParallelReport<'_>, format: Format) -> Document {
    let pa = r.pa;
    let suggestion = format!(
        "Parallel analysis suggests {} factor(s) and {} component(s) ({}; {} simulated data sets, seed {}; compared with {}).",
        pa.suggested_factors,
        pa.suggested_components,
        rows_phrase(&r.rows),
        pa.iterations,
        pa.seed,
        match pa.quantile {
            Some(q) => format!("the {q} quantile of the simulated eigenvalues"),
            None => "the mean of the simulated eigenvalues".to_owned(),
        }
    );
    let mut t = Table::new(Column::all(&[
        ("#", Role::Number),
        ("PC observed", Role::Number),
        ("PC simulated", Role::Number),
        ("FA observed", Role::Number),
        ("FA simulated", Role::Number),
        ("MAP", Role::Number),
    ]));
    for k in 0..pa.observed.len() {
        t.rows.push(vec![
            (k + 1).to_string(),
            format!("{:.3}", pa.observed[k]),
            format!("{:.3}", pa.simulated[k]),
            format!("{:.3}", pa.observed_fa[k]),
            format!("{:.3}", pa.simulated_fa[k]),
            r.map
                .and_then(|m| m.map.get(k + 1))
                .map_or(String::new(), |v| format!("{v:.4}")),
        ]);
    }
    let mut blocks = if format == Format::Md {
        vec![
            Block::heading(1, "Number of factors"),
            Block::Paragraph(suggestion),
            Block::Table(t),
        ]
    } else {
        vec![Block::Table(t.with_caption(suggestion))]
    };
    blocks.extend(r.map.map(|m| {
        Block::Paragraph(format!(
            "Velicer's MAP reaches its minimum ({:.4}) with {} component(s).",
            m.map[m.suggested], m.suggested
        ))
    }));
    blocks.extend(r.warnings.iter().cloned().map(Block::Warning));
    Document { blocks }
}
