//! `translate status`: how far each language is, step by step.

use psym_instrument::Instrument;
use psym_instrument::translation::TranslationStatus;
use serde::Serialize;

use crate::unit::{UnitKind, units};

/// Progress of one target language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageStatus {
    /// Language tag.
    pub language: String,
    /// Items with text in this language.
    pub items_with_text: usize,
    /// Name, instructions and anchor labels still without text.
    pub other_texts_missing: Vec<String>,
    /// Per workflow step (in [`TranslationStatus::ALL`] order): items that have reached it or a
    /// later step. An item without text counts as not started, whatever its record says.
    pub reached: Vec<usize>,
    /// Items whose record is approved but whose source text changed since (they count as
    /// `reviewed` at most in `reached`).
    pub stale: Vec<String>,
    /// Whether every item is approved and current and every text is present.
    pub complete: bool,
    /// What is left to do, in plain words.
    pub next: String,
}

/// Progress of every target language of an instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusTable {
    /// Instrument id.
    pub instrument: String,
    /// Source language.
    pub source_language: String,
    /// Number of items.
    pub items: usize,
    /// The workflow steps, in order (column headers).
    pub steps: Vec<TranslationStatus>,
    /// One row per target language.
    pub languages: Vec<LanguageStatus>,
}

impl StatusTable {
    /// Whether every language is complete.
    pub fn complete(&self) -> bool {
        self.languages.iter().all(|l| l.complete)
    }
}

/// The status table of `inst`: every declared language except the source.
pub fn status(inst: &Instrument) -> StatusTable {
    let languages = inst
        .languages
        .iter()
        .filter(|l| **l != inst.source_language)
        .map(|lang| language_status(inst, lang))
        .collect();
    StatusTable {
        instrument: inst.id.clone(),
        source_language: inst.source_language.clone(),
        items: inst.items.len(),
        steps: TranslationStatus::ALL.to_vec(),
        languages,
    }
}

fn language_status(inst: &Instrument, lang: &str) -> LanguageStatus {
    let mut reached = vec![0; TranslationStatus::ALL.len()];
    let mut stale = Vec::new();
    let mut other_missing = Vec::new();
    let mut with_text = 0;
    for unit in units(inst) {
        let source = unit.text(inst, &inst.source_language);
        let has_text = unit.text(inst, lang).is_some_and(|t| !t.trim().is_empty());
        let UnitKind::Item(_) = unit.kind else {
            if source.is_some() && !has_text {
                other_missing.push(unit.id.clone());
            }
            continue;
        };
        if !has_text {
            continue;
        }
        with_text += 1;
        let record = unit.record(inst, lang);
        let mut st = record.map(|r| r.status).unwrap_or_default();
        let changed = record
            .and_then(|r| r.source_hash.as_ref())
            .zip(source)
            .is_some_and(|(h, s)| *h != crate::hash::source_hash(s));
        if changed {
            stale.push(unit.id.clone());
            st = st.min(TranslationStatus::Reviewed);
        }
        for (k, step) in TranslationStatus::ALL.iter().enumerate() {
            if st >= *step
                && let Some(n) = reached.get_mut(k)
            {
                *n += 1;
            }
        }
    }
    let n = inst.items.len();
    let approved = reached.last().copied().unwrap_or(0);
    let complete = approved == n && other_missing.is_empty() && stale.is_empty();
    let next = next_step(n, with_text, &reached, &stale, &other_missing);
    LanguageStatus {
        language: lang.to_owned(),
        items_with_text: with_text,
        other_texts_missing: other_missing,
        reached,
        stale,
        complete,
        next,
    }
}

fn next_step(
    n: usize,
    with_text: usize,
    reached: &[usize],
    stale: &[String],
    other_missing: &[String],
) -> String {
    let mut todo = Vec::new();
    if with_text < n {
        todo.push(format!("translate {} item(s)", n - with_text));
    }
    if !other_missing.is_empty() {
        todo.push(format!("translate {}", other_missing.join(", ")));
    }
    if !stale.is_empty() {
        todo.push(format!("re-review {} (source changed)", stale.join(", ")));
    }
    // The earliest step that not every translated item has reached.
    let pending = TranslationStatus::ALL
        .iter()
        .zip(reached)
        .skip(1)
        .find(|(_, r)| **r < with_text);
    if let Some((step, r)) = pending {
        todo.push(format!("{} item(s) to take to {step}", with_text - r));
    }
    if todo.is_empty() {
        "nothing: approved".into()
    } else {
        todo.join("; ")
    }
}

/// Response rows answered in a language whose translation is not approved: a draft used in
/// data collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftLanguageUse {
    /// Always `draft_language`.
    pub kind: &'static str,
    /// Language tag.
    pub language: String,
    /// Rows answered in it.
    pub rows: u64,
    /// Plain-language warning, with what is left to approve.
    pub message: String,
}

/// Whether `lang` is approved for data collection: the source language, or a target language
/// whose status is [complete](LanguageStatus::complete) (every item approved and current, every
/// text present).
pub fn is_approved(inst: &Instrument, lang: &str) -> bool {
    lang == inst.source_language || language_status(inst, lang).complete
}

/// The languages among `langs` whose translation is not approved ([`is_approved`]), in the
/// order given, each named with its tag (`Danish (da)`): what a page or a survey form would
/// carry as a draft.
pub fn drafts<'a>(inst: &Instrument, langs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    langs
        .into_iter()
        .filter(|l| !is_approved(inst, l))
        .map(|l| format!("{} ({l})", crate::text::language_name(l)))
        .collect()
}

/// The declared languages of `rows_per_language` (rows per language code of a response file)
/// whose translation is not approved, in the order given, each with its row count.
pub fn draft_language_use<'a>(
    inst: &Instrument,
    rows_per_language: impl IntoIterator<Item = (&'a str, u64)>,
) -> Vec<DraftLanguageUse> {
    rows_per_language
        .into_iter()
        .filter(|(lang, rows)| {
            *rows > 0 && inst.languages.iter().any(|l| l == lang) && *lang != inst.source_language
        })
        .filter_map(|(lang, rows)| {
            let st = language_status(inst, lang);
            (!st.complete).then(|| DraftLanguageUse {
                kind: "draft_language",
                language: lang.to_owned(),
                rows,
                message: format!(
                    "{rows} row(s) answered in {} ({lang}), whose translation is not approved (left to do: {}); draft translations should not be used to collect data",
                    crate::text::language_name(lang),
                    st.next
                ),
            })
        })
        .collect()
}
