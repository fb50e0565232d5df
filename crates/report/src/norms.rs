//! Norm tables: the document of a norm file (text, Markdown); its JSON is the norm file itself
//! (`psym_score::norms::NormFile`, docs/json.md).

use psym_score::norms::{NormFile, NormTable};

use crate::doc::{Block, Column, Document, KeyValue, Role, Table};
use crate::fmt_num;

/// How the figures are defined, under every table.
const DEFINITIONS: &str = "percentile = mid-point percentile rank 100·(below + same/2)/n; \
    T = normalised T-score 50 + 10·Φ⁻¹(percentile/100); stanine from the percentile \
    (bounds 4, 11, 23, 40, 60, 77, 89, 96). Rows run from the lowest to the highest score of \
    the norm sample.";

/// The document of a norm file built from `file_name`: one table per scale and group, the
/// sample size, mean and SD above it, and the warnings about the norm sample.
pub fn document(norms: &NormFile, file_name: &str) -> Document {
    let mut blocks = vec![Block::heading(
        1,
        format!(
            "Norms of {} {} from {file_name}",
            norms.instrument.id, norms.instrument.version
        ),
    )];
    if let Some(g) = &norms.group_column {
        blocks.push(Block::Paragraph(format!(
            "One norm table per value of '{g}'."
        )));
    }
    for t in &norms.tables {
        blocks.extend(table_blocks(t));
    }
    blocks.extend(norms.warnings.iter().map(|w| Block::Warning(w.to_string())));
    Document { blocks }
}

fn table_blocks(t: &NormTable) -> [Block; 3] {
    let title = match &t.group {
        Some(g) => format!("Scale {}, group {g}", t.scale),
        None => format!("Scale {}", t.scale),
    };
    let summary = Block::KeyValues(vec![
        KeyValue::new("Respondents with a score (n)", [t.n.to_string()]),
        KeyValue::new("Mean", [fmt_num(Some(t.mean), 3)]),
        KeyValue::new("Standard deviation", [fmt_num(Some(t.sd), 3)]),
    ]);
    let mut table = Table::new(Column::all(&[
        ("raw", Role::Label),
        ("frequency", Role::Number),
        ("cumulative", Role::Number),
        ("percentile", Role::Number),
        ("T", Role::Number),
        ("stanine", Role::Number),
    ]))
    .with_note(DEFINITIONS);
    for r in &t.rows {
        table.rows.push(vec![
            fmt_num(Some(r.raw), 3),
            r.frequency.to_string(),
            r.cumulative.to_string(),
            fmt_num(Some(r.percentile), 1),
            fmt_num(Some(r.t), 1),
            r.stanine.to_string(),
        ]);
    }
    [Block::heading(2, title), summary, Block::Table(table)]
}
