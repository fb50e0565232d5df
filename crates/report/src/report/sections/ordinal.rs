//! The confirmatory factor analysis of ordered items (`psym report --ordered`): the WLSMV fits
//! with their scaled and robust indices, the path diagram with the standardized loadings, the
//! thresholds, the category findings and each model's convergence, read in plain words.

use psym_sem::OrdinalFit;
use psym_stats::categories::CategoryKind;

use super::super::nested;
use super::models::{Edge, p_value, path_of, skipped};
use crate::cfa::ordinal_comparison;
use crate::doc::{Block, Column, Role, Table};
use crate::figures::{PathDiagram, path_diagram};
use crate::report::findings::{capitalised, finding};
use crate::report::{Catalogue, Msg, OrdinalView, ReportInput};
use crate::subject::Names;

/// The section's blocks after its heading: the reading, the category findings, the fit of the
/// subscale model, its path diagram and thresholds, the comparison of the models and whether
/// each converged inside bounds.
pub(super) fn cfa(input: &ReportInput<'_>, o: &OrdinalView<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let Some((name, first)) = o.fits.first() else {
        let mut blocks = vec![Block::Paragraph(c.text(Msg::CutOffs).to_string())];
        blocks.extend(category_warnings(input, o));
        blocks.extend(skipped(input, Msg::Cfa));
        return blocks;
    };
    let std = first.std_all();
    let mut blocks = vec![
        Block::Paragraph(reading(input, o, first)),
        Block::Paragraph(c.text(Msg::OrdinalCaution).to_string()),
    ];
    blocks.extend(category_warnings(input, o));
    blocks.extend(skipped(input, Msg::Cfa));
    blocks.push(Block::Table(fit_table(name, first, c)));
    let diagram = diagram(first, &std, c);
    blocks.push(Block::Figure(path_diagram(
        "path",
        c.text(Msg::PathFigure),
        c.text(Msg::PathFigureDesc),
        &diagram,
    )));
    blocks.push(Block::Table(thresholds(name, first, &diagram, c)));
    if let Some(rows) = o.comparison {
        blocks.extend(nested(ordinal_comparison(o.fits, rows, &[]), c, |b| {
            if let Block::Table(t) = b {
                t.caption = Some(c.text(Msg::OrdinalComparisonCaption).to_string());
                t.note = Some(c.text(Msg::OrdinalComparisonNote).to_string());
            }
            Vec::new()
        }));
    }
    blocks.push(Block::heading(3, c.text(Msg::AdmissibilityHeading)));
    blocks.push(Block::List(
        (o.fits.iter())
            .map(|(n, f)| admissibility(n, f, c))
            .collect(),
    ));
    blocks
}

/// The plain-language reading: which items were ordered, how they were fitted, the scaled
/// and robust fit of the subscale model and how the fit was run.
fn reading(input: &ReportInput<'_>, o: &OrdinalView<'_>, fit: &OrdinalFit) -> String {
    let c = &input.catalogue;
    let f = &fit.fit;
    let which = if o.ordered.is_empty() {
        c.text(Msg::OrdinalEvery).to_string()
    } else {
        c.fill(Msg::OrdinalSome, &[("items", o.ordered.join(", "))])
    };
    let (chisq, df, p) = f
        .scaled
        .as_ref()
        .map_or((f.chisq, f.df, f.pvalue), |s| (s.statistic, s.df, s.pvalue));
    let scaled = format!(
        "χ²({}) = {}, p {}, CFI = {}, TLI = {}, RMSEA = {}, SRMR = {}.",
        df_text(df, c),
        c.num(chisq, 1),
        p_value(c, p),
        c.num(f.cfi_scaled.unwrap_or(f.cfi), 3),
        c.num(f.tli_scaled.unwrap_or(f.tli), 3),
        c.num(f.rmsea_scaled.unwrap_or(f.rmsea), 3),
        c.num(f.srmr, 3)
    );
    let robust = f.robust.as_ref().map_or(String::new(), |r| {
        c.fill(
            Msg::OrdinalRobust,
            &[
                ("cfi", c.num(r.cfi, 3)),
                ("tli", c.num(r.tli, 3)),
                ("rmsea", c.num(r.rmsea, 3)),
                ("lower", c.num(r.rmsea_ci_lower, 3)),
                ("upper", c.num(r.rmsea_ci_upper, 3)),
            ],
        )
    });
    let listwise = c.term("listwise").unwrap_or("listwise");
    let run = c.fill(
        Msg::CfaRun,
        &[
            ("estimator", fit.estimator.to_string().to_uppercase()),
            ("used", fit.n.to_string()),
            ("total", input.answers.nrows().to_string()),
            ("patterns", "1".to_string()),
            ("missing", listwise.to_string()),
            (
                "converged",
                c.text(if fit.converged {
                    Msg::Converged
                } else {
                    Msg::NotConverged
                })
                .to_string(),
            ),
            ("iterations", fit.convergence.iterations.to_string()),
        ],
    );
    c.fill(
        Msg::OrdinalReading,
        &[
            ("which", which),
            ("fit", scaled),
            ("robust", robust),
            ("converged", run),
        ],
    )
}

/// Degrees of freedom: whole, or with three decimals when the scaled test shifted them.
fn df_text(df: f64, c: &Catalogue) -> String {
    c.num(df, if df.fract() == 0.0 { 0 } else { 3 })
}

/// The subscale model's fit: the scaled statistics and lavaan's robust indices beside the
/// conventional cut-offs.
fn fit_table(name: &str, fit: &OrdinalFit, c: &Catalogue) -> Table {
    let f = &fit.fit;
    let mut table = Table::new(vec![
        Column::new("", Role::Label),
        Column::new(c.text(Msg::Scaled), Role::Number),
        Column::new(c.text(Msg::Robust), Role::Number),
        Column::new(c.text(Msg::Convention), Role::Text),
    ])
    .with_caption(name)
    .with_note(format!(
        "{} {}",
        c.text(Msg::CutOffs),
        c.text(Msg::OrdinalTableNote)
    ));
    let none = || "–".to_string();
    let robust = f.robust.as_ref();
    let num3 = |x: f64| c.num(x, 3);
    let (chisq, df, p) = f
        .scaled
        .as_ref()
        .map_or((f.chisq, f.df, f.pvalue), |s| (s.statistic, s.df, s.pvalue));
    let at_least = format!("≥ {}", c.num(0.95, 2));
    table.rows = vec![
        vec!["χ²".into(), c.num(chisq, 2), none(), String::new()],
        vec!["df".into(), df_text(df, c), none(), String::new()],
        vec![
            "p".into(),
            p_value(c, p).replace("= ", ""),
            none(),
            String::new(),
        ],
        vec![
            "CFI".into(),
            num3(f.cfi_scaled.unwrap_or(f.cfi)),
            robust.map_or_else(none, |r| num3(r.cfi)),
            at_least.clone(),
        ],
        vec![
            "TLI".into(),
            num3(f.tli_scaled.unwrap_or(f.tli)),
            robust.map_or_else(none, |r| num3(r.tli)),
            at_least,
        ],
        vec![
            "RMSEA".into(),
            num3(f.rmsea_scaled.unwrap_or(f.rmsea)),
            robust.map_or_else(none, |r| {
                format!(
                    "{} [{}, {}]",
                    num3(r.rmsea),
                    num3(r.rmsea_ci_lower),
                    num3(r.rmsea_ci_upper)
                )
            }),
            format!("≤ {}", c.num(0.06, 2)),
        ],
        vec![
            "SRMR".into(),
            num3(f.srmr),
            num3(f.srmr),
            format!("≤ {}", c.num(0.08, 2)),
        ],
    ];
    table
}

/// The path diagram of the first group: the factors in model order, the standardized
/// loadings and factor correlations (`std`: [`OrdinalFit::std_all`]).
fn diagram(fit: &OrdinalFit, std: &[Option<f64>], c: &Catalogue) -> PathDiagram {
    let first = || (fit.parameters.iter().zip(std)).filter(|(p, _)| p.group == 1);
    let mut latent: Vec<String> = Vec::new();
    for (p, _) in first().filter(|(p, _)| p.op == "=~") {
        if !latent.contains(&p.lhs) {
            latent.push(p.lhs.clone());
        }
    }
    let edges = first().filter_map(|(p, s)| {
        let edge = match p.op.as_str() {
            "=~" => Edge::Loading,
            "~~" => Edge::Covariance,
            _ => return None,
        };
        Some((edge, p.lhs.as_str(), p.rhs.as_str(), (*s)?))
    });
    path_of(&latent, edges, |x| c.num(x, 2))
}

/// Each item of the diagram with its standardized loading(s) and its thresholds (first group).
fn thresholds(name: &str, fit: &OrdinalFit, d: &PathDiagram, c: &Catalogue) -> Table {
    let of = |item: &str| -> Vec<f64> {
        (fit.parameters.iter())
            .filter(|p| p.group == 1 && p.op == "|" && p.lhs == item)
            .map(|p| p.est)
            .collect()
    };
    let most = d.items.iter().map(|i| of(i).len()).max().unwrap_or(0);
    let mut columns = vec![
        Column::new(c.text(Msg::Item), Role::Label),
        Column::new("λ", Role::Number),
    ];
    columns.extend((1..=most).map(|k| Column::new(format!("t{k}"), Role::Number)));
    let mut table = Table::new(columns)
        .with_caption(c.fill(Msg::ThresholdCaption, &[("model", name.to_string())]))
        .with_note(c.text(Msg::ThresholdNote));
    for (i, item) in d.items.iter().enumerate() {
        let loadings: Vec<&str> = (d.loadings.iter())
            .filter(|l| l.1 == i)
            .map(|l| l.2.as_str())
            .collect();
        let mut row = vec![item.clone(), loadings.join(" / ")];
        let taus = of(item);
        row.extend((0..most).map(|k| taus.get(k).map_or(String::new(), |&t| c.num(t, 2))));
        table.rows.push(row);
    }
    table
}

/// The unused categories (with what `--collapse` does when a group did not use one), the
/// merged categories and each perfectly associated pair, as warnings in the report's language.
fn category_warnings(input: &ReportInput<'_>, o: &OrdinalView<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let names = Names {
        items: o.items,
        groups: input.groups.as_ref().map_or(&[], |g| g.labels),
    };
    let r = o.categories;
    let value = |x: f64| c.number_text(&x.to_string());
    let mut unused: Vec<String> = (r.unused.iter())
        .map(|u| {
            let item = ("item", names.item(u.item));
            let category = ("category", value(u.category));
            match u.group {
                None => c.fill(Msg::CategoryUnused, &[item, category]),
                Some(g) => c.fill(
                    Msg::CategoryUnusedInGroup,
                    &[item, ("group", names.group(g)), category],
                ),
            }
        })
        .collect();
    if r.merges.is_empty() && r.unused.iter().any(|u| u.group.is_some()) {
        unused.push(c.text(Msg::CategoryCollapse).to_string());
    }
    let merges = r.merges.iter().map(|m| {
        c.fill(
            Msg::CategoryMerged,
            &[
                ("item", names.item(m.item)),
                ("from", value(m.from)),
                ("count", m.count.to_string()),
                ("into", value(m.into)),
            ],
        )
    });
    // one warning for the unused categories, one for the merges: a line each would bury the
    // section under boxes on a scale with many items
    let mut out = vec![unused.join(" "), merges.collect::<Vec<_>>().join(" ")];
    out.extend(
        (r.diagnostics.iter())
            .filter(|d| d.kind == CategoryKind::PerfectAssociation)
            .map(|d| finding(d, &names, c)),
    );
    (out.into_iter().filter(|w| !w.is_empty()))
        .map(Block::Warning)
        .collect()
}

/// A model's convergence and standardized values in plain words.
fn admissibility(name: &str, fit: &OrdinalFit, c: &Catalogue) -> String {
    let beyond: Vec<String> = (fit.parameters.iter().zip(fit.std_all()))
        .filter(|(_, s)| s.is_some_and(|s| s.abs() > 1.0 + 1e-9))
        .map(|(p, _)| {
            let parameter = format!("{} {} {}", p.lhs, p.op, p.rhs);
            let subject = c.fill(Msg::SubjectParameter, &[("parameter", parameter)]);
            capitalised(&format!("{subject} {}", c.text(Msg::SemBeyondOne)))
        })
        .collect();
    if fit.converged && beyond.is_empty() {
        return c.fill(Msg::OrdinalModelFine, &[("model", name.to_string())]);
    }
    let mut findings = Vec::new();
    if !fit.converged {
        findings.push(capitalised(c.text(Msg::SemNotConverged)));
    }
    findings.extend(beyond);
    c.fill(
        Msg::ModelNotAdmissible,
        &[
            ("model", name.to_string()),
            ("findings", findings.join(" ")),
        ],
    )
}
