//! The sections about the measurement model: reliability, dimensionality, exploratory and
//! confirmatory factor analysis, and invariance across groups.

use psym_model::Op;
use psym_sem::{ParamOp, Verdict};
use psym_stats::MissingPolicy;

use super::super::nested;
use crate::cfa::CfaReport;
use crate::doc::{Block, Column, KeyValue, Role, Table};
use crate::efa::parallel;
use crate::efa::parallel::ParallelReport;
use crate::figures::{PathDiagram, Scree, path_diagram, scree};
use crate::report::findings::finding;
use crate::report::{Catalogue, Msg, ReportInput};
use crate::subject::Names;
use crate::{
    Format, cfa as cfa_doc, efa as efa_doc, invariance as inv_doc, reliability as rel_doc,
};

/// A loading is salient at this absolute size (the common rule of thumb; psych's print
/// blanks loadings below it by default).
pub const SALIENT: f64 = 0.30;

/// Reliability: the commands' table with intervals, item-total statistics and keying warnings.
pub fn reliability(input: &ReportInput<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let summary: Vec<String> = input
        .reliability
        .iter()
        .map(|r| {
            let omega = r
                .omega_total
                .map_or(String::new(), |w| format!(", ω = {}", c.num(w, 2)));
            format!("{}: α = {}{omega}", r.scale, c.num(r.coefficients.alpha, 2))
        })
        .collect();
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!("{}.", summary.join("; "))
    };
    let mut blocks = vec![
        Block::heading(2, c.text(Msg::Reliability)),
        Block::Paragraph(c.fill(Msg::ReliabilityReading, &[("summary", summary)])),
    ];
    // After the summary table its note, after each scale's heading its ω hierarchical,
    // after each scale's item table its warnings (the command's document in this order).
    let mut scale: Option<usize> = None;
    let doc = rel_doc::document(
        &input.about.file,
        input.reliability,
        Format::Md,
        input.reliability_advise,
    );
    blocks.extend(nested(doc, c, |b| match b {
        Block::Table(t) if scale.is_none() => {
            t.note = input.reliability.first().map(|s| {
                let rule = match s.missing {
                    MissingPolicy::Pairwise => Msg::MissingPairwise,
                    MissingPolicy::Listwise => Msg::MissingListwise,
                };
                c.fill(
                    Msg::ReliabilityNote,
                    &[("missing", c.text(rule).to_string())],
                )
            });
            Vec::new()
        }
        Block::Heading { level: 2, .. } => {
            let k = scale.map_or(0, |k| k + 1);
            scale = Some(k);
            let omega = input
                .reliability
                .get(k)
                .and_then(|s| s.omega_hierarchical.as_ref());
            omega
                .map(|o| {
                    Block::Paragraph(c.fill(
                        Msg::OmegaHierarchical,
                        &[
                            ("omega_h", c.num(o.omega_h, 2)),
                            ("omega_t", c.num(o.omega_total, 2)),
                            ("groups", o.group_factors.to_string()),
                        ],
                    ))
                })
                .into_iter()
                .collect()
        }
        Block::Table(_) => scale
            .and_then(|k| input.reliability.get(k))
            .map(|s| {
                let ids: Vec<String> = s.items.iter().map(|i| i.item.clone()).collect();
                let names = Names::items(&ids);
                (s.warnings.iter())
                    .map(|w| Block::Warning(finding(w, &names, c)))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }));
    blocks
}

/// Dimensionality: scree plot with parallel analysis, MAP, KMO and Bartlett's test.
///
/// # Errors
/// The scree plot could not be drawn.
pub fn dimensionality(input: &ReportInput<'_>) -> Result<Vec<Block>, String> {
    let c = &input.catalogue;
    let mut blocks = vec![Block::heading(2, c.text(Msg::Dimensionality))];
    let Some(p) = &input.parallel else {
        blocks.extend(skipped(input, Msg::Dimensionality));
        return Ok(blocks);
    };
    let kmo = input.efa.as_ref().and_then(|e| e.kmo);
    let bartlett = input.efa.as_ref().and_then(|e| e.bartlett);
    let adequacy = match (kmo, bartlett) {
        (Some(k), Some(b)) => c.fill(
            Msg::Adequacy,
            &[
                ("kmo", c.num(k.overall, 2)),
                ("chisq", c.num(b.chisq, 1)),
                ("df", b.df.to_string()),
                ("p", p_value(c, b.pvalue)),
            ],
        ),
        _ => String::new(),
    };
    blocks.push(Block::Paragraph(c.fill(
        Msg::DimensionalityReading,
        &[
            ("pa", p.pa.suggested_factors.to_string()),
            ("map", p.map.map_or("–".into(), |m| m.suggested.to_string())),
            ("expected", input.expected_factors.to_string()),
            ("adequacy", adequacy),
        ],
    )));
    // KMO and Bartlett's test under the reading, so that they never end up alone on a
    // printed page after the scree table
    if let (Some(k), Some(b)) = (kmo, bartlett) {
        blocks.push(Block::KeyValues(vec![
            KeyValue::new("KMO", [c.num(k.overall, 3)]),
            KeyValue::new(
                "Bartlett",
                [format!(
                    "χ² = {}, df = {}, p {}",
                    c.num(b.chisq, 2),
                    b.df,
                    p_value(c, b.pvalue)
                )],
            ),
        ]));
    }
    let figure = scree(
        "scree",
        c.text(Msg::Scree),
        c.text(Msg::ScreeDesc),
        &Scree {
            observed_fa: &p.pa.observed_fa,
            simulated_fa: &p.pa.simulated_fa,
            observed_pc: &p.pa.observed,
            simulated_pc: &p.pa.simulated,
            labels: [
                c.text(Msg::ScreeObservedFa),
                c.text(Msg::ScreeSimulatedFa),
                c.text(Msg::ScreeObservedPc),
                c.text(Msg::ScreeSimulatedPc),
            ],
            x_label: c.text(Msg::ScreeX),
            y_label: c.text(Msg::ScreeY),
            localize: &|t| c.number_text(t),
        },
    )?;
    blocks.push(Block::Figure(figure));
    blocks.extend(nested(parallel::document(p, Format::Md), c, |b| match b {
        Block::Heading { .. } => vec![Block::Paragraph(parallel_sentence(p, c))],
        Block::Table(_) => (p.map.iter())
            .map(|m| {
                Block::Paragraph(c.fill(
                    Msg::MapMinimum,
                    &[
                        ("value", c.num(m.map[m.suggested], 4)),
                        ("n", m.suggested.to_string()),
                    ],
                ))
            })
            .collect(),
        _ => Vec::new(),
    }));
    Ok(blocks)
}

/// What parallel analysis suggests, on how many rows, against which reference.
fn parallel_sentence(p: &ParallelReport<'_>, c: &Catalogue) -> String {
    let pa = p.pa;
    let reference = match pa.quantile {
        Some(q) => c.fill(
            Msg::ParallelQuantile,
            &[("q", c.number_text(&q.to_string()))],
        ),
        None => c.text(Msg::ParallelMean).to_string(),
    };
    c.fill(
        Msg::ParallelSuggests,
        &[
            ("factors", pa.suggested_factors.to_string()),
            ("components", pa.suggested_components.to_string()),
            ("used", p.rows.n_used.to_string()),
            ("total", p.rows.n_total.to_string()),
            ("patterns", p.rows.patterns.to_string()),
            ("sets", pa.iterations.to_string()),
            ("seed", pa.seed.to_string()),
            ("reference", reference),
        ],
    )
}

/// EFA: shaded loadings (salient marked), factor correlations, congruence by group.
pub fn efa(input: &ReportInput<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let mut blocks = vec![
        Block::heading(2, c.text(Msg::Efa)),
        Block::Paragraph(c.text(Msg::EfaReading).to_string()),
    ];
    let Some(e) = &input.efa else {
        blocks.extend(skipped(input, Msg::Efa));
        return blocks;
    };
    let f = e.fa;
    let names: Vec<String> = (1..=f.factors).map(|k| format!("F{k}")).collect();
    let mut loadings = Table::new(
        std::iter::once(Column::new(c.text(Msg::Item), Role::Label))
            .chain(names.iter().map(|n| Column::new(n.clone(), Role::Loading)))
            .chain([Column::new("h²", Role::Number)])
            .collect(),
    )
    .with_caption(c.fill(
        Msg::EfaCaption,
        &[
            ("method", f.method.to_string()),
            ("rotation", f.rotation.to_string()),
        ],
    ))
    .with_note(c.fill(Msg::SalientNote, &[("salient", c.num(SALIENT, 2))]));
    for (i, item) in e.items.iter().enumerate() {
        let mut row = vec![item.clone()];
        for k in 0..f.factors {
            let v = f.loadings[(i, k)];
            let mark = if v.abs() >= SALIENT { "*" } else { "" };
            row.push(format!("{}{mark}", c.num(v, 2)));
        }
        row.push(c.num(f.communalities[i], 2));
        loadings.rows.push(row);
    }
    blocks.push(Block::Table(loadings));
    if f.factors > 1 {
        let mut phi = Table::new(
            std::iter::once(Column::new(c.text(Msg::Factor), Role::Label))
                .chain(names.iter().map(|n| Column::new(n.clone(), Role::Loading)))
                .collect(),
        )
        .with_caption("Φ");
        for (i, n) in names.iter().enumerate() {
            let mut row = vec![n.clone()];
            row.extend((0..f.factors).map(|k| c.num(f.phi[(i, k)], 2)));
            phi.rows.push(row);
        }
        blocks.push(Block::Table(phi));
    }
    let item_names = Names::items(e.items);
    blocks.extend(
        f.diagnostics
            .iter()
            .map(|d| Block::Warning(finding(d, &item_names, c))),
    );
    if let Some(g) = &input.efa_groups {
        blocks.extend(nested(efa_doc::groups::document(g, Format::Md), c, |b| {
            if let Block::Table(t) = b {
                t.note = Some(c.fill(
                    Msg::CongruenceNote,
                    &[
                        ("fair", c.num(0.85, 2)),
                        ("below", c.num(0.94, 2)),
                        ("equal", c.num(0.95, 2)),
                    ],
                ));
            }
            Vec::new()
        }));
        let names = Names::items(g.items);
        for x in &g.efa.groups {
            blocks.extend(x.result.diagnostics.iter().map(|d| {
                Block::Warning(c.fill(
                    Msg::InGroup,
                    &[("group", x.group.clone()), ("text", finding(d, &names, c))],
                ))
            }));
        }
    }
    blocks
}

/// CFA: fit with conventional cut-offs as context, the path diagram of the subscale model,
/// its estimates, the competing models and admissibility in plain words.
pub fn cfa(input: &ReportInput<'_>) -> Vec<Block> {
    let c = &input.catalogue;
    let mut blocks = vec![Block::heading(2, c.text(Msg::Cfa))];
    if let Some(o) = &input.ordinal {
        blocks.extend(super::ordinal::cfa(input, o));
        return blocks;
    }
    let Some(first) = input.cfa.first() else {
        blocks.push(Block::Paragraph(c.text(Msg::CutOffs).to_string()));
        blocks.extend(skipped(input, Msg::Cfa));
        return blocks;
    };
    let m = &first.fit.fit;
    let fit = format!(
        "χ²({}) = {}, CFI = {}, TLI = {}, RMSEA = {} [{}, {}], SRMR = {}.",
        m.df,
        c.num(m.chisq, 1),
        c.num(m.cfi, 3),
        c.num(m.tli, 3),
        c.num(m.rmsea, 3),
        c.num(m.rmsea_ci_lower, 3),
        c.num(m.rmsea_ci_upper, 3),
        c.num(m.srmr, 3)
    );
    let admissible = c.text(if first.fit.admissible {
        Msg::Admissible
    } else {
        Msg::NotAdmissible
    });
    blocks.push(Block::Paragraph(c.fill(
        Msg::CfaReading,
        &[("fit", fit), ("admissible", admissible.to_string())],
    )));
    let mut table = Table::new(vec![
        Column::new("", Role::Label),
        Column::new(first.name, Role::Number),
        Column::new(c.text(Msg::Convention), Role::Text),
    ])
    .with_note(c.text(Msg::CutOffs));
    for (name, value, convention) in [
        ("CFI", m.cfi, format!("≥ {}", c.num(0.95, 2))),
        ("TLI", m.tli, format!("≥ {}", c.num(0.95, 2))),
        ("RMSEA", m.rmsea, format!("≤ {}", c.num(0.06, 2))),
        ("SRMR", m.srmr, format!("≤ {}", c.num(0.08, 2))),
    ] {
        table
            .rows
            .push(vec![name.into(), c.num(value, 3), convention]);
    }
    blocks.push(Block::Table(table));
    blocks.push(Block::Figure(path_diagram(
        "path",
        c.text(Msg::PathFigure),
        c.text(Msg::PathFigureDesc),
        &diagram(first.fit, |x| c.num(x, 2)),
    )));
    // The command's document: its run line and scaled test after its heading and fit table
    // worded here, its list of admissibility problems replaced by the list of every model's.
    let mut estimates = nested(
        cfa_doc::document(&input.cfa[..1], input.comparison, Format::Md),
        c,
        |b| match b {
            Block::Heading { level: 1, .. } => vec![Block::Paragraph(run_line(first.fit, c))],
            Block::Table(t) if t.columns.first().is_some_and(|x| x.header == "χ²") => {
                scaled_line(first.fit, c)
                    .map(Block::Paragraph)
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        },
    );
    estimates
        .retain(|b| !matches!(b, Block::Heading { text, .. } if text == "Admissibility problems"));
    blocks.extend(estimates);
    blocks.push(Block::heading(3, c.text(Msg::AdmissibilityHeading)));
    blocks.push(Block::List(
        input.cfa.iter().map(|r| admissibility(r, c)).collect(),
    ));
    blocks
}

/// A model's admissibility in plain words: admissible, or why not and what to try.
fn admissibility(r: &CfaReport<'_>, c: &Catalogue) -> String {
    let f = r.fit;
    if f.admissible && f.converged && f.diagnostics.is_empty() {
        return c.fill(Msg::ModelAdmissible, &[("model", r.name.to_string())]);
    }
    let names = Names {
        items: &[],
        groups: r.groups,
    };
    let findings: Vec<String> = f
        .diagnostics
        .iter()
        .map(|d| finding(d, &names, c))
        .collect();
    c.fill(
        Msg::ModelNotAdmissible,
        &[
            ("model", r.name.to_string()),
            ("findings", findings.join(" ")),
        ],
    )
}

/// The scaled test of a robust estimator (MLR) in the report's language.
fn scaled_line(f: &psym_sem::CfaFit, c: &Catalogue) -> Option<String> {
    let s = f.fit.scaled.as_ref()?;
    Some(c.fill(
        Msg::CfaScaled,
        &[
            ("test", s.test.method.to_string()),
            ("chisq", c.num(s.test.statistic, 2)),
            ("factor", c.num(s.test.scaling_factor, 3)),
            ("cfi", c.num(s.cfi_scaled, 3)),
            ("tli", c.num(s.tli_scaled, 3)),
            ("rmsea", c.num(s.rmsea_scaled, 3)),
            ("rcfi", c.num(s.cfi_robust, 3)),
            ("rrmsea", c.num(s.rmsea_robust, 3)),
        ],
    ))
}

/// How a fit was run, in the report's language: estimator, rows, missing data, convergence.
fn run_line(f: &psym_sem::CfaFit, c: &Catalogue) -> String {
    let missing = f.missing.to_string();
    c.fill(
        Msg::CfaRun,
        &[
            ("estimator", f.estimator.to_string().to_uppercase()),
            ("used", f.rows.n_used.to_string()),
            ("total", f.rows.n_total.to_string()),
            ("patterns", f.rows.patterns.to_string()),
            ("missing", c.term(&missing).unwrap_or(&missing).to_string()),
            (
                "converged",
                c.text(if f.converged {
                    Msg::Converged
                } else {
                    Msg::NotConverged
                })
                .to_string(),
            ),
            ("iterations", f.convergence.iterations.to_string()),
        ],
    )
}

/// The path diagram of a one-group fit: standardized loadings and factor correlations.
fn diagram(fit: &psym_sem::CfaFit, num: impl Fn(f64) -> String) -> PathDiagram {
    let edges = (fit.parameters.iter().filter(|p| p.group <= 1)).filter_map(|p| {
        let edge = match p.op {
            ParamOp::Model(Op::Measure) => Edge::Loading,
            ParamOp::Model(Op::Covary) => Edge::Covariance,
            _ => return None,
        };
        Some((edge, p.lhs.as_str(), p.rhs.as_str(), p.std_all))
    });
    path_of(&fit.latent, edges, num)
}

/// What a standardized estimate of a path diagram draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// `factor =~ item`.
    Loading,
    /// `a ~~ b` (drawn between two distinct factors).
    Covariance,
}

/// The path diagram of `latent` (the factors, in model order) from the first group's
/// standardized loadings and covariances (`edge`, lhs, rhs, `std.all`): the items in the order
/// of their first loading, the factor correlations between distinct factors.
pub(super) fn path_of<'e>(
    latent: &[String],
    edges: impl Iterator<Item = (Edge, &'e str, &'e str, f64)> + Clone,
    num: impl Fn(f64) -> String,
) -> PathDiagram {
    let mut d = PathDiagram {
        factors: latent.to_vec(),
        ..PathDiagram::default()
    };
    for (_, _, item, _) in edges.clone().filter(|e| e.0 == Edge::Loading) {
        if !d.items.iter().any(|i| i == item) {
            d.items.push(item.to_string());
        }
    }
    let factor = |name: &str| latent.iter().position(|l| l == name);
    for (edge, lhs, rhs, std) in edges {
        match (edge, factor(lhs), factor(rhs)) {
            (Edge::Loading, Some(f), _) => {
                if let Some(i) = d.items.iter().position(|l| l == rhs) {
                    d.loadings.push((f, i, num(std)));
                }
            }
            (Edge::Covariance, Some(a), Some(b)) if a != b => {
                d.correlations.push((a, b, num(std)));
            }
            _ => {}
        }
    }
    d
}

/// Invariance: the ladder, its verdicts and the non-invariant items (with `--group`).
pub fn invariance(input: &ReportInput<'_>) -> Vec<Block> {
    let Some(g) = &input.groups else {
        return Vec::new();
    };
    let c = &input.catalogue;
    let mut blocks = vec![Block::heading(
        2,
        c.fill(Msg::Invariance, &[("group", g.column.to_string())]),
    )];
    let Some(r) = &input.invariance else {
        blocks.extend(skipped(input, Msg::Invariance));
        return blocks;
    };
    let failed = r
        .result
        .comparisons
        .iter()
        .find(|x| x.verdict == Verdict::Fails);
    // the items whose freed parameters make the ladder partial, once each, in table order
    let mut freed: Vec<&str> = Vec::new();
    for x in r.result.consequences.iter().flat_map(|x| &x.items) {
        if !freed.contains(&x.item.as_str()) {
            freed.push(&x.item);
        }
    }
    blocks.push(Block::Paragraph(match failed {
        None if !freed.is_empty() => c.fill(Msg::InvariancePartial, &[("items", freed.join(", "))]),
        None => c.text(Msg::InvarianceHolds).to_string(),
        // the ordinal ladder has no search for the parameters that differ (yet)
        Some(x) if r.estimator == psym_sem::Estimator::Wlsmv => {
            c.fill(Msg::InvarianceFailsOrdinal, &[("step", x.step.to_string())])
        }
        Some(x) => c.fill(Msg::InvarianceFails, &[("step", x.step.to_string())]),
    }));
    let mut walk = super::invariance::Walk::new(r, c);
    blocks.extend(nested(inv_doc::document(r, Format::Md), c, |b| {
        walk.after(b)
    }));
    blocks
}

/// A p-value as APA writes it beside its statistic: `< 0.001`, else `= 0.012`.
pub(super) fn p_value(c: &Catalogue, p: f64) -> String {
    if p < 0.001 {
        format!("< {}", c.num(0.001, 3))
    } else {
        format!("= {}", c.num(p, 3))
    }
}

/// The reason a section's analysis was not run, as the binary recorded it.
pub(super) fn skipped(input: &ReportInput<'_>, section: Msg) -> Vec<Block> {
    let c = &input.catalogue;
    input
        .skipped
        .iter()
        .filter(|(m, _)| *m == section)
        .map(|(_, reason)| Block::Warning(c.fill(Msg::NotComputed, &[("reason", reason.clone())])))
        .collect::<Vec<_>>()
}
