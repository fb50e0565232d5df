//! Plain-language warnings attached to a result.

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
    /// Listwise deletion dropped many of the rows read (see [`Warning::rows_dropped`]).
    RowsDropped,
}

impl WarningKind {
    /// Whether the warning means the scale as keyed has a problem (the command exits 1):
    /// a negative alpha, a negative item–rest correlation or a constant item.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            WarningKind::NegativeAlpha | WarningKind::NegativeItemRest | WarningKind::ZeroVariance
        )
    }
}

/// A note about trouble in a result, saying what to check or try.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// What kind of trouble.
    pub kind: WarningKind,
    /// The item concerned, when there is one.
    pub item: Option<String>,
    /// Explanation for the user.
    pub message: String,
}

impl Warning {
    /// A [`WarningKind::RowsDropped`] warning; the caller words it (an application names its
    /// own option for keeping incomplete rows).
    pub fn rows_dropped(message: String) -> Self {
        Warning::new(WarningKind::RowsDropped, None, message)
    }

    pub(crate) fn new(kind: WarningKind, item: Option<&str>, message: String) -> Self {
        Warning {
            kind,
            item: item.map(str::to_owned),
            message,
        }
    }
}
