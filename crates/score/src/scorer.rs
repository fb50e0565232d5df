//! Scale scores from item answers.

use nalgebra::DMatrix;
use psym_data::{ItemSpec, ReadOptions};
use psym_instrument::{Instrument, ScoringMethod};
use serde::Serialize;

use crate::ScoreError;
use crate::keys::ItemKey;

/// Tolerance when comparing the share of answered items with the minimum share, so that
/// `0.6 × 5` counts as 3 items despite rounding.
const SHARE_TOLERANCE: f64 = 1e-9;

/// One item of a scale: its position in the item list and whether it is reverse-keyed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KeyedItem {
    /// Index into [`Scorer::items`].
    pub index: usize,
    /// Whether the item is reversed (`min + max − x`) before scoring.
    pub reverse: bool,
}

impl KeyedItem {
    /// The keyed answer: `min + max − x` for a reverse-keyed item when the range is known,
    /// else `x` (missing stays `NaN`).
    pub fn keyed(&self, x: f64, range: Option<(f64, f64)>) -> f64 {
        match (self.reverse, range) {
            (true, Some((lo, hi))) => lo + hi - x,
            _ => x,
        }
    }
}

/// How one scale is scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleRule {
    /// Scale id (the score's column name).
    pub id: String,
    /// The scale's items.
    pub items: Vec<KeyedItem>,
    /// Mean or (prorated) sum.
    pub method: ScoringMethod,
    /// Minimum share of items answered for a score.
    pub min_answered: f64,
    /// Response range `(min, max)` used to reverse items, when known.
    pub range: Option<(f64, f64)>,
}

impl ScaleRule {
    /// The score of one respondent, `None` when too few items were answered.
    ///
    /// Formula: reverse-keyed answers become `min + max − x`; with `a` of the `k` items answered
    /// and `a ≥ min_answered · k` (and `a ≥ 1`), the mean is `Σx / a`, and the sum is `Σx` when
    /// `a = k`, else the prorated `k · Σx / a`. With `min_answered = 0` the mean equals
    /// psych::scoreItems(impute = "none").
    pub fn score(&self, values: &[f64]) -> Option<f64> {
        let (mut sum, mut answered) = (0.0, 0usize);
        for key in &self.items {
            let x = values.get(key.index).copied().unwrap_or(f64::NAN);
            if x.is_nan() {
                continue;
            }
            sum += key.keyed(x, self.range);
            answered += 1;
        }
        let k = self.items.len();
        let enough = answered as f64 + SHARE_TOLERANCE >= self.min_answered * k as f64;
        if answered == 0 || !enough {
            return None;
        }
        let mean = sum / answered as f64;
        Some(match self.method {
            ScoringMethod::Mean => mean,
            ScoringMethod::Sum if answered == k => sum,
            ScoringMethod::Sum => mean * k as f64,
        })
    }
}

impl ScaleRule {
    /// The scale's items, keyed, as a respondents × scale-items matrix taken from `data`
    /// (respondents × all items, in the order the rule indexes them; `NaN` = missing): the input
    /// of item analyses such as reliability.
    pub fn keyed_items(&self, data: &DMatrix<f64>) -> DMatrix<f64> {
        DMatrix::from_fn(data.nrows(), self.items.len(), |i, j| {
            let key = self.items[j];
            data.get((i, key.index))
                .map_or(f64::NAN, |&x| key.keyed(x, self.range))
        })
    }
}

/// Which scales to score and how strictly.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Scale ids to score, in this order; empty = every scale of the instrument.
    pub scales: Vec<String>,
    /// Overrides every scale's minimum share of answered items.
    pub min_answered: Option<f64>,
}

/// Scores respondents on a set of scales.
///
/// ```
/// use psym_score::{Scorer, ScoreOptions, parse_keys};
/// let keys = parse_keys("-q1 q2").unwrap();
/// let scorer = Scorer::from_keys("s", &keys, Some((1.0, 5.0)), &ScoreOptions::default()).unwrap();
/// // q1 = 2 is reversed to 4; mean of 4 and 5
/// assert_eq!(scorer.scales()[0].score(&[2.0, 5.0]), Some(4.5));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    items: Vec<ItemSpec>,
    scales: Vec<ScaleRule>,
}

impl Scorer {
    /// The scales of an instrument, with every item of the instrument read (so that every
    /// answer is validated, also those of items in no selected scale).
    ///
    /// # Errors
    /// An unknown scale id, or a minimum share outside 0–1.
    pub fn from_instrument(inst: &Instrument, options: &ScoreOptions) -> Result<Self, ScoreError> {
        check_share(options.min_answered)?;
        let items = item_specs(inst);
        let range = inst.response_scale.as_ref().map(|s| (s.min, s.max));
        let selected: Vec<&psym_instrument::Scale> = if options.scales.is_empty() {
            inst.scales.iter().collect()
        } else {
            options
                .scales
                .iter()
                .map(|name| {
                    inst.scale(name).ok_or_else(|| ScoreError::UnknownScale {
                        name: name.clone(),
                        available: scale_list(inst),
                    })
                })
                .collect::<Result<_, _>>()?
        };
        let scales = selected
            .into_iter()
            .map(|scale| ScaleRule {
                id: scale.id.clone(),
                items: scale
                    .items
                    .iter()
                    .filter_map(|id| {
                        let index = inst.items.iter().position(|i| &i.id == id)?;
                        Some(KeyedItem {
                            index,
                            reverse: inst.items[index].reverse,
                        })
                    })
                    .collect(),
                method: scale.method,
                min_answered: options.min_answered.unwrap_or(scale.min_answered),
                range,
            })
            .collect();
        Ok(Scorer { items, scales })
    }

    /// One ad hoc scale from item keys (`-A1 A2 …`), reversing within `range`.
    ///
    /// # Errors
    /// A reverse-keyed item without a range, or a minimum share outside 0–1.
    pub fn from_keys(
        scale_id: &str,
        keys: &[ItemKey],
        range: Option<(f64, f64)>,
        options: &ScoreOptions,
    ) -> Result<Self, ScoreError> {
        check_share(options.min_answered)?;
        if let (None, Some(k)) = (range, keys.iter().find(|k| k.reverse)) {
            return Err(ScoreError::NoRange(k.item.clone()));
        }
        let items = keys
            .iter()
            .map(|k| match range {
                Some((lo, hi)) => ItemSpec::rating(&k.item, lo, hi),
                None => ItemSpec::continuous(&k.item),
            })
            .collect();
        let rule = ScaleRule {
            id: scale_id.to_owned(),
            items: keys
                .iter()
                .enumerate()
                .map(|(index, k)| KeyedItem {
                    index,
                    reverse: k.reverse,
                })
                .collect(),
            method: ScoringMethod::Mean,
            min_answered: options.min_answered.unwrap_or(0.0),
            range,
        };
        Ok(Scorer {
            items,
            scales: vec![rule],
        })
    }

    /// The items to read, in the order the scale rules index them.
    pub fn items(&self) -> &[ItemSpec] {
        &self.items
    }

    /// The scales, in output order.
    pub fn scales(&self) -> &[ScaleRule] {
        &self.scales
    }

    /// Scores one respondent's item values into `out` (cleared first), one entry per scale.
    pub fn score_into(&self, values: &[f64], out: &mut Vec<Option<f64>>) {
        out.clear();
        out.extend(self.scales.iter().map(|s| s.score(values)));
    }

    /// The scores of every respondent of `data` (respondents × [`Scorer::items`], `NaN` =
    /// missing) as a respondents × scales matrix, `NaN` where a score is blank
    /// ([`ScaleRule::score`]).
    pub fn score_matrix(&self, data: &DMatrix<f64>) -> DMatrix<f64> {
        let mut values = Vec::with_capacity(data.ncols());
        DMatrix::from_fn(data.nrows(), self.scales.len(), |i, j| {
            values.clear();
            values.extend(data.row(i).iter().copied());
            self.scales[j].score(&values).unwrap_or(f64::NAN)
        })
    }
}

/// What to read for an instrument: every item with the response range and integer rule.
pub fn item_specs(inst: &Instrument) -> Vec<ItemSpec> {
    inst.items
        .iter()
        .map(|item| ItemSpec {
            id: item.id.clone(),
            min: inst.response_scale.as_ref().map(|s| s.min),
            max: inst.response_scale.as_ref().map(|s| s.max),
            integer: inst.response_scale.as_ref().is_some_and(|s| s.integer),
        })
        .collect()
}

/// Read options taken from an instrument: its missing codes, the missing texts of every
/// language (a respondent may answer in any of them), and its languages.
pub fn read_options(inst: &Instrument) -> ReadOptions {
    ReadOptions {
        missing_codes: inst.missing_codes.clone(),
        missing_text: inst.missing_text.values().flatten().cloned().collect(),
        languages: inst.languages.clone(),
        ..ReadOptions::default()
    }
}

fn check_share(share: Option<f64>) -> Result<(), ScoreError> {
    match share {
        Some(s) if !(0.0..=1.0).contains(&s) => Err(ScoreError::MinAnswered(s)),
        _ => Ok(()),
    }
}

fn scale_list(inst: &Instrument) -> String {
    inst.scales
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use psym_testdata::tolerance::CLOSED_FORM;

    fn rule(method: ScoringMethod, min_answered: f64) -> ScaleRule {
        ScaleRule {
            id: "s".into(),
            items: (0..4)
                .map(|index| KeyedItem {
                    index,
                    reverse: index == 3,
                })
                .collect(),
            method,
            min_answered,
            range: Some((1.0, 7.0)),
        }
    }

    const NA: f64 = f64::NAN;

    #[test]
    fn mean_reverses_within_the_range() {
        // 8 − 2 = 6 for the reverse-keyed fourth item
        assert_eq!(
            rule(ScoringMethod::Mean, 1.0).score(&[1., 2., 3., 2.]),
            Some(3.0)
        );
    }

    #[test]
    fn minimum_share_blanks_the_score() {
        let r = rule(ScoringMethod::Mean, 0.75);
        assert_eq!(r.score(&[1., 2., NA, 2.]), Some(3.0));
        assert_eq!(r.score(&[1., NA, NA, 2.]), None);
        let any = rule(ScoringMethod::Mean, 0.0);
        assert_eq!(any.score(&[NA, NA, 5., NA]), Some(5.0));
        assert_eq!(any.score(&[NA, NA, NA, NA]), None);
    }

    #[test]
    fn sum_is_prorated_when_items_are_missing() {
        let r = rule(ScoringMethod::Sum, 0.5);
        assert_eq!(r.score(&[1., 2., 3., 2.]), Some(12.0));
        // mean of (1, 3, 6) = 10/3, times 4 items
        let s = r.score(&[1., NA, 3., 2.]).unwrap();
        assert!((s - 40.0 / 3.0).abs() < CLOSED_FORM);
    }

    #[test]
    fn share_of_three_fifths_counts_three_items() {
        let r = ScaleRule {
            items: (0..5)
                .map(|index| KeyedItem {
                    index,
                    reverse: false,
                })
                .collect(),
            ..rule(ScoringMethod::Mean, 0.6)
        };
        assert_eq!(r.score(&[1., 2., 3., NA, NA]), Some(2.0));
        assert_eq!(r.score(&[1., 2., NA, NA, NA]), None);
    }

    #[test]
    fn keyed_items_reverse_within_the_range() {
        let data = DMatrix::from_row_slice(2, 4, &[1., 2., 3., 2., 7., NA, 1., 1.]);
        let k = rule(ScoringMethod::Mean, 1.0).keyed_items(&data);
        assert_eq!(
            k.row(0).iter().copied().collect::<Vec<_>>(),
            [1., 2., 3., 6.]
        );
        assert!(k[(1, 1)].is_nan());
        assert_eq!(k[(1, 3)], 7.0);
    }

    #[test]
    fn keys_without_range_cannot_reverse() {
        let keys = crate::parse_keys("-a b").unwrap();
        assert_eq!(
            Scorer::from_keys("s", &keys, None, &ScoreOptions::default()),
            Err(ScoreError::NoRange("a".into()))
        );
        let bad = ScoreOptions {
            min_answered: Some(1.5),
            ..Default::default()
        };
        assert_eq!(
            Scorer::from_keys("s", &keys, Some((1., 5.)), &bad),
            Err(ScoreError::MinAnswered(1.5))
        );
    }
}
