//! Plain-language warnings attached to a result, in the shape every psym analysis shares
//! ([`psym_stats::Diagnostic`]): items are named by column of the scale, and advice is a value.

use std::fmt;

use psym_stats::{MissingPolicy, Severity, Subject};
use serde::Serialize;

/// What a [`Warning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// An item with no variance among the respondents used; it is left out of the analysis.
    ZeroVariance,
    /// An item correlates negatively with the rest of the scale: usually a forgotten (or
    /// wrong) reverse key.
    NegativeItemRest,
    /// Alpha below zero: the items do not measure one thing in the same direction.
    NegativeAlpha,
    /// The correlation matrix is singular, so statistics needing its inverse are missing.
    SingularCorrelation,
    /// An item loads negatively on the one factor behind omega, so omega (as psych::omega)
    /// counts it reversed.
    ReflectedInOmega,
    /// A factor model behind omega did not converge or has a communality at or above one.
    OmegaTrouble,
    /// Some bootstrap replicates gave no value (for example a resample with a constant item).
    BootstrapFailures,
    /// Listwise deletion dropped many of the rows read.
    RowsDropped,
}

impl WarningKind {
    /// Whether the warning means the scale as keyed has a problem (the command exits 1):
    /// a negative alpha, a negative item–rest correlation or a constant item. These are the
    /// warnings of [`Severity::Error`].
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            WarningKind::NegativeAlpha | WarningKind::NegativeItemRest | WarningKind::ZeroVariance
        )
    }

    fn severity(self) -> Severity {
        if self.is_problem() {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

/// What a warning suggests trying: a setting of [`crate::Options`], as a value so that a
/// program can word it as its own flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Handle missing answers by this rule ([`crate::Options::missing`]).
    Missing(MissingPolicy),
}

/// As a setting of [`crate::Options`]: `set missing to pairwise`.
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Advice::Missing(policy) => write!(f, "set missing to {policy}"),
        }
    }
}

/// A note about trouble in a result: its kind, the item concerned (by column of the scale's
/// item list) and what to try.
pub type Warning = psym_stats::Diagnostic<WarningKind, Advice>;

/// A warning of `kind` about `subject`, with the severity of its kind.
pub(crate) fn warning(kind: WarningKind, subject: Subject, message: String) -> Warning {
    Warning::new(kind, kind.severity(), subject, message)
}
