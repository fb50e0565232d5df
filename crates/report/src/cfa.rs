//! Confirmatory factor analysis: the document of a run ([`document`]: text laid out like
//! lavaan's `summary()`, publication tables in Markdown, model comparison and modification
//! indices) and the JSON contract ([`cfa_json`]).

use psym_sem::{Advice, CfaFit, ComparisonRow, ModIndex, TestStatistic};
use serde_json::{Value, json};

mod ordinal;
mod summary;

pub use ordinal::{ordinal_comparison, ordinal_document};
pub use summary::summary;

use crate::doc::{Block, Column, Document, Role, Table};
use crate::subject::{Advise, Names, advice, diagnostics_json, sentence};
use crate::{Format, fmt_num};

/// What one `psym cfa` run reports.
pub struct CfaReport<'a> {
    /// Model name (file name or "model").
    pub name: &'a str,
    /// The fit.
    pub fit: &'a CfaFit,
    /// Modification indices to show (already filtered), if asked for.
    pub modindices: Option<&'a [ModIndex]>,
    /// Group labels (empty for a single-group model).
    pub groups: &'a [String],
    /// Residual correlation matrices per group, if asked for.
    pub residuals: Option<&'a [nalgebra::DMatrix<f64>]>,
    /// Warnings about the data (for example rows dropped by listwise deletion).
    pub warnings: &'a [String],
    /// How the diagnostics' advice is worded.
    pub advise: Advise<Advice>,
}

/// The JSON object of a fit (shared/design.md's cfa shape plus `r_squared`,
/// `convergence` and optional `modindices`), its diagnostics in the shape of every
/// diagnostic ([`diagnostics_json`]).
pub fn cfa_json(r: &CfaReport<'_>) -> Value {
    let mut v = serde_json::to_value(r.fit).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert(
            "diagnostics".into(),
            diagnostics_json(&r.fit.diagnostics, &names(r), r.advise),
        );
        if let Some(mi) = r.modindices {
            map.insert("modindices".into(), json!(mi));
        }
        if !r.groups.is_empty() {
            map.insert("groups".into(), json!(r.groups));
        }
        if let Some(res) = r.residuals {
            let rows: Vec<_> = res.iter().map(psym_stats::serde_rows::rows).collect();
            map.insert("residual_correlations".into(), json!(rows));
        }
        map.insert("warnings".into(), json!(r.warnings));
    }
    v
}

/// What the subjects of a fit's diagnostics name: its groups (parameters and groups).
fn names<'a>(r: &CfaReport<'a>) -> Names<'a> {
    Names {
        items: &[],
        groups: r.groups,
    }
}

/// The readable document of a `psym cfa` run: each fit, then the model comparison when there
/// is one. Text follows lavaan's `summary(fit, fit.measures = TRUE, standardized = TRUE,
/// rsquare = TRUE)` ([`summary`]); Markdown (and any other document format) gets the
/// publication tables ([`tables`]).
pub fn document(
    reports: &[CfaReport<'_>],
    comparison: Option<&[ComparisonRow]>,
    format: Format,
) -> Document {
    let lavaan = format == Format::Text;
    let mut blocks = Vec::new();
    for r in reports {
        blocks.extend(if lavaan { summary(r) } else { tables(r) });
    }
    if let Some(rows) = comparison {
        if lavaan {
            blocks.push(Block::heading(2, "Chi-Squared Difference Test"));
        }
        blocks.push(Block::Table(comparison_table(rows, lavaan)));
    }
    Document { blocks }
}

/// How the output names a robust test (short enough for the 44-character label column).
fn test_name(t: TestStatistic) -> &'static str {
    match t {
        TestStatistic::Standard => "normal theory",
        TestStatistic::YuanBentlerMplus => "Yuan-Bentler",
        TestStatistic::SatorraBentler => "Satorra-Bentler",
        TestStatistic::MeanVarAdjusted => "mean-var adjusted",
        TestStatistic::ScaledShifted => "scaled-shifted",
    }
}

/// A number, or an empty cell when there is none.
fn opt(x: Option<f64>, d: usize) -> String {
    x.map_or(String::new(), |v| num(v, d))
}

fn num(x: f64, d: usize) -> String {
    fmt_num(Some(x), d)
}

/// The optimiser's largest absolute gradient in scientific notation (`NA` when unknown).
fn gradient(g: f64) -> String {
    if g.is_finite() {
        format!("{g:.1e}")
    } else {
        "NA".into()
    }
}

/// "Group 2 [nb]": the group number and its label, when there is one.
fn group_name(g: usize, labels: &[String]) -> String {
    labels
        .get(g.wrapping_sub(1))
        .map_or(format!("Group {g}"), |l| format!("Group {g} [{l}]"))
}

fn sorted_by_mi(mi: &[ModIndex]) -> Vec<&ModIndex> {
    let mut sorted: Vec<&ModIndex> = mi.iter().collect();
    sorted.sort_by(|a, b| b.mi.total_cmp(&a.mi));
    sorted
}

/// The figures of a modification index: mi, epc, sepc.all.
fn mi_cells(m: &ModIndex) -> [String; 3] {
    [num(m.mi, 3), num(m.epc, 3), num(m.sepc_all, 3)]
}

/// Modification indices as a publication table, largest first, with their group.
fn modindices_table(mi: &[ModIndex]) -> Table {
    let mut t = Table::new(Column::all(&[
        ("lhs", Role::Label),
        ("op", Role::Text),
        ("rhs", Role::Label),
        ("group", Role::Number),
        ("mi", Role::Number),
        ("epc", Role::Number),
        ("sepc.all", Role::Number),
    ]))
    .with_caption("Modification indices");
    for m in sorted_by_mi(mi) {
        let mut row = vec![
            m.lhs.clone(),
            m.op.to_string(),
            m.rhs.clone(),
            m.group.to_string(),
        ];
        row.extend(mi_cells(m));
        t.rows.push(row);
    }
    t
}

/// The admissibility problems of the tables, each with what to try (nothing when admissible).
fn admissibility_list(r: &CfaReport<'_>) -> Vec<Block> {
    let f = r.fit;
    if f.diagnostics.is_empty() {
        return Vec::new();
    }
    let items = f.diagnostics.iter().map(|d| match advice(d, r.advise) {
        a if a.is_empty() => sentence(d, &names(r)),
        a => format!("{} — {a}", sentence(d, &names(r))),
    });
    vec![
        Block::heading(3, "Admissibility problems"),
        Block::List(items.collect()),
    ]
}

/// The fit as publication tables: a sentence on the estimation, the fit measures, the
/// parameters, modification indices if asked for, and any admissibility problems.
pub fn tables(r: &CfaReport<'_>) -> Vec<Block> {
    let f = r.fit;
    let m = &f.fit;
    let mut blocks = vec![
        Block::heading(1, format!("CFA: {}", r.name)),
        Block::Paragraph(format!(
            "Estimator {}, {}, missing data: {}; {} after {} iterations (largest absolute \
             gradient {}).",
            f.estimator.to_string().to_uppercase(),
            crate::rows::rows_phrase(&f.rows),
            f.missing,
            if f.converged {
                "converged"
            } else {
                "did not converge"
            },
            f.convergence.iterations,
            gradient(f.convergence.gradient_max)
        )),
    ];
    if f.rows_per_group.len() > 1 {
        let groups: Vec<String> = (f.rows_per_group.iter().enumerate())
            .map(|(g, c)| {
                let name = r
                    .groups
                    .get(g)
                    .map_or(format!("group {}", g + 1), String::clone);
                format!("{name}: {}", crate::rows::rows_phrase(c))
            })
            .collect();
        blocks.push(Block::Paragraph(format!(
            "Rows per group: {}.",
            groups.join("; ")
        )));
    }
    blocks.extend(r.warnings.iter().cloned().map(Block::Warning));
    let mut fit = Table::new(Column::all(&[
        ("χ²", Role::Number),
        ("df", Role::Number),
        ("p", Role::PValue),
        ("CFI", Role::Number),
        ("TLI", Role::Number),
        ("RMSEA [90% CI]", Role::Interval),
        ("SRMR", Role::Number),
        ("AIC", Role::Number),
        ("BIC", Role::Number),
    ]));
    fit.rows.push(vec![
        num(m.chisq, 2),
        num(m.df, 0),
        num(m.pvalue, 3),
        num(m.cfi, 3),
        num(m.tli, 3),
        format!(
            "{} [{}, {}]",
            num(m.rmsea, 3),
            num(m.rmsea_ci_lower, 3),
            num(m.rmsea_ci_upper, 3)
        ),
        num(m.srmr, 3),
        opt(m.likelihood.as_ref().map(|l| l.aic), 1),
        opt(m.likelihood.as_ref().map(|l| l.bic), 1),
    ]);
    blocks.push(Block::Table(fit));
    if let Some(s) = &m.scaled {
        blocks.push(Block::Paragraph(format!(
            "Scaled ({}): χ² = {}, scaling factor {}, CFI {}, TLI {}, RMSEA {}; robust CFI {}, robust RMSEA {}.",
            test_name(s.test.method),
            num(s.test.statistic, 2),
            num(s.test.scaling_factor, 3),
            num(s.cfi_scaled, 3),
            num(s.tli_scaled, 3),
            num(s.rmsea_scaled, 3),
            num(s.cfi_robust, 3),
            num(s.rmsea_robust, 3)
        )));
    }
    let mut params = Table::new(Column::all(&[
        ("lhs", Role::Label),
        ("op", Role::Text),
        ("rhs", Role::Label),
        ("group", Role::Number),
        ("est", Role::Number),
        ("se", Role::Number),
        ("z", Role::Number),
        ("p", Role::PValue),
        ("std.all", Role::Number),
    ]));
    for p in &f.parameters {
        let opt = |x: Option<f64>| if p.free { fmt_num(x, 3) } else { String::new() };
        params.rows.push(vec![
            p.lhs.clone(),
            p.op.to_string(),
            p.rhs.clone(),
            p.group.to_string(),
            num(p.est, 3),
            opt(p.se),
            opt(p.z),
            opt(p.pvalue),
            num(p.std_all, 3),
        ]);
    }
    blocks.push(Block::Table(params));
    if let Some(mi) = r.modindices {
        blocks.push(Block::Table(modindices_table(mi)));
    }
    blocks.extend(admissibility_list(r));
    blocks
}

/// A model-comparison table as lavaan's `anova()` (`lavaan`: its column names and layout) or
/// as a publication table.
fn comparison_table(rows: &[ComparisonRow], lavaan: bool) -> Table {
    let opt = |x: Option<f64>, d: usize| x.map_or(String::new(), |v| num(v, d));
    let columns: Vec<Column> = if lavaan {
        [
            ("", Role::Label, 16),
            ("Df", Role::Number, 5),
            ("AIC", Role::Number, 11),
            ("BIC", Role::Number, 11),
            ("Chisq", Role::Number, 10),
            ("Chisq diff", Role::Number, 11),
            ("RMSEA", Role::Number, 8),
            ("Df diff", Role::Number, 8),
            ("Pr(>Chisq)", Role::PValue, 12),
        ]
        .into_iter()
        .map(|(h, role, w)| Column::fixed(h, role, w))
        .collect()
    } else {
        Column::all(&[
            ("model", Role::Label),
            ("df", Role::Number),
            ("AIC", Role::Number),
            ("BIC", Role::Number),
            ("χ²", Role::Number),
            ("Δχ²", Role::Number),
            ("Δdf", Role::Number),
            ("RMSEA", Role::Number),
            ("p", Role::PValue),
        ])
    };
    let mut t = Table::new(columns);
    for r in rows {
        let (rmsea, df_diff) = (opt(r.rmsea, 4), opt(r.df_diff, 0));
        let (second, third) = if lavaan {
            (rmsea, df_diff)
        } else {
            (df_diff, rmsea)
        };
        t.rows.push(vec![
            r.model.clone(),
            num(r.df, 0),
            opt(r.aic, 2),
            opt(r.bic, 2),
            num(r.chisq, 3),
            opt(r.chisq_diff, 3),
            second,
            third,
            r.pvalue.map_or(String::new(), |p| format!("{p:.4e}")),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;
    use psym_model::ModelOptions;
    use psym_sem::{Dataset, FitOptions, fit_syntax};

    fn small_fit() -> CfaFit {
        let x = DMatrix::from_fn(40, 4, |i, j| {
            let f = ((i * 7) % 11) as f64;
            f * (1.0 + 0.2 * j as f64) + ((i * (j + 3)) % 5) as f64
        });
        let names: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let data = Dataset {
            names: &names,
            values: &x,
            groups: None,
        };
        fit_syntax(
            "f =~ a + b + c + d",
            &ModelOptions::default(),
            &data,
            &FitOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn text_markdown_and_json_carry_the_sections() {
        let fit = small_fit();
        let r = CfaReport {
            name: "one",
            fit: &fit,
            modindices: None,
            groups: &[],
            residuals: None,
            warnings: &[],
            advise: |a| a.to_string(),
        };
        let text = crate::doc::render_text(&document(std::slice::from_ref(&r), None, Format::Text));
        for section in [
            "Model Test User Model:",
            "Latent Variables:",
            "Variances:",
            "R-Square:",
            "Admissibility:",
        ] {
            assert!(text.contains(section), "{section}");
        }
        let md = crate::doc::render_markdown(&document(std::slice::from_ref(&r), None, Format::Md));
        assert!(md.contains("| f | =\\~ | b |"), "{md}");
        let v = cfa_json(&r);
        assert_eq!(v["parameters"][1]["rhs"], "b");
        assert!(v["fit"]["chisq"].is_number());
    }
}
