//! One shape for the findings of every analysis: what kind, how serious, about what, what was
//! found, and what to try.
//!
//! Each analysis keeps its own closed set of kinds and of advice; the shape is shared so that
//! whoever shows findings (psym's report crate, a binding) handles them all alike:
//!
//! ```
//! use psym_stats::{Diagnostic, Severity, Subject};
//!
//! #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
//! enum Kind { Constant }
//! #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
//! enum Advice { DropItem }
//!
//! let d: Diagnostic<Kind, Advice> =
//!     Diagnostic::new(Kind::Constant, Severity::Warning, Subject::Item(2), "has no variance")
//!         .with_advice([Advice::DropItem]);
//! assert_eq!(d.subject.to_string(), "variable 3");
//! ```

use serde::Serialize;

use crate::subject::{NoParameter, Subject};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The result should not be interpreted as it stands.
    Error,
    /// Worth a look.
    Warning,
}

/// A finding about a result: its `kind` (the analysis's own closed set `K`), `severity`, the
/// `subject` it is about (by column, group or parameter reference `P`), the `message` and the
/// `advice` (the analysis's own closed set `A`).
///
/// The message does not name the subject: it is a phrase that follows the subject's words
/// ("has communality 1.000 …" after "item A1") or, for [`Subject::Whole`], a sentence of its
/// own. Advice is a value, not text, so that a program can word it as its own flag and a
/// library user as an option (each advice type's `Display` words it for the library user).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic<K, A, P = NoParameter> {
    /// What kind of finding.
    pub kind: K,
    /// How serious it is.
    pub severity: Severity,
    /// What it is about.
    pub subject: Subject<P>,
    /// What was found, without naming the subject.
    pub message: String,
    /// What to try, most promising first (empty when there is nothing to try).
    pub advice: Vec<A>,
}

impl<K, A, P> Diagnostic<K, A, P> {
    /// A finding without advice.
    pub fn new(
        kind: K,
        severity: Severity,
        subject: Subject<P>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity,
            subject,
            message: message.into(),
            advice: Vec::new(),
        }
    }

    /// The same finding with `advice` added.
    #[must_use]
    pub fn with_advice(mut self, advice: impl IntoIterator<Item = A>) -> Self {
        self.advice.extend(advice);
        self
    }
}
