//! Confirmatory factor analysis: the document of a run ([`document`]: text laid out like
//! lavaan's `summary()`, publication tables in Markdown, model comparison and modification
//! indices) and the JSON contract ([`cfa_json`]).

use psym_model::Op;
use psym_sem::{
    CfaFit, ComparisonRow, Estimate, Estimator, ModIndex, ParamOp, ScaledMeasures, Severity,
};
use psym_stats::RowCount;
use serde_json::{Value, json};

use crate::doc::{Block, Column, Document, KeyValue, Role, Table};
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
}

/// The JSON object of a fit (shared/design.md's cfa shape plus `r_squared`,
/// `convergence` and optional `modindices`).
pub fn cfa_json(r: &CfaReport<'_>) -> Value {
    let mut v = serde_json::to_value(r.fit).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
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
    let robust = m.scaled.as_ref().filter(|_| f.estimator == Estimator::Mlr);
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
    let two = |key: &str, a: f64, b: Option<f64>, d: usize| {
        kv(key, std::iter::once(num(a, d)).chain(b.map(|b| num(b, d))))
    };
    let scaled_only = |key: &str, pick: fn(&ScaledMeasures) -> f64| {
        robust.map(|s| kv(key, [String::new(), num(pick(s), 3)]))
    };
    let mut user = vec![
        two("Test statistic", m.chisq, robust.map(|s| s.chisq_scaled), 3),
        two("Degrees of freedom", m.df, robust.map(|_| m.df), 0),
        two(
            "P-value (Chi-square)",
            m.pvalue,
            robust.map(|s| s.pvalue_scaled),
            3,
        ),
    ];
    user.extend(scaled_only(
        "Scaling correction factor (Yuan-Bentler)",
        |s| s.chisq_scaling_factor,
    ));
    let scaled = robust.is_some();
    blocks.extend(section("Model Test User Model:", scaled, user));
    blocks.extend(section(
        "Model Test Baseline Model:",
        scaled,
        vec![
            two(
                "Test statistic",
                m.baseline_chisq,
                robust.map(|s| s.baseline_chisq_scaled),
                3,
            ),
            two(
                "Degrees of freedom",
                m.baseline_df,
                robust.map(|_| m.baseline_df),
                0,
            ),
        ],
    ));
    let mut incremental = vec![
        two(
            "Comparative Fit Index (CFI)",
            m.cfi,
            robust.map(|s| s.cfi_scaled),
            3,
        ),
        two(
            "Tucker-Lewis Index (TLI)",
            m.tli,
            robust.map(|s| s.tli_scaled),
            3,
        ),
    ];
    incremental.extend(scaled_only("Robust Comparative Fit Index (CFI)", |s| {
        s.cfi_robust
    }));
    incremental.extend(scaled_only("Robust Tucker-Lewis Index (TLI)", |s| {
        s.tli_robust
    }));
    blocks.extend(section(
        "User Model versus Baseline Model:",
        scaled,
        incremental,
    ));
    let mut rmsea = vec![
        two("RMSEA", m.rmsea, robust.map(|s| s.rmsea_scaled), 3),
        kv(
            "90 Percent confidence interval - lower",
            [num(m.rmsea_ci_lower, 3)],
        ),
        kv(
            "90 Percent confidence interval - upper",
            [num(m.rmsea_ci_upper, 3)],
        ),
        kv("P-value H_0: RMSEA <= 0.050", [num(m.rmsea_pvalue, 3)]),
    ];
    rmsea.extend(scaled_only("Robust RMSEA", |s| s.rmsea_robust));
    blocks.extend(section(
        "Loglikelihood and Information Criteria:",
        false,
        vec![
            kv("Loglikelihood user model (H0)", [num(m.loglik, 3)]),
            kv(
                "Loglikelihood unrestricted model (H1)",
                [num(m.unrestricted_loglik, 3)],
            ),
            kv("Akaike (AIC)", [num(m.aic, 3)]),
            kv("Bayesian (BIC)", [num(m.bic, 3)]),
            kv("Sample-size adjusted Bayesian (SABIC)", [num(m.sabic, 3)]),
        ],
    ));
    blocks.extend(section(
        "Root Mean Square Error of Approximation:",
        scaled,
        rmsea,
    ));
    blocks.extend(section(
        "Standardized Root Mean Square Residual:",
        false,
        vec![kv("SRMR", [num(m.srmr, 3)])],
    ));
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
    blocks.extend(admissibility_summary(f));
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
        ParamOp::Defined => (5, "Defined Parameters:"),
        ParamOp::Model(Op::Covary) => (4, "Variances:"),
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
        for sec in 0..6 {
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

/// Modification indices as a publication table, largest first, with their group.
fn modindices_table(mi: &[ModIndex]) -> Table {
    let mut t = Table::new(vec![
        Column::new("lhs", Role::Label),
        Column::new("op", Role::Text),
        Column::new("rhs", Role::Label),
        Column::new("group", Role::Number),
        Column::new("mi", Role::Number),
        Column::new("epc", Role::Number),
        Column::new("sepc.all", Role::Number),
    ])
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
fn admissibility_summary(f: &CfaFit) -> [Block; 2] {
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
                format!("  {tag}: {}\n    what to try: {}", d.message, d.advice)
            })
            .collect();
        lines.join("\n")
    };
    [Block::heading(3, "Admissibility:"), Block::Paragraph(text)]
}

/// The admissibility problems of the tables, each with what to try (nothing when admissible).
fn admissibility_list(f: &CfaFit) -> Vec<Block> {
    if f.diagnostics.is_empty() {
        return Vec::new();
    }
    let items = f
        .diagnostics
        .iter()
        .map(|d| format!("{} — {}", d.message, d.advice));
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
    let mut fit = Table::new(vec![
        Column::new("χ²", Role::Number),
        Column::new("df", Role::Number),
        Column::new("p", Role::PValue),
        Column::new("CFI", Role::Number),
        Column::new("TLI", Role::Number),
        Column::new("RMSEA [90% CI]", Role::Interval),
        Column::new("SRMR", Role::Number),
        Column::new("AIC", Role::Number),
        Column::new("BIC", Role::Number),
    ]);
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
        num(m.aic, 1),
        num(m.bic, 1),
    ]);
    blocks.push(Block::Table(fit));
    if let Some(s) = &m.scaled {
        blocks.push(Block::Paragraph(format!(
            "Scaled (Yuan–Bentler): χ² = {}, scaling factor {}, CFI {}, TLI {}, RMSEA {}; robust CFI {}, robust RMSEA {}.",
            num(s.chisq_scaled, 2),
            num(s.chisq_scaling_factor, 3),
            num(s.cfi_scaled, 3),
            num(s.tli_scaled, 3),
            num(s.rmsea_scaled, 3),
            num(s.cfi_robust, 3),
            num(s.rmsea_robust, 3)
        )));
    }
    let mut params = Table::new(vec![
        Column::new("lhs", Role::Label),
        Column::new("op", Role::Text),
        Column::new("rhs", Role::Label),
        Column::new("group", Role::Number),
        Column::new("est", Role::Number),
        Column::new("se", Role::Number),
        Column::new("z", Role::Number),
        Column::new("p", Role::PValue),
        Column::new("std.all", Role::Number),
    ]);
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
    blocks.extend(admissibility_list(f));
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
        [
            ("model", Role::Label),
            ("df", Role::Number),
            ("AIC", Role::Number),
            ("BIC", Role::Number),
            ("χ²", Role::Number),
            ("Δχ²", Role::Number),
            ("Δdf", Role::Number),
            ("RMSEA", Role::Number),
            ("p", Role::PValue),
        ]
        .into_iter()
        .map(|(h, role)| Column::new(h, role))
        .collect()
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
            num(r.aic, 2),
            num(r.bic, 2),
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
