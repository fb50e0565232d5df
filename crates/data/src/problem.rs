//! Problems found in a response file, one per offending cell or row.

use std::fmt;

use serde::Serialize;

/// What is wrong with a cell, a row or the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// An item of the instrument has no column in the file.
    MissingColumn,
    /// Two columns of the header have the same name; the first is used.
    DuplicateColumn,
    /// A value outside the response scale.
    OutOfRange,
    /// A cell that is not a number (and not blank or a missing code).
    NotANumber,
    /// A fractional value on an integer (rating) scale.
    NotInteger,
    /// A respondent id seen on an earlier row.
    DuplicateId,
    /// A blank respondent id.
    EmptyId,
    /// A row with more or fewer fields than the header.
    RaggedRow,
    /// A language code that the instrument does not declare.
    UnknownLanguage,
    /// Bytes that are not valid in the file's encoding.
    Encoding,
    /// The file has a header but no data rows.
    NoRows,
    /// A row whose id has no partner in the other form of a paired design (`psym agreement`).
    Unpaired,
    /// A scale score outside the range of its norm table (`psym score --norms`).
    OutsideNorms,
    /// A group value that the norm file has no table for (`psym score --norms`).
    NoNormGroup,
}

impl ProblemKind {
    /// The snake_case name used in JSON output and the `problems` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::MissingColumn => "missing_column",
            ProblemKind::DuplicateColumn => "duplicate_column",
            ProblemKind::OutOfRange => "out_of_range",
            ProblemKind::NotANumber => "not_a_number",
            ProblemKind::NotInteger => "not_integer",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::EmptyId => "empty_id",
            ProblemKind::RaggedRow => "ragged_row",
            ProblemKind::UnknownLanguage => "unknown_language",
            ProblemKind::Encoding => "encoding",
            ProblemKind::NoRows => "no_rows",
            ProblemKind::Unpaired => "unpaired",
            ProblemKind::OutsideNorms => "outside_norms",
            ProblemKind::NoNormGroup => "no_norm_group",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: where it is (1-based file line, respondent id, column), the offending value, and
/// a plain-language reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// 1-based line in the file where the row starts (1 = header).
    pub line: u64,
    /// Respondent id of the row, when there is one.
    pub id: Option<String>,
    /// Column name, when the problem is in one cell or column.
    pub column: Option<String>,
    /// The offending value as written in the file (shortened when very long).
    pub value: Option<String>,
    /// Machine-readable kind.
    pub kind: ProblemKind,
    /// Plain-language reason.
    pub message: String,
}

/// Longest value quoted back in a problem; longer ones are cut with an ellipsis.
const MAX_SHOWN_VALUE: usize = 60;

/// Shortens a value for display in a problem (whole characters, never mid-code-point).
pub(crate) fn shown(value: &str) -> String {
    if value.chars().count() <= MAX_SHOWN_VALUE {
        value.to_owned()
    } else {
        let cut: String = value.chars().take(MAX_SHOWN_VALUE).collect();
        format!("{cut}…")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.id {
            write!(f, ", id {id}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", column {col}")?;
        }
        write!(f, ": {}", self.message)
    }
}
