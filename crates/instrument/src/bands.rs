//! Score bands: named ranges of a scale score ("very weak" … "very strong"), declared per
//! scale in the instrument file and checked when it loads.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Instrument, Scale, ScoringMethod};

/// Bands of one scale: `k` increasing cut points divide the score range into `k + 1` bands,
/// each with a label per language.
///
/// A score `x` falls in band `b` (1-based) when `cuts[b−2] ≤ x < cuts[b−1]`: a score equal to
/// a cut point belongs to the band above it (intervals closed on the left, as R's
/// `cut(x, breaks, right = FALSE)`). Band codes `1 … k + 1` are what a statistics package
/// stores, with the labels as value labels ([`Bands::value_labels`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// Cut points between bands, strictly increasing and strictly inside the scale's score
    /// range (for a mean score the response scale's min–max, for a sum `k·min`–`k·max`).
    pub cuts: Vec<f64>,
    /// Band labels per language: one more label than cut points, lowest band first. The
    /// source language is required.
    pub labels: BTreeMap<String, Vec<String>>,
    /// Where the cut points come from (a validation study, a manual), or that they are only
    /// illustrative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Bands {
    /// The 1-based band of a score: `1 + #{cuts ≤ x}`; `None` for a missing (`NaN`) score.
    pub fn band_of(&self, x: f64) -> Option<usize> {
        (!x.is_nan()).then(|| 1 + self.cuts.iter().take_while(|&&c| c <= x).count())
    }

    /// The labels in `lang`, lowest band first; `None` when the bands have no labels in it.
    pub fn labels_in(&self, lang: &str) -> Option<&[String]> {
        self.labels.get(lang).map(Vec::as_slice)
    }

    /// `(code, label)` for each band in `lang`, codes `1 … k + 1`: the value labels of a band
    /// variable in SPSS or Stata; `None` when the bands have no labels in `lang`.
    pub fn value_labels(&self, lang: &str) -> Option<Vec<(u32, &str)>> {
        let labels = self.labels_in(lang)?;
        Some((1u32..).zip(labels.iter().map(String::as_str)).collect())
    }
}

/// The range a scale's score can take: `(min, max)` of the response scale for a mean score,
/// `(k·min, k·max)` for a sum of `k` items; `None` without a response scale.
pub fn score_range(inst: &Instrument, scale: &Scale) -> Option<(f64, f64)> {
    let rs = inst.response_scale.as_ref()?;
    let k = scale.items.len() as f64;
    Some(match scale.method {
        ScoringMethod::Mean => (rs.min, rs.max),
        ScoringMethod::Sum => (k * rs.min, k * rs.max),
    })
}

/// Every defect of the bands of `scale` (at JSON path `path`), as `(path, message)`.
pub(crate) fn defects(inst: &Instrument, scale: &Scale, path: &str) -> Vec<(String, String)> {
    let Some(bands) = &scale.bands else {
        return Vec::new();
    };
    let id = &scale.id;
    let mut out = Vec::new();
    let cuts_path = format!("{path}.bands.cuts");
    if bands.cuts.is_empty() {
        out.push((
            cuts_path.clone(),
            format!("the bands of scale '{id}' have no cut points"),
        ));
    }
    if bands.cuts.iter().any(|c| !c.is_finite()) {
        out.push((
            cuts_path.clone(),
            format!("the cut points of scale '{id}' must be numbers"),
        ));
    } else if bands.cuts.windows(2).any(|w| w[0] >= w[1]) {
        out.push((
            cuts_path.clone(),
            format!("the cut points of scale '{id}' must be strictly increasing"),
        ));
    }
    match score_range(inst, scale) {
        Some((lo, hi)) => {
            for (j, c) in bands.cuts.iter().enumerate() {
                if !(*c > lo && *c < hi) {
                    out.push((
                        format!("{cuts_path}[{j}]"),
                        format!(
                            "cut point {c} of scale '{id}' is not inside its score range {lo}–{hi}, so a band would be empty"
                        ),
                    ));
                }
            }
        }
        None => out.push((
            format!("{path}.bands"),
            format!(
                "scale '{id}' has bands but the instrument has no response_scale, so its score range is unknown"
            ),
        )),
    }
    let wanted = bands.cuts.len() + 1;
    for (lang, labels) in &bands.labels {
        let lpath = format!("{path}.bands.labels.{lang}");
        if !inst.languages.contains(lang) {
            out.push((
                lpath.clone(),
                format!("band labels of scale '{id}' in language '{lang}', which is not declared in $.languages"),
            ));
        }
        if labels.len() != wanted {
            out.push((
                lpath.clone(),
                format!(
                    "scale '{id}' has {} band label(s) in '{lang}' for {wanted} bands ({} cut points); give one label per band",
                    labels.len(),
                    bands.cuts.len()
                ),
            ));
        }
        if let Some(j) = labels.iter().position(|l| l.trim().is_empty()) {
            out.push((
                format!("{lpath}[{j}]"),
                format!("a blank band label of scale '{id}'"),
            ));
        }
    }
    if !bands.labels.contains_key(&inst.source_language) {
        out.push((
            format!("{path}.bands.labels"),
            format!(
                "the bands of scale '{id}' have no labels in the source language '{}'",
                inst.source_language
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands(cuts: &[f64]) -> Bands {
        Bands {
            cuts: cuts.to_vec(),
            labels: BTreeMap::new(),
            source: None,
        }
    }

    #[test]
    fn a_score_on_a_cut_point_belongs_to_the_band_above() {
        let b = bands(&[3.0, 5.0]);
        assert_eq!(b.band_of(1.0), Some(1));
        assert_eq!(b.band_of(2.999), Some(1));
        assert_eq!(b.band_of(3.0), Some(2));
        assert_eq!(b.band_of(4.99), Some(2));
        assert_eq!(b.band_of(5.0), Some(3));
        assert_eq!(b.band_of(7.0), Some(3));
        assert_eq!(b.band_of(f64::NAN), None);
    }
}
