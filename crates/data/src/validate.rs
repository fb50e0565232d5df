//! Checking a whole response file: every problem of every row, plus duplicate ids.

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
    while reader.next_row(&mut row)? {
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
    })
}
