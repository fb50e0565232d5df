//! Band columns: the label of each respondent's band on every scored scale that declares
//! bands ([`psym_instrument::Bands`]), in one language.

use psym_instrument::{Bands, Instrument};

use crate::{ScoreError, Scorer};

/// The band column of one scored scale: its name (`<scale>_band`), the scale's position among
/// [`Scorer::scales`], the bands and their labels in the chosen language.
#[derive(Debug, Clone, PartialEq)]
pub struct BandColumn {
    /// Column name: the scale id followed by `_band`.
    pub name: String,
    /// Index of the scale in [`Scorer::scales`] (and in each row's scores).
    pub scale: usize,
    /// The scale's bands.
    pub bands: Bands,
    /// Band labels in the chosen language, lowest band first.
    pub labels: Vec<String>,
}

impl BandColumn {
    /// The label of the band a score falls in ([`Bands::band_of`]); `None` without a score.
    pub fn label(&self, score: Option<f64>) -> Option<&str> {
        let band = self.bands.band_of(score?)?;
        self.labels.get(band - 1).map(String::as_str)
    }
}

/// One [`BandColumn`] for each scale of `scorer` whose instrument scale declares bands, with
/// labels in `lang` (the instrument's source language when `None`).
///
/// # Errors
/// [`ScoreError::NoBandLabels`] when a scale's bands have no labels in `lang`.
pub fn band_columns(
    inst: &Instrument,
    scorer: &Scorer,
    lang: Option<&str>,
) -> Result<Vec<BandColumn>, ScoreError> {
    let lang = lang.unwrap_or(&inst.source_language);
    let mut out = Vec::new();
    for (index, rule) in scorer.scales().iter().enumerate() {
        let Some(bands) = inst.scale(&rule.id).and_then(|s| s.bands.as_ref()) else {
            continue;
        };
        let labels = bands
            .labels_in(lang)
            .ok_or_else(|| ScoreError::NoBandLabels {
                scale: rule.id.clone(),
                lang: lang.to_owned(),
                available: bands.labels.keys().cloned().collect::<Vec<_>>().join(", "),
            })?;
        out.push(BandColumn {
            name: format!("{}_band", rule.id),
            scale: index,
            bands: bands.clone(),
            labels: labels.to_vec(),
        });
    }
    Ok(out)
}
