//! `translate check`: every problem of the translations, each with its JSON path.

use std::collections::BTreeMap;

use psym_instrument::Instrument;
use psym_instrument::translation::TranslationStatus;
use serde::Serialize;

pub use crate::finding::{Finding, FindingKind, Severity};

use crate::hash::source_hash;
use crate::text::{Script, placeholders, scripts, without_placeholders};
use crate::unit::{Unit, UnitKind, units};

/// Thresholds of the heuristic checks.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// Languages to check; empty means every declared language except the source.
    pub languages: Vec<String>,
    /// Lowest acceptable ratio of translation to source length (letters, placeholders excluded).
    pub min_ratio: f64,
    /// Highest acceptable ratio.
    pub max_ratio: f64,
    /// Source texts shorter than this (in characters) are not length-checked.
    pub min_length: usize,
}

impl Default for CheckOptions {
    /// Ratios 0.5–2.0 from 20 characters on: translations between European languages are
    /// typically within ±30 % of the English length, so a text half or double as long is
    /// worth a look; short texts vary too much to judge.
    fn default() -> Self {
        CheckOptions {
            languages: Vec::new(),
            min_ratio: 0.5,
            max_ratio: 2.0,
            min_length: 20,
        }
    }
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Instrument id.
    pub instrument: String,
    /// Source language.
    pub source_language: String,
    /// Languages checked.
    pub languages: Vec<String>,
    /// Number of error findings.
    pub errors: usize,
    /// Number of warning findings.
    pub warnings: usize,
    /// Every finding, by language then questionnaire order.
    pub findings: Vec<Finding>,
}

/// Checks the translations of `inst` into `options.languages` (all targets when empty). The
/// source language itself is checked for empty and untrimmed text.
pub fn check(inst: &Instrument, options: &CheckOptions) -> CheckReport {
    let languages: Vec<String> = if options.languages.is_empty() {
        inst.languages
            .iter()
            .filter(|l| **l != inst.source_language)
            .cloned()
            .collect()
    } else {
        options.languages.clone()
    };
    let units = units(inst);
    let mut out = Vec::new();
    check_language_text(inst, &units, &inst.source_language, &mut out);
    for lang in &languages {
        if *lang == inst.source_language {
            continue;
        }
        check_language_text(inst, &units, lang, &mut out);
        let mut ctx = Ctx {
            inst,
            lang,
            options,
            out: &mut out,
        };
        ctx.anchors();
        for unit in &units {
            ctx.unit(unit);
        }
    }
    let errors = out.iter().filter(|f| f.severity == Severity::Error).count();
    CheckReport {
        instrument: inst.id.clone(),
        source_language: inst.source_language.clone(),
        languages,
        errors,
        warnings: out.len() - errors,
        findings: out,
    }
}

fn push(
    out: &mut Vec<Finding>,
    path: String,
    lang: &str,
    unit: &str,
    kind: FindingKind,
    message: String,
) {
    out.push(Finding {
        path,
        language: lang.to_owned(),
        unit: unit.to_owned(),
        kind,
        severity: kind.severity(),
        message,
    });
}

/// Missing, empty and untrimmed text. Units without any text in the source (licensed text kept
/// elsewhere, no instructions) are not expected in translations either.
fn check_language_text(inst: &Instrument, units: &[Unit], lang: &str, out: &mut Vec<Finding>) {
    let is_source = lang == inst.source_language;
    for unit in units {
        let source = unit.text(inst, &inst.source_language);
        let path = unit.path(lang);
        match unit.text(inst, lang) {
            None if !is_source && source.is_some() => push(
                out,
                path,
                lang,
                &unit.id,
                FindingKind::MissingText,
                format!("no '{lang}' text for {}; translate it", describe(unit)),
            ),
            None => {}
            Some(t) if t.trim().is_empty() => push(
                out,
                path,
                lang,
                &unit.id,
                FindingKind::EmptyText,
                format!("the '{lang}' text of {} is empty", describe(unit)),
            ),
            Some(t) if t != t.trim() || t.contains("  ") => push(
                out,
                path,
                lang,
                &unit.id,
                FindingKind::UntrimmedText,
                format!(
                    "the '{lang}' text of {} has leading, trailing or doubled spaces: {t:?}",
                    describe(unit)
                ),
            ),
            Some(_) => {}
        }
    }
}

fn describe(unit: &Unit) -> String {
    match unit.kind {
        UnitKind::Name => "the instrument name".into(),
        UnitKind::Instructions => "the instructions".into(),
        UnitKind::Label(k) => format!("anchor label {} ({})", k + 1, unit.id),
        UnitKind::Item(_) => format!("item {}", unit.id),
        UnitKind::ScaleName(_) => format!(
            "the name of scale {}",
            unit.id.trim_start_matches("@scale.")
        ),
    }
}

struct Ctx<'a> {
    inst: &'a Instrument,
    lang: &'a str,
    options: &'a CheckOptions,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn push(&mut self, path: String, unit: &str, kind: FindingKind, message: String) {
        push(self.out, path, self.lang, unit, kind, message);
    }

    fn anchors(&mut self) {
        let Some(scale) = &self.inst.response_scale else {
            return;
        };
        let lang = self.lang;
        let (Some(source), Some(target)) = (
            scale.labels.get(&self.inst.source_language),
            scale.labels.get(lang),
        ) else {
            return;
        };
        let path = format!("$.response_scale.labels.{lang}");
        if source.len() != target.len() {
            self.push(
                path.clone(),
                "@labels",
                FindingKind::AnchorCount,
                format!(
                    "{} anchor labels in '{lang}' but {} in the source '{}'; give one label per scale point, in the same order",
                    target.len(),
                    source.len(),
                    self.inst.source_language
                ),
            );
        }
        for (k, label) in target.iter().enumerate() {
            let first = target.iter().position(|l| l.trim() == label.trim());
            if let Some(j) = first.filter(|j| *j < k && !label.trim().is_empty()) {
                self.push(
                    format!("{path}[{k}]"),
                    "@labels",
                    FindingKind::AnchorDuplicate,
                    format!(
                        "anchor labels {} and {} are both '{label}'; check the order against the source",
                        j + 1,
                        k + 1
                    ),
                );
            }
        }
    }

    fn unit(&mut self, unit: &Unit) {
        let (inst, lang) = (self.inst, self.lang);
        let (Some(source), Some(target)) = (
            unit.text(inst, &inst.source_language),
            unit.text(inst, lang),
        ) else {
            self.record(unit, None);
            return;
        };
        let path = unit.path(lang);
        if target.trim().is_empty() {
            self.record(unit, Some(source));
            return;
        }
        self.placeholders(unit, &path, source, target);
        if target.trim() == source.trim() && source.chars().any(char::is_alphabetic) {
            self.push(
                path.clone(),
                &unit.id,
                FindingKind::IdenticalToSource,
                format!(
                    "the '{lang}' text of {} is identical to the source; is it translated?",
                    describe(unit)
                ),
            );
        }
        self.length(unit, &path, source, target);
        self.scripts(unit, &path, target);
        self.record(unit, Some(source));
    }

    fn placeholders(&mut self, unit: &Unit, path: &str, source: &str, target: &str) {
        let wanted = counts(placeholders(source));
        let got = counts(placeholders(target));
        for (p, need) in &wanted {
            let have = got.get(p).copied().unwrap_or(0);
            if have < *need {
                self.push(
                    path.to_owned(),
                    &unit.id,
                    FindingKind::PlaceholderMissing,
                    format!(
                        "placeholder {p} of the source is missing in '{}' (found {have} of {need}); keep placeholders untranslated",
                        self.lang
                    ),
                );
            }
        }
        for (p, have) in &got {
            let need = wanted.get(p).copied().unwrap_or(0);
            if *have > need {
                self.push(
                    path.to_owned(),
                    &unit.id,
                    FindingKind::PlaceholderExtra,
                    format!(
                        "placeholder {p} appears {have} time(s) but {need} in the source; was it renamed or translated?"
                    ),
                );
            }
        }
    }

    fn length(&mut self, unit: &Unit, path: &str, source: &str, target: &str) {
        let s = without_placeholders(source);
        let t = without_placeholders(target);
        let (ns, nt) = (s.trim().chars().count(), t.trim().chars().count());
        if ns < self.options.min_length || main_script(&s) != main_script(&t) {
            return;
        }
        let ratio = nt as f64 / ns as f64;
        if ratio < self.options.min_ratio || ratio > self.options.max_ratio {
            self.push(
                path.to_owned(),
                &unit.id,
                FindingKind::LengthRatio,
                format!(
                    "the '{}' text is {ratio:.2} times as long as the source ({nt} vs {ns} characters); check for omissions or additions",
                    self.lang
                ),
            );
        }
    }

    fn scripts(&mut self, unit: &Unit, path: &str, target: &str) {
        let counts = scripts(target);
        if counts.len() < 2 {
            return;
        }
        let names: Vec<String> = counts.iter().map(|(s, n)| format!("{s} ({n})")).collect();
        self.push(
            path.to_owned(),
            &unit.id,
            FindingKind::MixedScripts,
            format!(
                "letters from several scripts: {}; look for look-alike letters (Latin a vs Cyrillic а)",
                names.join(", ")
            ),
        );
    }

    /// Record checks: source hash, back translation, step dates.
    fn record(&mut self, unit: &Unit, source: Option<&str>) {
        let Some(record) = unit.record(self.inst, self.lang) else {
            return;
        };
        let lang = self.lang;
        let base = unit.path(lang).replace(".text.", ".translations.");
        if let (Some(hash), Some(source)) = (&record.source_hash, source)
            && *hash != source_hash(source)
        {
            self.push(
                format!("{base}.source_hash"),
                &unit.id,
                FindingKind::SourceChanged,
                format!(
                    "the '{}' source text of item {} changed after this translation was made (status {}); review the '{lang}' text and approve it again",
                    self.inst.source_language, unit.id, record.status
                ),
            );
        }
        if record.status == TranslationStatus::Approved && record.source_hash.is_none() {
            self.push(
                format!("{base}.source_hash"),
                &unit.id,
                FindingKind::NoSourceHash,
                "approved without a source hash, so a later change of the source text cannot be detected".into(),
            );
        }
        if record.status >= TranslationStatus::BackTranslated
            && record
                .back_translation
                .as_deref()
                .is_none_or(|b| b.trim().is_empty())
        {
            self.push(
                format!("{base}.back_translation"),
                &unit.id,
                FindingKind::NoBackTranslation,
                format!(
                    "status {} but no back translation is recorded",
                    record.status
                ),
            );
        }
        for (k, step) in record.steps.iter().enumerate() {
            if !is_iso_date(&step.date) {
                self.push(
                    format!("{base}.steps[{k}].date"),
                    &unit.id,
                    FindingKind::StepDate,
                    format!(
                        "step date '{}' is not an ISO 8601 date (YYYY-MM-DD)",
                        step.date
                    ),
                );
            }
        }
    }
}

fn counts(items: Vec<&str>) -> BTreeMap<&str, usize> {
    let mut map = BTreeMap::new();
    for p in items {
        *map.entry(p).or_insert(0) += 1;
    }
    map
}

/// The script with the most letters in `text`.
fn main_script(text: &str) -> Option<Script> {
    scripts(text)
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s)
}

/// `YYYY-MM-DD` with a plausible month and day.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-11-23"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("23.11.2026"));
        assert!(!is_iso_date("2026-1-5"));
    }
}
