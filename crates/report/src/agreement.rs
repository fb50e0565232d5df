//! Agreement between two perspectives (`psym agreement`): per scale the ICC table,
//! correlations and Bland–Altman figures, after the problems of pairing the dyads.

use psym_agreement::{Advice, Agreement, BlandAltman, Estimate, Icc};
use psym_data::Problem;
use serde_json::{Value, json};

use crate::doc::{Block, Column, Document, Role, Table};
use crate::efa::fmt_p;
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::{Format, fmt_num};

/// One form (perspective): its name and the file it was read from.
#[derive(Debug, Clone)]
pub struct Form {
    /// The form's name (`client`, `caseworker`, or the perspective column's value).
    pub name: String,
    /// The file, as named on the command line.
    pub file: String,
    /// Data rows read.
    pub rows: u64,
    /// Rows that could not be used as read or paired: problems of the file and of pairing.
    pub problems: Vec<Problem>,
}

/// A `psym agreement` run: the two forms, the dyads paired and each scale's agreement.
#[derive(Debug, Clone)]
pub struct AgreementRun {
    /// The two forms, in the order of the differences (first − second).
    pub forms: [Form; 2],
    /// The column the dyads are paired by.
    pub pair_by: String,
    /// Dyads paired (before a scale's missing scores).
    pub dyads: usize,
    /// Per scale, its id and agreement.
    pub scales: Vec<(String, Agreement)>,
}

impl AgreementRun {
    /// Whether anything calls for attention: a problem of either form or a diagnostic.
    pub fn has_problems(&self) -> bool {
        self.forms.iter().any(|f| !f.problems.is_empty())
            || self.scales.iter().any(|(_, a)| !a.diagnostics.is_empty())
    }
}

/// The JSON contract of `psym agreement` (docs/json.md).
pub fn agreement_json(run: &AgreementRun, advise: Advise<Advice>) -> Value {
    let problems: Vec<Value> = run
        .forms
        .iter()
        .flat_map(|f| f.problems.iter().map(|p| keyed("form", &f.name, json!(p))))
        .collect();
    let scale = |(id, a): &(String, Agreement)| {
        let mut v = keyed("scale", id, json!(a));
        v["diagnostics"] = diagnostics_json(&a.diagnostics, &Names::default(), advise);
        v
    };
    json!({
        "forms": run.forms.iter().map(|f| json!({"name": f.name, "file": f.file, "rows": f.rows})).collect::<Vec<_>>(),
        "pair_by": run.pair_by,
        "dyads": run.dyads,
        "problems": problems,
        "scales": run.scales.iter().map(scale).collect::<Vec<_>>(),
    })
}

/// The readable document of `psym agreement` (text or Markdown): the forms and the dyads
/// paired, the pairing problems, then per scale the descriptives, the ICC table, the
/// correlations and the Bland–Altman figures, with warnings worded by `advise`.
pub fn document(run: &AgreementRun, format: Format, advise: Advise<Advice>) -> Document {
    let [a, b] = &run.forms;
    let md = format == Format::Md;
    let code = |s: &str| if md { format!("`{s}`") } else { s.to_owned() };
    let mut blocks = vec![
        Block::heading(1, format!("Agreement of {} and {}", a.name, b.name)),
        Block::Paragraph(format!(
            "{} ({}, {} rows) and {} ({}, {} rows), paired by {}: {} dyads.",
            a.name,
            code(&a.file),
            a.rows,
            b.name,
            code(&b.file),
            b.rows,
            code(&run.pair_by),
            run.dyads
        )),
    ];
    if let Some(t) = problem_table(&run.forms) {
        blocks.push(Block::Warning(format!(
            "{} row(s) could not be used as read or paired (listed below)",
            t.rows.len()
        )));
        blocks.push(Block::Table(t));
    }
    for (id, s) in &run.scales {
        blocks.push(Block::heading(2, format!("Scale {id}")));
        blocks.push(Block::Paragraph(format!(
            "{} dyads. {}: M = {}, SD = {}; {}: M = {}, SD = {}. Pearson r = {}, Spearman ρ = {}.",
            s.n,
            a.name,
            num(s.forms[0].mean),
            num(s.forms[0].sd),
            b.name,
            num(s.forms[1].mean),
            num(s.forms[1].sd),
            fmt_num(s.pearson, 3),
            fmt_num(s.spearman, 3),
        )));
        blocks.push(Block::Table(icc_table(&s.icc)));
        blocks.push(Block::Table(bland_altman_table(
            &s.bland_altman,
            &a.name,
            &b.name,
        )));
        for d in &s.diagnostics {
            blocks.push(Block::Warning(format!(
                "{id}: {}",
                line(d, &Names::default(), advise)
            )));
        }
    }
    Document { blocks }
}

/// `object` with `key: name` as its first entry.
pub(crate) fn keyed(key: &str, name: &str, object: Value) -> Value {
    let mut out = serde_json::Map::new();
    out.insert(key.to_owned(), json!(name));
    if let Value::Object(rest) = object {
        out.extend(rest);
    }
    Value::Object(out)
}

fn num(x: f64) -> String {
    fmt_num(Some(x), 2)
}

/// The problems of both forms, one row each, with the form they belong to.
fn problem_table(forms: &[Form; 2]) -> Option<Table> {
    let mut t = Table::new(Column::all(&[
        ("form", Role::Label),
        ("line", Role::Number),
        ("id", Role::Text),
        ("column", Role::Text),
        ("kind", Role::Text),
        ("message", Role::Text),
    ]));
    for f in forms {
        for p in &f.problems {
            t.rows.push(vec![
                f.name.clone(),
                p.line.to_string(),
                p.id.clone().unwrap_or_default(),
                p.column.clone().unwrap_or_default(),
                p.kind.as_str().to_owned(),
                p.message.clone(),
            ]);
        }
    }
    (!t.rows.is_empty()).then_some(t)
}

/// psych's ICC table: type, ICC, F, df1, df2, p and the interval.
fn icc_table(icc: &Icc) -> Table {
    let ci = format!("{}% CI", crate::reliability::fmt_level(icc.level));
    let mut t = Table::new(Column::all(&[
        ("type", Role::Label),
        ("ICC", Role::Number),
        ("F", Role::Number),
        ("df1", Role::Number),
        ("df2", Role::Number),
        ("p", Role::PValue),
        (&ci, Role::Interval),
        ("model", Role::Text),
    ]))
    .with_caption("Intraclass correlations (Shrout & Fleiss)");
    for r in &icc.rows {
        t.rows.push(vec![
            r.kind.to_string(),
            fmt_num(Some(r.icc), 3),
            fmt_num(Some(r.f), 2),
            fmt_num(Some(r.df1), 0),
            fmt_num(Some(r.df2), 0),
            fmt_p(r.p),
            format!(
                "[{}, {}]",
                fmt_num(Some(r.lower), 3),
                fmt_num(Some(r.upper), 3)
            ),
            r.kind.description().to_owned(),
        ]);
    }
    t.with_note(format!(
        "Mean squares from {} (psych::ICC{}).",
        match icc.method {
            psym_agreement::IccMethod::Reml => "the REML variance components, none below zero",
            psym_agreement::IccMethod::Anova => "the two-way ANOVA",
        },
        match icc.method {
            psym_agreement::IccMethod::Reml => "'s default",
            psym_agreement::IccMethod::Anova => " with lmer = FALSE",
        }
    ))
}

/// Mean difference and limits of agreement, each with its interval.
fn bland_altman_table(ba: &BlandAltman, first: &str, second: &str) -> Table {
    let ci = format!("{}% CI", crate::reliability::fmt_level(ba.level));
    let mut t = Table::new(Column::all(&[
        ("", Role::Label),
        ("estimate", Role::Number),
        (&ci, Role::Interval),
    ]))
    .with_caption(format!("Bland–Altman ({first} − {second})"));
    let row = |name: &str, e: &Estimate| {
        vec![
            name.to_owned(),
            fmt_num(Some(e.value), 3),
            format!(
                "[{}, {}]",
                fmt_num(Some(e.lower), 3),
                fmt_num(Some(e.upper), 3)
            ),
        ]
    };
    t.rows.push(row("mean difference", &ba.mean_difference));
    t.rows
        .push(row("lower limit of agreement", &ba.lower_limit));
    t.rows
        .push(row("upper limit of agreement", &ba.upper_limit));
    t.with_note(format!(
        "SD of the differences {}; limits = mean difference ± {} SD.",
        fmt_num(Some(ba.sd_difference), 3),
        fmt_num(Some(ba.z), 2)
    ))
}
