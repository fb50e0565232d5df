//! Why a merge decided a change: a closed set, so that the record stored in the instrument
//! does not depend on the program that merged, and the advice is worded by the caller.

use std::fmt;

use serde::Serialize;

use crate::advice::{Advice, as_option};

/// Why a merge changed something on its own account (a [`Change`](super::Change) made as the
/// work file asked has no reason).
///
/// Two wordings: [`note`](Reason::note), the stable sentence recorded in the workflow step
/// (it names no option of any program, so the instrument file reads the same whichever tool
/// merged), and [`describe`](Reason::describe), the sentence with its [`advice`](Reason::advice)
/// worded by the caller (`Display` words it as the library's option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// The work file's language was not declared; the merge declared it.
    NewLanguage,
    /// A row asked for `approved` without approval; the status was set to `reviewed`.
    CannotApprove,
    /// The text of an approved item changed without approval; back to `reviewed`.
    ApprovedTextChanged,
    /// The text of an approved item changed and was approved again.
    TextChangedApprovedAgain,
    /// The source text changed since the last approval, and the translation was approved again.
    SourceChangedApprovedAgain,
}

impl Reason {
    /// The sentence recorded as the note of the workflow step, without advice.
    ///
    /// Instrument files written by earlier versions of psym hold an earlier wording that named
    /// a command-line flag (`a work file cannot approve without --approve; set to reviewed`);
    /// step notes are free text, so such files load, check and merge unchanged.
    pub fn note(self) -> &'static str {
        match self {
            Reason::NewLanguage => "new language declared",
            Reason::CannotApprove => "a work file cannot approve; set to reviewed",
            Reason::ApprovedTextChanged => {
                "approved text changed; back to reviewed until approved again"
            }
            Reason::TextChangedApprovedAgain => "text changed; approved again",
            Reason::SourceChangedApprovedAgain => {
                "source text changed since the last approval; approved again"
            }
        }
    }

    /// What to do about it, when there is something to do.
    pub fn advice(self) -> Option<Advice> {
        match self {
            Reason::CannotApprove | Reason::ApprovedTextChanged => Some(Advice::Approve),
            _ => None,
        }
    }

    /// The reason as a sentence with its advice worded by `advise` (psym's command line:
    /// `a work file cannot approve without --approve; set to reviewed`).
    pub fn describe(self, advise: fn(&Advice) -> String) -> String {
        match self {
            Reason::CannotApprove => format!(
                "a work file cannot approve without {}; set to reviewed",
                advise(&Advice::Approve)
            ),
            Reason::ApprovedTextChanged => format!(
                "approved text changed; back to reviewed until approved again ({})",
                advise(&Advice::Approve)
            ),
            _ => self.note().to_owned(),
        }
    }
}

/// With the advice as the library's option: `a work file cannot approve without
/// MergeOptions::approve; set to reviewed`.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(as_option))
    }
}
