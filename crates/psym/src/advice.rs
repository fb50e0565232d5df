//! Advice as psym's flags: the libraries suggest settings as values (`psym_data::Advice`,
//! `psym_efa::Advice`, `psym_reliability::Advice`, `psym_sem::Advice`,
//! `psym_translate::Advice`); here each becomes the
//! flag to try, so a message on the command line names exactly what to type.

use psym_stats::MissingPolicy;

/// A response-file problem's advice as the flag to read the file with.
pub fn data(a: &psym_data::Advice) -> String {
    match a {
        psym_data::Advice::Decimal(mark) => format!("read it with --decimal {mark}"),
        psym_data::Advice::Encoding(e) => format!("try --encoding {}", e.name().to_lowercase()),
        other => other.to_string(),
    }
}

/// An EFA diagnostic's advice as the flag to change.
pub fn efa(a: &psym_efa::Advice) -> String {
    match a {
        psym_efa::Advice::FewerFactors => "try fewer factors (--factors)".into(),
        psym_efa::Advice::OtherMethod => "try another extraction (--method)".into(),
        psym_efa::Advice::Smooth => "--smooth smooths it".into(),
        other => other.to_string(),
    }
}

/// A reliability warning's advice as the flag to change.
pub fn reliability(a: &psym_reliability::Advice) -> String {
    match a {
        psym_reliability::Advice::Missing(MissingPolicy::Pairwise) => {
            "--missing pairwise (the default) uses every answered pair".into()
        }
        psym_reliability::Advice::Missing(policy) => format!("try --missing {policy}"),
        other => other.to_string(),
    }
}

/// A CFA diagnostic's advice, with the flag where the advice is a setting.
pub fn sem(a: &psym_sem::Advice) -> String {
    match a {
        psym_sem::Advice::IdentifyScale => {
            "fix one loading per factor to 1 (or use --std-lv)".into()
        }
        other => other.to_string(),
    }
}

/// A translation message's advice as the flag of `psym translate` (the check names the
/// command that approves, as it has no such flag itself).
pub fn translate(a: &psym_translate::Advice) -> String {
    match a {
        psym_translate::Advice::Approve => "--approve".into(),
        psym_translate::Advice::Reapprove => "`psym translate import --approve`".into(),
        psym_translate::Advice::Language => "--lang".into(),
        other => other.to_string(),
    }
}

/// A careless-responding diagnostic's advice as the flag to change.
pub fn careless(a: &psym_careless::Advice) -> String {
    match a {
        psym_careless::Advice::SynonymCutoff => "try a lower --synonym-cutoff".into(),
        psym_careless::Advice::Subscales => "declare the subscales in the instrument file".into(),
        other => other.to_string(),
    }
}

/// An agreement or multilevel diagnostic's advice (none names a flag: more dyads or
/// clusters are data, and the ANOVA estimate is printed beside the REML one).
pub fn agreement(a: &psym_agreement::Advice) -> String {
    match a {
        psym_agreement::Advice::UseAnova => "read the ICC(1) ANOVA column instead".into(),
        other => other.to_string(),
    }
}

/// A response-category finding's advice as the flag to add.
pub fn categories(a: &psym_stats::categories::CategoryAdvice) -> String {
    match a {
        psym_stats::categories::CategoryAdvice::Collapse(min) => {
            format!("--collapse {min} merges it into its neighbour")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decimal-comma hint of the reader is a value, worded as `--decimal comma`.
    #[test]
    fn data_advice_becomes_the_reading_flags() {
        let comma = psym_data::Advice::Decimal(psym_data::DecimalMark::Comma);
        assert_eq!(data(&comma), "read it with --decimal comma");
        assert_eq!(comma.to_string(), "read it with decimal mark comma");
        let latin =
            psym_data::Advice::Encoding(psym_data::encoding_for_label("windows-1252").unwrap());
        assert_eq!(data(&latin), "try --encoding windows-1252");
    }

    #[test]
    fn settings_become_flags() {
        assert_eq!(
            reliability(&psym_reliability::Advice::Missing(MissingPolicy::Listwise)),
            "try --missing listwise"
        );
        assert!(efa(&psym_efa::Advice::FewerFactors).contains("--factors"));
        assert!(sem(&psym_sem::Advice::IdentifyScale).contains("--std-lv"));
        assert!(agreement(&psym_agreement::Advice::UseAnova).contains("ICC(1) ANOVA"));
    }

    /// Issue 11, point 1: the translation library's advice is a value; the command line words
    /// it as the flag, a library user reads the option.
    #[test]
    fn translate_advice_becomes_flags() {
        use psym_translate::{Advice, Reason};
        assert_eq!(translate(&Advice::Approve), "--approve");
        assert_eq!(translate(&Advice::Language), "--lang");
        assert_eq!(
            Reason::CannotApprove.describe(translate),
            "a work file cannot approve without --approve; set to reviewed"
        );
        assert_eq!(
            Reason::ApprovedTextChanged.describe(translate),
            "approved text changed; back to reviewed until approved again (--approve)"
        );
        assert_eq!(Advice::Language.clause(translate), "say which with --lang");
        assert_eq!(
            Advice::Reapprove.clause(translate),
            "re-approve with `psym translate import --approve`"
        );
    }
}
