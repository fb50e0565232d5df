//! `psym reliability --group`: each group's reliability, then alpha compared across groups.

use psym_reliability::{Advice, AlphaComparison, ScaleReliability};
use serde_json::{Value, json};

use super::{document, reliability_json};
use crate::doc::{Block, Column, Document, Role, Table};
use crate::efa::fmt_p;
use crate::subject::Advise;
use crate::{Format, fmt_num};

/// The reliability of each group (in order) and the comparisons of alpha across them.
#[derive(Debug, Clone, Copy)]
pub struct GroupsReport<'a> {
    /// The group column's name.
    pub column: &'a str,
    /// Each group's label and its scales' results.
    pub groups: &'a [(String, Vec<ScaleReliability>)],
    /// One comparison per scale.
    pub comparisons: &'a [AlphaComparison],
}

/// JSON: `{"group_column", "groups": [{"group", "scales": […]}], "comparisons": […]}`.
pub fn json(report: &GroupsReport<'_>, advise: Advise<Advice>) -> Value {
    let groups: Vec<Value> = report
        .groups
        .iter()
        .map(|(g, scales)| {
            json!({"group": g, "scales": reliability_json(scales, advise)["scales"].take()})
        })
        .collect();
    json!({
        "group_column": report.column,
        "groups": groups,
        "comparisons": report.comparisons,
    })
}

/// The document: a part per group (the usual reliability document), then a table comparing
/// alpha across the groups with Feldt's or Hakstian & Whalen's test.
pub fn groups_document(
    file: &str,
    report: &GroupsReport<'_>,
    format: Format,
    advise: Advise<Advice>,
) -> Document {
    let mut blocks = vec![Block::heading(
        1,
        format!("Reliability of {file} by {}", report.column),
    )];
    for (g, scales) in report.groups {
        blocks.push(Block::heading(2, format!("Group {} = {g}", report.column)));
        // each group's document sits one level below its group heading
        blocks.extend(
            document(file, scales, format, advise)
                .blocks
                .into_iter()
                .map(|b| match b {
                    Block::Heading { level, text } => Block::heading(level + 2, text),
                    other => other,
                }),
        );
    }
    blocks.push(Block::heading(2, "Alpha compared across groups"));
    let mut table = Table::new(Column::all(&[
        ("scale", Role::Label),
        ("alpha (n) per group", Role::Text),
        ("test", Role::Text),
        ("statistic", Role::Number),
        ("df", Role::Text),
        ("p", Role::PValue),
    ]));
    for c in report.comparisons {
        let alphas = c
            .groups
            .iter()
            .zip(&c.alphas)
            .map(|(g, a)| format!("{g}: {} ({})", fmt_num(Some(a.alpha), 3), a.n))
            .collect::<Vec<_>>()
            .join(", ");
        let (test, stat, df, p) = match (&c.feldt, &c.hakstian_whalen) {
            (Some(f), _) => (
                "Feldt F",
                f.statistic,
                format!("{}, {}", f.df1, f.df2),
                f.pvalue,
            ),
            (None, Some(h)) => (
                "Hakstian–Whalen χ²",
                h.statistic,
                h.df.to_string(),
                h.pvalue,
            ),
            (None, None) => ("none", f64::NAN, String::new(), f64::NAN),
        };
        table.rows.push(vec![
            c.scale.clone(),
            alphas,
            test.to_owned(),
            fmt_num(Some(stat), 3),
            df,
            if p.is_nan() {
                "NA".to_owned()
            } else {
                fmt_p(p)
            },
        ]);
    }
    blocks.push(Block::Table(table.with_note(
        "Feldt (1969): W = (1 − lower α) / (1 − higher α) ~ F(n_high − 1, n_low − 1), two-sided p. \
         Hakstian & Whalen (1976), as Feldt, Woodruff & Salih (1987): χ² on groups − 1 df. \
         No test: an alpha of 1 or a group too small.",
    )));
    Document { blocks }
}
