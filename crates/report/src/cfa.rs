//! Confirmatory factor analysis: text laid out like lavaan's `summary()`, Markdown tables,
//! model-comparison and modification-index tables, and the JSON contract.

use std::io::{self, Write};

use psym_model::Op;
use psym_sem::{Advice, CfaFit, ComparisonRow, Estimate, Estimator, ModIndex, ParamOp, Severity};
use psym_stats::RowCount;
use serde_json::{Value, json};

use crate::fmt_num;
use crate::subject::{Advise, Names, advice, diagnostics_json, sentence};

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

fn line(out: &mut dyn Write, label: &str, values: &[String]) -> io::Result<()> {
    if values.is_empty() {
        return writeln!(out, "  {label}");
    }
    write!(out, "  {label:<44}")?;
    for v in values {
        write!(out, "{v:>12}")?;
    }
    writeln!(out)
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

/// Writes the fit in lavaan's `summary(fit, fit.measures = TRUE, standardized = TRUE,
/// rsquare = TRUE)` layout, followed by the admissibility report.
pub fn write_cfa_text(out: &mut dyn Write, r: &CfaReport<'_>) -> io::Result<()> {
    let f = r.fit;
    let m = &f.fit;
    let robust = m.scaled.as_ref().filter(|_| f.estimator == Estimator::Mlr);
    let ended = if f.converged {
        "ended normally"
    } else {
        "did NOT converge"
    };
    writeln!(
        out,
        "psym cfa {ended} after {} iterations ({})\n",
        f.convergence.iterations, r.name
    )?;
    line(out, "Estimator", &[f.estimator.to_string().to_uppercase()])?;
    line(out, "Optimization method", &["BFGS".into()])?;
    line(
        out,
        "Largest absolute gradient",
        &[gradient(f.convergence.gradient_max)],
    )?;
    line(out, "Number of model parameters", &[m.npar.to_string()])?;
    line(out, "Missing-data rule", &[f.missing.to_string()])?;
    write_observations(out, f, r.groups)?;
    crate::rows::write_warnings(out, r.warnings, false)?;
    let test_header = |out: &mut dyn Write, title: &str| -> io::Result<()> {
        writeln!(out, "\n{title}:\n")?;
        if robust.is_some() {
            line(out, "", &["Standard".into(), "Scaled".into()])?;
        }
        Ok(())
    };
    test_header(out, "Model Test User Model")?;
    let two = |a: f64, b: Option<f64>, d: usize| -> Vec<String> {
        std::iter::once(num(a, d))
            .chain(b.map(|b| num(b, d)))
            .collect()
    };
    line(
        out,
        "Test statistic",
        &two(m.chisq, robust.map(|s| s.chisq_scaled), 3),
    )?;
    line(
        out,
        "Degrees of freedom",
        &two(m.df, robust.map(|_| m.df), 0),
    )?;
    line(
        out,
        "P-value (Chi-square)",
        &two(m.pvalue, robust.map(|s| s.pvalue_scaled), 3),
    )?;
    if let Some(s) = robust {
        line(
            out,
            "Scaling correction factor (Yuan-Bentler)",
            &["".into(), num(s.chisq_scaling_factor, 3)],
        )?;
    }
    test_header(out, "Model Test Baseline Model")?;
    line(
        out,
        "Test statistic",
        &two(m.baseline_chisq, robust.map(|s| s.baseline_chisq_scaled), 3),
    )?;
    line(
        out,
        "Degrees of freedom",
        &two(m.baseline_df, robust.map(|_| m.baseline_df), 0),
    )?;
    test_header(out, "User Model versus Baseline Model")?;
    line(
        out,
        "Comparative Fit Index (CFI)",
        &two(m.cfi, robust.map(|s| s.cfi_scaled), 3),
    )?;
    line(
        out,
        "Tucker-Lewis Index (TLI)",
        &two(m.tli, robust.map(|s| s.tli_scaled), 3),
    )?;
    if let Some(s) = robust {
        line(
            out,
            "Robust Comparative Fit Index (CFI)",
            &["".into(), num(s.cfi_robust, 3)],
        )?;
        line(
            out,
            "Robust Tucker-Lewis Index (TLI)",
            &["".into(), num(s.tli_robust, 3)],
        )?;
    }
    writeln!(out, "\nLoglikelihood and Information Criteria:\n")?;
    line(out, "Loglikelihood user model (H0)", &[num(m.loglik, 3)])?;
    line(
        out,
        "Loglikelihood unrestricted model (H1)",
        &[num(m.unrestricted_loglik, 3)],
    )?;
    line(out, "Akaike (AIC)", &[num(m.aic, 3)])?;
    line(out, "Bayesian (BIC)", &[num(m.bic, 3)])?;
    line(
        out,
        "Sample-size adjusted Bayesian (SABIC)",
        &[num(m.sabic, 3)],
    )?;
    test_header(out, "Root Mean Square Error of Approximation")?;
    line(
        out,
        "RMSEA",
        &two(m.rmsea, robust.map(|s| s.rmsea_scaled), 3),
    )?;
    line(
        out,
        "90 Percent confidence interval - lower",
        &[num(m.rmsea_ci_lower, 3)],
    )?;
    line(
        out,
        "90 Percent confidence interval - upper",
        &[num(m.rmsea_ci_upper, 3)],
    )?;
    line(
        out,
        "P-value H_0: RMSEA <= 0.050",
        &[num(m.rmsea_pvalue, 3)],
    )?;
    if let Some(s) = robust {
        line(out, "Robust RMSEA", &["".into(), num(s.rmsea_robust, 3)])?;
    }
    writeln!(out, "\nStandardized Root Mean Square Residual:\n")?;
    line(out, "SRMR", &[num(m.srmr, 3)])?;
    writeln!(out, "\nParameter Estimates:\n")?;
    let se = if robust.is_some() {
        "Robust.huber.white"
    } else {
        "Standard"
    };
    line(out, "Standard errors", &[se.into()])?;
    line(
        out,
        "Information",
        &[capitalise(&f.information.to_string())],
    )?;
    write_parameters(out, f, r.groups)?;
    write_r2(out, f, r.groups)?;
    if let Some(mi) = r.modindices {
        write_modindices_text(out, mi, r.groups)?;
    }
    if let Some(res) = r.residuals {
        write_residuals_text(out, &f.observed, res)?;
    }
    write_diagnostics(out, r)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn section(p: &Estimate) -> (usize, &'static str) {
    match p.op {
        ParamOp::Model(Op::Measure) => (0, "Latent Variables"),
        ParamOp::Model(Op::Regress) => (1, "Regressions"),
        ParamOp::Model(Op::Covary) if p.lhs != p.rhs => (2, "Covariances"),
        ParamOp::Model(Op::Intercept) => (3, "Intercepts"),
        ParamOp::Defined => (5, "Defined Parameters"),
        ParamOp::Model(Op::Covary) => (4, "Variances"),
    }
}

/// The parameters group by group (lavaan's layout), then the defined parameters (group 0).
fn write_parameters(out: &mut dyn Write, f: &CfaFit, labels: &[String]) -> io::Result<()> {
    let groups = f.parameters.iter().map(|p| p.group).max().unwrap_or(1);
    for g in (1..=groups).chain([0]) {
        if groups > 1 && g > 0 {
            writeln!(out, "\n\n{}:", group_name(g, labels))?;
        }
        for sec in 0..6 {
            let rows: Vec<&Estimate> = f
                .parameters
                .iter()
                .filter(|p| p.group == g && section(p).0 == sec)
                .collect();
            let Some(first) = rows.first() else { continue };
            writeln!(out, "\n{}:", section(first).1)?;
            writeln!(
                out,
                "{:<20}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
                "", "Estimate", "Std.Err", "z-value", "P(>|z|)", "Std.lv", "Std.all"
            )?;
            let mut current = String::new();
            for p in rows {
                let grouped = matches!(p.op, ParamOp::Model(Op::Measure | Op::Regress))
                    || (p.op == Op::Covary && p.lhs != p.rhs);
                let name = if grouped {
                    if p.lhs != current {
                        writeln!(out, "  {} {}", p.lhs, p.op)?;
                        current = p.lhs.clone();
                    }
                    format!("    {}", p.rhs)
                } else {
                    // lavaan marks residual (co)variances and intercepts of indicators with '.'
                    let dot = if f.latent.contains(&p.lhs) || p.op == ParamOp::Defined {
                        " "
                    } else {
                        "."
                    };
                    format!("   {dot}{}", p.lhs)
                };
                let name = if p.label.is_empty() || p.op == ParamOp::Defined {
                    name
                } else {
                    format!("{name} ({})", p.label)
                };
                let opt = |x: Option<f64>| if p.free { fmt_num(x, 3) } else { String::new() };
                writeln!(
                    out,
                    "{name:<20}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}",
                    num(p.est, 3),
                    opt(p.se),
                    opt(p.z),
                    opt(p.pvalue),
                    num(p.std_lv, 3),
                    num(p.std_all, 3)
                )?;
            }
        }
    }
    Ok(())
}

fn write_r2(out: &mut dyn Write, f: &CfaFit, labels: &[String]) -> io::Result<()> {
    writeln!(out, "\nR-Square:")?;
    writeln!(out, "{:<20}{:>9}", "", "Estimate")?;
    let mut group = 0;
    for r in &f.r_squared {
        if labels.len() > 1 && r.group != group {
            group = r.group;
            writeln!(out, "  {}:", group_name(group, labels))?;
        }
        writeln!(out, "    {:<16}{:>9}", r.variable, num(r.r2, 3))?;
    }
    Ok(())
}

/// Rows used and read and missing-data patterns, laid out as lavaan's summary: one line for a
/// single group, one line per group ("Number of observations per group") for several.
fn write_observations(out: &mut dyn Write, f: &CfaFit, labels: &[String]) -> io::Result<()> {
    let per_group = f.rows_per_group.len() > 1;
    let (title, suffix) = if per_group {
        ("Number of observations per group", ":")
    } else {
        ("Number of observations", "")
    };
    let counts: Vec<(String, RowCount)> = if per_group {
        let name = |g: usize| {
            labels
                .get(g)
                .map_or(format!("Group {}", g + 1), String::clone)
        };
        let rows = f.rows_per_group.iter().enumerate();
        rows.map(|(g, c)| (format!("  {}", name(g)), *c)).collect()
    } else {
        vec![(String::new(), f.rows)]
    };
    if f.rows.n_used == f.rows.n_total {
        if per_group {
            line(out, &format!("{title}{suffix}"), &[])?;
        }
        for (name, c) in &counts {
            let label = if per_group { name.as_str() } else { title };
            line(out, label, &[c.n_used.to_string()])?;
        }
    } else {
        line(
            out,
            &format!("{title}{suffix}"),
            &["Used".into(), "Total".into()],
        )?;
        for (name, c) in &counts {
            line(out, name, &[c.n_used.to_string(), c.n_total.to_string()])?;
        }
    }
    if counts.iter().any(|(_, c)| c.patterns > 1) {
        if per_group {
            line(out, "Number of missing patterns per group:", &[])?;
        }
        for (name, c) in &counts {
            let label = if per_group {
                name.as_str()
            } else {
                "Number of missing patterns"
            };
            line(out, label, &[c.patterns.to_string()])?;
        }
    }
    Ok(())
}

/// "Group 2 [nb]": the group number and its label, when there is one.
fn group_name(g: usize, labels: &[String]) -> String {
    labels
        .get(g.wrapping_sub(1))
        .map_or(format!("Group {g}"), |l| format!("Group {g} [{l}]"))
}

/// Writes modification indices, largest first, with a group column when `labels` names
/// several groups.
pub fn write_modindices_text(
    out: &mut dyn Write,
    mi: &[ModIndex],
    labels: &[String],
) -> io::Result<()> {
    writeln!(out, "\nModification Indices:\n")?;
    let grouped = labels.len() > 1;
    let width = mi
        .iter()
        .map(|m| group_name(m.group, labels).chars().count() + 2)
        .max()
        .unwrap_or(0);
    let group = |m: Option<&ModIndex>| match (grouped, m) {
        (false, _) => String::new(),
        (true, None) => format!("{:<width$}", "group"),
        (true, Some(m)) => format!("{:<width$}", group_name(m.group, labels)),
    };
    writeln!(
        out,
        "{}{:<12}{:>4} {:<12}{:>9}{:>9}{:>9}",
        group(None),
        "lhs",
        "op",
        "rhs",
        "mi",
        "epc",
        "sepc.all"
    )?;
    for m in sorted_by_mi(mi) {
        writeln!(
            out,
            "{}{:<12}{:>4} {:<12}{:>9}{:>9}{:>9}",
            group(Some(m)),
            m.lhs,
            m.op,
            m.rhs,
            num(m.mi, 3),
            num(m.epc, 3),
            num(m.sepc_all, 3)
        )?;
    }
    Ok(())
}

fn sorted_by_mi(mi: &[ModIndex]) -> Vec<&ModIndex> {
    let mut sorted: Vec<&ModIndex> = mi.iter().collect();
    sorted.sort_by(|a, b| b.mi.total_cmp(&a.mi));
    sorted
}

/// Writes modification indices as a Markdown table, largest first, with their group.
fn write_modindices_markdown(out: &mut dyn Write, mi: &[ModIndex]) -> io::Result<()> {
    writeln!(out, "\n**Modification indices**\n")?;
    writeln!(out, "| lhs | op | rhs | group | mi | epc | sepc.all |")?;
    writeln!(out, "|---|---|---|---:|---:|---:|---:|")?;
    for m in sorted_by_mi(mi) {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            m.lhs,
            m.op.to_string().replace('~', "\\~"),
            m.rhs,
            m.group,
            num(m.mi, 3),
            num(m.epc, 3),
            num(m.sepc_all, 3)
        )?;
    }
    Ok(())
}

/// Writes residual correlation matrices (lower triangle, 3 decimals).
pub fn write_residuals_text(
    out: &mut dyn Write,
    names: &[String],
    res: &[nalgebra::DMatrix<f64>],
) -> io::Result<()> {
    for (g, m) in res.iter().enumerate() {
        let group = if res.len() > 1 {
            format!(" (group {})", g + 1)
        } else {
            String::new()
        };
        writeln!(out, "\nResidual correlations{group}:\n")?;
        write!(out, "{:<10}", "")?;
        for n in names {
            write!(out, "{n:>8}")?;
        }
        writeln!(out)?;
        for (i, n) in names.iter().enumerate() {
            write!(out, "{n:<10}")?;
            for j in 0..=i {
                write!(out, "{:>8}", num(m[(i, j)], 3))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

fn write_diagnostics(out: &mut dyn Write, r: &CfaReport<'_>) -> io::Result<()> {
    let f = r.fit;
    writeln!(out, "\nAdmissibility:\n")?;
    if f.diagnostics.is_empty() {
        writeln!(
            out,
            "  converged, no negative variances, all standardized values within ±1, identified"
        )?;
    }
    for d in &f.diagnostics {
        let tag = match d.severity {
            Severity::Error => "problem",
            Severity::Warning => "warning",
        };
        writeln!(out, "  {tag}: {}", sentence(d, &names(r)))?;
        if !d.advice.is_empty() {
            writeln!(out, "    what to try: {}", advice(d, r.advise))?;
        }
    }
    Ok(())
}

/// Writes the fit summary and parameters as Markdown tables.
pub fn write_cfa_markdown(out: &mut dyn Write, r: &CfaReport<'_>) -> io::Result<()> {
    let f = r.fit;
    let m = &f.fit;
    writeln!(out, "## CFA: {}\n", r.name)?;
    writeln!(
        out,
        "Estimator {}, {}, missing data: {}; {} after {} iterations (largest absolute \
         gradient {}).\n",
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
    )?;
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
        writeln!(out, "Rows per group: {}.\n", groups.join("; "))?;
    }
    if !r.warnings.is_empty() {
        crate::rows::write_warnings(out, r.warnings, true)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "| χ² | df | p | CFI | TLI | RMSEA [90% CI] | SRMR | AIC | BIC |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---|---:|---:|---:|")?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} [{}, {}] | {} | {} | {} |",
        num(m.chisq, 2),
        num(m.df, 0),
        num(m.pvalue, 3),
        num(m.cfi, 3),
        num(m.tli, 3),
        num(m.rmsea, 3),
        num(m.rmsea_ci_lower, 3),
        num(m.rmsea_ci_upper, 3),
        num(m.srmr, 3),
        num(m.aic, 1),
        num(m.bic, 1)
    )?;
    if let Some(s) = &m.scaled {
        writeln!(
            out,
            "\nScaled (Yuan–Bentler): χ² = {}, scaling factor {}, CFI {}, TLI {}, RMSEA {}; robust CFI {}, robust RMSEA {}.",
            num(s.chisq_scaled, 2),
            num(s.chisq_scaling_factor, 3),
            num(s.cfi_scaled, 3),
            num(s.tli_scaled, 3),
            num(s.rmsea_scaled, 3),
            num(s.cfi_robust, 3),
            num(s.rmsea_robust, 3)
        )?;
    }
    writeln!(
        out,
        "\n| lhs | op | rhs | group | est | se | z | p | std.all |"
    )?;
    writeln!(out, "|---|---|---|---:|---:|---:|---:|---:|---:|")?;
    for p in &f.parameters {
        let opt = |x: Option<f64>| if p.free { fmt_num(x, 3) } else { String::new() };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            p.lhs,
            p.op.to_string().replace('~', "\\~"),
            p.rhs,
            p.group,
            num(p.est, 3),
            opt(p.se),
            opt(p.z),
            opt(p.pvalue),
            num(p.std_all, 3)
        )?;
    }
    if let Some(mi) = r.modindices {
        write_modindices_markdown(out, mi)?;
    }
    if !f.diagnostics.is_empty() {
        writeln!(out, "\n**Admissibility problems**\n")?;
        for d in &f.diagnostics {
            match advice(d, r.advise) {
                a if a.is_empty() => writeln!(out, "- {}", sentence(d, &names(r)))?,
                a => writeln!(out, "- {} — {a}", sentence(d, &names(r)))?,
            }
        }
    }
    Ok(())
}

/// Writes a model-comparison table as lavaan's `anova()`; `md` selects Markdown.
pub fn write_comparison(out: &mut dyn Write, rows: &[ComparisonRow], md: bool) -> io::Result<()> {
    let opt = |x: Option<f64>, d: usize| x.map_or(String::new(), |v| num(v, d));
    if md {
        writeln!(
            out,
            "| model | df | AIC | BIC | χ² | Δχ² | Δdf | RMSEA | p |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")?;
    } else {
        writeln!(out, "\nChi-Squared Difference Test\n")?;
        writeln!(
            out,
            "{:<16}{:>5}{:>11}{:>11}{:>10}{:>11}{:>8}{:>8}{:>12}",
            "", "Df", "AIC", "BIC", "Chisq", "Chisq diff", "RMSEA", "Df diff", "Pr(>Chisq)"
        )?;
    }
    for r in rows {
        let cells = [
            num(r.df, 0),
            num(r.aic, 2),
            num(r.bic, 2),
            num(r.chisq, 3),
            opt(r.chisq_diff, 3),
            opt(r.rmsea, 4),
            opt(r.df_diff, 0),
            r.pvalue.map_or(String::new(), |p| format!("{p:.4e}")),
        ];
        if md {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.model,
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                cells[4],
                cells[6],
                cells[5],
                cells[7]
            )?;
        } else {
            writeln!(
                out,
                "{:<16}{:>5}{:>11}{:>11}{:>10}{:>11}{:>8}{:>8}{:>12}",
                r.model,
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                cells[4],
                cells[5],
                cells[6],
                cells[7]
            )?;
        }
    }
    Ok(())
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
        let mut text = Vec::new();
        write_cfa_text(&mut text, &r).unwrap();
        let text = String::from_utf8(text).unwrap();
        for section in [
            "Model Test User Model:",
            "Latent Variables:",
            "Variances:",
            "R-Square:",
            "Admissibility:",
        ] {
            assert!(text.contains(section), "{section}");
        }
        let mut md = Vec::new();
        write_cfa_markdown(&mut md, &r).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert!(md.contains("| f | =\\~ | b |"), "{md}");
        let v = cfa_json(&r);
        assert_eq!(v["parameters"][1]["rhs"], "b");
        assert!(v["fit"]["chisq"].is_number());
    }
}
