//! Translation workflow records kept beside each item's text (see `docs/translation.md`).

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a translation of one item into one language stands, in workflow order
/// (TRAPD / ISPOR steps).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum TranslationStatus {
    /// Started, not yet a complete forward translation.
    #[default]
    Draft,
    /// Forward translation(s) done.
    Forward,
    /// Independent forward translations reconciled into one.
    Reconciled,
    /// Back-translated into the source language.
    BackTranslated,
    /// Reviewed against the back translation.
    Reviewed,
    /// Pretested with respondents (cognitive debriefing).
    Pretested,
    /// Approved for use.
    Approved,
}

impl TranslationStatus {
    /// Every status, in workflow order.
    pub const ALL: [TranslationStatus; 7] = [
        TranslationStatus::Draft,
        TranslationStatus::Forward,
        TranslationStatus::Reconciled,
        TranslationStatus::BackTranslated,
        TranslationStatus::Reviewed,
        TranslationStatus::Pretested,
        TranslationStatus::Approved,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationStatus::Draft => "draft",
            TranslationStatus::Forward => "forward",
            TranslationStatus::Reconciled => "reconciled",
            TranslationStatus::BackTranslated => "back-translated",
            TranslationStatus::Reviewed => "reviewed",
            TranslationStatus::Pretested => "pretested",
            TranslationStatus::Approved => "approved",
        }
    }
}

impl fmt::Display for TranslationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TranslationStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                format!(
                    "unknown translation status '{s}' (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// The record of one item's translation into one language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationRecord {
    /// Current workflow status.
    #[serde(default)]
    pub status: TranslationStatus,
    /// Who did which step and when, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<TranslationStep>,
    /// Back translation into the source language, for review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_translation: Option<String>,
    /// Reviewer or adjudicator notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Hash of the source-language text this translation was made from, so that a later change of
    /// the source text is detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_hash: Option<String>,
}

/// One step of the workflow: what was done, by whom (role or initials), and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationStep {
    /// The status this step reached.
    pub status: TranslationStatus,
    /// Role or initials of the person (for example `T1`, `reviewer:AB`).
    pub by: String,
    /// ISO 8601 date (`2026-11-23`).
    pub date: String,
    /// Optional comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
