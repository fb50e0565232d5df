//! The invariance ladder as text and Markdown: the fit of each step and each step against the
//! previous one (the layout of semTools' `compareFit`), the chi-square by group, the decision
//! rule and a verdict per step. JSON is the serialised [`Invariance`] with its diagnostics in
//! the shape of every diagnostic ([`invariance_json`]).

use std::io::{self, Write};

use psym_sem::{Advice, Estimator, Invariance, Missing, Step, Verdict};
use serde_json::Value;

use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::table::{fmt_num, new_table, render};

/// What the report says besides the result: the group column and the fit options.
#[derive(Debug, Clone, Copy)]
pub struct InvarianceReport<'a> {
    /// The result.
    pub result: &'a Invariance,
    /// Name of the group column.
    pub group_column: &'a str,
    /// Estimator of every fit.
    pub estimator: Estimator,
    /// Missing-data rule of every fit.
    pub missing: Missing,
    /// Warnings about the data (rows left out, …).
    pub warnings: &'a [String],
    /// How the diagnostics' advice is worded.
    pub advise: Advise<Advice>,
}

/// The group labels, in group order (what group subjects and parameters' groups name).
fn group_labels(r: &Invariance) -> Vec<String> {
    r.groups.iter().map(|g| g.group.clone()).collect()
}

/// The serialised ladder, each step's diagnostics as [`diagnostics_json`] words them.
pub fn invariance_json(r: &InvarianceReport<'_>) -> Value {
    let mut v = serde_json::to_value(r.result).unwrap_or(Value::Null);
    let labels = group_labels(r.result);
    let names = Names {
        items: &[],
        groups: &labels,
    };
    if let Some(steps) = v["steps"].as_array_mut() {
        for (json, step) in steps.iter_mut().zip(&r.result.steps) {
            json["diagnostics"] = diagnostics_json(&step.diagnostics, &names, r.advise);
        }
    }
    v
}

fn num(x: f64, d: usize) -> String {
    fmt_num(Some(x), d)
}

fn pvalue(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<.001".into(),
        other => fmt_num(other, 3),
    }
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "holds",
        Verdict::Fails => "fails",
        Verdict::NotJudged => "not judged",
    }
}

/// Header and rows of the fit table.
fn fit_rows(r: &Invariance) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec![
        "step",
        "chisq",
        "df",
        "pvalue",
        "cfi",
        "tli",
        "rmsea",
        "rmsea 90% CI",
        "srmr",
        "aic",
        "bic",
    ];
    let rows = r
        .steps
        .iter()
        .map(|s| {
            let f = &s.fit;
            vec![
                s.step.to_string(),
                num(f.chisq, 3),
                num(f.df, 0),
                pvalue(Some(f.pvalue)),
                num(f.cfi, 3),
                num(f.tli, 3),
                num(f.rmsea, 3),
                format!("{}–{}", num(f.rmsea_ci_lower, 3), num(f.rmsea_ci_upper, 3)),
                num(f.srmr, 3),
                f.aic.map_or(String::new(), |v| num(v, 1)),
                f.bic.map_or(String::new(), |v| num(v, 1)),
            ]
        })
        .collect();
    (header, rows)
}

/// Header and rows of the comparison table.
fn comparison_rows(r: &Invariance) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec![
        "step", "against", "Δchisq", "Δdf", "p", "Δcfi", "Δrmsea", "Δsrmr", "verdict",
    ];
    let rows = r
        .comparisons
        .iter()
        .map(|c| {
            vec![
                c.step.to_string(),
                c.against.to_string(),
                num(c.chisq_diff, 3),
                num(c.df_diff, 0),
                pvalue(c.pvalue),
                format!("{:+.3}", c.delta_cfi),
                format!("{:+.3}", c.delta_rmsea),
                format!("{:+.3}", c.delta_srmr),
                verdict(c.verdict).into(),
            ]
        })
        .collect();
    (header, rows)
}

/// Header and rows of the chi-square contributions by group (`None` when unavailable).
fn group_rows(r: &Invariance) -> Option<(Vec<String>, Vec<Vec<String>>)> {
    let mut header = vec!["step".to_string()];
    header.extend(r.groups.iter().map(|g| g.group.clone()));
    let rows: Option<Vec<Vec<String>>> = r
        .steps
        .iter()
        .map(|s| {
            let chisq = s.group_chisq.as_ref()?;
            let mut row = vec![s.step.to_string()];
            row.extend(chisq.iter().map(|&x| num(x, 3)));
            Some(row)
        })
        .collect();
    rows.map(|rows| (header, rows))
}

/// One sentence per step: the verdict and the numbers behind it.
fn conclusions(r: &Invariance) -> Vec<String> {
    let mut out: Vec<String> = r
        .comparisons
        .iter()
        .map(|c| {
            let what = match c.verdict {
                Verdict::Holds => "holds",
                Verdict::Fails => "fails",
                Verdict::NotJudged => "is not judged (a fit did not converge or is inadmissible)",
            };
            format!(
                "{} invariance {what}: ΔCFI = {:+.3}, ΔRMSEA = {:+.3} against {}.",
                capitalise(c.step),
                c.delta_cfi,
                c.delta_rmsea,
                c.against
            )
        })
        .collect();
    match r.first_failure {
        Some(Step::Metric) => out.push(
            "The loadings differ between groups: the factors do not mean the same in every group."
                .into(),
        ),
        Some(Step::Scalar) => out.push(
            "The intercepts differ between groups: observed and latent means cannot be compared \
             across groups as they stand; look for the items responsible (partial invariance)."
                .into(),
        ),
        Some(Step::Strict) => out.push(
            "The residual variances differ between groups: latent means can be compared, \
             observed scale scores carry different amounts of error."
                .into(),
        ),
        Some(Step::Means) => out.push("The latent means differ between groups.".into()),
        Some(Step::Configural) | None => {}
    }
    out
}

fn capitalise(s: Step) -> String {
    let t = s.to_string();
    let mut c = t.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn groups_phrase(r: &InvarianceReport<'_>) -> String {
    let g: Vec<String> = r
        .result
        .groups
        .iter()
        .map(|g| format!("{} (n = {})", g.group, g.n))
        .collect();
    format!(
        "Measurement invariance across {}: {}",
        r.group_column,
        g.join(", ")
    )
}

fn options_phrase(r: &InvarianceReport<'_>) -> String {
    let mut s = format!("Estimator {}, missing {}.", r.estimator, r.missing);
    if r.estimator == Estimator::Mlr {
        s.push_str(
            " Chi-square, CFI, TLI and RMSEA are the scaled (Yuan–Bentler) versions; Δchisq is the \
             scaled difference of Satorra & Bentler (2001).",
        );
    }
    s
}

fn rule_phrase(r: &Invariance) -> String {
    format!(
        "Decision rule: {} (Cheung & Rensvold 2002; Chen 2007). No cutoff is universal: \
         the rule is an option, and the chi-square difference test is shown beside it.",
        r.rule
    )
}

fn diagnostics(r: &InvarianceReport<'_>) -> Vec<String> {
    let labels = group_labels(r.result);
    let names = Names {
        items: &[],
        groups: &labels,
    };
    r.result
        .steps
        .iter()
        .flat_map(|s| {
            s.diagnostics
                .iter()
                .map(|d| format!("{}: {}", s.step, line(d, &names, r.advise)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn text_table<S: ToString>(header: &[S], rows: &[Vec<String>]) -> String {
    let mut t = new_table(header.iter().map(ToString::to_string));
    for r in rows {
        t.add_row(r.clone());
    }
    render(&t)
}

fn md_table<S: ToString>(
    out: &mut dyn Write,
    header: &[S],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let h: Vec<String> = header.iter().map(ToString::to_string).collect();
    writeln!(out, "| {} |", h.join(" | "))?;
    let align: Vec<&str> = (0..h.len())
        .map(|i| if i == 0 { "---" } else { "---:" })
        .collect();
    writeln!(out, "|{}|", align.join("|"))?;
    for r in rows {
        writeln!(out, "| {} |", r.join(" | "))?;
    }
    Ok(())
}

/// Writes the ladder as text tables.
pub fn write_invariance_text(out: &mut dyn Write, r: &InvarianceReport<'_>) -> io::Result<()> {
    let res = r.result;
    writeln!(out, "{}", groups_phrase(r))?;
    writeln!(out, "{}", options_phrase(r))?;
    for w in r.warnings {
        writeln!(out, "Warning: {w}")?;
    }
    writeln!(out, "\nFit of each step\n")?;
    let (h, rows) = fit_rows(res);
    write!(out, "{}", text_table(&h, &rows))?;
    if !res.comparisons.is_empty() {
        writeln!(out, "\nEach step against the previous one\n")?;
        let (h, rows) = comparison_rows(res);
        write!(out, "{}", text_table(&h, &rows))?;
    }
    if let Some((h, rows)) = group_rows(res) {
        writeln!(out, "\nChi-square by group\n")?;
        write!(out, "{}", text_table(&h, &rows))?;
    }
    writeln!(out, "\n{}", rule_phrase(res))?;
    for c in conclusions(res) {
        writeln!(out, "{c}")?;
    }
    for d in diagnostics(r) {
        writeln!(out, "Problem: {d}")?;
    }
    Ok(())
}

/// Writes the ladder as Markdown.
pub fn write_invariance_markdown(out: &mut dyn Write, r: &InvarianceReport<'_>) -> io::Result<()> {
    let res = r.result;
    writeln!(out, "## {}\n", groups_phrase(r))?;
    writeln!(out, "{}\n", options_phrase(r))?;
    for w in r.warnings {
        writeln!(out, "> Warning: {w}\n")?;
    }
    writeln!(out, "### Fit of each step\n")?;
    let (h, rows) = fit_rows(res);
    md_table(out, &h, &rows)?;
    if !res.comparisons.is_empty() {
        writeln!(out, "\n### Each step against the previous one\n")?;
        let (h, rows) = comparison_rows(res);
        md_table(out, &h, &rows)?;
    }
    if let Some((h, rows)) = group_rows(res) {
        writeln!(out, "\n### Chi-square by group\n")?;
        md_table(out, &h, &rows)?;
    }
    writeln!(out, "\n{}\n", rule_phrase(res))?;
    for c in conclusions(res) {
        writeln!(out, "- {c}")?;
    }
    for d in diagnostics(r) {
        writeln!(out, "- Problem: {d}")?;
    }
    Ok(())
}
