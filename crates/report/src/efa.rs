//! Correlations, exploratory factor analyses and parallel analyses as JSON, text and Markdown.
//!
//! Loadings below a cut are shown blank in text and Markdown, as psych's `print(fa, cut = )`.
//! Correlation matrices have their document in [`cor`], parallel analysis and MAP in
//! [`parallel`], analyses per group with the congruence of their factors in [`groups`].

pub mod cor;
pub mod groups;
pub mod parallel;

pub use cor::CorReport;

use psym_efa::{Bartlett, FaResult, Kmo, Normalization};
use psym_stats::{RowCount, serde_rows};
use serde_json::{Value, json};

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::rows::rows_phrase;
use crate::subject::{Advise, Names, diagnostics_json, line};

/// An exploratory factor analysis with the adequacy statistics of its correlation matrix.
#[derive(Debug, Clone)]
pub struct EfaReport<'a> {
    /// Item ids.
    pub items: &'a [String],
    /// Respondents behind the fit statistics (psych's `n.obs`).
    pub n: usize,
    /// Rows used and read, missing-data patterns.
    pub rows: RowCount,
    /// Warnings about the data (for example rows dropped by listwise deletion).
    pub warnings: &'a [String],
    /// Correlation type.
    pub cor: &'a str,
    /// Row normalisation used for rotation.
    pub normalization: Normalization,
    /// The fit.
    pub fa: &'a FaResult,
    /// KMO of the correlation matrix (absent when it is singular).
    pub kmo: Option<&'a Kmo>,
    /// Bartlett's test (absent when the matrix is singular).
    pub bartlett: Option<&'a Bartlett>,
    /// How the diagnostics' advice is worded.
    pub advise: Advise<psym_efa::Advice>,
}

/// The JSON contract of `psym efa` (docs/json.md): `items`, `factors`, `method`, `rotation`,
/// `loadings` (rows = items), `phi`, `communalities`, `uniquenesses`, `eigenvalues`, `fit`,
/// `kmo`, `bartlett`, plus `structure`, `variance`, `diagnostics`.
pub fn efa_json(r: &EfaReport<'_>) -> Value {
    let f = r.fa;
    json!({
        "items": r.items,
        "n": r.n,
        "n_used": r.rows.n_used,
        "n_total": r.rows.n_total,
        "patterns": r.rows.patterns,
        "cor": r.cor,
        "factors": f.factors,
        "method": f.method,
        "rotation": f.rotation,
        "normalization": r.normalization,
        "loadings": serde_rows::rows(&f.loadings),
        "structure": serde_rows::rows(&f.structure),
        "phi": serde_rows::rows(&f.phi),
        "communalities": f.communalities,
        "uniquenesses": f.uniquenesses,
        "eigenvalues": f.eigenvalues,
        "variance": f.variance,
        "fit": f.fit,
        "kmo": r.kmo,
        "bartlett": r.bartlett,
        "converged": f.converged,
        "diagnostics": diagnostics_json(&f.diagnostics, &Names::items(r.items), r.advise),
        "warnings": r.warnings,
    })
}

pub(crate) fn factor_names(k: usize) -> Vec<String> {
    (1..=k).map(|f| format!("F{f}")).collect()
}

fn loading_cell(v: f64, cut: f64) -> String {
    if v.abs() < cut {
        String::new()
    } else {
        format!("{v:.2}")
    }
}

/// The readable document of an exploratory factor analysis: in text, psych's `print(fa)`
/// layout (loadings blank below `cut` with h² and u², variance explained, Φ, fit and
/// adequacy); in Markdown, the publication tables; in CSV, the loadings at full precision.
/// Every format ends with the diagnostics and the data's warnings (a CSV's for the caller to
/// show elsewhere, [`Document::warnings`]).
pub fn document(r: &EfaReport<'_>, cut: f64, format: Format) -> Document {
    let f = r.fa;
    let names = factor_names(f.factors);
    let blank_below = |v: f64| loading_cell(v, cut);
    let two = |v: f64| format!("{v:.2}");
    let mut blocks = match format {
        Format::Csv => {
            let full = |v: f64| v.to_string();
            vec![Block::Table(loadings_table(
                r,
                ["item", "h2", "u2"],
                &full,
                &full,
            ))]
        }
        Format::Text => {
            let loadings = loadings_table(r, ["item", "h2", "u2"], &blank_below, &two)
                .with_note(format!("(loadings below {cut} not shown)"));
            let mut variance = Table::new(factor_columns("", &names));
            for (label, values) in [
                ("SS loadings", &f.variance.ss_loadings),
                ("Proportion var", &f.variance.proportion),
                ("Cumulative var", &f.variance.cumulative),
            ] {
                let cells = values.iter().map(|x| two(*x));
                variance
                    .rows
                    .push(std::iter::once(label.to_owned()).chain(cells).collect());
            }
            let mut blocks = vec![
                Block::Paragraph(format!(
                    "Factor analysis: {} factor(s), {} extraction, {} rotation ({} normalisation), {} correlations, n = {} ({})",
                    f.factors,
                    f.method,
                    f.rotation,
                    r.normalization,
                    r.cor,
                    r.n,
                    rows_phrase(&r.rows)
                )),
                Block::Table(loadings),
                Block::Table(variance),
            ];
            blocks.extend(
                phi_table(f, "").map(|t| Block::Table(t.with_caption("Factor correlations (Phi)"))),
            );
            let mut lines: Vec<String> = f.fit.iter().map(|fit| format!(
                "Fit: chi-square = {:.2}, df = {}, p = {}, RMSEA = {:.3} [{:.3}, {:.3}], TLI = {:.3}, BIC = {:.2}",
                fit.chisq,
                fit.df,
                fmt_p(fit.pvalue),
                fit.rmsea,
                fit.rmsea_ci_lower,
                fit.rmsea_ci_upper,
                fit.tli,
                fit.bic
            )).collect();
            lines.extend(r.kmo.map(|k| format!("KMO = {:.3}", k.overall)));
            lines.extend(r.bartlett.map(|b| {
                format!(
                    "Bartlett: chi-square = {:.2}, df = {}, p = {}",
                    b.chisq,
                    b.df,
                    fmt_p(b.pvalue)
                )
            }));
            if !lines.is_empty() {
                blocks.push(Block::Paragraph(lines.join("\n")));
            }
            blocks
        }
        _ => {
            let loadings = loadings_table(r, ["Item", "h²", "u²"], &blank_below, &two)
                .with_note(format!("Loadings below {cut} are not shown."));
            let mut blocks = vec![
                Block::heading(1, "Exploratory factor analysis"),
                Block::Paragraph(format!(
                    "{} factor(s), {} extraction, {} rotation, {} correlations, n = {} ({}).",
                    f.factors,
                    f.method,
                    f.rotation,
                    r.cor,
                    r.n,
                    rows_phrase(&r.rows)
                )),
                Block::Table(loadings),
            ];
            blocks.extend(phi_table(f, "Φ").map(Block::Table));
            blocks.extend(f.fit.iter().map(|fit| {
                Block::Paragraph(format!(
                    "χ²({}) = {:.2}, RMSEA = {:.3}, 90% CI [{:.3}, {:.3}], TLI = {:.3}, BIC = {:.2}.",
                    fit.df, fit.chisq, fit.rmsea, fit.rmsea_ci_lower, fit.rmsea_ci_upper, fit.tli, fit.bic
                ))
            }));
            blocks
        }
    };
    blocks.extend(diagnostic_blocks(r));
    blocks.extend(r.warnings.iter().cloned().map(Block::Warning));
    Document { blocks }
}

/// The fit's diagnostics, each a warning naming its items.
fn diagnostic_blocks(r: &EfaReport<'_>) -> Vec<Block> {
    let diagnostics = r.fa.diagnostics.iter();
    diagnostics
        .map(|d| Block::Warning(line(d, &Names::items(r.items), r.advise)))
        .collect()
}

/// A label column headed `corner`, then one number column per factor.
fn factor_columns(corner: &str, names: &[String]) -> Vec<Column> {
    let mut columns = vec![Column::new(corner, Role::Label)];
    columns.extend(names.iter().map(|n| Column::new(n.clone(), Role::Number)));
    columns
}

/// The pattern loadings per item, then communality and uniqueness; `headers` names the item,
/// h² and u² columns, `loading` and `number` format the cells.
fn loadings_table(
    r: &EfaReport<'_>,
    headers: [&str; 3],
    loading: &dyn Fn(f64) -> String,
    number: &dyn Fn(f64) -> String,
) -> Table {
    let f = r.fa;
    let mut columns = factor_columns(headers[0], &factor_names(f.factors));
    columns.extend(Column::all(&[
        (headers[1], Role::Number),
        (headers[2], Role::Number),
    ]));
    let mut t = Table::new(columns);
    for (i, item) in r.items.iter().enumerate() {
        let mut row = vec![item.clone()];
        row.extend(f.loadings.row(i).iter().map(|v| loading(*v)));
        row.push(number(f.communalities[i]));
        row.push(number(f.uniquenesses[i]));
        t.rows.push(row);
    }
    t
}

/// The factor correlations Φ of an oblique solution with more than one factor.
fn phi_table(f: &FaResult, corner: &str) -> Option<Table> {
    if !f.rotation.is_oblique() || f.factors < 2 {
        return None;
    }
    let names = factor_names(f.factors);
    let mut t = Table::new(factor_columns(corner, &names));
    for (k, name) in names.iter().enumerate() {
        let cells = (0..f.factors).map(|l| format!("{:.2}", f.phi[(k, l)]));
        t.rows
            .push(std::iter::once(name.clone()).chain(cells).collect());
    }
    Some(t)
}

pub(crate) fn fmt_p(p: f64) -> String {
    if p < 1e-4 {
        "< .0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{render_markdown, render_text};
    use nalgebra::DMatrix;
    use psym_efa::{FaOptions, fa};

    fn report_parts() -> (Vec<String>, FaResult) {
        let r = DMatrix::from_fn(6, 6, |i, j| {
            if i == j {
                1.0
            } else if i / 3 == j / 3 {
                0.5 + 0.02 * (i + j) as f64
            } else {
                0.1
            }
        });
        let items = (1..=6).map(|i| format!("q{i}")).collect();
        (
            items,
            fa(
                &r,
                &FaOptions {
                    factors: 2,
                    n_obs: Some(200),
                    ..FaOptions::default()
                },
            )
            .unwrap(),
        )
    }

    #[test]
    fn small_loadings_are_blank_and_json_has_the_contract_keys() {
        let (items, f) = report_parts();
        let rep = EfaReport {
            items: &items,
            n: 200,
            rows: RowCount {
                n_used: 200,
                n_total: 200,
                patterns: 1,
            },
            warnings: &[],
            cor: "pearson",
            normalization: Normalization::Kaiser,
            fa: &f,
            kmo: None,
            bartlett: None,
            advise: |a| a.to_string(),
        };
        let text = render_text(&document(&rep, 0.3, Format::Text));
        let q1 = text
            .lines()
            .find(|l| l.trim_start().starts_with("q1"))
            .unwrap();
        // one loading shown, the cross-loading blank: item, one loading, h2, u2
        assert_eq!(q1.split_whitespace().count(), 4, "{q1}");
        let v = efa_json(&rep);
        for key in [
            "items",
            "factors",
            "method",
            "rotation",
            "loadings",
            "phi",
            "communalities",
            "uniquenesses",
            "eigenvalues",
            "fit",
            "kmo",
            "bartlett",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["loadings"].as_array().unwrap().len(), 6);
        let md = render_markdown(&document(&rep, 0.3, Format::Md));
        assert!(md.contains("| q1 |"));
    }
}
