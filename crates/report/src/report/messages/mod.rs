//! The report's own words, in every language it is written in. A message is a [`Msg`]; each
//! language is one function from `Msg` to its text, an exhaustive `match`, so a language
//! cannot miss a message (the compiler says which). Placeholders in braces (`{n}`) are filled
//! by [`Catalogue::fill`].
//!
//! Each language is one file beside this one (`en.rs`, `nb.rs`). To add a language: add a
//! variant to [`Lang`] with its BCP 47 code, copy `en.rs` to the language's file and
//! translate it (keep the `{placeholders}`), declare the module below and name its `text` in
//! [`Catalogue::text`]; for a right-to-left language also in [`Lang::direction`].

mod en;
mod nb;

use psym_closed_set::closed_set;

use crate::html::TextDirection;

closed_set! {
    /// The language the report is written in.
    pub enum Lang: "report language" {
        /// English.
        En => "en",
        /// Norwegian Bokmål.
        Nb => "nb" | "no" | "nob",
    }
}

impl Lang {
    /// The direction the language is written in.
    pub fn direction(self) -> TextDirection {
        match self {
            Lang::En | Lang::Nb => TextDirection::Ltr,
        }
    }
}

/// Every message of the report.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Title,
    About,
    AboutReading,
    File,
    RowsRead,
    RowsUsed,
    Instrument,
    Languages,
    Groups,
    Software,
    Date,
    Command,
    Quality,
    QualityClean,
    QualityProblems,
    MissingStrip,
    MissingStripDesc,
    Item,
    ItemText,
    Missing,
    ProblemKind,
    Line,
    Column,
    Value,
    ProblemsShown,
    Count,
    Items,
    ItemsReading,
    ItemsFigure,
    ItemsFigureDesc,
    Floor,
    Ceiling,
    FloorCeilingNone,
    FloorCeilingSome,
    Scores,
    ScoresReading,
    ScoresFigure,
    ScoresFigureDesc,
    DistributionFigure,
    DistributionFigureDesc,
    Median,
    Scale,
    Group,
    Mean,
    Sd,
    Interval,
    Reliability,
    ReliabilityReading,
    Dimensionality,
    DimensionalityReading,
    Scree,
    ScreeDesc,
    ScreeObservedFa,
    ScreeSimulatedFa,
    ScreeObservedPc,
    ScreeSimulatedPc,
    ScreeX,
    ScreeY,
    Factor,
    Efa,
    EfaReading,
    Cfa,
    CfaReading,
    CutOffs,
    Convention,
    Admissible,
    NotAdmissible,
    PathFigure,
    PathFigureDesc,
    Invariance,
    InvarianceHolds,
    InvarianceFails,
    NotComputed,
    Adequacy,
    EfaCaption,
    SalientNote,
    ItemsNote,
    CfaRun,
    Converged,
    NotConverged,
    Careless,
    CarelessReading,
    CarelessWide,
    Flags,
    FlagsShown,
    InvariancePartial,
    NoteLabel,
    WarningLabel,
    ReliabilityNote,
    MissingPairwise,
    MissingListwise,
    OmegaHierarchical,
    ParallelSuggests,
    ParallelQuantile,
    ParallelMean,
    MapMinimum,
    CongruenceNote,
    InGroup,
    InvarianceRun,
    InvarianceMlr,
    InvarianceWlsmv,
    DecisionRule,
    StepLine,
    StepFree,
    VerdictHolds,
    VerdictFails,
    VerdictNotJudged,
    FailThresholds,
    FailMetric,
    FailScalar,
    FailScalarOrdinal,
    FailStrict,
    FailMeans,
    PartialNone,
    PartialNote,
    PartialKept,
    LatentNote,
    ItemBiasNote,
    ScaleBiasNote,
    FewAnchors,
    CfaScaled,
    ModelAdmissible,
    ModelNotAdmissible,
    AdmissibilityHeading,
    SubjectItem,
    SubjectItems,
    SubjectGroup,
    SubjectParameter,
    SubjectParameterInGroup,
    SemNotConverged,
    SemNegativeVariance,
    SemBeyondOne,
    SemLatentNotPd,
    SemResidualNotPd,
    SemUnidentified,
    EfaNotConverged,
    EfaHeywood,
    EfaUnderidentified,
    EfaNotPd,
    EfaTooFew,
    RelZeroVariance,
    RelNegativeItemRest,
    RelNegativeAlpha,
    RelSingular,
    RelReflected,
    RelOmegaTrouble,
    RelBootstrap,
    RelRowsDropped,
    CarelessConstant,
    CarelessNoCovariance,
    CarelessFewSynonyms,
    CarelessFewAntonyms,
    CarelessNoSubscales,
    FindingOther,
    ScoreTestCaption,
    ScoreTestNote,
    OrdinalReading,
    OrdinalEvery,
    OrdinalSome,
    OrdinalRobust,
    OrdinalCaution,
    Scaled,
    Robust,
    OrdinalTableNote,
    ThresholdCaption,
    ThresholdNote,
    OrdinalComparisonCaption,
    OrdinalComparisonNote,
    OrdinalModelFine,
    CategoryUnused,
    CategoryUnusedInGroup,
    CategoryMerged,
    CategoryPerfect,
    CategoryCollapse,
    InvarianceUnshared,
    InvarianceNoCfa,
    InvarianceMixed,
    InvarianceFailsOrdinal,
}

/// The messages of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Catalogue {
    /// The language.
    pub lang: Lang,
}

impl Catalogue {
    /// The catalogue of `lang`.
    pub fn new(lang: Lang) -> Catalogue {
        Catalogue { lang }
    }

    /// The text of `msg`, placeholders unfilled.
    pub fn text(&self, msg: Msg) -> &'static str {
        match self.lang {
            Lang::En => en::text(msg),
            Lang::Nb => nb::text(msg),
        }
    }

    /// The text of `msg` with each `{name}` replaced by its value.
    pub fn fill(&self, msg: Msg, values: &[(&str, String)]) -> String {
        let mut s = self.text(msg).to_string();
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// A decimal number with `digits` decimals, written by the language's rule
    /// ([`super::numbers`]: decimal mark, minus sign, digit groups); a negative number that
    /// rounds to zero is written without its sign (`0.00`, not `-0.00`).
    pub fn num(&self, x: f64, digits: usize) -> String {
        let text = format!("{x:.digits$}");
        let text = match text.strip_prefix('-') {
            Some(zero) if zero.bytes().all(|b| b == b'0' || b == b'.') => zero.to_string(),
            _ => text,
        };
        super::numbers::localize(&text, self.lang)
    }

    /// A percentage with `digits` decimals: the number, a no-break space (the number and its
    /// sign stay on one line) and `%`, as both English (SI) and Norwegian write it.
    pub fn percent(&self, x: f64, digits: usize) -> String {
        format!("{}\u{a0}%", self.num(x, digits))
    }

    /// A word of the commands' documents (`listwise`, `holds`) in the language, if it has
    /// its own ([`super::terms`]).
    pub fn term(&self, en: &str) -> Option<&'static str> {
        super::terms::term(self.lang, en)
    }

    /// A number as the commands format it (`0.040 [0.031, 0.050]`) written by the
    /// language's rule ([`super::numbers`]).
    pub fn number_text(&self, text: &str) -> String {
        super::numbers::localize(text, self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_numbers_take_the_decimal_mark() {
        let nb = Catalogue::new(Lang::Nb);
        assert_eq!(
            nb.fill(Msg::NotComputed, &[("reason", "x".into())]),
            "Ikke beregnet: x"
        );
        assert_eq!(nb.num(-0.125, 2), "−0,12");
        assert_eq!(Catalogue::new(Lang::En).num(0.5, 3), "0.500");
        assert_eq!(Catalogue::new(Lang::En).num(-0.004, 2), "0.00");
        assert_eq!(nb.num(-0.004, 2), "0,00");
        assert_eq!("NO".parse::<Lang>(), Ok(Lang::Nb));
    }
}
