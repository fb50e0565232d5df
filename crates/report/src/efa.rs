//! Correlations, exploratory factor analyses and parallel analyses as JSON, text and Markdown.
//!
//! Loadings below a cut are shown blank in text and Markdown, as psych's `print(fa, cut = )`.
//! Correlation matrices are written by [`write_cor`], parallel analysis and group congruence by
//! [`write_parallel`] and [`write_groups`].

mod cor;
mod nfactors;

pub use cor::{CorReport, NOT_POSITIVE_DEFINITE, write_cor};
pub use nfactors::{groups_json, write_groups, write_parallel};

use std::io::{self, Write};

use psym_efa::{Bartlett, FaResult, Kmo, Normalization};
use psym_stats::{RowCount, serde_rows};
use serde_json::{Value, json};

use crate::rows::{rows_phrase, write_warnings};
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{new_table, render};

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

/// Writes the readable report: loadings (blank below `cut`) with h², u², then Φ, variance
/// explained, fit, adequacy and diagnostics.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_efa_text(out: &mut dyn Write, r: &EfaReport<'_>, cut: f64) -> io::Result<()> {
    let f = r.fa;
    writeln!(
        out,
        "Factor analysis: {} factor(s), {} extraction, {} rotation ({} normalisation), {} correlations, n = {} ({})\n",
        f.factors,
        f.method,
        f.rotation,
        r.normalization,
        r.cor,
        r.n,
        rows_phrase(&r.rows)
    )?;
    let names = factor_names(f.factors);
    let mut header = vec!["item".to_owned()];
    header.extend(names.iter().cloned());
    header.extend(["h2".to_owned(), "u2".to_owned()]);
    let mut t = new_table(header);
    for (i, item) in r.items.iter().enumerate() {
        let mut row = vec![item.clone()];
        row.extend((0..f.factors).map(|k| loading_cell(f.loadings[(i, k)], cut)));
        row.push(format!("{:.2}", f.communalities[i]));
        row.push(format!("{:.2}", f.uniquenesses[i]));
        t.add_row(row);
    }
    write!(out, "{}", render(&t))?;
    writeln!(out, "(loadings below {cut} not shown)\n")?;
    let mut v = new_table(std::iter::once(String::new()).chain(names.iter().cloned()));
    for (label, values) in [
        ("SS loadings", &f.variance.ss_loadings),
        ("Proportion var", &f.variance.proportion),
        ("Cumulative var", &f.variance.cumulative),
    ] {
        v.add_row(
            std::iter::once(label.to_owned()).chain(values.iter().map(|x| format!("{x:.2}"))),
        );
    }
    write!(out, "{}", render(&v))?;
    if f.rotation.is_oblique() && f.factors > 1 {
        writeln!(out, "\nFactor correlations (Phi)")?;
        let mut p = new_table(std::iter::once(String::new()).chain(names.iter().cloned()));
        for (k, name) in names.iter().enumerate() {
            p.add_row(
                std::iter::once(name.clone())
                    .chain((0..f.factors).map(|l| format!("{:.2}", f.phi[(k, l)]))),
            );
        }
        write!(out, "{}", render(&p))?;
    }
    if let Some(fit) = &f.fit {
        writeln!(
            out,
            "\nFit: chi-square = {:.2}, df = {}, p = {}, RMSEA = {:.3} [{:.3}, {:.3}], TLI = {:.3}, BIC = {:.2}",
            fit.chisq,
            fit.df,
            fmt_p(fit.pvalue),
            fit.rmsea,
            fit.rmsea_ci_lower,
            fit.rmsea_ci_upper,
            fit.tli,
            fit.bic
        )?;
    }
    if let Some(k) = r.kmo {
        writeln!(out, "KMO = {:.3}", k.overall)?;
    }
    if let Some(b) = r.bartlett {
        writeln!(
            out,
            "Bartlett: chi-square = {:.2}, df = {}, p = {}",
            b.chisq,
            b.df,
            fmt_p(b.pvalue)
        )?;
    }
    for d in &f.diagnostics {
        writeln!(
            out,
            "warning: {}",
            line(d, &Names::items(r.items), r.advise)
        )?;
    }
    write_warnings(out, r.warnings, false)
}

pub(crate) fn fmt_p(p: f64) -> String {
    if p < 1e-4 {
        "< .0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}

/// Writes the loadings as a Markdown table (blank below `cut`), with Φ and fit underneath.
///
/// # Errors
/// Only I/O errors of `out`.
pub fn write_efa_markdown(out: &mut dyn Write, r: &EfaReport<'_>, cut: f64) -> io::Result<()> {
    let f = r.fa;
    let names = factor_names(f.factors);
    writeln!(
        out,
        "## Exploratory factor analysis\n\n{} factor(s), {} extraction, {} rotation, {} correlations, n = {} ({}).\n",
        f.factors,
        f.method,
        f.rotation,
        r.cor,
        r.n,
        rows_phrase(&r.rows)
    )?;
    writeln!(out, "| Item | {} | h² | u² |", names.join(" | "))?;
    writeln!(out, "|---|{}---:|---:|", "---:|".repeat(f.factors))?;
    for (i, item) in r.items.iter().enumerate() {
        let cells: Vec<String> = (0..f.factors)
            .map(|k| loading_cell(f.loadings[(i, k)], cut))
            .collect();
        writeln!(
            out,
            "| {item} | {} | {:.2} | {:.2} |",
            cells.join(" | "),
            f.communalities[i],
            f.uniquenesses[i]
        )?;
    }
    writeln!(out, "\n*Note.* Loadings below {cut} are not shown.")?;
    if f.rotation.is_oblique() && f.factors > 1 {
        writeln!(
            out,
            "\n| Φ | {} |\n|---|{}",
            names.join(" | "),
            "---:|".repeat(f.factors)
        )?;
        for (k, name) in names.iter().enumerate() {
            let cells: Vec<String> = (0..f.factors)
                .map(|l| format!("{:.2}", f.phi[(k, l)]))
                .collect();
            writeln!(out, "| {name} | {} |", cells.join(" | "))?;
        }
    }
    if let Some(fit) = &f.fit {
        writeln!(
            out,
            "\nχ²({}) = {:.2}, RMSEA = {:.3}, 90% CI [{:.3}, {:.3}], TLI = {:.3}, BIC = {:.2}.",
            fit.df, fit.chisq, fit.rmsea, fit.rmsea_ci_lower, fit.rmsea_ci_upper, fit.tli, fit.bic
        )?;
    }
    for d in &f.diagnostics {
        writeln!(
            out,
            "\n**Warning:** {}",
            line(d, &Names::items(r.items), r.advise)
        )?;
    }
    write_warnings(out, r.warnings, true)
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let mut text = Vec::new();
        write_efa_text(&mut text, &rep, 0.3).unwrap();
        let text = String::from_utf8(text).unwrap();
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
        let mut md = Vec::new();
        write_efa_markdown(&mut md, &rep, 0.3).unwrap();
        assert!(String::from_utf8(md).unwrap().contains("| q1 |"));
    }
}
