//! Semantic checks of an instrument: every defect, each with the JSON path where it sits.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::language::is_language_tag;
use crate::model::{Instrument, LocalizedText, MAX_SCALE_POINTS};

/// One thing wrong with an instrument file, located by a JSON path such as `$.scales[1].items[2]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Defect {
    /// JSON path of the offending value.
    pub path: String,
    /// Plain-language description.
    pub message: String,
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every defect of `inst`, in file order; empty when the instrument is usable.
pub fn check(inst: &Instrument) -> Vec<Defect> {
    let mut out = Defects::default();
    check_header(inst, &mut out);
    check_scale(inst, &mut out);
    check_items(inst, &mut out);
    check_scales(inst, &mut out);
    for (path, message) in crate::factor_models::defects(inst, is_valid_id) {
        out.push(path, message);
    }
    out.0
}

#[derive(Default)]
struct Defects(Vec<Defect>);

impl Defects {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Defect {
            path: path.into(),
            message: message.into(),
        });
    }
}

fn check_header(inst: &Instrument, out: &mut Defects) {
    if inst.id.trim().is_empty() {
        out.push("$.id", "the instrument id is empty");
    }
    if inst.version.trim().is_empty() {
        out.push("$.version", "the version is empty");
    }
    let mut seen = HashSet::new();
    for (k, lang) in inst.languages.iter().enumerate() {
        if !is_language_tag(lang) {
            out.push(
                format!("$.languages[{k}]"),
                format!(
                    "'{lang}' is not a BCP-47 language tag (for example en, nb, nn, da, de, ar)"
                ),
            );
        }
        if !seen.insert(lang.as_str()) {
            out.push(
                format!("$.languages[{k}]"),
                format!("language '{lang}' is listed twice"),
            );
        }
    }
    if !inst.languages.contains(&inst.source_language) {
        out.push(
            "$.source_language",
            format!(
                "the source language '{}' is not in $.languages",
                inst.source_language
            ),
        );
    }
    check_localized(inst, &inst.name, "$.name", out);
    if !inst.name.contains_key(&inst.source_language) {
        out.push(
            "$.name",
            format!("no name in the source language '{}'", inst.source_language),
        );
    }
    check_localized(inst, &inst.instructions, "$.instructions", out);
    check_missing_text(inst, out);
}

/// Text missing codes: in declared languages, not blank, and not numbers (those belong in
/// `missing_codes`, where they are compared as numbers).
fn check_missing_text(inst: &Instrument, out: &mut Defects) {
    for (lang, codes) in &inst.missing_text {
        let path = format!("$.missing_text.{lang}");
        if !inst.languages.contains(lang) {
            out.push(
                path.clone(),
                format!("missing texts in language '{lang}', which is not declared in $.languages"),
            );
        }
        for (k, code) in codes.iter().enumerate() {
            let code = code.trim();
            if code.is_empty() {
                out.push(
                    format!("{path}[{k}]"),
                    "a blank missing text; blank cells are always missing",
                );
            } else if code.replace(',', ".").parse::<f64>().is_ok() {
                out.push(
                    format!("{path}[{k}]"),
                    format!("'{code}' is a number; put numeric codes in $.missing_codes"),
                );
            }
        }
    }
}

/// Keys of a per-language map must be declared languages.
fn check_localized(inst: &Instrument, text: &LocalizedText, path: &str, out: &mut Defects) {
    for lang in text.keys() {
        if !inst.languages.contains(lang) {
            out.push(
                format!("{path}.{lang}"),
                format!("text in language '{lang}', which is not declared in $.languages"),
            );
        }
    }
}

fn check_scale(inst: &Instrument, out: &mut Defects) {
    let Some(scale) = &inst.response_scale else {
        return;
    };
    if !(scale.min.is_finite() && scale.max.is_finite() && scale.min < scale.max) {
        out.push(
            "$.response_scale",
            format!(
                "min ({}) must be a number below max ({})",
                scale.min, scale.max
            ),
        );
    }
    if scale.integer && (scale.min.fract() != 0.0 || scale.max.fract() != 0.0) {
        out.push(
            "$.response_scale",
            "an integer scale needs whole-number min and max",
        );
    }
    let width = scale.max - scale.min + 1.0;
    if scale.integer && width > MAX_SCALE_POINTS as f64 {
        out.push(
            "$.response_scale",
            format!(
                "an integer scale from {} to {} has {width} points, more than the {MAX_SCALE_POINTS} (0–100) psym accepts; for a continuous measure set \"integer\": false",
                scale.min, scale.max
            ),
        );
        return;
    }
    for (lang, labels) in &scale.labels {
        let path = format!("$.response_scale.labels.{lang}");
        if !inst.languages.contains(lang) {
            out.push(
                path.clone(),
                format!("labels in language '{lang}', which is not declared in $.languages"),
            );
        }
        if let Some(points) = scale.points()
            && labels.len() != points
        {
            out.push(
                path,
                format!(
                    "{} anchor labels for a {points}-point scale; give one label per point from min to max",
                    labels.len()
                ),
            );
        }
    }
    for (k, code) in inst.missing_codes.iter().enumerate() {
        if *code >= scale.min && *code <= scale.max {
            out.push(
                format!("$.missing_codes[{k}]"),
                format!(
                    "missing code {code} lies inside the response scale {}–{}, so real answers would be discarded",
                    scale.min, scale.max
                ),
            );
        }
    }
}

fn check_items(inst: &Instrument, out: &mut Defects) {
    if inst.items.is_empty() {
        out.push("$.items", "the instrument has no items");
    }
    let mut first_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, item) in inst.items.iter().enumerate() {
        let path = format!("$.items[{k}]");
        if !is_valid_id(&item.id) {
            out.push(
                format!("{path}.id"),
                format!("item id '{}' {ID_RULE}", item.id),
            );
        }
        if let Some(first) = first_index.insert(&item.id, k) {
            out.push(
                format!("{path}.id"),
                format!("duplicate item id '{}' (also $.items[{first}])", item.id),
            );
        }
        if item.reverse && inst.response_scale.is_none() {
            out.push(
                format!("{path}.reverse"),
                format!(
                    "item '{}' is reverse-keyed but the instrument has no response_scale, so min + max − x is undefined",
                    item.id
                ),
            );
        }
        check_localized(inst, &item.text, &format!("{path}.text"), out);
        for lang in item.translations.keys() {
            if !inst.languages.contains(lang) || *lang == inst.source_language {
                out.push(
                    format!("{path}.translations.{lang}"),
                    format!(
                        "translation record for '{lang}', which is not a declared target language"
                    ),
                );
            }
        }
    }
}

fn check_scales(inst: &Instrument, out: &mut Defects) {
    if inst.scales.is_empty() {
        out.push("$.scales", "the instrument defines no scales to score");
    }
    let item_ids: HashSet<&str> = inst.items.iter().map(|i| i.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (k, scale) in inst.scales.iter().enumerate() {
        let path = format!("$.scales[{k}]");
        if !is_valid_id(&scale.id) {
            out.push(
                format!("{path}.id"),
                format!("scale id '{}' {ID_RULE}", scale.id),
            );
        }
        if !seen.insert(scale.id.as_str()) {
            out.push(
                format!("{path}.id"),
                format!("duplicate scale id '{}'", scale.id),
            );
        }
        if item_ids.contains(scale.id.as_str()) {
            out.push(
                format!("{path}.id"),
                format!(
                    "scale id '{}' is also an item id; score columns would clash",
                    scale.id
                ),
            );
        }
        if scale.items.is_empty() {
            out.push(
                format!("{path}.items"),
                format!("scale '{}' has no items", scale.id),
            );
        }
        let mut in_scale = HashSet::new();
        for (j, id) in scale.items.iter().enumerate() {
            if !item_ids.contains(id.as_str()) {
                out.push(
                    format!("{path}.items[{j}]"),
                    format!("scale '{}' lists unknown item '{id}'", scale.id),
                );
            }
            if !in_scale.insert(id.as_str()) {
                out.push(
                    format!("{path}.items[{j}]"),
                    format!("scale '{}' lists item '{id}' twice", scale.id),
                );
            }
        }
        if !(0.0..=1.0).contains(&scale.min_answered) {
            out.push(
                format!("{path}.min_answered"),
                format!(
                    "min_answered is {}, but it is a share between 0 and 1",
                    scale.min_answered
                ),
            );
        }
        check_localized(inst, &scale.name, &format!("{path}.name"), out);
        for (path, message) in crate::bands::defects(inst, scale, &path) {
            out.push(path, message);
        }
    }
}

/// The id rule in words, for messages.
const ID_RULE: &str = "must start with a letter or '_' and hold only letters, digits, '_', '.' \
                       and '-' (it names a data column and a model variable)";

/// Whether `id` can name an item or a scale: a letter or `_` first (or a `.` not followed by
/// a digit), then letters, digits, `_`, `.` and `-` — the rule of names in model syntax
/// (`psym_model::is_name`, docs/model-syntax.md), so that every item can be named in a model.
/// It is also XLSForm's rule for question names, plus a leading `.` as R allows.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = id.chars().nth(1);
    let starts = first.is_alphabetic()
        || first == '_'
        || (first == '.' && !second.is_some_and(|c| c.is_ascii_digit()));
    starts && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
}
