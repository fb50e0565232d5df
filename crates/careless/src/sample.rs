//! The two passes: the sample's statistics, then each respondent's indices.

use psym_stats::pairwise::RowSums;
use psym_stats::{Severity, Subject};
use serde::Serialize;

use crate::mahalanobis::Distances;
use crate::row::{even_odd, irv, longstring, person_total, within_person_correlation};
use crate::{Advice, CarelessError, Diagnostic, DiagnosticKind, Index, Layout, Options, Threshold};

/// A variance at or below this is no variance (an item everyone answered alike).
const NO_VARIANCE: f64 = 1e-12;

/// Pairs needed for the psychometric synonyms and antonyms indices (careless::psychsyn
/// requires more than two).
const MIN_SYNONYM_PAIRS: usize = 3;

/// The first pass: item sums and pairwise cross-products, gathered one row at a time in
/// constant memory (`psym_stats::pairwise::RowSums`).
#[derive(Debug, Clone)]
pub struct FirstPass {
    layout: Layout,
    options: Options,
    sums: RowSums,
    rows: u64,
}

impl FirstPass {
    /// Starts the pass for rows of `layout.items` answers.
    ///
    /// # Errors
    /// [`CarelessError`] for options out of range ([`Options::check`]) or a layout naming a
    /// column beyond its items.
    pub fn new(layout: Layout, options: Options) -> Result<Self, CarelessError> {
        options.check()?;
        layout.check()?;
        Ok(FirstPass {
            sums: RowSums::new(layout.items),
            layout,
            options,
            rows: 0,
        })
    }

    /// Adds one row of answers (`NaN` = missing), in the layout's column order.
    pub fn push(&mut self, values: &[f64]) {
        self.sums.push(values);
        self.rows += 1;
    }

    /// The sample's statistics, and diagnostics for what they cannot support.
    pub fn finish(self) -> Sample {
        let FirstPass {
            layout,
            options,
            sums,
            rows,
        } = self;
        let p = layout.items;
        let sums = sums.finish();
        let counts: Vec<f64> = (0..p).map(|j| sums.pair_count(j, j) as f64).collect();
        let means = sums.means().to_vec();
        let totals = (0..p).map(|j| means[j] * counts[j]).collect();
        let mut diagnostics = Vec::new();
        let (mut synonym_pairs, mut antonym_pairs, mut distances) = (Vec::new(), Vec::new(), None);
        match sums.matrices() {
            None => diagnostics.push(Diagnostic::new(
                DiagnosticKind::NoCovariance,
                Severity::Warning,
                Subject::Whole,
                "Fewer than two respondents answered some pair of items: no Mahalanobis D², \
                 psychometric synonyms or antonyms",
            )),
            Some(m) => {
                let constant: Vec<usize> =
                    (0..p).filter(|&j| m.cov[(j, j)] <= NO_VARIANCE).collect();
                for &j in &constant {
                    diagnostics.push(Diagnostic::new(
                        DiagnosticKind::ConstantItem,
                        Severity::Warning,
                        Subject::Item(j),
                        "has no variance: it is left out of Mahalanobis D²",
                    ));
                }
                let used: Vec<usize> = (0..p).filter(|j| !constant.contains(j)).collect();
                let cov = m.cov.select_rows(&used).select_columns(&used);
                let used_means = used.iter().map(|&j| means[j]).collect();
                distances = Distances::new(used, used_means, cov);
                if distances.is_none() {
                    diagnostics.push(Diagnostic::new(
                        DiagnosticKind::NoCovariance,
                        Severity::Warning,
                        Subject::Whole,
                        "The covariance matrix of the items is singular (some item is a linear \
                         combination of others, or there are fewer respondents than items): no \
                         Mahalanobis D²",
                    ));
                }
                for j in 0..p {
                    for k in j + 1..p {
                        let r = m.cor[(j, k)];
                        if r > options.synonym_cutoff {
                            synonym_pairs.push((j, k));
                        } else if r < -options.synonym_cutoff {
                            antonym_pairs.push((j, k));
                        }
                    }
                }
                for (pairs, kind, what, sign) in [
                    (
                        &synonym_pairs,
                        DiagnosticKind::FewSynonymPairs,
                        "synonyms",
                        "",
                    ),
                    (
                        &antonym_pairs,
                        DiagnosticKind::FewAntonymPairs,
                        "antonyms",
                        "-",
                    ),
                ] {
                    if pairs.len() < MIN_SYNONYM_PAIRS {
                        diagnostics.push(
                            Diagnostic::new(
                                kind,
                                Severity::Warning,
                                Subject::Whole,
                                format!(
                                    "{} item pair(s) correlate beyond {sign}{} in the sample; \
                                     psychometric {what} need {MIN_SYNONYM_PAIRS}: not computed",
                                    pairs.len(),
                                    options.synonym_cutoff
                                ),
                            )
                            .with_advice([Advice::SynonymCutoff]),
                        );
                    }
                }
            }
        }
        if layout.split_subscales().count() < 2 {
            diagnostics.push(
                Diagnostic::new(
                    DiagnosticKind::NoSubscales,
                    Severity::Warning,
                    Subject::Whole,
                    "Even-odd consistency needs two or more subscales of two or more items: \
                     not computed",
                )
                .with_advice([Advice::Subscales]),
            );
        }
        if synonym_pairs.len() < MIN_SYNONYM_PAIRS {
            synonym_pairs.clear();
        }
        if antonym_pairs.len() < MIN_SYNONYM_PAIRS {
            antonym_pairs.clear();
        }
        Sample {
            thresholds: options.thresholds(p),
            even_odd: layout.split_subscales().count() >= 2,
            layout,
            rows,
            counts,
            totals,
            distances,
            synonym_pairs,
            antonym_pairs,
            diagnostics,
        }
    }
}

/// What the first pass learnt about the sample, and the second pass's per-row computation.
#[derive(Debug, Clone)]
pub struct Sample {
    layout: Layout,
    thresholds: Vec<Threshold>,
    rows: u64,
    /// Answers per item (`n_j`) and their sums (`S_j`), for the person-total correlation.
    counts: Vec<f64>,
    totals: Vec<f64>,
    distances: Option<Distances>,
    synonym_pairs: Vec<(usize, usize)>,
    antonym_pairs: Vec<(usize, usize)>,
    even_odd: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Sample {
    /// Rows read in the first pass.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The thresholds in force ([`Options::thresholds`]).
    pub fn thresholds(&self) -> &[Threshold] {
        &self.thresholds
    }

    /// The psychometric synonym pairs `(j, k)`, `j < k`: items whose pairwise-complete sample
    /// correlation exceeds [`Options::synonym_cutoff`] (empty when fewer than three do).
    pub fn synonym_pairs(&self) -> &[(usize, usize)] {
        &self.synonym_pairs
    }

    /// The psychometric antonym pairs: sample correlation below `−synonym_cutoff` (empty when
    /// fewer than three are).
    pub fn antonym_pairs(&self) -> &[(usize, usize)] {
        &self.antonym_pairs
    }

    /// What the sample could not support (constant items, a singular covariance matrix, too
    /// few synonym pairs, no subscales).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The indices of one row (`values` in the layout's column order, `NaN` = missing) and
    /// the thresholds it crosses; `duration` is its completion time in seconds, if known.
    ///
    /// Mahalanobis D² uses the sample means and the pairwise-complete covariance matrix `S` of
    /// the items that vary: `D² = (x − x̄)' S⁻¹ (x − x̄)` over the items the row answered (the
    /// submatrix of `S` when some are missing), `p = P(χ²_df > D²)` with `df` the number of
    /// those items (Meade & Craig 2012; psych::outlier for complete rows).
    pub fn indices(&self, values: &[f64], duration: Option<f64>) -> Indices {
        let pairs = |list: &[(usize, usize)]| {
            (!list.is_empty())
                .then(|| {
                    within_person_correlation(
                        list.iter().map(|&(j, k)| (values[j], values[k])),
                        MIN_SYNONYM_PAIRS,
                    )
                })
                .flatten()
        };
        let runs = longstring(values);
        let distance = self.distances.as_ref().and_then(|d| d.distance(values));
        let mut indices = Indices {
            answered: values.iter().filter(|v| !v.is_nan()).count(),
            longstring: runs.map(|r| r.0),
            longstring_avg: runs.map(|r| r.1),
            irv: irv(values),
            mahalanobis_d2: distance.map(|d| d.0),
            mahalanobis_df: distance.map(|d| d.1),
            mahalanobis_p: distance
                .map(|(d2, df)| psym_stats::noncentral::chisq_upper(d2, df as f64)),
            even_odd: self
                .even_odd
                .then(|| even_odd(&self.layout, values))
                .flatten(),
            synonyms: pairs(&self.synonym_pairs),
            antonyms: pairs(&self.antonym_pairs),
            person_total: person_total(values, &self.totals, &self.counts),
            duration: duration.filter(|d| !d.is_nan()),
            flags: Vec::new(),
        };
        indices.flags = self
            .thresholds
            .iter()
            .filter(|t| t.flags(indices.value(t.index)))
            .map(|t| t.index)
            .collect();
        indices
    }
}

/// One respondent's indices (`None` where an index could not be computed) and the indices it
/// is flagged on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indices {
    /// Items answered.
    pub answered: usize,
    /// Longest run of identical consecutive answers ([`crate::longstring`]).
    pub longstring: Option<usize>,
    /// Average run length ([`crate::longstring`]).
    pub longstring_avg: Option<f64>,
    /// Intra-individual response variability ([`crate::irv`]).
    pub irv: Option<f64>,
    /// Mahalanobis D² ([`Sample::indices`]).
    pub mahalanobis_d2: Option<f64>,
    /// Its degrees of freedom: the items used that the row answered.
    pub mahalanobis_df: Option<usize>,
    /// Its upper-tail χ² p value.
    pub mahalanobis_p: Option<f64>,
    /// Even-odd consistency ([`crate::even_odd`]).
    pub even_odd: Option<f64>,
    /// Psychometric synonyms: the correlation over [`Sample::synonym_pairs`].
    pub synonyms: Option<f64>,
    /// Psychometric antonyms: the correlation over [`Sample::antonym_pairs`].
    pub antonyms: Option<f64>,
    /// Person-total correlation ([`crate::person_total`]).
    pub person_total: Option<f64>,
    /// Completion time in seconds, when a duration was given.
    pub duration: Option<f64>,
    /// The indices whose threshold the row crosses, in [`Index`] order.
    pub flags: Vec<Index>,
}

impl Indices {
    /// The value compared with an index's threshold (for Mahalanobis D², its p value).
    pub fn value(&self, index: Index) -> Option<f64> {
        match index {
            Index::Longstring => self.longstring.map(|l| l as f64),
            Index::Irv => self.irv,
            Index::Mahalanobis => self.mahalanobis_p,
            Index::EvenOdd => self.even_odd,
            Index::Synonyms => self.synonyms,
            Index::Antonyms => self.antonyms,
            Index::PersonTotal => self.person_total,
            Index::Duration => self.duration,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::{DMatrix, DVector};

    const NAN: f64 = f64::NAN;

    fn layout(items: usize, subscales: Vec<Vec<usize>>) -> Layout {
        Layout {
            items,
            subscales,
            reversed: vec![false; items],
            range: Some((1.0, 5.0)),
        }
    }

    fn sample(rows: &[&[f64]], layout: Layout) -> Sample {
        let mut pass = FirstPass::new(layout, Options::default()).unwrap();
        rows.iter().for_each(|r| pass.push(r));
        pass.finish()
    }

    const ROWS: [&[f64]; 6] = [
        &[1., 2., 4., 3.],
        &[2., 2., 5., 1.],
        &[4., 3., 1., 2.],
        &[5., 5., 2., 2.],
        &[3., 1., 3., 4.],
        &[2., 4., 2., 5.],
    ];

    /// Source: the definition, D² = d' S⁻¹ d over the answered items' covariance submatrix.
    #[test]
    fn distance_of_an_incomplete_row_uses_the_answered_items() {
        let s = sample(&ROWS, layout(4, vec![vec![0, 1], vec![2, 3]]));
        let x = DMatrix::from_fn(6, 4, |i, j| ROWS[i][j]);
        let cov = psym_stats::pairwise::PairSums::new(&x)
            .matrices()
            .unwrap()
            .cov;
        let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
        let row = [2., NAN, 3., 4.];
        let used = [0, 2, 3];
        let sub = cov.select_rows(&used).select_columns(&used);
        let d = DVector::from_iterator(3, used.iter().map(|&j| row[j] - means[j]));
        let expected = (d.transpose() * sub.try_inverse().unwrap() * &d)[(0, 0)];
        let got = s.indices(&row, None);
        assert!((got.mahalanobis_d2.unwrap() - expected).abs() < 1e-10);
        assert_eq!(got.mahalanobis_df, Some(3));
    }

    #[test]
    fn a_row_with_nothing_answered_has_no_indices_and_no_flags() {
        let s = sample(&ROWS, layout(4, vec![vec![0, 1], vec![2, 3]]));
        let got = s.indices(&[NAN; 4], None);
        assert_eq!(got.answered, 0);
        assert_eq!(got.longstring, None);
        assert_eq!(got.mahalanobis_d2, None);
        assert!(got.flags.is_empty());
    }

    #[test]
    fn a_constant_item_is_left_out_of_the_distance() {
        let rows: Vec<Vec<f64>> = ROWS
            .iter()
            .map(|r| [r[0], 3.0, r[2], r[3]].to_vec())
            .collect();
        let refs: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
        let s = sample(&refs, layout(4, vec![]));
        let kinds: Vec<DiagnosticKind> = s.diagnostics().iter().map(|d| d.kind).collect();
        assert!(kinds.contains(&DiagnosticKind::ConstantItem));
        assert!(kinds.contains(&DiagnosticKind::NoSubscales));
        assert_eq!(s.diagnostics()[0].subject, Subject::Item(1));
        let got = s.indices(&rows[0], None);
        assert_eq!(got.mahalanobis_df, Some(3));
        assert_eq!(got.even_odd, None);
    }

    #[test]
    fn no_distance_when_every_item_is_constant() {
        let rows: [&[f64]; 3] = [&[2., 3.], &[2., 3.], &[2., 3.]];
        let s = sample(&rows, layout(2, vec![]));
        let got = s.indices(rows[0], None);
        assert_eq!((got.mahalanobis_d2, got.mahalanobis_df), (None, None));
    }

    #[test]
    fn flags_follow_the_thresholds() {
        let s = sample(&ROWS, layout(4, vec![vec![0, 1], vec![2, 3]]));
        // 4 items: longstring > 2 flags; 2 s per item: under 8 s flags
        let got = s.indices(&[3., 3., 3., 1.], Some(5.0));
        assert_eq!(got.longstring, Some(3));
        assert!(got.flags.contains(&Index::Longstring));
        assert!(got.flags.contains(&Index::Duration));
        assert!(
            !s.indices(&[3., 3., 1., 1.], Some(9.0))
                .flags
                .contains(&Index::Duration)
        );
    }

    #[test]
    fn options_out_of_range_are_refused() {
        let bad = Options {
            mahalanobis_alpha: 1.5,
            ..Options::default()
        };
        let err = FirstPass::new(layout(2, vec![]), bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mahalanobis_alpha must be between 0 and 1 (got 1.5)"
        );
    }
}
