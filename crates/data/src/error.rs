use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// Why a response file could not be read at all (as opposed to [`Problem`](crate::Problem)s in
/// its rows, which are reported and read past).
#[derive(Debug, Error)]
#[error("{}: {kind}", path.display())]
pub struct DataError {
    /// The file concerned.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: DataErrorKind,
}

/// The kinds of [`DataError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The file is empty: no header line.
    Empty,
    /// The file is not a text table (a spreadsheet workbook, an archive, binary data).
    NotText(String),
    /// A workbook that cannot be read: damaged, password-protected, too large, or without the
    /// sheet asked for.
    Workbook(Vec<crate::workbook::WorkbookProblem>),
    /// An SPSS system file that cannot be read: truncated, damaged, encrypted, or of an
    /// unknown encoding.
    #[cfg(feature = "spss")]
    Spss(crate::sav::SavError),
    /// A column named on the command line is not in the header.
    ColumnNotFound {
        /// What the column was for (`id`, `language`, …).
        role: &'static str,
        /// The name asked for.
        name: String,
        /// The header, for the message.
        header: Vec<String>,
    },
    /// Items an analysis needs have no column in the file.
    MissingColumns {
        /// The item ids without a column.
        items: Vec<String>,
    },
    /// An item column holds text and no number at all.
    TextColumn {
        /// The item id.
        item: String,
        /// An example of its text.
        value: String,
        /// The 1-based line of the example.
        line: u64,
    },
    /// The CSV parser failed (with the 1-based line when known).
    Csv {
        /// 1-based line.
        line: Option<u64>,
        /// The parser's message.
        message: String,
    },
}

impl fmt::Display for DataErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataErrorKind::Io(e) => write!(f, "cannot read the file: {e}"),
            DataErrorKind::Empty => write!(f, "the file is empty (no header line)"),
            DataErrorKind::NotText(hint) => write!(f, "not a text table: {hint}"),
            DataErrorKind::Workbook(problems) => {
                let shown: Vec<String> = problems.iter().take(5).map(ToString::to_string).collect();
                write!(f, "{}", shown.join("; "))?;
                if problems.len() > 5 {
                    write!(f, "; and {} more", problems.len() - 5)?;
                }
                Ok(())
            }
            #[cfg(feature = "spss")]
            DataErrorKind::Spss(e) => write!(f, "{e}"),
            DataErrorKind::ColumnNotFound { role, name, header } => write!(
                f,
                "the {role} column '{name}' is not in the header (columns: {})",
                header.join(", ")
            ),
            DataErrorKind::MissingColumns { items } => write!(
                f,
                "no column for item(s) {} (column names are matched ignoring case)",
                items.join(", ")
            ),
            DataErrorKind::TextColumn { item, value, line } => write!(
                f,
                "column '{item}' holds text, not numbers (for example '{value}' on line {line}); \
                 leave it out or recode its answers as numbers"
            ),
            DataErrorKind::Csv {
                line: Some(l),
                message,
            } => write!(f, "line {l}: {message}"),
            DataErrorKind::Csv {
                line: None,
                message,
            } => write!(f, "{message}"),
        }
    }
}

impl DataError {
    pub(crate) fn new(path: impl Into<PathBuf>, kind: DataErrorKind) -> Self {
        DataError {
            path: path.into(),
            kind,
        }
    }
}
