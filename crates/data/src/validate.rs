//! Checking a whole response file: every problem of every row, plus duplicate ids.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::DataError;
use crate::ids::DuplicateIds;
use crate::problem::{Problem, ProblemKind};
use crate::reader::{ResponseReader, Row};
use crate::source::SourceInfo;

/// The outcome of validating a file.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    /// True when no problem was found.
    pub valid: bool,
    /// Number of data rows.
    pub rows: u64,
    /// Every problem, header problems first, then row problems in file order.
    pub problems: Vec<Problem>,
    /// How the file was read.
    pub source: SourceInfo,
    /// Name of the id column (`null`: rows are identified by their number).
    pub id_column: Option<String>,
    /// Whether the two extra header rows of a Qualtrics export were skipped.
    pub qualtrics: bool,
    /// Rows per language code of the language column (when one was named), for the codes
    /// allowed by the read options; absent without a language column.
    #[serde(skip_serializing_if = "LanguageCounts::is_empty")]
    pub rows_per_language: LanguageCounts,
}

/// Most distinct language codes counted (the allowed codes are an instrument's languages).
const MAX_LANGUAGES: usize = 1_000;

/// Rows per language code of a response file's language column, for codes without an
/// `unknown_language` problem (at most 1,000 distinct codes are counted). Serialised as an
/// object `{"nb": 500, "da": 37}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LanguageCounts(BTreeMap<String, u64>);

impl LanguageCounts {
    /// Counts `row` under its language code (before its problems are taken away).
    pub fn add(&mut self, row: &Row) {
        let known = !row
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::UnknownLanguage);
        let Some(lang) = row.lang.as_deref().filter(|_| known) else {
            return;
        };
        if let Some(n) = self.0.get_mut(lang) {
            *n += 1;
        } else if self.0.len() < MAX_LANGUAGES {
            self.0.insert(lang.to_owned(), 1);
        }
    }

    /// Whether no row had a language code.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (language code, rows), in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(l, n)| (l.as_str(), *n))
    }
}

/// Reads every row of `reader` and gathers all problems, including repeated ids and a file
/// with no data rows.
///
/// # Errors
/// Only when the file cannot be read to the end.
pub fn validate(mut reader: ResponseReader) -> Result<Validation, DataError> {
    let mut problems = reader.header_problems().to_vec();
    let id_column = reader.id_column().map(str::to_owned);
    let mut seen = DuplicateIds::default();
    let mut row = Row::default();
    let mut rows_per_language = LanguageCounts::default();
    while reader.next_row(&mut row)? {
        rows_per_language.add(&row);
        problems.append(&mut row.problems);
        if id_column.is_some()
            && let Some(p) = seen.see(&row.id, row.line, id_column.as_deref())
        {
            problems.push(p);
        }
    }
    if reader.rows_read() == 0 {
        problems.push(Problem {
            line: 1,
            id: None,
            column: None,
            value: None,
            kind: ProblemKind::NoRows,
            message: "the file has a header but no data rows".into(),
        });
    }
    Ok(Validation {
        valid: problems.is_empty(),
        rows: reader.rows_read(),
        problems,
        source: reader.source_info().clone(),
        id_column,
        qualtrics: reader.skipped_qualtrics_rows(),
        rows_per_language,
    })
}
