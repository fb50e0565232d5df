//! The fit laid out as lavaan's `summary(fit, fit.measures = TRUE, standardized = TRUE,
//! rsquare = TRUE)`: key–value sections of fit measures, fixed-width parameter tables by
//! group and section, R², modification indices, residual correlations and admissibility.

use psym_model::Op;
use psym_sem::{
    CfaFit, Estimate, FitMeasures, LikelihoodMeasures, ModIndex, ParamOp, ScaledMeasures, Severity,
};
use psym_stats::RowCount;

use super::{CfaReport, gradient, group_name, mi_cells, names, num, sorted_by_mi, test_name};
use crate::doc::{Block, Column, KeyValue, Role, Table};
use crate::fmt_num;
use crate::subject::{advice, sentence};

/// A labelled line of the summary.
fn kv<I, S>(key: &str, values: I) -> KeyValue
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    KeyValue::new(key, values)
}

/// The fit in lavaan's summary layout, followed by the admissibility report.
pub fn summary(r: &CfaReport<'_>) -> Vec<Block> {
    let f = r.fit;
    let m = &f.fit;
    let robust = m.scaled.as_ref();
    let ended = if f.converged {
        "ended normally"
    } else {
        "did NOT converge"
    };
    let mut blocks = vec![Block::heading(
        1,
        format!(
            "psym cfa {ended} after {} iterations ({})",
            f.convergence.iterations, r.name
        ),
    )];
    let mut head = vec![
        kv("Estimator", [f.estimator.to_string().to_uppercase()]),
        kv("Optimization method", ["BFGS"]),
        kv(
            "Largest absolute gradient",
            [gradient(f.convergence.gradient_max)],
        ),
        kv("Number of model parameters", [m.npar.to_string()]),
        kv("Missing-data rule", [f.missing.to_string()]),
    ];
    head.extend(observations(f, r.groups));
    blocks.push(Block::KeyValues(head));
    blocks.extend(r.warnings.iter().cloned().map(Block::Warning));
    blocks.extend(fit_sections(m, robust));
    let se = if robust.is_some() {
        "Robust.huber.white"
    } else {
        "Standard"
    };
    blocks.extend(section(
        "Parameter Estimates:",
        false,
        vec![
            kv("Standard errors", [se]),
            kv("Information", [capitalise(&f.information.to_string())]),
        ],
    ));
    blocks.extend(parameter_sections(f, r.groups));
    blocks.push(Block::Table(r_squared(f, r.groups)));
    if let Some(mi) = r.modindices {
        blocks.push(Block::heading(3, "Modification Indices:"));
        blocks.push(Block::Table(modindices_summary(mi, r.groups)));
    }
    if let Some(res) = r.residuals {
        blocks.extend(residual_blocks(&f.observed, res));
    }
    blocks.extend(admissibility_summary(r));
    blocks
}
/// A line of lavaan's fit summary: label, standard figure, scaled figure (robust test), and
/// how a figure is written. A line without a standard figure shows the scaled one alone, or
/// nothing without a robust test; a line without either figure is left out.
type FitLine = (String, Option<f64>, Option<f64>, fn(f64) -> String);

/// A figure with three decimals.
fn three(x: f64) -> String {
    num(x, 3)
}

/// Degrees of freedom: whole, or with three decimals when adjusted (Satterthwaite).
fn degrees_of_freedom(df: f64) -> String {
    num(df, if df.fract() == 0.0 { 0 } else { 3 })
}

/// The fit measures in lavaan's sections, with a scaled column under MLR.
fn fit_sections(m: &FitMeasures, robust: Option<&ScaledMeasures>) -> Vec<Block> {
    let s = |pick: fn(&ScaledMeasures) -> f64| robust.map(pick);
    let scaled = robust.is_some();
    let l = |pick: fn(&LikelihoodMeasures) -> f64| m.likelihood.as_ref().map(pick);
    let scaling = format!(
        "Scaling correction factor ({})",
        robust.map_or("", |s| test_name(s.test.method))
    );
    let (df, df_base) = (s(|s| s.test.df), s(|s| s.baseline.df));
    // one line per figure, as lavaan prints them
    #[rustfmt::skip]
    let sections: [(&str, bool, Vec<FitLine>); 6] = [
        ("Model Test User Model:", scaled, vec![
            ("Test statistic".into(), Some(m.chisq), s(|s| s.test.statistic), three),
            ("Degrees of freedom".into(), Some(m.df), df, degrees_of_freedom),
            ("P-value (Chi-square)".into(), Some(m.pvalue), s(|s| s.test.pvalue), three),
            (scaling, None, s(|s| s.test.scaling_factor), three),
            ("Shift parameter".into(), None, robust.and_then(|s| s.test.shift), three),
        ]),
        ("Model Test Baseline Model:", scaled, vec![
            ("Test statistic".into(), Some(m.baseline_chisq), s(|s| s.baseline.statistic), three),
            ("Degrees of freedom".into(), Some(m.baseline_df), df_base, degrees_of_freedom),
        ]),
        ("User Model versus Baseline Model:", scaled, vec![
            ("Comparative Fit Index (CFI)".into(), Some(m.cfi), s(|s| s.cfi_scaled), three),
            ("Tucker-Lewis Index (TLI)".into(), Some(m.tli), s(|s| s.tli_scaled), three),
            ("Robust Comparative Fit Index (CFI)".into(), None, s(|s| s.cfi_robust), three),
            ("Robust Tucker-Lewis Index (TLI)".into(), None, s(|s| s.tli_robust), three),
        ]),
        ("Loglikelihood and Information Criteria:", false, vec![
            ("Loglikelihood user model (H0)".into(), l(|l| l.loglik), None, three),
            ("Loglikelihood unrestricted model (H1)".into(), l(|l| l.unrestricted_loglik), None, three),
            ("Akaike (AIC)".into(), l(|l| l.aic), None, three),
            ("Bayesian (BIC)".into(), l(|l| l.bic), None, three),
            ("Sample-size adjusted Bayesian (SABIC)".into(), l(|l| l.sabic), None, three),
        ]),
        ("Root Mean Square Error of Approximation:", scaled, vec![
            ("RMSEA".into(), Some(m.rmsea), s(|s| s.rmsea_scaled), three),
            ("90 Percent confidence interval - lower".into(), Some(m.rmsea_ci_lower), None, three),
            ("90 Percent confidence interval - upper".into(), Some(m.rmsea_ci_upper), None, three),
            ("P-value H_0: RMSEA <= 0.050".into(), Some(m.rmsea_pvalue), None, three),
            ("Robust RMSEA".into(), None, s(|s| s.rmsea_robust), three),
        ]),
        ("Standardized Root Mean Square Residual:", false, vec![
            ("SRMR".into(), Some(m.srmr), None, three),
        ]),
    ];
    let line = |(key, standard, scaled, write): &FitLine| {
        let values: Vec<String> = match (*standard, *scaled) {
            (None, None) => return None,
            (None, Some(b)) => vec![String::new(), write(b)],
            (Some(a), b) => std::iter::once(a).chain(b).map(write).collect(),
        };
        Some(KeyValue::new(key.as_str(), values))
    };
    let mut blocks = Vec::new();
    for (title, scaled, lines) in &sections {
        let lines: Vec<KeyValue> = lines.iter().filter_map(line).collect();
        if !lines.is_empty() {
            blocks.extend(section(title, *scaled, lines));
        }
    }
    blocks
}

/// A section of the summary: its heading and its lines, under a `Standard  Scaled` header
/// line when `scaled`.
fn section(title: &str, scaled: bool, lines: Vec<KeyValue>) -> [Block; 2] {
    let header = scaled.then(|| kv("", ["Standard", "Scaled"]));
    [
        Block::heading(3, title),
        Block::KeyValues(header.into_iter().chain(lines).collect()),
    ]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// lavaan's section of a parameter: its order and title.
fn param_section(p: &Estimate) -> (usize, &'static str) {
    match p.op {
        ParamOp::Model(Op::Measure) => (0, "Latent Variables:"),
        ParamOp::Model(Op::Regress) => (1, "Regressions:"),
        ParamOp::Model(Op::Covary) if p.lhs != p.rhs => (2, "Covariances:"),
        ParamOp::Model(Op::Intercept) => (3, "Intercepts:"),
        ParamOp::Model(Op::Threshold) => (4, "Thresholds:"),
        ParamOp::Model(Op::Covary) => (5, "Variances:"),
        ParamOp::Model(Op::Scale) => (6, "Scales y*:"),
        ParamOp::Defined => (7, "Defined Parameters:"),
    }
}

/// Width of the name column of lavaan's parameter and R² tables.
const NAME_WIDTH: usize = 20;
/// Width of each number column of lavaan's parameter and R² tables.
const NUMBER_WIDTH: usize = 9;

/// The parameters group by group (lavaan's layout), then the defined parameters (group 0).
fn parameter_sections(f: &CfaFit, labels: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let groups = f.parameters.iter().map(|p| p.group).max().unwrap_or(1);
    for g in (1..=groups).chain([0]) {
        if groups > 1 && g > 0 {
            blocks.push(Block::heading(2, format!("{}:", group_name(g, labels))));
        }
        for sec in 0..8 {
            let params: Vec<&Estimate> = f
                .parameters
                .iter()
                .filter(|p| p.group == g && param_section(p).0 == sec)
                .collect();
            let Some(first) = params.first() else {
                continue;
            };
            let mut columns = vec![Column::fixed("", Role::Label, NAME_WIDTH)];
            for (header, role) in [
                ("Estimate", Role::Number),
                ("Std.Err", Role::Number),
                ("z-value", Role::Number),
                ("P(>|z|)", Role::PValue),
                ("Std.lv", Role::Number),
                ("Std.all", Role::Number),
            ] {
                columns.push(Column::fixed(header, role, NUMBER_WIDTH));
            }
            let mut t = Table::new(columns).with_caption(param_section(first).1);
            let mut current = String::new();
            for p in params {
                let grouped = matches!(p.op, ParamOp::Model(Op::Measure | Op::Regress))
                    || (p.op == Op::Covary && p.lhs != p.rhs);
                let name = if grouped {
                    if p.lhs != current {
                        t.rows.push(vec![format!("  {} {}", p.lhs, p.op)]);
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
                t.rows.push(vec![
                    name,
                    num(p.est, 3),
                    opt(p.se),
                    opt(p.z),
                    opt(p.pvalue),
                    num(p.std_lv, 3),
                    num(p.std_all, 3),
                ]);
            }
            blocks.push(Block::Table(t));
        }
    }
    blocks
}

/// R² of the endogenous variables, with a line per group when there are several.
fn r_squared(f: &CfaFit, labels: &[String]) -> Table {
    let mut t = Table::new(vec![
        Column::fixed("", Role::Label, NAME_WIDTH),
        Column::fixed("Estimate", Role::Number, NUMBER_WIDTH),
    ])
    .with_caption("R-Square:");
    let mut group = 0;
    for r in &f.r_squared {
        if labels.len() > 1 && r.group != group {
            group = r.group;
            t.rows
                .push(vec![format!("  {}:", group_name(group, labels))]);
        }
        t.rows
            .push(vec![format!("    {}", r.variable), num(r.r2, 3)]);
    }
    t
}

/// Rows used and read and missing-data patterns, laid out as lavaan's summary: one line for a
/// single group, one line per group ("Number of observations per group") for several.
fn observations(f: &CfaFit, labels: &[String]) -> Vec<KeyValue> {
    let mut lines = Vec::new();
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
    let none: [String; 0] = [];
    if f.rows.n_used == f.rows.n_total {
        if per_group {
            lines.push(kv(&format!("{title}{suffix}"), none.clone()));
        }
        for (name, c) in &counts {
            let label = if per_group { name.as_str() } else { title };
            lines.push(kv(label, [c.n_used.to_string()]));
        }
    } else {
        lines.push(kv(&format!("{title}{suffix}"), ["Used", "Total"]));
        for (name, c) in &counts {
            lines.push(kv(name, [c.n_used.to_string(), c.n_total.to_string()]));
        }
    }
    if counts.iter().any(|(_, c)| c.patterns > 1) {
        if per_group {
            lines.push(kv("Number of missing patterns per group:", none));
        }
        for (name, c) in &counts {
            let label = if per_group {
                name.as_str()
            } else {
                "Number of missing patterns"
            };
            lines.push(kv(label, [c.patterns.to_string()]));
        }
    }
    lines
}

/// Modification indices in lavaan's layout, largest first, with a group column when
/// `labels` names several groups.
fn modindices_summary(mi: &[ModIndex], labels: &[String]) -> Table {
    let grouped = labels.len() > 1;
    let mut columns = Vec::new();
    if grouped {
        let width = mi
            .iter()
            .map(|m| group_name(m.group, labels).chars().count() + 2)
            .max()
            .unwrap_or(0);
        columns.push(Column::fixed("group", Role::Label, width));
    }
    columns.extend([
        Column::fixed("lhs", Role::Label, 12),
        Column::fixed("op", Role::Text, 4).right(),
        Column::fixed("rhs", Role::Label, 12),
        Column::fixed("mi", Role::Number, NUMBER_WIDTH),
        Column::fixed("epc", Role::Number, NUMBER_WIDTH),
        Column::fixed("sepc.all", Role::Number, NUMBER_WIDTH),
    ]);
    let mut t = Table::new(columns);
    for m in sorted_by_mi(mi) {
        let mut row: Vec<String> = grouped
            .then(|| group_name(m.group, labels))
            .into_iter()
            .collect();
        row.extend([m.lhs.clone(), m.op.to_string(), m.rhs.clone()]);
        row.extend(mi_cells(m));
        t.rows.push(row);
    }
    t
}

/// Residual correlation matrices (lower triangle, 3 decimals), one per group.
fn residual_blocks(names: &[String], res: &[nalgebra::DMatrix<f64>]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (g, m) in res.iter().enumerate() {
        let group = if res.len() > 1 {
            format!(" (group {})", g + 1)
        } else {
            String::new()
        };
        blocks.push(Block::heading(3, format!("Residual correlations{group}:")));
        let mut columns = vec![Column::fixed("", Role::Label, 10)];
        columns.extend(
            names
                .iter()
                .map(|n| Column::fixed(n.clone(), Role::Number, 8)),
        );
        let mut t = Table::new(columns);
        for (i, n) in names.iter().enumerate() {
            let mut row = vec![n.clone()];
            row.extend((0..=i).map(|j| num(m[(i, j)], 3)));
            t.rows.push(row);
        }
        blocks.push(Block::Table(t));
    }
    blocks
}

/// The admissibility report of the summary: a clean bill, or each problem with what to try.
fn admissibility_summary(r: &CfaReport<'_>) -> [Block; 2] {
    let f = r.fit;
    let text = if f.diagnostics.is_empty() {
        "  converged, no negative variances, all standardized values within ±1, identified"
            .to_owned()
    } else {
        let lines: Vec<String> = (f.diagnostics.iter())
            .map(|d| {
                let tag = match d.severity {
                    Severity::Error => "problem",
                    Severity::Warning => "warning",
                };
                let mut line = format!("  {tag}: {}", sentence(d, &names(r)));
                let what = advice(d, r.advise);
                if !what.is_empty() {
                    line.push_str(&format!("\n    what to try: {what}"));
                }
                line
            })
            .collect();
        lines.join("\n")
    };
    [Block::heading(3, "Admissibility:"), Block::Paragraph(text)]
}
