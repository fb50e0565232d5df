//! The document of an invariance ladder: the fit of each step and each step against the
//! previous one (the layout of semTools' `compareFit`), the chi-square by group, the decision
//! rule and a verdict per step, where the first failing step fails (score tests) and what a
//! partial-invariance search released. JSON is the serialised [`Invariance`] with its
//! diagnostics in the shape of every diagnostic ([`invariance_json`]).

use psym_sem::{Advice, Estimator, Invariance, Missing, ScoreTest, Step, StepDetails, Verdict};
use serde_json::Value;

use crate::Format;
use crate::doc::{Block, Column, Document, Role, Table};
use crate::subject::{Advise, Names, diagnostics_json, line};
use crate::table::fmt_num;

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
pub(crate) fn group_labels(r: &Invariance) -> Vec<String> {
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
            let free = r
                .steps
                .iter()
                .find(|s| s.step == c.step)
                .map_or(String::new(), |s| partial_phrase(&s.group_partial));
            format!(
                "{} invariance {what}{free}: ΔCFI = {:+.3}, ΔRMSEA = {:+.3} against {}.",
                capitalise(c.step),
                c.delta_cfi,
                c.delta_rmsea,
                c.against
            )
        })
        .collect();
    match r.first_failure {
        Some(Step::Thresholds) => out.push(
            "The thresholds differ between groups: the same latent response leads to different \
             answers in different groups; loadings and intercepts cannot be compared."
                .into(),
        ),
        Some(Step::Metric) => out.push(
            "The loadings differ between groups: the factors do not mean the same in every group."
                .into(),
        ),
        Some(Step::Scalar) => out.push(format!(
            "The intercepts differ between groups: observed and latent means cannot be compared \
             across groups as they stand{}.",
            // the search for partial invariance is refused for ordered items
            if ordinal(r) {
                ""
            } else {
                "; look for the items responsible (partial invariance)"
            }
        )),
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

/// Whether the ladder is the ordinal one (WLSMV fits of ordered items).
fn ordinal(r: &Invariance) -> bool {
    (r.steps.iter()).any(|s| matches!(s.measures, StepDetails::Ordinal(_)))
}

/// " with … free across groups" for a partially constrained step, empty otherwise.
fn partial_phrase(free: &[psym_model::ParamRef]) -> String {
    if free.is_empty() {
        return String::new();
    }
    let list: Vec<String> = free.iter().map(ToString::to_string).collect();
    format!(" (partial, with {} free across groups)", list.join(", "))
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
    if r.estimator == Estimator::Wlsmv {
        s.push_str(
            " Ordered items (Wu & Estabrook 2016 identification): \
             chi-square, CFI, TLI and RMSEA are the scaled-and-shifted versions; Δchisq is the \
             scaled-and-shifted difference of Satorra (2000), as lavaan's lavTestLRT.",
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

/// A table of `header` columns with `rows`: the first a label, the next `text - 1` text and
/// the rest numbers.
fn table(header: &[impl ToString], text: usize, rows: Vec<Vec<String>>) -> Table {
    let role = |i: usize| match i {
        0 => Role::Label,
        i if i < text => Role::Text,
        _ => Role::Number,
    };
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, h)| Column::new(h.to_string(), role(i)))
        .collect();
    Table {
        rows,
        ..Table::new(columns)
    }
}

/// A parameter and the groups it was tested between, in words (`task =~ i7, en vs nb`).
fn tested(t: &ScoreTest, labels: &[String]) -> (String, String) {
    let g = |i: usize| labels.get(i - 1).cloned().unwrap_or_else(|| i.to_string());
    (
        t.parameter.to_string(),
        format!("{} vs {}", g(t.groups[0]), g(t.groups[1])),
    )
}

/// The score tests of the constraints of the first failing step, largest first.
fn score_test_table(r: &Invariance, labels: &[String]) -> Option<Table> {
    let step = r.first_failure?;
    if r.score_tests.is_empty() {
        return None;
    }
    let header = ["parameter", "groups", "X²", "p", "epc ref", "epc other"];
    let rows = r
        .score_tests
        .iter()
        .map(|t| {
            let (p, g) = tested(t, labels);
            vec![
                p,
                g,
                num(t.chisq, 3),
                pvalue(Some(t.pvalue)),
                num(t.epc[0], 3),
                num(t.epc[1], 3),
            ]
        })
        .collect();
    let mut t = table(&header, 2, rows).with_caption(format!(
        "Where {step} invariance fails: score tests of its equality constraints"
    ));
    t.note = Some(
        "X²: univariate score (Lagrange multiplier) test of releasing that constraint alone \
         (1 df), as lavaan's lavTestScore; epc ref, epc other: expected change of the parameter \
         in the first (reference) group and in the other group when it is released."
            .into(),
    );
    Some(t)
}

/// What the search for partial invariance released and kept.
fn partial_blocks(r: &Invariance, labels: &[String]) -> Vec<Block> {
    if r.partial.is_empty() {
        return Vec::new();
    }
    let header = [
        "step",
        "released",
        "differs in",
        "X²",
        "p",
        "constraints",
        "epc ref",
        "epc other",
    ];
    let g = |i: &usize| labels.get(i - 1).cloned().unwrap_or_else(|| i.to_string());
    let rows: Vec<Vec<String>> = r
        .partial
        .iter()
        .flat_map(|s| {
            s.released.iter().map(move |x| {
                vec![
                    s.step.to_string(),
                    x.parameter.to_string(),
                    x.differs_in.iter().map(g).collect::<Vec<_>>().join(", "),
                    num(x.test.chisq, 3),
                    pvalue(Some(x.test.pvalue)),
                    x.in_place.to_string(),
                    num(x.test.epc[0], 3),
                    num(x.test.epc[1], 3),
                ]
            })
        })
        .collect();
    let mut blocks = vec![Block::heading(3, "Partial invariance")];
    if rows.is_empty() {
        blocks.push(Block::Paragraph(
            "The search released no constraint: none had a significant score test.".into(),
        ));
    } else {
        let mut t = table(&header, 3, rows);
        t.note = Some(
            "Released one at a time, largest score test first, while its p value is below \
             alpha divided by the number of the step's constraints still in place (Bonferroni); \
             each is then free in every group (lavaan's group.partial) in this and every later \
             step. differs in: the groups whose test against the first group was significant; \
             constraints: the step's constraints in place in that round."
                .into(),
        );
        blocks.push(Block::Table(t));
    }
    for s in &r.partial {
        for k in &s.kept {
            blocks.push(Block::Warning(format!(
                "{}: {} has a significant score test (X² = {}) but was kept equal, so that {} \
                 keeps two items equal across groups",
                s.step,
                k.parameter,
                num(k.test.chisq, 3),
                k.factor
            )));
        }
    }
    blocks
}

/// What (partial) scalar invariance means for the scores: latent differences, and the size
/// of each non-invariant item's difference and its bias in the scale means.
fn consequence_blocks(r: &Invariance, labels: &[String]) -> Vec<Block> {
    let Some(c) = &r.consequences else {
        return Vec::new();
    };
    let g = |i: usize| labels.get(i - 1).cloned().unwrap_or_else(|| i.to_string());
    let reference = g(1);
    let mut blocks = vec![Block::heading(
        3,
        format!("Differences against {reference}"),
    )];
    let rows = c
        .latent
        .iter()
        .map(|l| {
            vec![
                l.factor.clone(),
                g(l.group),
                num(l.mean, 3),
                fmt_num(l.mean_se, 3),
                num(l.d, 3),
                num(l.variance_ratio, 3),
            ]
        })
        .collect();
    let header = [
        "factor",
        "group",
        "latent mean",
        "se",
        "d",
        "variance ratio",
    ];
    blocks.push(Block::Table(table(&header, 2, rows).with_note(format!(
        "Latent means from the (partial) scalar model, {reference}'s fixed at 0; d: the mean over \
         the square root of the latent variances pooled by group size; variance ratio: the \
         group's latent variance over {reference}'s."
    ))));
    if !c.items.is_empty() {
        let rows = c
            .items
            .iter()
            .map(|d| {
                vec![
                    d.item.clone(),
                    g(d.group),
                    num(d.dmacs, 3),
                    format!("{:+.3}", d.mean_bias),
                ]
            })
            .collect();
        let header = ["item", "group", "dMACS", "item bias"];
        blocks.push(Block::Table(table(&header, 2, rows).with_note(format!(
            "dMACS: the non-invariance on the observed scale in pooled standard deviations \
             (Nye & Drasgow 2011; about .2 small, .4 medium, .7 large); item bias: the group's \
             expected item score minus {reference}'s at the same latent values, averaged over \
             the group."
        ))));
        let rows = c
            .scales
            .iter()
            .map(|s| vec![s.factor.clone(), g(s.group), format!("{:+.3}", s.mean_bias)])
            .collect();
        let header = ["scale", "group", "bias of the mean score"];
        blocks.push(Block::Table(
            table(&header, 2, rows).with_note(
                "How much the non-invariant items raise (+) or lower (−) the group's mean of the \
             scale's items at the same latent values, in item units (reverse-keyed items as \
             scored)."
                    .to_string(),
            ),
        ));
    }
    blocks
}

/// Warnings for factors left with fewer than two invariant items.
fn few_anchor_warnings(r: &Invariance) -> Vec<Block> {
    r.few_anchors
        .iter()
        .map(|a| {
            Block::Warning(format!(
                "{}: factor {} has {} item(s) whose parameter is equal across groups; comparisons \
                 of its latent variance and mean rest on fewer than two items",
                a.step, a.factor, a.invariant_items
            ))
        })
        .collect()
}

/// The readable document of an invariance ladder: groups and options, the fit of each step,
/// each step against the previous one, the chi-square by group, the decision rule with a
/// verdict per step, the score tests at the first failing step, the partial-invariance search
/// and the problems of the fits.
pub fn document(r: &InvarianceReport<'_>, format: Format) -> Document {
    let res = r.result;
    let labels = group_labels(res);
    let mut blocks = vec![
        Block::heading(2, groups_phrase(r)),
        Block::Paragraph(options_phrase(r)),
    ];
    blocks.extend(r.warnings.iter().map(|w| Block::Warning(w.clone())));
    let (h, rows) = fit_rows(res);
    blocks.push(Block::heading(3, "Fit of each step"));
    blocks.push(Block::Table(table(&h, 1, rows)));
    if !res.comparisons.is_empty() {
        let (h, rows) = comparison_rows(res);
        blocks.push(Block::heading(3, "Each step against the previous one"));
        blocks.push(Block::Table(table(&h, 2, rows)));
    }
    if let Some((h, rows)) = group_rows(res) {
        blocks.push(Block::heading(3, "Chi-square by group"));
        blocks.push(Block::Table(table(&h, 1, rows)));
    }
    blocks.push(Block::Paragraph(rule_phrase(res)));
    let conclusions = conclusions(res);
    blocks.push(if format == Format::Text {
        Block::Paragraph(conclusions.join("\n"))
    } else {
        Block::List(conclusions)
    });
    if let Some(t) = score_test_table(res, &labels) {
        blocks.push(Block::Table(t));
    }
    blocks.extend(partial_blocks(res, &labels));
    blocks.extend(consequence_blocks(res, &labels));
    blocks.extend(few_anchor_warnings(res));
    let problems = diagnostics(r);
    if !problems.is_empty() {
        blocks.push(Block::heading(3, "Problems"));
        blocks.push(Block::List(problems));
    }
    Document { blocks }
}
