//! What a translation message suggests doing: an option of this crate, as a value so that a
//! program can word it as its own flag (psym's command line says `--approve`, a library user
//! reads [`MergeOptions::approve`](crate::MergeOptions::approve)).

use std::fmt;

use serde::Serialize;

/// An option to set, suggested by a merge decision ([`Reason`](crate::Reason)), a check
/// finding ([`Finding`](crate::Finding)) or a work-file problem
/// ([`WorkFileProblem`](crate::WorkFileProblem)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Advice {
    /// Approve the texts of this merge ([`MergeOptions::approve`](crate::MergeOptions::approve)).
    Approve,
    /// Approve the text again by merging it with
    /// [`MergeOptions::approve`](crate::MergeOptions::approve) (advice of a check, which has
    /// no merge options of its own).
    Reapprove,
    /// Say which language a work file holds (the `lang` argument of
    /// [`workfile::read`](crate::workfile::read) and [`workfile::import`](crate::workfile::import)).
    Language,
}

/// As the option a library user sets: `MergeOptions::approve`, `the lang argument`.
impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Advice::Approve => "MergeOptions::approve",
            Advice::Reapprove => "merge with MergeOptions::approve",
            Advice::Language => "the lang argument",
        })
    }
}

impl Advice {
    /// The advice as a clause to follow a message, its option worded by `advise`:
    /// `re-approve with …`, `say which with …`, `approve with …`.
    pub fn clause(self, advise: fn(&Advice) -> String) -> String {
        let option = advise(&self);
        match self {
            Advice::Approve => format!("approve with {option}"),
            Advice::Reapprove => format!("re-approve with {option}"),
            Advice::Language => format!("say which with {option}"),
        }
    }
}

/// The library's own wording of an advice (its `Display`), for `describe` methods called
/// without a program's words.
pub(crate) fn as_option(advice: &Advice) -> String {
    advice.to_string()
}
