//! The error type of psym-model.

use thiserror::Error;

/// Where in the model text something went wrong (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number (in characters), starting at 1.
    pub column: usize,
}

impl Position {
    /// The position of formulas built in code rather than parsed (line and column 0).
    pub const NONE: Position = Position { line: 0, column: 0 };
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Why a model could not be parsed or turned into a parameter table.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The text is not valid model syntax.
    #[error("model syntax error at {at}: {message}")]
    Syntax {
        /// Where the problem was found.
        at: Position,
        /// What was expected and what was found.
        message: String,
    },
    /// The syntax is valid lavaan but psym does not support it (yet).
    #[error("unsupported model syntax at {at}: {message}")]
    Unsupported {
        /// Where the construct starts.
        at: Position,
        /// What is not supported and what to do instead.
        message: String,
    },
    /// The model is syntactically fine but cannot be built (for example a variable that is
    /// not in the data).
    #[error("invalid model: {0}")]
    Invalid(String),
}

impl ModelError {
    pub(crate) fn syntax(at: Position, message: impl Into<String>) -> Self {
        ModelError::Syntax {
            at,
            message: message.into(),
        }
    }
}
