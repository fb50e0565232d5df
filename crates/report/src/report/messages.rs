//! The report's own words, in every language it is written in. A message is a [`Msg`]; each
//! language is one function from `Msg` to its text, an exhaustive `match`, so a language
//! cannot miss a message (the compiler says which). Placeholders in braces (`{n}`) are filled
//! by [`Catalogue::fill`].
//!
//! To add a language: add a variant to [`Lang`] with its BCP 47 code, write its function
//! below (copy `en` and translate), and name it in [`Catalogue::text`]; for a right-to-left
//! language also in [`Lang::direction`].

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
            Lang::En => en(msg),
            Lang::Nb => nb(msg),
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
    /// ([`super::numbers`]: decimal mark, minus sign, digit groups).
    pub fn num(&self, x: f64, digits: usize) -> String {
        super::numbers::localize(&format!("{x:.digits$}"), self.lang)
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

fn en(m: Msg) -> &'static str {
    match m {
        Msg::Title => "Psychometric report: {instrument}",
        Msg::About => "What was analysed",
        Msg::AboutReading => {
            "This report describes the answers in {file} to {instrument}. Of {read} rows read, {used} had at least one answer and were analysed. Every number can be reproduced with the command below; figures are summarised in tables beside them."
        }
        Msg::File => "Response file",
        Msg::RowsRead => "Rows read",
        Msg::RowsUsed => "Rows with answers",
        Msg::Instrument => "Instrument",
        Msg::Languages => "Languages",
        Msg::Groups => "Groups",
        Msg::Software => "Software",
        Msg::Date => "Date",
        Msg::Command => "Command to reproduce",
        Msg::Quality => "Data quality",
        Msg::QualityClean => {
            "No problems were found in the {rows} rows: every answer is on the response scale and every id is unique. The strip shows the share of missing answers per item."
        }
        Msg::QualityProblems => {
            "{problems} problem(s) were found, in {flagged} of {rows} rows. Invalid answers are read as missing, so these rows stay in the analysis with gaps; `psym validate` lists every problem with its line and column. The strip shows the share of missing answers per item, including answers read as missing."
        }
        Msg::MissingStrip => "Missing answers per item",
        Msg::MissingStripDesc => {
            "A strip of cells, one per item, shaded by the share of respondents with no valid answer; the share is written in each cell."
        }
        Msg::Item => "Item",
        Msg::ItemText => "Text",
        Msg::Missing => "Missing",
        Msg::ProblemKind => "Problem",
        Msg::Line => "Line",
        Msg::Column => "Column",
        Msg::Value => "Value",
        Msg::ProblemsShown => {
            "The first {shown} of {all} problems; `psym validate` lists them all."
        }
        Msg::Count => "Count",
        Msg::Items => "Item response distributions",
        Msg::ItemsReading => {
            "Each bar shows how the answers to one item are spread over the response scale: disagreeing answers to the left of the centre line, agreeing ones to the right. When most answers pile up in the highest (ceiling) or lowest (floor) category, the item cannot tell apart the people at that end of the scale."
        }
        Msg::ItemsFigure => "Answers per item",
        Msg::ItemsFigureDesc => {
            "Diverging stacked bars, one per item{by_group}: the share of answers in each category, lower categories to the left of zero and higher ones to the right."
        }
        Msg::Floor => "Floor",
        Msg::Ceiling => "Ceiling",
        Msg::FloorCeilingNone => {
            "No item has more than {pct} of its answers in the lowest or the highest category."
        }
        Msg::FloorCeilingSome => {
            "Items with more than {pct} of their answers in one end category: {items}."
        }
        Msg::Scores => "Scale scores",
        Msg::ScoresReading => {
            "Scale scores follow the instrument's scoring rules (reversed items turned round, a minimum share of answered items). The first figure shows how the scores are spread, the second each scale's mean with its 95 % confidence interval (the axis is zoomed in); when the intervals of two groups do not overlap, their means very likely differ."
        }
        Msg::ScoresFigure => "Scale means with 95 % confidence intervals",
        Msg::ScoresFigureDesc => {
            "A dot for each scale's mean{by_group} with a bar from the lower to the upper limit of its 95 % confidence interval, on the response scale."
        }
        Msg::DistributionFigure => "Distribution of the scale scores",
        Msg::DistributionFigureDesc => {
            "A box plot for each scale{by_group}: the box spans the middle half of the scores (first to third quartile), the black line marks the median, the thin line runs from the lowest to the highest score."
        }
        Msg::Median => "Median",
        Msg::Scale => "Scale",
        Msg::Group => "Group",
        Msg::Mean => "Mean",
        Msg::Sd => "SD",
        Msg::Interval => "95 % CI",
        Msg::Reliability => "Reliability",
        Msg::ReliabilityReading => {
            "Reliability says how consistently the items of a scale measure the same thing. {summary} By convention, 0.70 is enough to compare groups and 0.90 is wanted for decisions about individuals; these are conventions, not verdicts. Items that correlate weakly or negatively with the rest of their scale are worth reading again (a forgotten reverse key shows up here)."
        }
        Msg::Dimensionality => "Dimensionality",
        Msg::DimensionalityReading => {
            "How many distinct things do the items measure? Parallel analysis compares each factor's eigenvalue with what random data of the same size would give and suggests {pa} factor(s); Velicer's MAP test suggests {map}. The instrument expects {expected}. {adequacy}"
        }
        Msg::Scree => "Scree plot with parallel analysis",
        Msg::ScreeDesc => {
            "Eigenvalues by factor number: observed factor and component eigenvalues as solid lines with markers, the 95th percentile of simulated random data as dashed lines. Factors above their dashed line are suggested."
        }
        Msg::ScreeObservedFa => "factors, observed",
        Msg::ScreeSimulatedFa => "factors, random data",
        Msg::ScreeObservedPc => "components, observed",
        Msg::ScreeSimulatedPc => "components, random data",
        Msg::ScreeX => "factor number",
        Msg::ScreeY => "eigenvalue",
        Msg::Factor => "Factor",
        Msg::Efa => "Exploratory factor analysis",
        Msg::EfaReading => {
            "The exploratory factor analysis lets every item load on every factor. Ideally each item loads strongly (|loading| ≥ 0.30, marked * and shaded) on the factor of its own scale and weakly elsewhere. Factor correlations show how distinct the factors are; congruence coefficients of 0.95 or more across groups mean the same structure in each group."
        }
        Msg::Cfa => "Confirmatory factor analysis",
        Msg::CfaReading => {
            "The confirmatory model lets each item load only on its own scale's factor. {fit} {admissible} The competing models the instrument declares are compared below: a lower AIC or BIC and a significant chi-square difference favour the model with more factors."
        }
        Msg::CutOffs => {
            "Conventional cut-offs (Hu & Bentler 1999): CFI and TLI ≥ 0.95, RMSEA ≤ 0.06, SRMR ≤ 0.08. They are context for reading the values, not pass marks."
        }
        Msg::Convention => "convention",
        Msg::Admissible => {
            "The solution is admissible: no negative variances and no correlations beyond ±1."
        }
        Msg::NotAdmissible => {
            "The solution is not admissible, so its numbers should not be used as they stand; the diagnostics below say why and what to try."
        }
        Msg::PathFigure => "Path diagram with standardized estimates",
        Msg::PathFigureDesc => {
            "Factors as ellipses above the items (boxes); arrows from each factor to its items carry the standardized loadings, arcs between factors their correlations."
        }
        Msg::Invariance => "Measurement invariance across {group}",
        Msg::InvarianceHolds => {
            "Does the questionnaire measure the same thing in every group? Each step of the ladder makes more parameters equal across groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). Every step held: scores can be compared across the groups."
        }
        Msg::InvarianceFails => {
            "Does the questionnaire measure the same thing in every group? Each step of the ladder makes more parameters equal across groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). The {step} step did not hold: comparisons that need it should be made with care, and the items named below are the ones that differ."
        }
        Msg::Adequacy => {
            "KMO = {kmo} (0.80 or more: well suited to factor analysis; Kaiser 1974); Bartlett's χ² = {chisq}, df = {df}, p {p}."
        }
        Msg::EfaCaption => "{method} extraction, {rotation} rotation",
        Msg::SalientNote => "* |loading| ≥ {salient}",
        Msg::ItemsNote => {
            "% of answers per category; floor and ceiling: share in the lowest and highest category"
        }
        Msg::CfaRun => {
            "Estimator {estimator}: {used} of {total} rows used (missing-data patterns: {patterns}), missing data {missing}; {converged} after {iterations} iterations."
        }
        Msg::Converged => "converged",
        Msg::NotConverged => "did not converge",
        Msg::Careless => "Careless responding",
        Msg::CarelessReading => {
            "Careless-responding indices look for answers given without reading: long runs of the same answer, unusual answer patterns (Mahalanobis D²), inconsistency between halves of a subscale (even-odd) and answers that do not follow the rest of the sample (person-total correlation). {flagged} of {rows} respondents were flagged on at least one index. A flag is a reason to look at a row, not proof: flagged rows stay in every analysis of this report. The table gives each index's rule, for how many respondents it could be computed, and how many it flagged."
        }
        Msg::CarelessWide => {
            "More than {share} of the respondents are flagged by {indices}: with short subscales or few strongly correlated item pairs such an index also flags attentive respondents, so read it with care."
        }
        Msg::Flags => "Flagged by",
        Msg::FlagsShown => {
            "The first {shown} of {all} flagged rows; `psym validate --careless` lists them all with every index."
        }
        Msg::InvariancePartial => {
            "Does the questionnaire measure the same in each group? Each step of the ladder makes more parameters equal across the groups; a step holds when the fit worsens by less than the decision rule allows (ΔCFI ≥ −0.010, ΔRMSEA ≤ 0.015). Every step held, but only after freeing parameters of {items} (partial invariance): these items work differently across the groups. Latent means can still be compared; raw scale scores that include these items are shifted by the amounts in the last table, so compare those with care."
        }
        Msg::NotComputed => "Not computed: {reason}",
    }
}

fn nb(m: Msg) -> &'static str {
    match m {
        Msg::Title => "Psykometrisk rapport: {instrument}",
        Msg::About => "Hva som ble analysert",
        Msg::AboutReading => {
            "Rapporten beskriver svarene i {file} på {instrument}. Av {read} leste rader hadde {used} minst ett svar og ble analysert. Alle tall kan gjenskapes med kommandoen nedenfor; figurene er oppsummert i tabeller ved siden av."
        }
        Msg::File => "Svarfil",
        Msg::RowsRead => "Rader lest",
        Msg::RowsUsed => "Rader med svar",
        Msg::Instrument => "Instrument",
        Msg::Languages => "Språk",
        Msg::Groups => "Grupper",
        Msg::Software => "Programvare",
        Msg::Date => "Dato",
        Msg::Command => "Kommando for å gjenskape",
        Msg::Quality => "Datakvalitet",
        Msg::QualityClean => {
            "Ingen problemer ble funnet i de {rows} radene: alle svar ligger på svarskalaen og alle id-er er unike. Stripen viser andelen manglende svar per ledd."
        }
        Msg::QualityProblems => {
            "{problems} problem(er) ble funnet, i {flagged} av {rows} rader. Ugyldige svar leses som manglende, så radene blir med i analysen med hull; `psym validate` viser hvert problem med linje og kolonne. Stripen viser andelen manglende svar per ledd, også svar som ble lest som manglende."
        }
        Msg::MissingStrip => "Manglende svar per ledd",
        Msg::MissingStripDesc => {
            "En stripe av celler, én per ledd, skyggelagt etter andelen respondenter uten gyldig svar; andelen står i hver celle."
        }
        Msg::Item => "Ledd",
        Msg::ItemText => "Tekst",
        Msg::Missing => "Mangler",
        Msg::ProblemKind => "Problem",
        Msg::Line => "Linje",
        Msg::Column => "Kolonne",
        Msg::Value => "Verdi",
        Msg::ProblemsShown => "De første {shown} av {all} problemer; `psym validate` viser alle.",
        Msg::Count => "Antall",
        Msg::Items => "Svarfordeling per ledd",
        Msg::ItemsReading => {
            "Hver stolpe viser hvordan svarene på ett ledd fordeler seg over svarskalaen: uenige svar til venstre for midtlinjen, enige til høyre. Når de fleste svarene hoper seg opp i høyeste (tak) eller laveste (gulv) kategori, kan leddet ikke skille mellom personene i den enden av skalaen."
        }
        Msg::ItemsFigure => "Svar per ledd",
        Msg::ItemsFigureDesc => {
            "Divergerende stablede stolper, én per ledd{by_group}: andelen svar i hver kategori, lavere kategorier til venstre for null og høyere til høyre."
        }
        Msg::Floor => "Gulv",
        Msg::Ceiling => "Tak",
        Msg::FloorCeilingNone => {
            "Ingen ledd har mer enn {pct} av svarene i laveste eller høyeste kategori."
        }
        Msg::FloorCeilingSome => "Ledd med mer enn {pct} av svarene i én ytterkategori: {items}.",
        Msg::Scores => "Skalaskårer",
        Msg::ScoresReading => {
            "Skalaskårene følger instrumentets skåringsregler (reverserte ledd snudd, en minste andel besvarte ledd). Den første figuren viser hvordan skårene fordeler seg, den andre hver skalas gjennomsnitt med 95 % konfidensintervall (aksen er forstørret); når intervallene til to grupper ikke overlapper, er gjennomsnittene svært sannsynlig forskjellige."
        }
        Msg::ScoresFigure => "Skalagjennomsnitt med 95 % konfidensintervall",
        Msg::ScoresFigureDesc => {
            "Et punkt for hver skalas gjennomsnitt{by_group} med en strek fra nedre til øvre grense for 95 % konfidensintervall, på svarskalaen."
        }
        Msg::DistributionFigure => "Fordeling av skalaskårene",
        Msg::DistributionFigureDesc => {
            "Et boksplott for hver skala{by_group}: boksen dekker den midterste halvdelen av skårene (første til tredje kvartil), den svarte streken markerer medianen, den tynne linjen går fra laveste til høyeste skår."
        }
        Msg::Median => "Median",
        Msg::Scale => "Skala",
        Msg::Group => "Gruppe",
        Msg::Mean => "Gjennomsnitt",
        Msg::Sd => "SA",
        Msg::Interval => "95 % KI",
        Msg::Reliability => "Reliabilitet",
        Msg::ReliabilityReading => {
            "Reliabilitet sier hvor konsistent leddene i en skala måler det samme. {summary} Etter konvensjon holder 0,70 for å sammenligne grupper, og 0,90 ønskes for beslutninger om enkeltpersoner; dette er konvensjoner, ikke dommer. Ledd som korrelerer svakt eller negativt med resten av skalaen bør leses på nytt (en glemt reversering viser seg her)."
        }
        Msg::Dimensionality => "Dimensjonalitet",
        Msg::DimensionalityReading => {
            "Hvor mange ulike ting måler leddene? Parallellanalyse sammenligner hver faktors egenverdi med det tilfeldige data av samme størrelse gir, og foreslår {pa} faktor(er); Velicers MAP-test foreslår {map}. Instrumentet forventer {expected}. {adequacy}"
        }
        Msg::Scree => "Screeplott med parallellanalyse",
        Msg::ScreeDesc => {
            "Egenverdier etter faktornummer: observerte faktor- og komponentegenverdier som heltrukne linjer med markører, 95-persentilen for simulerte tilfeldige data som stiplede linjer. Faktorer over sin stiplede linje foreslås."
        }
        Msg::ScreeObservedFa => "faktorer, observert",
        Msg::ScreeSimulatedFa => "faktorer, tilfeldige data",
        Msg::ScreeObservedPc => "komponenter, observert",
        Msg::ScreeSimulatedPc => "komponenter, tilfeldige data",
        Msg::ScreeX => "faktornummer",
        Msg::ScreeY => "egenverdi",
        Msg::Factor => "Faktor",
        Msg::Efa => "Eksplorerende faktoranalyse",
        Msg::EfaReading => {
            "Den eksplorerende faktoranalysen lar hvert ledd lade på hver faktor. Helst lader hvert ledd sterkt (|ladning| ≥ 0,30, merket * og skyggelagt) på faktoren til sin egen skala og svakt ellers. Faktorkorrelasjonene viser hvor atskilte faktorene er; kongruenskoeffisienter på 0,95 eller mer mellom grupper betyr samme struktur i hver gruppe."
        }
        Msg::Cfa => "Bekreftende faktoranalyse",
        Msg::CfaReading => {
            "Den bekreftende modellen lar hvert ledd lade bare på faktoren til sin egen skala. {fit} {admissible} Konkurrerende modeller som instrumentet oppgir, sammenlignes nedenfor: lavere AIC eller BIC og en signifikant kjikvadratdifferanse taler for modellen med flere faktorer."
        }
        Msg::CutOffs => {
            "Vanlige grenseverdier (Hu & Bentler 1999): CFI og TLI ≥ 0,95, RMSEA ≤ 0,06, SRMR ≤ 0,08. De er en ramme for å lese verdiene, ikke bestått/ikke bestått."
        }
        Msg::Convention => "konvensjon",
        Msg::Admissible => {
            "Løsningen er tillatt: ingen negative varianser og ingen korrelasjoner utenfor ±1."
        }
        Msg::NotAdmissible => {
            "Løsningen er ikke tillatt, så tallene bør ikke brukes som de står; diagnosene nedenfor sier hvorfor og hva som kan prøves."
        }
        Msg::PathFigure => "Stidiagram med standardiserte estimater",
        Msg::PathFigureDesc => {
            "Faktorer som ellipser over leddene (bokser); piler fra hver faktor til leddene bærer de standardiserte ladningene, buer mellom faktorene deres korrelasjoner."
        }
        Msg::Invariance => "Målingsinvarians mellom grupper av {group}",
        Msg::InvarianceHolds => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Alle trinn holdt: skårene kan sammenlignes mellom gruppene."
        }
        Msg::InvarianceFails => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Trinnet {step} holdt ikke: sammenligninger som krever det bør gjøres med varsomhet, og leddene nevnt nedenfor er de som skiller seg ut."
        }
        Msg::Adequacy => {
            "KMO = {kmo} (0,80 eller mer: godt egnet for faktoranalyse; Kaiser 1974); Bartletts χ² = {chisq}, df = {df}, p {p}."
        }
        Msg::EfaCaption => "{method}-ekstraksjon, {rotation}-rotasjon",
        Msg::SalientNote => "* |ladning| ≥ {salient}",
        Msg::ItemsNote => {
            "% av svarene i hver kategori; gulv og tak: andelen i laveste og høyeste kategori"
        }
        Msg::CfaRun => {
            "Estimator {estimator}: {used} av {total} rader brukt (mønstre av manglende svar: {patterns}), manglende data {missing}; {converged} etter {iterations} iterasjoner."
        }
        Msg::Converged => "konvergerte",
        Msg::NotConverged => "konvergerte ikke",
        Msg::Careless => "Uoppmerksom besvarelse",
        Msg::CarelessReading => {
            "Indeksene for uoppmerksom besvarelse ser etter svar gitt uten å lese spørsmålene: lange rekker med samme svar, uvanlige svarmønstre (Mahalanobis D²), manglende samsvar mellom halvdelene av en delskala (even-odd) og svar som ikke følger resten av utvalget (person–total-korrelasjon). {flagged} av {rows} respondenter ble flagget på minst én indeks. Et flagg er en grunn til å se nærmere på raden, ikke et bevis: flaggede rader er med i alle analysene i denne rapporten. Tabellen viser regelen for hver indeks, for hvor mange respondenter den kunne beregnes, og hvor mange den flagget."
        }
        Msg::CarelessWide => {
            "Mer enn {share} av respondentene flagges av {indices}: med korte delskalaer eller få sterkt korrelerte leddpar flagger en slik indeks også oppmerksomme respondenter, så les den med varsomhet."
        }
        Msg::Flags => "Flagget av",
        Msg::FlagsShown => {
            "De første {shown} av {all} flaggede rader; `psym validate --careless` viser alle med hver indeks."
        }
        Msg::InvariancePartial => {
            "Måler spørreskjemaet det samme i hver gruppe? Hvert trinn i stigen gjør flere parametere like mellom gruppene; et trinn holder når tilpasningen blir dårligere med mindre enn beslutningsregelen tillater (ΔCFI ≥ −0,010, ΔRMSEA ≤ 0,015). Alle trinn holdt, men først etter at parametere for {items} ble frigjort (partiell invarians): disse leddene fungerer ulikt i gruppene. Latente gjennomsnitt kan fortsatt sammenlignes; rå skalaskårer som inneholder disse leddene, er forskjøvet med beløpene i den siste tabellen, så sammenlign dem med varsomhet."
        }
        Msg::NotComputed => "Ikke beregnet: {reason}",
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
        assert_eq!("NO".parse::<Lang>(), Ok(Lang::Nb));
    }
}
