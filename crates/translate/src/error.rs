//! The error type of psym-translate.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use thiserror::Error;

/// Why a translation command could not finish.
#[derive(Debug, Error)]
#[error("{}: {kind}", path.display())]
pub struct TranslateError {
    /// The file concerned (instrument or work file).
    pub path: PathBuf,
    /// What went wrong.
    pub kind: TranslateErrorKind,
}

/// One problem in a work file, located by line, row or XML element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkFileProblem {
    /// Where: `line 4`, `sheet survey, row 7`, `<trans-unit id="i3"> (line 40)`.
    pub location: String,
    /// The unit id concerned, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Plain-language description.
    pub message: String,
}

impl fmt::Display for WorkFileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{} ({id}): {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

/// The kinds of [`TranslateError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum TranslateErrorKind {
    /// A file could not be read or written.
    Io(std::io::Error),
    /// The work file is malformed or does not fit the instrument: every problem found. Nothing
    /// was merged.
    WorkFile(Vec<WorkFileProblem>),
    /// The merged instrument would not be valid (messages carry JSON paths).
    Invalid(Vec<String>),
    /// A request that cannot be met (unknown language, a format that cannot hold the data).
    Unsupported(String),
}

impl fmt::Display for TranslateErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslateErrorKind::Io(e) => write!(f, "cannot read or write the file: {e}"),
            TranslateErrorKind::WorkFile(problems) => {
                write!(
                    f,
                    "{} problem(s) in the work file; nothing was merged",
                    problems.len()
                )?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            TranslateErrorKind::Invalid(defects) => {
                write!(
                    f,
                    "the merged instrument would be invalid; nothing was merged"
                )?;
                for d in defects {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
            TranslateErrorKind::Unsupported(msg) => f.write_str(msg),
        }
    }
}

impl TranslateError {
    /// A new error about `path`.
    pub fn new(path: impl Into<PathBuf>, kind: TranslateErrorKind) -> Self {
        TranslateError {
            path: path.into(),
            kind,
        }
    }

    /// The work-file problems, when the error is about a malformed work file.
    pub fn problems(&self) -> &[WorkFileProblem] {
        match &self.kind {
            TranslateErrorKind::WorkFile(p) => p,
            _ => &[],
        }
    }
}

/// A work-file problem at `location`.
pub(crate) fn problem(
    location: impl Into<String>,
    id: Option<&str>,
    message: impl Into<String>,
) -> WorkFileProblem {
    WorkFileProblem {
        location: location.into(),
        id: id.map(str::to_owned),
        message: message.into(),
    }
}
