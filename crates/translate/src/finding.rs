//! The findings of `translate check`: kind, severity, JSON path and message.

use std::fmt;

use serde::Serialize;

use crate::advice::{Advice, as_option};

/// What kind of problem a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// No text in a declared language.
    MissingText,
    /// The text is empty or only whitespace.
    EmptyText,
    /// Leading or trailing whitespace, or doubled spaces.
    UntrimmedText,
    /// A different number of anchor labels than the source.
    AnchorCount,
    /// The same anchor label twice in one language (anchors likely out of order).
    AnchorDuplicate,
    /// A placeholder of the source text is missing.
    PlaceholderMissing,
    /// A placeholder that the source text does not have.
    PlaceholderExtra,
    /// The translation equals the source text (likely untranslated).
    IdenticalToSource,
    /// The source text changed after the translation was made (source hash differs).
    SourceChanged,
    /// An approved translation without a source hash, so source changes go unnoticed.
    NoSourceHash,
    /// A status at or past back translation without a recorded back translation.
    NoBackTranslation,
    /// The translation is much shorter or longer than the source.
    LengthRatio,
    /// Letters from more than one script in one text (for example a Cyrillic `а` in Latin).
    MixedScripts,
    /// A workflow step with a date that is not `YYYY-MM-DD`.
    StepDate,
}

impl FindingKind {
    /// Errors make `check` fail; warnings are heuristics (failing only with `strict`).
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::MissingText
            | FindingKind::EmptyText
            | FindingKind::AnchorCount
            | FindingKind::PlaceholderMissing
            | FindingKind::PlaceholderExtra
            | FindingKind::SourceChanged => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl FindingKind {
    /// What to do about a finding of this kind, when it is an option to set: an approved
    /// translation without source hash is approved again ([`Advice::Reapprove`]).
    pub fn advice(self) -> Option<Advice> {
        match self {
            FindingKind::NoSourceHash => Some(Advice::Reapprove),
            _ => None,
        }
    }

    /// Every kind, in the order of the table in `docs/translation.md`.
    pub const ALL: [FindingKind; 14] = [
        FindingKind::MissingText,
        FindingKind::EmptyText,
        FindingKind::UntrimmedText,
        FindingKind::AnchorCount,
        FindingKind::AnchorDuplicate,
        FindingKind::PlaceholderMissing,
        FindingKind::PlaceholderExtra,
        FindingKind::IdenticalToSource,
        FindingKind::SourceChanged,
        FindingKind::NoSourceHash,
        FindingKind::NoBackTranslation,
        FindingKind::LengthRatio,
        FindingKind::MixedScripts,
        FindingKind::StepDate,
    ];

    /// The name used in JSON and text output (`missing-text`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::MissingText => "missing-text",
            FindingKind::EmptyText => "empty-text",
            FindingKind::UntrimmedText => "untrimmed-text",
            FindingKind::AnchorCount => "anchor-count",
            FindingKind::AnchorDuplicate => "anchor-duplicate",
            FindingKind::PlaceholderMissing => "placeholder-missing",
            FindingKind::PlaceholderExtra => "placeholder-extra",
            FindingKind::IdenticalToSource => "identical-to-source",
            FindingKind::SourceChanged => "source-changed",
            FindingKind::NoSourceHash => "no-source-hash",
            FindingKind::NoBackTranslation => "no-back-translation",
            FindingKind::LengthRatio => "length-ratio",
            FindingKind::MixedScripts => "mixed-scripts",
            FindingKind::StepDate => "step-date",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FindingKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| format!("unknown check '{s}'"))
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before use.
    Error,
    /// Worth a look; may be intended.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, located by JSON path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// JSON path of the offending text or record (`$.items[3].text.nb`).
    pub path: String,
    /// Language concerned.
    pub language: String,
    /// Unit id (`i4`, `@name`, `@instructions`, `@label.3`).
    pub unit: String,
    /// What kind of problem.
    pub kind: FindingKind,
    /// Error or warning.
    pub severity: Severity,
    /// Plain-language description, with what to do unless that is an option to set (the
    /// kind's [`advice`](FindingKind::advice), which [`describe`](Finding::describe) adds).
    pub message: String,
}

impl Finding {
    /// The message, followed by the advice of its kind worded by `advise` (psym's command
    /// line: `…; re-approve with `psym translate import --approve``).
    pub fn describe(&self, advise: fn(&Advice) -> String) -> String {
        match self.kind.advice() {
            Some(a) => format!("{}; {}", self.message, a.clause(advise)),
            None => self.message.clone(),
        }
    }
}

/// The message with its advice worded as the library's option.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(as_option))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_json_and_parse_back() {
        for kind in FindingKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json.as_str(), Some(kind.as_str()));
            assert_eq!(kind.as_str().parse::<FindingKind>(), Ok(kind));
        }
    }
}
