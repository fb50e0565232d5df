//! `psym compare`: scale scores by group (n, mean, SD), and each pair of groups compared with
//! Hedges' g and Welch's t-test.

use psym_stats::two_groups::ScaleByGroup;
use serde_json::{Value, json};

use crate::doc::{Block, Column, Document, Role, Table};
use crate::efa::fmt_p;
use crate::fmt_num;

/// The reminder every output carries: mean comparisons across groups assume scalar invariance.
pub const INVARIANCE_NOTE: &str = "Comparing scale means across groups assumes that the \
    scale measures the same thing on the same metric in every group (scalar invariance: equal \
    loadings and intercepts). Check it with psym invariance --group before reading a \
    difference as a difference in the alliance itself.";

/// JSON: `{"group_column", "level", "scales": [{"scale", "groups": […], "pairs": […]}], "note"}`.
pub fn json(column: &str, level: f64, scales: &[ScaleByGroup]) -> Value {
    json!({
        "group_column": column,
        "level": level,
        "scales": scales,
        "note": INVARIANCE_NOTE,
    })
}

/// The document: per scale a table of the groups and a table of the pairs, then the note on
/// scalar invariance, and a warning for each pair that could not be compared.
pub fn document(file: &str, column: &str, level: f64, scales: &[ScaleByGroup]) -> Document {
    let mut blocks = vec![Block::heading(
        1,
        format!("Scale scores of {file} by {column}"),
    )];
    let ci = format!("{}% CI of g", (level * 100.0).round());
    for s in scales {
        blocks.push(Block::heading(2, format!("Scale {}", s.scale)));
        let mut groups = Table::new(Column::all(&[
            ("group", Role::Label),
            ("n", Role::Number),
            ("mean", Role::Number),
            ("SD", Role::Number),
        ]));
        for g in &s.groups {
            let (n, mean, sd) = g
                .summary
                .map_or((0, None, None), |x| (x.n, Some(x.mean), Some(x.sd)));
            groups.rows.push(vec![
                g.group.clone(),
                n.to_string(),
                fmt_num(mean, 3),
                fmt_num(sd, 3),
            ]);
        }
        blocks.push(Block::Table(groups));
        let mut pairs = Table::new(Column::all(&[
            ("groups", Role::Label),
            ("difference", Role::Number),
            ("Hedges' g", Role::Number),
            (&ci, Role::Interval),
            ("Welch t", Role::Number),
            ("df", Role::Number),
            ("p", Role::PValue),
        ]));
        for p in &s.pairs {
            let label = format!("{} − {}", p.a, p.b);
            match &p.comparison {
                Some(c) => pairs.rows.push(vec![
                    label,
                    fmt_num(Some(c.difference), 3),
                    fmt_num(Some(c.hedges_g), 3),
                    format!(
                        "[{}, {}]",
                        fmt_num(Some(c.g_lower), 3),
                        fmt_num(Some(c.g_upper), 3)
                    ),
                    fmt_num(Some(c.welch.t), 3),
                    fmt_num(Some(c.welch.df), 1),
                    fmt_p(c.welch.pvalue),
                ]),
                None => {
                    pairs.rows.push(vec![label]);
                    blocks.push(Block::Warning(format!(
                        "scale {}: groups {} and {} cannot be compared (a group has fewer than two scores, or no variance)",
                        s.scale, p.a, p.b
                    )));
                }
            }
        }
        blocks.push(Block::Table(pairs.with_note(
            "g: Hedges' g (pooled SD, exact small-sample correction), interval by the \
             Hedges–Olkin normal approximation; Welch's t-test without equal variances, \
             two-sided p.",
        )));
    }
    blocks.push(Block::Paragraph(INVARIANCE_NOTE.to_owned()));
    Document { blocks }
}
