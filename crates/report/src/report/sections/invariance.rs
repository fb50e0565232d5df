//! The invariance section's own sentences: what the command writes under its tables (the
//! estimator line, the decision rule, a verdict per step, the table notes, the warnings),
//! worded from the ladder's results through the catalogue.

use psym_sem::{Estimator, Step, StepDetails, Verdict};

use crate::doc::Block;
use crate::invariance::{InvarianceReport, group_labels};
use crate::report::findings::{capitalised, finding};
use crate::report::{Catalogue, Msg};
use crate::subject::Names;

/// Where the walk through the command's document is: the last heading it passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Fit,
    Steps,
    Partial,
    Differences(usize),
    Problems,
    Other,
}

/// The report's blocks to follow each block of the ladder's document ([`super::super::nested`]).
pub struct Walk<'a, 'c> {
    r: &'a InvarianceReport<'a>,
    c: &'c Catalogue,
    part: Part,
}

impl<'a, 'c> Walk<'a, 'c> {
    /// A walk through the document of `r`.
    pub fn new(r: &'a InvarianceReport<'a>, c: &'c Catalogue) -> Self {
        Walk {
            r,
            c,
            part: Part::Other,
        }
    }

    /// The blocks after `b` (and the note of a table).
    pub fn after(&mut self, b: &mut Block) -> Vec<Block> {
        let res = self.r.result;
        let c = self.c;
        match b {
            Block::Heading { level: 2, .. } => vec![Block::Paragraph(self.run_line())],
            Block::Heading { text, .. } => {
                self.part = match text.as_str() {
                    "Fit of each step" => Part::Fit,
                    "Each step against the previous one" => Part::Steps,
                    "Partial invariance" => Part::Partial,
                    "Problems" => Part::Problems,
                    t if t.starts_with("Differences against") => Part::Differences(0),
                    _ => Part::Other,
                };
                match self.part {
                    Part::Partial if res.partial.iter().all(|s| s.released.is_empty()) => {
                        let mut out = vec![Block::Paragraph(c.text(Msg::PartialNone).into())];
                        out.extend(self.kept());
                        out
                    }
                    Part::Problems => vec![Block::List(self.problems())],
                    _ => Vec::new(),
                }
            }
            Block::Table(t) => match self.part {
                Part::Steps => {
                    let mut out = vec![Block::Paragraph(self.rule()), Block::List(self.verdicts())];
                    out.extend(self.few_anchors());
                    self.part = Part::Other;
                    out
                }
                Part::Other
                    if t.caption
                        .as_deref()
                        .is_some_and(|x| x.starts_with("Where ")) =>
                {
                    if let Some(step) = res.first_failure {
                        t.caption =
                            Some(c.fill(Msg::ScoreTestCaption, &[("step", self.step(step))]));
                    }
                    t.note = Some(c.text(Msg::ScoreTestNote).into());
                    Vec::new()
                }
                Part::Partial => {
                    t.note = Some(c.text(Msg::PartialNote).into());
                    self.kept()
                }
                Part::Differences(k) => {
                    let reference = group_labels(res).first().cloned().unwrap_or_default();
                    t.note = Some(match k {
                        0 => c.fill(Msg::LatentNote, &[("reference", reference)]),
                        1 => c.fill(
                            Msg::ItemBiasNote,
                            &[
                                ("reference", reference),
                                ("small", c.num(0.2, 1)),
                                ("medium", c.num(0.4, 1)),
                                ("large", c.num(0.7, 1)),
                            ],
                        ),
                        _ => c.text(Msg::ScaleBiasNote).into(),
                    });
                    self.part = Part::Differences(k + 1);
                    Vec::new()
                }
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// A step's name in the report's language (`metric`, `metrisk`).
    fn step(&self, s: Step) -> String {
        let en = s.to_string();
        self.c.term(&en).map_or(en, str::to_string)
    }

    /// Estimator and missing data, and what the fit measures are for a robust estimator.
    fn run_line(&self) -> String {
        let c = self.c;
        let missing = self.r.missing.to_string();
        let mut s = c.fill(
            Msg::InvarianceRun,
            &[
                ("estimator", self.r.estimator.to_string().to_uppercase()),
                (
                    "missing",
                    c.term(&missing).map_or(missing.clone(), str::to_string),
                ),
            ],
        );
        let more = match self.r.estimator {
            Estimator::Mlr => Some(Msg::InvarianceMlr),
            Estimator::Wlsmv => Some(Msg::InvarianceWlsmv),
            _ => None,
        };
        if let Some(m) = more {
            s.push(' ');
            s.push_str(c.text(m));
        }
        s
    }

    fn rule(&self) -> String {
        let rule = &self.r.result.rule;
        self.c.fill(
            Msg::DecisionRule,
            &[
                ("cfi", self.c.num(rule.cfi_min, 3)),
                ("rmsea", self.c.num(rule.rmsea_max, 3)),
            ],
        )
    }

    /// One sentence per step (its verdict and the numbers behind it), then what the first
    /// failing step means.
    fn verdicts(&self) -> Vec<String> {
        let c = self.c;
        let res = self.r.result;
        let signed = |x: f64| {
            let s = c.num(x, 3);
            if x >= 0.0 { format!("+{s}") } else { s }
        };
        let mut out: Vec<String> = (res.comparisons.iter())
            .map(|x| {
                let verdict = c.text(match x.verdict {
                    Verdict::Holds => Msg::VerdictHolds,
                    Verdict::Fails => Msg::VerdictFails,
                    Verdict::NotJudged => Msg::VerdictNotJudged,
                });
                let free: Vec<String> = (res.steps.iter())
                    .find(|s| s.step == x.step)
                    .map(|s| s.group_partial.iter().map(ToString::to_string).collect())
                    .unwrap_or_default();
                let free = if free.is_empty() {
                    String::new()
                } else {
                    c.fill(Msg::StepFree, &[("params", free.join(", "))])
                };
                capitalised(&c.fill(
                    Msg::StepLine,
                    &[
                        ("step", self.step(x.step)),
                        ("verdict", verdict.to_string()),
                        ("free", free),
                        ("dcfi", signed(x.delta_cfi)),
                        ("drmsea", signed(x.delta_rmsea)),
                        ("against", self.step(x.against)),
                    ],
                ))
            })
            .collect();
        let ordinal = (res.steps.iter()).any(|s| matches!(s.measures, StepDetails::Ordinal(_)));
        let meaning = match res.first_failure {
            Some(Step::Thresholds) => Some(Msg::FailThresholds),
            Some(Step::Metric) => Some(Msg::FailMetric),
            Some(Step::Scalar) if ordinal => Some(Msg::FailScalarOrdinal),
            Some(Step::Scalar) => Some(Msg::FailScalar),
            Some(Step::Strict) => Some(Msg::FailStrict),
            Some(Step::Means) => Some(Msg::FailMeans),
            Some(Step::Configural) | None => None,
        };
        out.extend(meaning.map(|m| c.text(m).to_string()));
        out
    }

    /// Constraints with a significant score test kept equal to keep two anchors per factor.
    fn kept(&self) -> Vec<Block> {
        let c = self.c;
        (self.r.result.partial.iter())
            .flat_map(|s| s.kept.iter().map(move |k| (s.step, k)))
            .map(|(step, k)| {
                Block::Warning(capitalised(&c.fill(
                    Msg::PartialKept,
                    &[
                        ("step", self.step(step)),
                        ("parameter", k.parameter.to_string()),
                        ("chisq", c.num(k.test.chisq, 3)),
                        ("factor", k.factor.clone()),
                    ],
                )))
            })
            .collect()
    }

    /// Factors left with fewer than two invariant items.
    fn few_anchors(&self) -> Vec<Block> {
        let c = self.c;
        (self.r.result.few_anchors.iter())
            .map(|a| {
                Block::Warning(capitalised(&c.fill(
                    Msg::FewAnchors,
                    &[
                        ("step", self.step(a.step)),
                        ("factor", a.factor.clone()),
                        ("n", a.invariant_items.to_string()),
                    ],
                )))
            })
            .collect()
    }

    /// The admissibility problems of the steps' fits.
    fn problems(&self) -> Vec<String> {
        let labels = group_labels(self.r.result);
        let names = Names {
            items: &[],
            groups: &labels,
        };
        (self.r.result.steps.iter())
            .flat_map(|s| {
                s.diagnostics
                    .iter()
                    .map(|d| format!("{}: {}", self.step(s.step), finding(d, &names, self.c)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}
