//! The search for partial invariance: which equality constraints of a step to release.
//!
//! At a step that constrains a kind of parameter (loadings, intercepts, residual variances,
//! latent means), the constraints of that kind still in place are tested one at a time with
//! the univariate score test ([`score_tests`]). The largest statistic is released (the
//! parameter is freed in every group, lavaan's `group.partial`) when its p value is below
//! `alpha / m`, m the number of the step's constraints still in place (Bonferroni), and the
//! step is fitted again; the search repeats until no constraint of the step is significant.
//! It never frees a parameter that would leave its factor with fewer than two items whose
//! parameter of that kind is still equal across groups (the anchors the comparison of
//! latent variances and means rests on); a significant constraint left in place for that
//! reason is reported.

use psym_model::{GroupEqual, Op, ParTable, ParamRef};
use serde::Serialize;

use crate::result::CfaFit;
use crate::score_test::{ScoreTest, score_tests};

/// The search for partial invariance: at each constrained step, release the constraint of
/// the step's kind with the largest univariate score test while its p value is below
/// `alpha / m` (m: the step's constraints still in place; Bonferroni), never leaving a factor
/// fewer than two items whose parameter of that kind is equal across groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PartialSearch {
    /// Family-wise significance level of each round (default 0.05).
    pub alpha: f64,
}

impl Default for PartialSearch {
    fn default() -> Self {
        PartialSearch { alpha: 0.05 }
    }
}

/// A constraint the search released.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Released {
    /// The parameter now free in every group.
    pub parameter: ParamRef,
    /// Its kind.
    pub kind: GroupEqual,
    /// The groups (1-based, beside the first) whose test against the first group was
    /// significant in the round it was released.
    pub differs_in: Vec<usize>,
    /// The score test that released it (the largest of its round).
    pub test: ScoreTest,
    /// The number of the step's constraints in place in that round (the Bonferroni divisor).
    pub in_place: usize,
}

/// A significant constraint that the search left in place because freeing it would leave
/// `factor` with fewer than two invariant items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeptForAnchors {
    /// The parameter.
    pub parameter: ParamRef,
    /// The factor that would lose its anchors.
    pub factor: String,
    /// Its score test.
    pub test: ScoreTest,
}

/// What one round of the search decides.
pub(crate) enum Round {
    /// Release this constraint.
    Release(Box<Released>),
    /// Nothing significant is left (or only constraints kept for the anchors).
    Stop(Vec<KeptForAnchors>),
}

/// The factors an observed variable loads on in `table` (group 1).
fn factors_of<'a>(table: &'a ParTable, item: &str) -> Vec<&'a str> {
    table
        .rows
        .iter()
        .filter(|r| r.group == 1 && r.op == Op::Measure && r.rhs == item)
        .map(|r| r.lhs.as_str())
        .collect()
}

/// The item a parameter of `kind` belongs to: the indicator of a loading, the variable of an
/// intercept or residual variance; `None` for latent parameters (means, variances).
fn item_of(p: &ParamRef, kind: GroupEqual) -> Option<&str> {
    match kind {
        GroupEqual::Loadings => Some(&p.rhs),
        GroupEqual::Intercepts | GroupEqual::Residuals => Some(&p.lhs),
        _ => None,
    }
}

/// The items of `factor` whose parameter of `kind` is still equal across groups: not in
/// `partial` (a marker loading fixed in every group counts as equal).
pub(crate) fn invariant_items(
    table: &ParTable,
    factor: &str,
    kind: GroupEqual,
    partial: &[ParamRef],
) -> usize {
    let items = table
        .rows
        .iter()
        .filter(|r| r.group == 1 && r.op == Op::Measure && r.lhs == factor);
    items
        .filter(|r| {
            let p = match kind {
                GroupEqual::Loadings => ParamRef::new(factor, Op::Measure, r.rhs.as_str()),
                GroupEqual::Intercepts => ParamRef::new(r.rhs.as_str(), Op::Intercept, ""),
                _ => ParamRef::new(r.rhs.as_str(), Op::Covary, r.rhs.as_str()),
            };
            !partial
                .iter()
                .any(|q| q.lhs == p.lhs && q.op == p.op && q.rhs == p.rhs)
        })
        .count()
}

/// The factor that freeing `p` would leave with fewer than two invariant items, if any.
fn breaks_anchors(
    table: &ParTable,
    p: &ParamRef,
    kind: GroupEqual,
    partial: &[ParamRef],
) -> Option<String> {
    let item = item_of(p, kind)?;
    let mut after = partial.to_vec();
    after.push(p.clone());
    factors_of(table, item)
        .into_iter()
        .find(|f| invariant_items(table, f, kind, &after) < 2)
        .map(str::to_owned)
}

/// One round of the search at a step constraining `kind`, on the step's current fit.
pub(crate) fn round(
    fit: &CfaFit,
    kind: GroupEqual,
    partial: &[ParamRef],
    search: PartialSearch,
) -> Round {
    let Some(tests) = score_tests(fit) else {
        return Round::Stop(Vec::new());
    };
    let mut of_kind: Vec<&ScoreTest> = tests
        .univariate
        .iter()
        .filter(|t| t.kind == Some(kind))
        .collect();
    let in_place = of_kind.len();
    if in_place == 0 {
        return Round::Stop(Vec::new());
    }
    let significant = |t: &ScoreTest| t.pvalue * (in_place as f64) < search.alpha;
    of_kind.sort_by(|a, b| b.chisq.total_cmp(&a.chisq));
    let mut kept = Vec::new();
    for t in of_kind.iter().copied().filter(|t| significant(t)) {
        match breaks_anchors(&fit.table, &t.parameter, kind, partial) {
            Some(factor) => kept.push(KeptForAnchors {
                parameter: t.parameter.clone(),
                factor,
                test: t.clone(),
            }),
            None => {
                let differs_in = of_kind
                    .iter()
                    .filter(|u| u.parameter == t.parameter && significant(u))
                    .map(|u| u.groups[1])
                    .collect();
                return Round::Release(Box::new(Released {
                    parameter: t.parameter.clone(),
                    kind,
                    differs_in,
                    test: t.clone(),
                    in_place,
                }));
            }
        }
    }
    Round::Stop(kept)
}
