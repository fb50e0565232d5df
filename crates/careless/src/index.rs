//! The indices, and the thresholds that flag a respondent on them.

use psym_closed_set::closed_set;
use serde::Serialize;

closed_set! {
    /// A careless-responding index (Curran, 2016), by its name in every output.
    pub enum Index: "careless index" {
        /// Longest run of identical consecutive answers (Johnson, 2005).
        Longstring => "longstring",
        /// Intra-individual response variability: the SD of one person's answers (Dunn et al., 2018).
        Irv => "irv",
        /// Mahalanobis D² of the answers from the sample means, with its χ² p value.
        Mahalanobis => "mahalanobis",
        /// Even-odd consistency: Spearman–Brown corrected correlation of the half-scale means.
        EvenOdd => "even_odd",
        /// Psychometric synonyms: within-person correlation over highly correlated item pairs.
        Synonyms => "synonyms",
        /// Psychometric antonyms: within-person correlation over highly negatively correlated pairs.
        Antonyms => "antonyms",
        /// Person-total correlation: the answers against the other respondents' item means.
        PersonTotal => "person_total",
        /// Completion time, from a duration column in seconds.
        Duration => "duration",
    }
}

/// Which side of a threshold flags a respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Flagged when the value is below the threshold (`x < t`).
    Below,
    /// Flagged when the value is above the threshold (`x > t`).
    Above,
}

/// The rule that flags a respondent on one index: `value` compared with `threshold`. For
/// Mahalanobis D² the value compared is the p value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Threshold {
    /// The index.
    pub index: Index,
    /// Which side flags.
    pub comparison: Comparison,
    /// The threshold.
    pub threshold: f64,
}

impl Threshold {
    /// Whether `value` is flagged: `value < threshold` ([`Comparison::Below`]) or
    /// `value > threshold` ([`Comparison::Above`]); a value that could not be computed is not.
    pub fn flags(&self, value: Option<f64>) -> bool {
        match (value, self.comparison) {
            (Some(v), Comparison::Below) => v < self.threshold,
            (Some(v), Comparison::Above) => v > self.threshold,
            (None, _) => false,
        }
    }

    /// The rule in words, e.g. `longstring > 6`.
    pub fn rule(&self) -> String {
        let op = match self.comparison {
            Comparison::Below => "<",
            Comparison::Above => ">",
        };
        let what = match self.index {
            Index::Mahalanobis => "mahalanobis p",
            Index::Duration => "duration (s)",
            other => other.name(),
        };
        format!("{what} {op} {}", self.threshold)
    }
}
