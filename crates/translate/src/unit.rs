//! The translatable units of an instrument: its name, instructions, each anchor label and each
//! item text, with the ids used in work files and the JSON paths used in messages.

use psym_instrument::Instrument;
use psym_instrument::translation::TranslationRecord;

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// The instrument name (`@name`).
    Name,
    /// The instructions (`@instructions`).
    Instructions,
    /// The anchor label at this position of the response scale (`@label.<value>`).
    Label(usize),
    /// The item at this index (id = the item id).
    Item(usize),
    /// The name of the scale at this index (`@scale.<scale id>`).
    ScaleName(usize),
}

/// One translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Id in work files: the item id, or `@name`, `@instructions`, `@label.<scale value>`,
    /// `@scale.<scale id>`.
    pub id: String,
    /// What it is.
    pub kind: UnitKind,
}

/// Every unit of `inst`, in questionnaire order: name, instructions, anchors, items, then the
/// names of the scales (shown in score reports, not to respondents). Anchors
/// are listed up to the number of points of the scale, or of the source labels when the scale
/// is not an integer scale.
pub fn units(inst: &Instrument) -> Vec<Unit> {
    let mut out = vec![
        Unit {
            id: "@name".into(),
            kind: UnitKind::Name,
        },
        Unit {
            id: "@instructions".into(),
            kind: UnitKind::Instructions,
        },
    ];
    if let Some(scale) = &inst.response_scale {
        let n = scale
            .points()
            .unwrap_or_else(|| scale.labels.get(&inst.source_language).map_or(0, Vec::len));
        for k in 0..n {
            out.push(Unit {
                id: format!("@label.{}", label_value(inst, k)),
                kind: UnitKind::Label(k),
            });
        }
    }
    out.extend(inst.items.iter().enumerate().map(|(k, item)| Unit {
        id: item.id.clone(),
        kind: UnitKind::Item(k),
    }));
    out.extend(inst.scales.iter().enumerate().map(|(k, scale)| Unit {
        id: format!("@scale.{}", scale.id),
        kind: UnitKind::ScaleName(k),
    }));
    out
}

/// The scale value of anchor position `k` (`min + k`), as written in unit ids.
pub fn label_value(inst: &Instrument, k: usize) -> String {
    let min = inst.response_scale.as_ref().map_or(1.0, |s| s.min);
    let v = min + k as f64;
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

impl Unit {
    /// JSON path of this unit's text in language `lang`.
    pub fn path(&self, lang: &str) -> String {
        match self.kind {
            UnitKind::Name => format!("$.name.{lang}"),
            UnitKind::Instructions => format!("$.instructions.{lang}"),
            UnitKind::Label(k) => format!("$.response_scale.labels.{lang}[{k}]"),
            UnitKind::Item(k) => format!("$.items[{k}].text.{lang}"),
            UnitKind::ScaleName(k) => format!("$.scales[{k}].name.{lang}"),
        }
    }

    /// The unit's text in `lang`, if present.
    pub fn text<'a>(&self, inst: &'a Instrument, lang: &str) -> Option<&'a str> {
        match self.kind {
            UnitKind::Name => inst.name.get(lang),
            UnitKind::Instructions => inst.instructions.get(lang),
            UnitKind::Label(k) => inst
                .response_scale
                .as_ref()
                .and_then(|s| s.labels.get(lang))
                .and_then(|l| l.get(k)),
            UnitKind::Item(k) => inst.items.get(k).and_then(|i| i.text.get(lang)),
            UnitKind::ScaleName(k) => inst.scales.get(k).and_then(|s| s.name.get(lang)),
        }
        .map(String::as_str)
    }

    /// Sets the unit's text in `lang`. Anchor lists are padded with empty labels when a label
    /// beyond their end is set (the checks then report the empty ones).
    pub fn set_text(&self, inst: &mut Instrument, lang: &str, text: String) {
        match self.kind {
            UnitKind::Name => {
                inst.name.insert(lang.to_owned(), text);
            }
            UnitKind::Instructions => {
                inst.instructions.insert(lang.to_owned(), text);
            }
            UnitKind::Label(k) => {
                if let Some(scale) = inst.response_scale.as_mut() {
                    let labels = scale.labels.entry(lang.to_owned()).or_default();
                    if labels.len() <= k {
                        labels.resize(k + 1, String::new());
                    }
                    if let Some(slot) = labels.get_mut(k) {
                        *slot = text;
                    }
                }
            }
            UnitKind::Item(k) => {
                if let Some(item) = inst.items.get_mut(k) {
                    item.text.insert(lang.to_owned(), text);
                }
            }
            UnitKind::ScaleName(k) => {
                if let Some(scale) = inst.scales.get_mut(k) {
                    scale.name.insert(lang.to_owned(), text);
                }
            }
        }
    }

    /// The translation record of this unit in `lang` (items only).
    pub fn record<'a>(&self, inst: &'a Instrument, lang: &str) -> Option<&'a TranslationRecord> {
        match self.kind {
            UnitKind::Item(k) => inst.items.get(k).and_then(|i| i.translations.get(lang)),
            _ => None,
        }
    }

    /// The translation record of this unit in `lang`, created if absent (items only).
    pub fn record_mut<'a>(
        &self,
        inst: &'a mut Instrument,
        lang: &str,
    ) -> Option<&'a mut TranslationRecord> {
        match self.kind {
            UnitKind::Item(k) => inst
                .items
                .get_mut(k)
                .map(|i| i.translations.entry(lang.to_owned()).or_default()),
            _ => None,
        }
    }

    /// Whether the unit carries a translation record (items do; name, instructions, anchors
    /// and scale names are checked but their workflow is not recorded).
    pub fn has_record(&self) -> bool {
        matches!(self.kind, UnitKind::Item(_))
    }
}
