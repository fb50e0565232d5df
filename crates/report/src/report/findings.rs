//! The findings of the analyses (admissibility, reliability warnings, EFA and careless
//! diagnostics) in the report's language: each library gives a finding as a kind, a subject
//! (items by column, a parameter, a group) and advice values; here the kind is worded by the
//! catalogue ([`Msg`]) and the subject named with the items' ids and the groups' labels. The
//! libraries' own English messages (with their numbers) stay in the commands' output and JSON.

use psym_model::ParamRef;
use psym_stats::{Diagnostic, Subject};

use super::{Catalogue, Msg};
use crate::subject::Names;

/// A kind of finding that the catalogue words.
pub trait Worded {
    /// The message of this kind (`None`: a kind added to the library after this catalogue,
    /// shown with the library's own message).
    fn msg(&self) -> Option<Msg>;
}

impl Worded for psym_sem::DiagnosticKind {
    fn msg(&self) -> Option<Msg> {
        use psym_sem::DiagnosticKind as K;
        Some(match self {
            K::NotConverged => Msg::SemNotConverged,
            K::NegativeVariance => Msg::SemNegativeVariance,
            K::StandardizedBeyondOne => Msg::SemBeyondOne,
            K::LatentNotPositiveDefinite => Msg::SemLatentNotPd,
            K::ResidualNotPositiveDefinite => Msg::SemResidualNotPd,
            K::Unidentified => Msg::SemUnidentified,
        })
    }
}

impl Worded for psym_efa::DiagnosticKind {
    fn msg(&self) -> Option<Msg> {
        use psym_efa::DiagnosticKind as K;
        Some(match self {
            K::NotConverged => Msg::EfaNotConverged,
            K::Heywood => Msg::EfaHeywood,
            K::Underidentified => Msg::EfaUnderidentified,
            K::NotPositiveDefinite => Msg::EfaNotPd,
            K::TooFewRespondents => Msg::EfaTooFew,
            _ => return None,
        })
    }
}

impl Worded for psym_reliability::WarningKind {
    fn msg(&self) -> Option<Msg> {
        use psym_reliability::WarningKind as K;
        Some(match self {
            K::ZeroVariance => Msg::RelZeroVariance,
            K::NegativeItemRest => Msg::RelNegativeItemRest,
            K::NegativeAlpha => Msg::RelNegativeAlpha,
            K::SingularCorrelation => Msg::RelSingular,
            K::ReflectedInOmega => Msg::RelReflected,
            K::OmegaTrouble => Msg::RelOmegaTrouble,
            K::BootstrapFailures => Msg::RelBootstrap,
            K::RowsDropped => Msg::RelRowsDropped,
            _ => return None,
        })
    }
}

impl Worded for psym_careless::DiagnosticKind {
    fn msg(&self) -> Option<Msg> {
        use psym_careless::DiagnosticKind as K;
        Some(match self {
            K::ConstantItem => Msg::CarelessConstant,
            K::NoCovariance => Msg::CarelessNoCovariance,
            K::FewSynonymPairs => Msg::CarelessFewSynonyms,
            K::FewAntonymPairs => Msg::CarelessFewAntonyms,
            K::NoSubscales => Msg::CarelessNoSubscales,
            _ => return None,
        })
    }
}

impl Worded for psym_stats::categories::CategoryKind {
    fn msg(&self) -> Option<Msg> {
        use psym_stats::categories::CategoryKind as K;
        match self {
            K::PerfectAssociation => Some(Msg::CategoryPerfect),
            // worded from the category report's counts (sections::ordinal)
            _ => None,
        }
    }
}

/// How a finding's subject is named in the report's language.
pub trait SubjectWords {
    /// `ledd i3`, `f =~ x2 i gruppe nb`, …
    fn named(&self, names: &Names<'_>, c: &Catalogue) -> String;
}

impl SubjectWords for psym_stats::NoParameter {
    fn named(&self, _: &Names<'_>, _: &Catalogue) -> String {
        match *self {}
    }
}

impl SubjectWords for ParamRef {
    fn named(&self, names: &Names<'_>, c: &Catalogue) -> String {
        let every = ParamRef {
            group: None,
            ..self.clone()
        };
        match self.group {
            // 1-based, as in the parameter table
            Some(g) => c.fill(
                Msg::SubjectParameterInGroup,
                &[
                    ("parameter", every.to_string()),
                    ("group", names.group(g.saturating_sub(1))),
                ],
            ),
            None => c.fill(Msg::SubjectParameter, &[("parameter", every.to_string())]),
        }
    }
}

/// A finding as one sentence in the report's language: its subject, then what its kind
/// means and what to try.
pub fn finding<K: Worded, A, P: SubjectWords>(
    d: &Diagnostic<K, A, P>,
    names: &Names<'_>,
    c: &Catalogue,
) -> String {
    let what = match d.kind.msg() {
        Some(m) => c.text(m).to_string(),
        None => c.fill(Msg::FindingOther, &[("message", d.message.clone())]),
    };
    let sentence = match &d.subject {
        Subject::Whole => what,
        Subject::Item(j) => format!(
            "{} {what}",
            c.fill(Msg::SubjectItem, &[("item", names.item(*j))])
        ),
        Subject::ItemPair(j, k) => format!(
            "{} {what}",
            c.fill(
                Msg::SubjectItems,
                &[("first", names.item(*j)), ("second", names.item(*k))]
            )
        ),
        Subject::Parameter(p) => format!("{} {what}", p.named(names, c)),
        Subject::Group(g) => format!(
            "{}: {what}",
            c.fill(Msg::SubjectGroup, &[("group", names.group(*g))])
        ),
    };
    capitalised(&sentence)
}

/// `text` with its first letter upper case (a sentence that opens with a subject's words).
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + chars.as_str()
    })
}
