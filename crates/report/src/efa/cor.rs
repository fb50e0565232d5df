//! Correlation matrices as text and Markdown (JSON is the serialised [`CorReport`]).

use std::io::{self, Write};

use nalgebra::DMatrix;
use serde::Serialize;

use psym_stats::RowCount;
use psym_stats::correlate::Continuity;

use crate::rows::{rows_phrase, write_warnings};
use crate::{fmt_num, new_table, render};

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
    /// Warnings about the data (for example rows dropped by listwise deletion).
    pub warnings: &'a [String],
}

/// Writes a correlation matrix (lower triangle) as text or Markdown.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_cor(out: &mut dyn Write, c: &CorReport<'_>, markdown: bool) -> io::Result<()> {
    let p = c.items.len();
    if markdown {
        writeln!(
            out,
            "## {} correlations (n = {}, {} deletion; {})\n",
            c.method,
            c.n,
            c.missing,
            rows_phrase(&c.rows)
        )?;
        writeln!(
            out,
            "| | {} |\n|---|{}",
            c.items.join(" | "),
            "---:|".repeat(p)
        )?;
    } else {
        writeln!(
            out,
            "{} correlations, n = {}, {} deletion ({})\n",
            c.method,
            c.n,
            c.missing,
            rows_phrase(&c.rows)
        )?;
    }
    let mut t = new_table(std::iter::once(String::new()).chain(c.items.iter().cloned()));
    for i in 0..p {
        let cells: Vec<String> = (0..p)
            .map(|j| {
                if j <= i {
                    fmt_num(Some(c.matrix[(i, j)]), 2)
                } else {
                    String::new()
                }
            })
            .collect();
        if markdown {
            writeln!(out, "| {} | {} |", c.items[i], cells.join(" | "))?;
        } else {
            t.add_row(std::iter::once(c.items[i].clone()).chain(cells));
        }
    }
    if !markdown {
        write!(out, "{}", render(&t))?;
    }
    if let Some(tau) = c.thresholds {
        write_thresholds(out, c.items, tau, markdown)?;
    }
    if let Some(k) = c.continuity {
        if k.per_pair_thresholds {
            writeln!(
                out,
                "\nThe items differ in their highest answer, so (as psych) each pair's thresholds \
                 come from its own table."
            )?;
        }
        if k.corrected_cells > 0 {
            writeln!(
                out,
                "\n{} empty table cell(s) were counted as {}/n (continuity correction).",
                k.corrected_cells, k.correct
            )?;
        } else if k.empty_cells > 0 {
            writeln!(
                out,
                "\n{} empty table cell(s), not corrected.",
                k.empty_cells
            )?;
        }
    }
    if c.smoothed {
        writeln!(
            out,
            "\nThe matrix was not positive definite and has been smoothed (psych's cor.smooth)."
        )?;
    }
    if !c.positive_definite {
        writeln!(out, "\nwarning: {NOT_POSITIVE_DEFINITE}")?;
    }
    write_warnings(out, c.warnings, markdown)
}

/// The warning for a correlation matrix that is not positive definite (the reason for exit
/// status 1), for outputs such as CSV that have no place for it.
pub const NOT_POSITIVE_DEFINITE: &str = "the matrix is not positive definite (not smoothed; --smooth smooths it); factor analysis may fail";

/// Thresholds, one row per item (items may have different numbers of categories).
fn write_thresholds(
    out: &mut dyn Write,
    items: &[String],
    tau: &[Vec<f64>],
    markdown: bool,
) -> io::Result<()> {
    let width = tau.iter().map(Vec::len).max().unwrap_or(0);
    let header: Vec<String> = std::iter::once("thresholds".to_owned())
        .chain((1..=width).map(|c| format!("t{c}")))
        .collect();
    let rows = items.iter().zip(tau).map(|(item, t)| {
        std::iter::once(item.clone())
            .chain((0..width).map(|c| t.get(c).map_or(String::new(), |v| format!("{v:.3}"))))
            .collect::<Vec<String>>()
    });
    if markdown {
        writeln!(
            out,
            "\n| {} |\n|---|{}",
            header.join(" | "),
            "---:|".repeat(width)
        )?;
        for row in rows {
            writeln!(out, "| {} |", row.join(" | "))?;
        }
        Ok(())
    } else {
        let mut t = new_table(header);
        for row in rows {
            t.add_row(row);
        }
        write!(out, "\n{}", render(&t))
    }
}
