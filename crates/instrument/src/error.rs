use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use crate::check::Defect;

/// Why an instrument could not be loaded.
#[derive(Debug, Error)]
#[error("instrument {}: {kind}", path.display())]
pub struct InstrumentError {
    /// The file concerned.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: InstrumentErrorKind,
}

/// The kinds of [`InstrumentError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum InstrumentErrorKind {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not valid JSON of the instrument format.
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser expected or found.
        message: String,
    },
    /// The file parsed but is not a usable instrument: every defect found.
    Invalid(Vec<Defect>),
}

impl fmt::Display for InstrumentErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstrumentErrorKind::Io(e) => write!(f, "cannot read the file: {e}"),
            InstrumentErrorKind::Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            InstrumentErrorKind::Invalid(defects) => {
                write!(f, "{} defect(s) found", defects.len())?;
                for d in defects {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
        }
    }
}

impl InstrumentError {
    pub(crate) fn new(path: impl Into<PathBuf>, kind: InstrumentErrorKind) -> Self {
        InstrumentError {
            path: path.into(),
            kind,
        }
    }

    /// The defects, when the file parsed but failed the checks.
    pub fn defects(&self) -> &[Defect] {
        match &self.kind {
            InstrumentErrorKind::Invalid(d) => d,
            _ => &[],
        }
    }
}
