//! Correlation matrices: the document (lower triangle in text and Markdown, the full matrix
//! at full precision in CSV); JSON is the serialised [`CorReport`].

use nalgebra::DMatrix;
use serde::Serialize;

use psym_efa::Advice;
use psym_stats::RowCount;
use psym_stats::correlate::Continuity;

use crate::doc::{Block, Column, Document, Role, Table};
use crate::rows::rows_phrase;
use crate::subject::Advise;
use crate::{Format, fmt_num};

/// What a correlation matrix was computed from.
#[derive(Debug, Clone, Serialize)]
pub struct CorReport<'a> {
    /// Item ids.
    pub items: &'a [String],
    /// pearson, spearman, polychoric or tetrachoric.
    pub method: &'a str,
    /// Respondents behind the statistics (psych's `n.obs`: rows read, or complete rows with
    /// listwise deletion).
    pub n: usize,
    /// Rows used and read, missing-data patterns.
    #[serde(flatten)]
    pub rows: RowCount,
    /// Missing-data rule.
    pub missing: &'a str,
    /// The matrix.
    #[serde(serialize_with = "psym_stats::serde_rows::matrix")]
    pub matrix: &'a DMatrix<f64>,
    /// Thresholds per item (polychoric and tetrachoric only).
    pub thresholds: Option<&'a [Vec<f64>]>,
    /// Continuity correction and empty cells (polychoric and tetrachoric only).
    pub continuity: Option<Continuity>,
    /// Whether the matrix was smoothed to make it positive definite (psych's cor.smooth).
    pub smoothed: bool,
    /// Whether the matrix (as reported, after any smoothing) is positive definite.
    pub positive_definite: bool,
    /// Warnings about the data (for example rows dropped by listwise deletion, unused
    /// categories).
    pub warnings: &'a [String],
    /// Unused and merged categories of ordinal items ([`crate::categories::categories_json`];
    /// polychoric and tetrachoric only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<serde_json::Value>,
    /// How the advice to smooth a matrix that is not positive definite is worded.
    #[serde(skip)]
    pub advise: Advise<Advice>,
}

/// The readable document of a correlation matrix: in text and Markdown, the lower triangle
/// to two decimals, the thresholds, notes on empty table cells and smoothing, and warnings
/// (a matrix that is not positive definite, the reason for exit status 1, and the data's); in
/// CSV, the whole matrix at full precision (the warnings stay in the document for the caller
/// to show elsewhere, [`Document::warnings`]).
pub fn document(c: &CorReport<'_>, format: Format) -> Document {
    let mut blocks = match format {
        Format::Csv => vec![Block::Table(full_table(c))],
        Format::Md => vec![
            Block::heading(
                1,
                format!(
                    "{} correlations (n = {}, {} deletion; {})",
                    c.method,
                    c.n,
                    c.missing,
                    rows_phrase(&c.rows)
                ),
            ),
            Block::Table(lower_table(c)),
        ],
        _ => vec![
            Block::Paragraph(format!(
                "{} correlations, n = {}, {} deletion ({})",
                c.method,
                c.n,
                c.missing,
                rows_phrase(&c.rows)
            )),
            Block::Table(lower_table(c)),
        ],
    };
    if format != Format::Csv {
        blocks.extend(
            c.thresholds
                .map(|tau| Block::Table(thresholds(c.items, tau))),
        );
        blocks.extend(c.continuity.iter().flat_map(notes).map(Block::Paragraph));
        if c.smoothed {
            blocks.push(Block::Paragraph(
                "The matrix was not positive definite and has been smoothed (psych's cor.smooth)."
                    .into(),
            ));
        }
    }
    if !c.positive_definite {
        blocks.push(Block::Warning(format!(
            "the matrix is not positive definite (not smoothed; {}); factor analysis may fail",
            (c.advise)(&Advice::Smooth)
        )));
    }
    blocks.extend(c.warnings.iter().cloned().map(Block::Warning));
    Document { blocks }
}

/// The lower triangle to two decimals, items as rows and columns.
fn lower_table(c: &CorReport<'_>) -> Table {
    let mut t = Table::new(item_columns("", c.items));
    for (i, item) in c.items.iter().enumerate() {
        let cells = (0..=i).map(|j| fmt_num(Some(c.matrix[(i, j)]), 2));
        t.rows
            .push(std::iter::once(item.clone()).chain(cells).collect());
    }
    t
}

/// The whole matrix at full precision (the shortest text that reads back the same number).
fn full_table(c: &CorReport<'_>) -> Table {
    let mut t = Table::new(item_columns("item", c.items));
    for (i, item) in c.items.iter().enumerate() {
        let cells = c
            .matrix
            .row(i)
            .iter()
            .map(f64::to_string)
            .collect::<Vec<_>>();
        t.rows
            .push(std::iter::once(item.clone()).chain(cells).collect());
    }
    t
}

/// A label column headed `corner`, then a number column per item.
fn item_columns(corner: &str, items: &[String]) -> Vec<Column> {
    let mut columns = vec![Column::new(corner, Role::Label)];
    columns.extend(items.iter().map(|i| Column::new(i.clone(), Role::Number)));
    columns
}

/// Thresholds, one row per item (items may have different numbers of categories).
fn thresholds(items: &[String], tau: &[Vec<f64>]) -> Table {
    let width = tau.iter().map(Vec::len).max().unwrap_or(0);
    let mut columns = vec![Column::new("thresholds", Role::Label)];
    columns.extend((1..=width).map(|c| Column::new(format!("t{c}"), Role::Number)));
    let mut t = Table::new(columns);
    for (item, tau) in items.iter().zip(tau) {
        let cells = (0..width).map(|c| tau.get(c).map_or(String::new(), |v| format!("{v:.3}")));
        t.rows
            .push(std::iter::once(item.clone()).chain(cells).collect());
    }
    t
}

/// How the thresholds were found and empty table cells treated, one sentence each.
fn notes(k: &Continuity) -> Vec<String> {
    let mut notes = Vec::new();
    if k.per_pair_thresholds {
        notes.push(
            "The items differ in their highest answer, so (as psych) each pair's thresholds \
             come from its own table."
                .to_owned(),
        );
    }
    if k.corrected_cells > 0 {
        notes.push(format!(
            "{} empty table cell(s) were counted as {}/n (continuity correction).",
            k.corrected_cells, k.correct
        ));
    } else if k.empty_cells > 0 {
        notes.push(format!(
            "{} empty table cell(s), not corrected.",
            k.empty_cells
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::render_text;

    /// A matrix that is not positive definite is a warning in every readable format, its
    /// advice worded by the caller.
    #[test]
    fn not_positive_definite_is_a_warning_with_worded_advice() {
        let items = ["a".to_string(), "b".to_string()];
        let m = DMatrix::from_row_slice(2, 2, &[1.0, 1.0, 1.0, 1.0]);
        let c = CorReport {
            items: &items,
            method: "pearson",
            n: 10,
            rows: RowCount {
                n_used: 10,
                n_total: 10,
                patterns: 1,
            },
            missing: "pairwise",
            matrix: &m,
            thresholds: None,
            continuity: None,
            smoothed: false,
            positive_definite: false,
            warnings: &[],
            categories: None,
            advise: |_| "--smooth smooths it".into(),
        };
        let text = render_text(&document(&c, Format::Text));
        assert!(text.ends_with(
            "\nwarning: the matrix is not positive definite (not smoothed; --smooth smooths it); \
             factor analysis may fail\n"
        ));
        let csv = document(&c, Format::Csv);
        assert_eq!(csv.warnings().count(), 1);
    }
}
