//! Thresholds and the synonym cutoff, with their sources.

use crate::{CarelessError, Comparison, Index, Threshold};

/// The settings of the indices: every threshold that flags a respondent, with a default from
/// the literature (docs/methods/careless.md gives the sources).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Flag a longstring above this many items; `None` = half the items, rounded down
    /// (longstring > p/2: more than half the questionnaire answered alike, after Johnson 2005
    /// and Curran 2016, who leave the cut to the instrument's length).
    pub longstring_max: Option<usize>,
    /// Flag an IRV below this; `None` (default) = IRV is reported but flags no one, as Dunn et
    /// al. (2018) and Marjanovic et al. (2015) disagree on which tail is careless.
    pub irv_min: Option<f64>,
    /// Flag a Mahalanobis D² whose χ² p value is below this (default .001, Meade & Craig 2012
    /// and Curran 2016; careless::mahad's default `confidence = .99` is `0.01`).
    pub mahalanobis_alpha: f64,
    /// Flag an even-odd consistency below this (default .30, Johnson 2005 via Curran 2016).
    pub even_odd_min: f64,
    /// The sample correlation above which an item pair counts as psychometric synonyms, and
    /// below whose negative it counts as antonyms (default .60, Meade & Craig 2012).
    pub synonym_cutoff: f64,
    /// Flag a psychometric synonyms correlation below this (default 0: an attentive respondent
    /// answers synonyms alike, so a negative within-person correlation is a warning sign;
    /// Curran 2016 names no fixed cut).
    pub synonyms_min: f64,
    /// Flag a psychometric antonyms correlation above this (default 0, the mirror of
    /// `synonyms_min`).
    pub antonyms_max: f64,
    /// Flag a person-total correlation below this (default 0: a negative correlation with the
    /// sample's item means, Curran 2016).
    pub person_total_min: f64,
    /// Flag a completion time below this many seconds per item (default 2, Huang et al. 2012).
    pub seconds_per_item: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            longstring_max: None,
            irv_min: None,
            mahalanobis_alpha: 0.001,
            even_odd_min: 0.30,
            synonym_cutoff: 0.60,
            synonyms_min: 0.0,
            antonyms_max: 0.0,
            person_total_min: 0.0,
            seconds_per_item: 2.0,
        }
    }
}

impl Options {
    /// Checks every setting once.
    ///
    /// # Errors
    /// [`CarelessError::Option`] for `mahalanobis_alpha` or `synonym_cutoff` outside (0, 1),
    /// a correlation threshold outside [−1, 1] or negative seconds per item.
    pub fn check(&self) -> Result<(), CarelessError> {
        let bad = |option, range, value| {
            Err(CarelessError::Option {
                option,
                range,
                value,
            })
        };
        let open_unit = |v: f64| v > 0.0 && v < 1.0;
        let correlation = |v: f64| (-1.0..=1.0).contains(&v);
        if !open_unit(self.mahalanobis_alpha) {
            return bad(
                "mahalanobis_alpha",
                "between 0 and 1",
                self.mahalanobis_alpha,
            );
        }
        if !open_unit(self.synonym_cutoff) {
            return bad("synonym_cutoff", "between 0 and 1", self.synonym_cutoff);
        }
        for (option, value) in [
            ("even_odd_min", self.even_odd_min),
            ("synonyms_min", self.synonyms_min),
            ("antonyms_max", self.antonyms_max),
            ("person_total_min", self.person_total_min),
        ] {
            if !correlation(value) {
                return bad(option, "between -1 and 1", value);
            }
        }
        if !(self.seconds_per_item >= 0.0 && self.seconds_per_item.is_finite()) {
            return bad("seconds_per_item", "0 or more", self.seconds_per_item);
        }
        match self.irv_min {
            Some(v) if !(v >= 0.0 && v.is_finite()) => bad("irv_min", "0 or more", v),
            _ => Ok(()),
        }
    }

    /// The thresholds in force for an instrument of `items` items, in [`Index`] order (IRV
    /// only when `irv_min` is set; completion time as `seconds_per_item × items`).
    pub fn thresholds(&self, items: usize) -> Vec<Threshold> {
        let t = |index, comparison, threshold| Threshold {
            index,
            comparison,
            threshold,
        };
        let longstring = self.longstring_max.unwrap_or(items / 2) as f64;
        let mut all = vec![t(Index::Longstring, Comparison::Above, longstring)];
        if let Some(irv) = self.irv_min {
            all.push(t(Index::Irv, Comparison::Below, irv));
        }
        all.extend([
            t(
                Index::Mahalanobis,
                Comparison::Below,
                self.mahalanobis_alpha,
            ),
            t(Index::EvenOdd, Comparison::Below, self.even_odd_min),
            t(Index::Synonyms, Comparison::Below, self.synonyms_min),
            t(Index::Antonyms, Comparison::Above, self.antonyms_max),
            t(Index::PersonTotal, Comparison::Below, self.person_total_min),
            t(
                Index::Duration,
                Comparison::Below,
                self.seconds_per_item * items as f64,
            ),
        ]);
        all
    }
}
