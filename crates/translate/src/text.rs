//! Properties of a text used by the checks: placeholders, writing systems, direction.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// The placeholders of `text`: every `{name}` where `name` is letters, digits, `_`, `-` or `.`,
/// in order of appearance (repeats kept).
///
/// ```
/// let p = psym_translate::placeholders("Ask {caseworker} or {office.name}; {not a placeholder}");
/// assert_eq!(p, vec!["{caseworker}", "{office.name}"]);
/// ```
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(after.len());
        let start = offset + open;
        if name_len > 0 && after[name_len..].starts_with('}') {
            let end = start + name_len + 2;
            found.push(&text[start..end]);
        }
        offset = start + 1;
        rest = &text[offset..];
    }
    found
}

/// `text` with its placeholders removed, so that their (untranslated) names do not count as
/// text in the length and script checks.
pub fn without_placeholders(text: &str) -> String {
    let mut out = text.to_owned();
    for p in placeholders(text) {
        out = out.replacen(p, "", 1);
    }
    out
}

/// The writing systems psym distinguishes (Unicode script of letters, by code-point block).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Latin (English, Norwegian, Danish, German, Somali, Polish, …).
    Latin,
    /// Greek.
    Greek,
    /// Cyrillic (Ukrainian, Russian, …).
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Hebrew.
    Hebrew,
    /// Arabic (Arabic, Persian, Urdu, Kurdish Sorani, …).
    Arabic,
    /// Ethiopic / Ge'ez (Tigrinya, Amharic).
    Ethiopic,
    /// Indic scripts (Devanagari, Bengali, Tamil, …).
    Indic,
    /// Thai and Lao.
    Thai,
    /// Han, Hiragana, Katakana and Hangul.
    Cjk,
    /// Any other letter.
    Other,
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Armenian => "Armenian",
            Script::Hebrew => "Hebrew",
            Script::Arabic => "Arabic",
            Script::Ethiopic => "Ethiopic",
            Script::Indic => "Indic",
            Script::Thai => "Thai",
            Script::Cjk => "CJK",
            Script::Other => "other",
        };
        f.write_str(name)
    }
}

/// The script of a letter; `None` for digits, punctuation, spaces and symbols.
pub fn script_of(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    let script = match u32::from(c) {
        0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => Script::Ethiopic,
        0x0900..=0x0DFF => Script::Indic,
        0x0E00..=0x0EFF => Script::Thai,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => {
            Script::Cjk
        }
        _ => Script::Other,
    };
    Some(script)
}

/// How many letters of each script `text` has (placeholders excluded).
pub fn scripts(text: &str) -> BTreeMap<Script, usize> {
    let mut counts = BTreeMap::new();
    for c in without_placeholders(text).chars() {
        if let Some(s) = script_of(c) {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    counts
}

/// Primary language subtags written right to left.
const RTL_LANGUAGES: [&str; 12] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi",
];

/// Whether text in language `tag` is written right to left: the primary subtag is one of
/// Arabic, Persian, Urdu, Pashto, Sorani Kurdish, Hebrew, Yiddish, Dhivehi, Sindhi, Uyghur,
/// Kashmiri or Aramaic, unless a script subtag says otherwise (`-Latn`, `-Cyrl`); or the script
/// subtag is `Arab` or `Hebr`.
///
/// ```
/// assert!(psym_translate::is_rtl("ar"));
/// assert!(psym_translate::is_rtl("fa-IR"));
/// assert!(!psym_translate::is_rtl("nb"));
/// assert!(!psym_translate::is_rtl("ku-Latn"));
/// assert!(psym_translate::is_rtl("pa-Arab"));
/// ```
pub fn is_rtl(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    let script = parts
        .find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase);
    match script.as_deref() {
        Some("arab" | "hebr" | "syrc" | "thaa") => true,
        Some(_) => false,
        None => RTL_LANGUAGES.contains(&primary.as_str()),
    }
}

/// `dir` attribute value for language `tag`.
pub fn direction(tag: &str) -> &'static str {
    if is_rtl(tag) { "rtl" } else { "ltr" }
}

/// English name of common languages, for XLSForm column headers (`label::English (en)`).
pub fn language_name(tag: &str) -> &str {
    let primary = tag.split('-').next().unwrap_or(tag);
    match primary {
        "en" => "English",
        "nb" => "Norwegian Bokmål",
        "nn" => "Norwegian Nynorsk",
        "no" => "Norwegian",
        "da" => "Danish",
        "sv" => "Swedish",
        "fi" => "Finnish",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "pl" => "Polish",
        "uk" => "Ukrainian",
        "ru" => "Russian",
        "ar" => "Arabic",
        "so" => "Somali",
        "ti" => "Tigrinya",
        "am" => "Amharic",
        "fa" => "Persian",
        "prs" => "Dari",
        "ur" => "Urdu",
        "tr" => "Turkish",
        "se" => "Northern Sami",
        _ => tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_need_closing_brace_and_a_name() {
        assert!(placeholders("{} { x} {x").is_empty());
        assert_eq!(placeholders("{a}{a}"), vec!["{a}", "{a}"]);
        assert_eq!(without_placeholders("Hi {name}!"), "Hi !");
    }

    #[test]
    fn scripts_count_letters_only() {
        let s = scripts("Saksbehandleren min, 12 år");
        assert_eq!(s.len(), 1);
        // Cyrillic 'а' (U+0430) hidden in a Latin word.
        let mixed = scripts("s\u{0430}ksbehandler");
        assert_eq!(mixed.get(&Script::Cyrillic), Some(&1));
        assert_eq!(scripts("ሰላም").keys().next(), Some(&Script::Ethiopic));
        assert_eq!(scripts("مرحبا").keys().next(), Some(&Script::Arabic));
    }
}
