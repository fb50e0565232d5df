//! Translating instruments: checks, workflow status, work files for translators, and the
//! printable questionnaire per language.
//!
//! An instrument holds its text per language and, per item and target language, a
//! [`TranslationRecord`](psym_instrument::translation::TranslationRecord) (status, steps,
//! back translation, notes, source hash). This crate
//! - checks translations ([`check()`]): missing or empty text, anchor counts, placeholders,
//!   untranslated text, source changed after approval ([`source_hash`]), length ratios, mixed
//!   scripts — each finding with its JSON path;
//! - summarises progress ([`status()`]), and tells whether a language is approved for data
//!   collection ([`is_approved`], [`draft_language_use`]);
//! - writes and reads work files ([`workfile`]: CSV, XLSX, XLIFF 1.2, XLSForm, REDCap data
//!   dictionary) and merges them back all or nothing ([`merge`]);
//! - renders the questionnaire, or a side-by-side review sheet, as HTML or Markdown
//!   ([`render()`]).
//!
//! It never names a program's flag: what to do about a finding, a work-file problem or a
//! merge decision ([`Reason`]) is an [`Advice`] value, worded by the caller (`describe`
//! methods) or as this crate's option (`Display`: `MergeOptions::approve`).
//!
//! ```
//! use std::path::Path;
//! let json = r#"{
//!   "id": "mini", "version": "1", "source_language": "en", "languages": ["en", "nb"],
//!   "name": {"en": "Mini", "nb": "Mini"},
//!   "items": [{"id": "q1", "text": {"en": "Ask {caseworker}.", "nb": "Spør saksbehandleren."}}],
//!   "scales": [{"id": "s", "items": ["q1"]}]
//! }"#;
//! let inst = psym_instrument::from_json_str(json, Path::new("mini.json")).unwrap();
//! let report = psym_translate::check(&inst, &Default::default());
//! let kinds: Vec<_> = report.findings.iter().map(|f| f.kind.to_string()).collect();
//! assert_eq!(kinds, ["identical-to-source", "placeholder-missing"]);
//! assert_eq!(report.findings[1].path, "$.items[0].text.nb");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod advice;
mod check;
mod error;
mod finding;
mod hash;
mod render;
mod status;
mod text;
mod unit;
pub mod workfile;

pub use advice::Advice;
pub use check::{CheckOptions, CheckReport, Finding, FindingKind, Severity, check};
pub use error::{TranslateError, TranslateErrorKind, WorkFileProblem};
pub use hash::{HASH_PREFIX, fnv1a64, source_hash};
pub use render::{RenderFormat, RenderOptions, render};
pub use status::{
    DraftLanguageUse, LanguageStatus, StatusTable, draft_language_use, drafts, is_approved, status,
};
pub use text::{Script, direction, is_rtl, language_name, placeholders, script_of, scripts};
pub use unit::{Unit, UnitKind, units};
pub use workfile::{Change, MergeOptions, MergeReport, Reason, WorkRow, merge};
