//! The instrument file as data: plain serde structs that mirror the JSON format documented in
//! `docs/instrument-format.md`. Loading and checking live in [`crate::load`] and [`crate::check`].

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::bands::Bands;
use crate::factor_models::FactorModel;
use crate::translation::TranslationRecord;

/// Text in several languages, keyed by BCP-47 language tag (`en`, `nb`, `nn`, `da`, `de`, `ar`).
pub type LocalizedText = BTreeMap<String, String>;

/// A questionnaire: its items, response scale, scoring scales, languages and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Link to the JSON Schema of the format (ignored by psym, useful in editors).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable identifier, for example `open-alliance-12`.
    pub id: String,
    /// Version of this instrument file (semantic versioning recommended).
    pub version: String,
    /// Language the items were written in; the reference for every translation.
    pub source_language: String,
    /// Every language the file holds text for (BCP-47 tags), the source language included.
    pub languages: Vec<String>,
    /// Name of the instrument per language.
    pub name: LocalizedText,
    /// Instructions shown to respondents, per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub instructions: LocalizedText,
    /// The response scale shared by all items; `None` for instruments without a fixed range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_scale: Option<ResponseScale>,
    /// Codes that mean "no answer" (for example 9 or 99); they must lie outside the scale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_codes: Vec<f64>,
    /// Texts that mean "no answer" in response files, per language (for example
    /// `{"en": ["Don't know"], "nb": ["Vet ikke"]}`): a cell holding one of them, in any row and
    /// ignoring case and surrounding spaces, is read as missing.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub missing_text: BTreeMap<String, Vec<String>>,
    /// The items, in questionnaire order.
    pub items: Vec<Item>,
    /// Scales and subscales scored from the items.
    pub scales: Vec<Scale>,
    /// Competing factor models to compare in a confirmatory analysis, by scale ids (for
    /// example one factor, two, three, and a bifactor model).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<FactorModel>,
    /// How to cite the instrument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Licence of the instrument and its text (SPDX identifier or a sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Authors or maintainers of the instrument.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Free-text notes (for example where licensed item text can be obtained).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The range of valid answers and the label of each point, per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseScale {
    /// Lowest valid answer.
    pub min: f64,
    /// Highest valid answer.
    pub max: f64,
    /// Whether answers must be whole numbers (true for rating scales; the default).
    #[serde(default = "default_true")]
    pub integer: bool,
    /// Anchor labels per language, one per scale point from `min` to `max`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Vec<String>>,
}

/// The most points an integer response scale may have: 101, a 0–100 rating (the widest
/// integer scale questionnaires use, such as a 0–100 thermometer or visual analogue scale).
/// A wider scale is refused when the instrument is loaded (an answer range that large is a
/// continuous measure: set `integer` to `false`), so no per-point work is ever done for it.
pub const MAX_SCALE_POINTS: usize = 101;

impl ResponseScale {
    /// Number of points of an integer scale (`max − min + 1`); `None` for a continuous scale.
    pub fn points(&self) -> Option<usize> {
        let n = self.max - self.min + 1.0;
        (self.integer && n.is_finite() && n >= 1.0 && n.fract() == 0.0).then_some(n as usize)
    }

    /// The answers of an integer scale, `min, min + 1, …, max` (the categories an ordinal
    /// analysis expects); `None` for a continuous scale or one of more than
    /// [`MAX_SCALE_POINTS`] points.
    pub fn categories(&self) -> Option<Vec<f64>> {
        let n = self.points().filter(|&n| n <= MAX_SCALE_POINTS)?;
        Some((0..n).map(|k| self.min + k as f64).collect())
    }

    /// Reverse-keys an answer: `min + max − x`.
    pub fn reverse(&self, x: f64) -> f64 {
        self.min + self.max - x
    }
}

fn default_true() -> bool {
    true
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, also the column name in response files (for example `i1`).
    pub id: String,
    /// Item text per language. May be empty when the text is licensed and supplied separately.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub text: LocalizedText,
    /// Whether the item is negatively worded and reverse-keyed (`min + max − x`) for scoring.
    #[serde(default)]
    pub reverse: bool,
    /// Translation workflow record per target language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, TranslationRecord>,
}

/// A scale or subscale: which items, and how they are combined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Identifier, also the column name of the score (for example `bond`).
    pub id: String,
    /// Name per language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name: LocalizedText,
    /// The item ids that make up the scale.
    pub items: Vec<String>,
    /// How item answers are combined.
    #[serde(default)]
    pub method: ScoringMethod,
    /// Minimum share (0–1) of the scale's items that must be answered for a score; below it the
    /// score is left blank. 0 scores any respondent with at least one answer.
    #[serde(default = "default_min_answered")]
    pub min_answered: f64,
    /// Named score bands ("very weak" … "very strong"): cut points and labels per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Bands>,
}

fn default_min_answered() -> f64 {
    1.0
}

/// How a scale score is formed from its (reverse-keyed) items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ScoringMethod {
    /// Mean of the answered items.
    #[default]
    Mean,
    /// Sum of the items; with missing answers, the mean of the answered items times the number
    /// of items (a prorated sum).
    Sum,
}

impl fmt::Display for ScoringMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScoringMethod::Mean => "mean",
            ScoringMethod::Sum => "sum",
        })
    }
}

impl FromStr for ScoringMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "mean" => Ok(ScoringMethod::Mean),
            "sum" => Ok(ScoringMethod::Sum),
            other => Err(format!(
                "unknown scoring method '{other}' (expected mean or sum)"
            )),
        }
    }
}

impl Instrument {
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The other scales whose items all lie in `scale` (and are fewer): the parts of a composite
    /// such as the alliance `total` (goal, task and bond).
    pub fn parts_of(&self, scale: &Scale) -> Vec<&Scale> {
        self.scales
            .iter()
            .filter(|s| s.id != scale.id && s.items.len() < scale.items.len())
            .filter(|s| s.items.iter().all(|i| scale.items.contains(i)))
            .collect()
    }

    /// The group factors a composite scale implies for omega hierarchical: the number of its
    /// parts (other scales wholly inside it, [`Instrument::parts_of`]) when there are two or
    /// more and no two share an item; `None` otherwise or for an unknown scale.
    pub fn group_factors(&self, scale: &str) -> Option<usize> {
        let parts = self.parts_of(self.scale(scale)?);
        let disjoint = parts.iter().enumerate().all(|(a, s)| {
            parts[..a]
                .iter()
                .all(|t| !t.items.iter().any(|i| s.items.contains(i)))
        });
        (parts.len() >= 2 && disjoint).then_some(parts.len())
    }

    /// Which of `items` belongs to which subscale ([`Instrument::subscales`]): one row per
    /// item, one column per subscale, the pattern of a target rotation towards the scales.
    pub fn membership(&self, items: &[String]) -> Vec<Vec<bool>> {
        let scales = self.subscales();
        items
            .iter()
            .map(|i| scales.iter().map(|s| s.items.contains(i)).collect())
            .collect()
    }

    /// The ids of the items scored reversed (`min + max − x`), in item order.
    pub fn reversed_items(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.reverse)
            .map(|i| i.id.clone())
            .collect()
    }

    /// One factor per subscale ([`Instrument::subscales`]) as `(scale id, item ids)`: the
    /// instrument's own confirmatory model.
    pub fn subscale_factors(&self) -> Vec<(String, Vec<String>)> {
        self.subscales()
            .into_iter()
            .map(|s| (s.id.clone(), s.items.clone()))
            .collect()
    }

    /// The scales that are not composites of other scales (a total over all items is left
    /// out): one factor each in a confirmatory or target-rotated exploratory model.
    pub fn subscales(&self) -> Vec<&Scale> {
        self.scales
            .iter()
            .filter(|s| self.parts_of(s).is_empty())
            .collect()
    }

    /// The name in `lang`, falling back to the source language.
    pub fn name_in(&self, lang: &str) -> &str {
        self.name
            .get(lang)
            .or_else(|| self.name.get(&self.source_language))
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}
