//! Response categories of ordinal items: which categories of the response scale nobody used
//! (per item, and per group), and merging sparse categories into their neighbours.
//!
//! Thresholds exist only between categories that were used, so an unused category silently
//! changes what the thresholds mean (and, across groups, whether they can be compared). psym
//! reports every unused category as a [`CategoryDiagnostic`] and merges sparse categories
//! only when asked ([`collapse`]), writing down every [`Merge`].
//!
//! ```
//! use nalgebra::DMatrix;
//! use psym_stats::categories::{collapse, unused_categories};
//! // two 1–5 items; nobody answered 1 on the first, one person answered 1 on the second
//! let mut x = DMatrix::from_row_slice(5, 2, &[2., 1., 3., 2., 4., 3., 5., 4., 5., 5.]);
//! let scale = [1., 2., 3., 4., 5.];
//! let unused = unused_categories(&x, &scale, None);
//! assert_eq!((unused[0].item, unused[0].category), (0, 1.0));
//! let merges = collapse(&mut x, &scale, 2, None);
//! assert_eq!((merges[0].item, merges[0].from, merges[0].into), (0, 1.0, 2.0));
//! ```

use std::fmt;

use nalgebra::DMatrix;
use serde::Serialize;

use crate::{Diagnostic, Severity, Subject};

/// A category of the response scale that nobody used: on an item overall (`group` `None`),
/// or in one group although others used it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UnusedCategory {
    /// The item (0-based column).
    pub item: usize,
    /// The category's value on the response scale.
    pub category: f64,
    /// The group (0-based) that never used it, or `None` when nobody did.
    pub group: Option<usize>,
}

/// One merge of [`collapse`]: every answer `from` on `item` now reads `into`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Merge {
    /// The item (0-based column).
    pub item: usize,
    /// The category merged away.
    pub from: f64,
    /// The adjacent category it was merged into.
    pub into: f64,
    /// Answers moved (those of `from`, including any merged into it before).
    pub count: usize,
}

/// What a [`CategoryDiagnostic`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    /// Nobody used the category on this item: it has no threshold.
    UnusedCategory,
    /// One group never used a category that others used.
    UnusedInGroup,
    /// A category was merged into its neighbour ([`collapse`]).
    Merged,
    /// Two items' table leaves their polychoric correlation at ±1 (every answer on one
    /// diagonal of the table): the items order respondents identically (or reversed).
    PerfectAssociation,
}

/// What to try about sparse categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryAdvice {
    /// Merge categories with fewer than this many answers into a neighbour ([`collapse`]).
    Collapse(usize),
}

/// As an option: `collapse categories with fewer than 1 answers`.
impl fmt::Display for CategoryAdvice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CategoryAdvice::Collapse(min) => {
                write!(f, "collapse categories with fewer than {min} answers")
            }
        }
    }
}

/// A finding about response categories, naming the item by column.
pub type CategoryDiagnostic = Diagnostic<CategoryKind, CategoryAdvice>;

/// Every category of `scale` (the response scale's values, in order) that nobody used, per
/// column of `data` (`NaN` = missing); with `groups`, also each category used by some group but
/// not by another (rows of no group are left out). Items in column order, categories in scale
/// order, then groups.
pub fn unused_categories(
    data: &DMatrix<f64>,
    scale: &[f64],
    groups: Option<RowGroups<'_>>,
) -> Vec<UnusedCategory> {
    let mut out = Vec::new();
    for j in 0..data.ncols() {
        // counts[g][c]: answers of category c in group g
        let counts = counts(data, j, scale, groups);
        for (c, &category) in scale.iter().enumerate() {
            let total: usize = counts.iter().map(|g| g[c]).sum();
            if total == 0 {
                out.push(UnusedCategory {
                    item: j,
                    category,
                    group: None,
                });
            } else if groups.is_some() {
                out.extend((0..counts.len()).filter(|&g| counts[g][c] == 0).map(|g| {
                    UnusedCategory {
                        item: j,
                        category,
                        group: Some(g),
                    }
                }));
            }
        }
    }
    out
}

/// Merges, item by item, each category of `scale` with fewer than `min` answers into an
/// adjacent category, recoding `data` in place, and returns the merges in the order made.
///
/// Rule: while the item has more than two categories left and the sparsest of them (the lowest
/// on a tie) has fewer than `min` answers, it is merged into its neighbour on the scale; an
/// interior category goes to the neighbour with fewer answers (the lower on a tie), so that
/// merging evens out the distribution. With `groups` a category's answers are those of the
/// group that used it least, so every group keeps at least `min` answers in every category
/// left and the groups share one set of categories (the recoding applies to every row). Values of
/// `data` that are not on `scale` are left alone. An unused category (0 answers) is merged like
/// any other and recorded with `count` 0. With `min` 0 nothing is merged.
pub fn collapse(
    data: &mut DMatrix<f64>,
    scale: &[f64],
    min: usize,
    groups: Option<RowGroups<'_>>,
) -> Vec<Merge> {
    let mut merges = Vec::new();
    for j in 0..data.ncols() {
        // the categories left, in scale order: value and answers per group
        let per_group = counts(data, j, scale, groups);
        let mut left: Vec<(f64, Vec<usize>)> = (scale.iter().enumerate())
            .map(|(c, &s)| (s, per_group.iter().map(|g| g[c]).collect()))
            .collect();
        let fewest = |per: &[usize]| per.iter().copied().min().unwrap_or(0);
        while left.len() > 2 {
            let Some(c) = (0..left.len())
                .filter(|&c| fewest(&left[c].1) < min)
                .min_by_key(|&c| fewest(&left[c].1))
            else {
                break;
            };
            let target = match c {
                0 => 1,
                c if c == left.len() - 1 => c - 1,
                c if fewest(&left[c + 1].1) < fewest(&left[c - 1].1) => c + 1,
                c => c - 1,
            };
            let (from, per) = left.remove(c);
            let target = if target > c { target - 1 } else { target };
            let into = left[target].0;
            data.column_mut(j)
                .iter_mut()
                .filter(|v| **v == from)
                .for_each(|v| *v = into);
            for (t, p) in left[target].1.iter_mut().zip(&per) {
                *t += p;
            }
            merges.push(Merge {
                item: j,
                from,
                into,
                count: per.iter().sum(),
            });
        }
    }
    merges
}

/// Answers of column `j` per group (rows of no group left out) and category of `scale`.
fn counts(
    data: &DMatrix<f64>,
    j: usize,
    scale: &[f64],
    groups: Option<RowGroups<'_>>,
) -> Vec<Vec<usize>> {
    let n_groups = groups.map_or(1, |g| g.labels.len().max(1));
    let mut counts = vec![vec![0usize; scale.len()]; n_groups];
    for (i, v) in data.column(j).iter().enumerate() {
        let group = match groups {
            None => Some(0),
            Some(g) => g.of_row.get(i).copied().filter(|&g| g < n_groups),
        };
        if let (Some(g), Some(c)) = (group, scale.iter().position(|s| s == v)) {
            counts[g][c] += 1;
        }
    }
    counts
}

/// Unused categories, merges and their diagnostics for one analysis ([`check_categories`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CategoryReport {
    /// Categories nobody used (overall or in one group), before any merge.
    pub unused: Vec<UnusedCategory>,
    /// The merges made, in order.
    pub merges: Vec<Merge>,
    /// One diagnostic per unused category and per merge.
    #[serde(skip)]
    pub diagnostics: Vec<CategoryDiagnostic>,
}

impl CategoryReport {
    /// Whether a finding means the results should not be interpreted as they stand (a
    /// perfect association, [`perfect_associations`]).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// The number of distinct categories of each column of `data` (`NaN` = missing) in the rows
/// `policy` uses: every observed value of the column (pairwise) or the rows without a missing
/// value (listwise). An ordered item has this many less one thresholds: lavaan takes an
/// item's levels from the data it analyses.
pub fn observed_categories(data: &DMatrix<f64>, policy: crate::MissingPolicy) -> Vec<usize> {
    let rows: Vec<usize> = (0..data.nrows())
        .filter(|&i| {
            policy == crate::MissingPolicy::Pairwise || data.row(i).iter().all(|v| !v.is_nan())
        })
        .collect();
    (0..data.ncols())
        .map(|j| {
            let mut values: Vec<f64> = (rows.iter().map(|&i| data[(i, j)]))
                .filter(|v| !v.is_nan())
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            values.len()
        })
        .collect()
}

/// Groups of rows: each row's group (0-based; an index past the labels, such as
/// `psym_data::Groups::NONE`, is a row of no group) and the groups' labels.
#[derive(Debug, Clone, Copy)]
pub struct RowGroups<'a> {
    /// Each row's group.
    pub of_row: &'a [usize],
    /// Each group's label, for messages.
    pub labels: &'a [String],
}

/// Reports the unused categories of `data`'s columns against `scale` (the response scale's
/// values in order; `None` = the values observed anywhere in `data`), per group too when
/// `groups` are given, then merges sparse categories when `collapse` gives a minimum
/// ([`collapse`], in place). Unused categories are reported as found before merging; without
/// merges each suggests [`CategoryAdvice::Collapse`].
pub fn check_categories(
    data: &mut DMatrix<f64>,
    scale: Option<&[f64]>,
    collapse_min: Option<usize>,
    groups: Option<RowGroups<'_>>,
) -> CategoryReport {
    let observed: Vec<f64>;
    let scale = match scale {
        Some(s) => s,
        None => {
            let mut v: Vec<f64> = data.iter().copied().filter(|v| !v.is_nan()).collect();
            v.sort_by(f64::total_cmp);
            v.dedup();
            observed = v;
            &observed
        }
    };
    let unused = unused_categories(data, scale, groups);
    let merges = collapse_min.map_or_else(Vec::new, |min| collapse(data, scale, min, groups));
    let label = |g: usize| {
        groups
            .and_then(|gr| gr.labels.get(g).cloned())
            .unwrap_or_else(|| (g + 1).to_string())
    };
    let diagnostics = category_diagnostics(&unused, &merges, collapse_min.is_some(), &label);
    CategoryReport {
        unused,
        merges,
        diagnostics,
    }
}

/// The diagnostics of unused categories and merges; `group_name` words a group (its label).
/// An unused category suggests collapsing unless `collapsing` already.
fn category_diagnostics(
    unused: &[UnusedCategory],
    merges: &[Merge],
    collapsing: bool,
    group_name: &dyn Fn(usize) -> String,
) -> Vec<CategoryDiagnostic> {
    let mut out: Vec<CategoryDiagnostic> = unused
        .iter()
        .map(|u| {
            let (kind, message) = match u.group {
                None => (
                    CategoryKind::UnusedCategory,
                    format!(
                        "has no answers in category {}: it has no threshold, so the \
                         thresholds describe the categories that were used",
                        u.category
                    ),
                ),
                Some(g) => (
                    CategoryKind::UnusedInGroup,
                    format!(
                        "has no answers in category {} in group '{}', though other groups used it",
                        u.category,
                        group_name(g)
                    ),
                ),
            };
            let d = Diagnostic::new(kind, Severity::Warning, Subject::Item(u.item), message);
            if !collapsing {
                d.with_advice([CategoryAdvice::Collapse(1)])
            } else {
                d
            }
        })
        .collect();
    out.extend(merges.iter().map(|m| {
        Diagnostic::new(
            CategoryKind::Merged,
            Severity::Warning,
            Subject::Item(m.item),
            format!(
                "category {} ({} answer(s)) merged into category {}",
                m.from, m.count, m.into
            ),
        )
    }));
    out
}

/// |ρ| from which a polychoric correlation counts as at its bound: the two-step search stops
/// within 1e-8 of ±1 when the likelihood keeps rising towards it.
const BOUND: f64 = 1.0 - 1e-6;

/// A diagnostic (severity error) for each pair of items whose polychoric correlation in `r`
/// is at ±1: their table has every answer on one diagonal, so the latent correlation is not
/// estimable, the weights of least-squares estimation blow up and fit statistics lose their
/// meaning.
pub fn perfect_associations(r: &DMatrix<f64>) -> Vec<CategoryDiagnostic> {
    let p = r.nrows();
    (0..p)
        .flat_map(|a| (a + 1..p).map(move |b| (a, b)))
        .filter(|&(a, b)| r[(a, b)].abs() >= BOUND)
        .map(|(a, b)| {
            Diagnostic::new(
                CategoryKind::PerfectAssociation,
                Severity::Error,
                Subject::ItemPair(a, b),
                format!(
                    "have a polychoric correlation of {:.0}: every answer lies on one diagonal                      of their table, so the items order respondents identically and their latent                      correlation cannot be estimated; drop one of them or check for a duplicated                      column",
                    r[(a, b)].signum()
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCALE: [f64; 5] = [1.0, 2.0, 3.0, 4.0, 5.0];

    #[test]
    fn unused_categories_per_item_and_per_group() {
        // item 0 never 1; item 1: group 1 never used 5
        let x = DMatrix::from_row_slice(6, 2, &[2., 5., 3., 5., 4., 1., 5., 2., 2., 3., 3., 4.]);
        let labels = ["en".to_string(), "nb".to_string()];
        let of_row = [0, 0, 0, 1, 1, 1];
        let groups = RowGroups {
            of_row: &of_row,
            labels: &labels,
        };
        let u = unused_categories(&x, &SCALE, Some(groups));
        assert!(u.contains(&UnusedCategory {
            item: 0,
            category: 1.0,
            group: None
        }));
        assert!(u.contains(&UnusedCategory {
            item: 1,
            category: 5.0,
            group: Some(1)
        }));
        // a category nobody used is reported once, not once per group
        assert_eq!(
            u.iter()
                .filter(|v| v.item == 0 && v.category == 1.0)
                .count(),
            1
        );
    }

    #[test]
    fn collapse_merges_sparse_categories_into_the_smaller_neighbour() {
        // counts 1:0, 2:3, 3:1, 4:5, 5:6 -> 1 into 2 (empty), then 3 (1 answer) into 2 (3 < 5)
        let mut col = vec![2., 2., 2., 3.];
        col.extend([4.0; 5]);
        col.extend([5.0; 6]);
        let mut x = DMatrix::from_column_slice(col.len(), 1, &col);
        let merges = collapse(&mut x, &SCALE, 2, None);
        assert_eq!(
            merges,
            vec![
                Merge {
                    item: 0,
                    from: 1.0,
                    into: 2.0,
                    count: 0
                },
                Merge {
                    item: 0,
                    from: 3.0,
                    into: 2.0,
                    count: 1
                },
            ]
        );
        assert_eq!(x.iter().filter(|&&v| v == 2.0).count(), 4);
        assert!(x.iter().all(|&v| v != 3.0));
    }

    #[test]
    fn collapse_keeps_two_categories_and_missing_values() {
        let mut x = DMatrix::from_column_slice(3, 1, &[1., 5., f64::NAN]);
        let merges = collapse(&mut x, &SCALE, 100, None);
        assert_eq!(merges.len(), 3);
        let mut left: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
        left.dedup();
        assert_eq!(left.len(), 2, "two categories stay: {x}");
        assert!(x[(2, 0)].is_nan());
        assert!(collapse(&mut x, &SCALE, 0, None).is_empty());
    }

    /// With groups, a category counts by the group that used it least.
    #[test]
    fn observed_categories_by_policy() {
        // the second row is incomplete: its 3 on the first item counts only pairwise
        let nan = f64::NAN;
        let x = DMatrix::from_row_slice(3, 2, &[1., 1., 3., nan, 2., 2.]);
        assert_eq!(
            observed_categories(&x, crate::MissingPolicy::Pairwise),
            [3, 2]
        );
        assert_eq!(
            observed_categories(&x, crate::MissingPolicy::Listwise),
            [2, 2]
        );
    }

    #[test]
    fn collapse_by_groups_counts_the_sparsest_group() {
        // category 1: 5 answers in group 0, none in group 1
        let col = [1., 1., 1., 1., 1., 2., 3., 2., 3., 2., 3., 2., 3.];
        // the last row belongs to no group (usize::MAX, as psym_data::Groups::NONE)
        let of_row = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, usize::MAX];
        let labels = ["en".to_string(), "nb".to_string()];
        let groups = RowGroups {
            of_row: &of_row,
            labels: &labels,
        };
        let mut x = DMatrix::from_column_slice(col.len(), 1, &col);
        let merges = collapse(&mut x, &[1., 2., 3.], 1, Some(groups));
        assert_eq!(
            merges,
            vec![Merge {
                item: 0,
                from: 1.0,
                into: 2.0,
                count: 5
            }]
        );
        let mut y = DMatrix::from_column_slice(col.len(), 1, &col);
        assert!(collapse(&mut y, &[1., 2., 3.], 1, None).is_empty());
    }
}
