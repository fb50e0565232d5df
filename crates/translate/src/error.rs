//! The error type of psym-translate.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use thiserror::Error;

use crate::advice::{Advice, as_option};

/// Why a translation command could not finish.
#[derive(Debug, Error)]
#[error("{}", self.describe(as_option))]
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
    /// Plain-language description (without the advice).
    pub message: String,
    /// The option that would avoid the problem, when there is one (added to the message by
    /// [`describe`](WorkFileProblem::describe)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<Advice>,
}

impl WorkFileProblem {
    /// The message, followed by the advice worded by `advise` (psym's command line:
    /// `…; say which with --lang`).
    pub fn message_with(&self, advise: fn(&Advice) -> String) -> String {
        match self.advice {
            Some(a) => format!("{}; {}", self.message, a.clause(advise)),
            None => self.message.clone(),
        }
    }

    /// Location, unit id and message with its advice worded by `advise`, on one line.
    pub fn describe(&self, advise: fn(&Advice) -> String) -> String {
        match &self.id {
            Some(id) => format!("{} ({id}): {}", self.location, self.message_with(advise)),
            None => format!("{}: {}", self.location, self.message_with(advise)),
        }
    }

    /// The same problem with `advice`.
    pub(crate) fn with_advice(self, advice: Advice) -> Self {
        WorkFileProblem {
            advice: Some(advice),
            ..self
        }
    }
}

/// With the advice worded as the library's option.
impl fmt::Display for WorkFileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(as_option))
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

impl TranslateErrorKind {
    /// What went wrong, each work-file problem on its own line with its advice worded by
    /// `advise`.
    pub fn describe(&self, advise: fn(&Advice) -> String) -> String {
        let lines = |head: String, rest: &mut dyn Iterator<Item = String>| {
            rest.fold(head, |text, line| format!("{text}\n  {line}"))
        };
        match self {
            TranslateErrorKind::Io(e) => format!("cannot read or write the file: {e}"),
            TranslateErrorKind::WorkFile(problems) => lines(
                format!(
                    "{} problem(s) in the work file; nothing was merged",
                    problems.len()
                ),
                &mut problems.iter().map(|p| p.describe(advise)),
            ),
            TranslateErrorKind::Invalid(defects) => lines(
                "the merged instrument would be invalid; nothing was merged".to_owned(),
                &mut defects.iter().cloned(),
            ),
            TranslateErrorKind::Unsupported(msg) => msg.clone(),
        }
    }
}

/// With the advice worded as the library's option.
impl fmt::Display for TranslateErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(as_option))
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

    /// The file and what went wrong, with advice worded by `advise` (`Display` words it as
    /// the library's option).
    pub fn describe(&self, advise: fn(&Advice) -> String) -> String {
        format!("{}: {}", self.path.display(), self.kind.describe(advise))
    }

    /// The work-file problems, when the error is about a malformed work file.
    pub fn problems(&self) -> &[WorkFileProblem] {
        match &self.kind {
            TranslateErrorKind::WorkFile(p) => p,
            _ => &[],
        }
    }

    /// The defects of the merged instrument, when the error is that it would be invalid.
    pub fn defects(&self) -> &[String] {
        match &self.kind {
            TranslateErrorKind::Invalid(d) => d,
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
        advice: None,
    }
}
