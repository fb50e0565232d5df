//! The words of the commands' documents (table headers, headings, verdicts) in each report
//! language, for the tables the report takes over from `psym reliability`, `parallel`, `efa`,
//! `cfa` and `invariance`. The commands keep writing English; the report looks each header,
//! heading and word cell up here. lavaan's and psych's technical names (CFI, RMSEA, α, ω,
//! χ², lhs, op, est, std.all, …) have no entry and stay as they are in every language.
//!
//! To add a language, add its function and name it in [`term`] and [`phrases`].

use super::Lang;

/// The word or header `en` of a command's table in `lang`, if the language has its own.
pub fn term(lang: Lang, en: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Nb => nb_term(en),
    }
}

/// Phrases of the commands' headings and captions with their translation in `lang`, longest
/// first, to be replaced where they occur (a heading holds names: `Items of goal`).
pub fn phrases(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => &[],
        Lang::Nb => NB_PHRASES,
    }
}

fn nb_term(en: &str) -> Option<&'static str> {
    Some(match en {
        "Scale" => "Skala",
        "scale" => "skala",
        "Item" => "Ledd",
        "item" => "ledd",
        "group" => "gruppe",
        "factor" => "faktor",
        "model" => "modell",
        "step" => "trinn",
        "against" => "mot",
        "verdict" => "vurdering",
        "holds" => "holder",
        "fails" => "holder ikke",
        "configural" => "konfigural",
        "metric" => "metrisk",
        "scalar" => "skalar",
        "strict" => "streng",
        "means" => "gjennomsnitt",
        "listwise" => "listevis",
        "index" => "indeks",
        "flagged when" => "flagges når",
        "computed" => "beregnet",
        "flagged" => "flagget",
        "Synonym pairs" => "Synonympar",
        "Antonym pairs" => "Antonympar",
        "none" => "ingen",
        "pairwise" => "parvis",
        "*SD*" => "*SA*",
        "*M*" => "*G*",
        "95% CI (Feldt)" => "95 % KI (Feldt)",
        "mean *r*" => "gj.sn. *r*",
        "*r* item–rest" => "*r* ledd–rest",
        "α if deleted" => "α uten leddet",
        "PC observed" => "PC observert",
        "PC simulated" => "PC simulert",
        "FA observed" => "FA observert",
        "FA simulated" => "FA simulert",
        "RMSEA [90% CI]" => "RMSEA [90 % KI]",
        "rmsea 90% CI" => "rmsea 90 % KI",
        "released" => "frigjort",
        "differs in" => "avviker i",
        "constraints" => "bindinger",
        "epc other" => "epc annen",
        "latent mean" => "latent gj.sn.",
        "variance ratio" => "variansforhold",
        "item bias" => "leddskjevhet",
        "bias of the mean score" => "skjevhet i gj.sn.-skåren",
        _ => return None,
    })
}

const NB_PHRASES: &[(&str, &str)] = &[
    (
        "Factor congruence (Tucker's phi) with group ",
        "Faktorkongruens (Tuckers phi) med gruppe ",
    ),
    (
        " after target rotation towards its pattern",
        " etter målrotasjon mot dens mønster",
    ),
    (
        "Measurement invariance across ",
        "Målingsinvarians mellom grupper av ",
    ),
    (
        "Each step against the previous one",
        "Hvert trinn mot det forrige",
    ),
    ("Chi-square by group", "Kjikvadrat per gruppe"),
    ("Number of factors", "Antall faktorer"),
    ("Partial invariance", "Partiell invarians"),
    ("Differences against ", "Forskjeller mot "),
    ("Fit of each step", "Tilpasning for hvert trinn"),
    ("Reliability of ", "Reliabilitet for "),
    ("Items of ", "Ledd i "),
];
