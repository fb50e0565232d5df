//! Reading one cell: blank and missing codes, numbers with a decimal point or comma.

use std::borrow::Cow;

use psym_closed_set::closed_set;

/// Cell texts that mean "no answer" in common exports, besides a blank cell: R's `NA`, `N/A`,
/// Excel's `#N/A`, and `NaN`. Compared case-sensitively after trimming. An instrument adds its
/// own texts ([`CellParser::with_missing_text`]).
pub const MISSING_TOKENS: [&str; 4] = ["NA", "N/A", "#N/A", "NaN"];

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Blank, a missing token, or a declared missing code or text.
    Missing,
    /// A number.
    Value(f64),
    /// Text that is not a number.
    Invalid,
}

closed_set! {
    /// The decimal mark of numbers in a file.
    pub enum DecimalMark: "decimal mark" {
        /// 3.5
        Point => "point",
        /// 3,5 (common with `;`-delimited exports in Nordic and German locales)
        Comma => "comma",
    }
}

/// A point, as in `3.5`.
impl Default for DecimalMark {
    fn default() -> Self {
        DecimalMark::Point
    }
}

/// Parses cells under one file's conventions.
#[derive(Debug, Clone)]
pub struct CellParser {
    decimal: DecimalMark,
    missing_codes: Vec<f64>,
    /// Declared missing texts, lowercased.
    missing_text: Vec<String>,
}

impl CellParser {
    /// A parser with the given decimal mark and declared missing codes.
    pub fn new(decimal: DecimalMark, missing_codes: Vec<f64>) -> Self {
        CellParser {
            decimal,
            missing_codes,
            missing_text: Vec::new(),
        }
    }

    /// The same parser, also reading these texts as missing (compared ignoring case and
    /// surrounding spaces).
    pub fn with_missing_text(mut self, texts: &[String]) -> Self {
        self.missing_text = texts.iter().map(|t| t.trim().to_lowercase()).collect();
        self
    }

    /// Reads one cell. Surrounding whitespace is ignored; a declared missing code or text is
    /// missing.
    pub fn parse(&self, raw: &[u8]) -> Cell {
        match raw.trim_ascii() {
            [] => Cell::Missing,
            [d @ b'0'..=b'9'] => classify(&self.missing_codes, f64::from(d - b'0')),
            trimmed => self
                .parse_text(trimmed)
                .unwrap_or_else(|| self.missing_text_or_invalid(trimmed)),
        }
    }

    /// A declared missing text is missing; any other text is invalid. Checked only after a
    /// cell failed to read as a number, so numbers never pay for the comparison.
    fn missing_text_or_invalid(&self, bytes: &[u8]) -> Cell {
        let declared = !self.missing_text.is_empty()
            && std::str::from_utf8(bytes).is_ok_and(|t| {
                let t = t.trim().to_lowercase();
                self.missing_text.contains(&t)
            });
        if declared {
            Cell::Missing
        } else {
            Cell::Invalid
        }
    }

    fn parse_text(&self, bytes: &[u8]) -> Option<Cell> {
        let text = std::str::from_utf8(bytes).ok()?;
        if MISSING_TOKENS.contains(&text) {
            return Some(Cell::Missing);
        }
        let text: Cow<str> = match self.decimal {
            DecimalMark::Comma if text.contains(',') => Cow::Owned(text.replacen(',', ".", 1)),
            _ => Cow::Borrowed(text),
        };
        if !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b".+-eE".contains(&b))
        {
            return None;
        }
        // `1e999` parses to infinity: not a number any analysis can use.
        let value = text.parse::<f64>().ok().filter(|v| v.is_finite())?;
        Some(classify(&self.missing_codes, value))
    }
}

/// A number, or missing when it is a declared missing code.
fn classify(missing_codes: &[f64], value: f64) -> Cell {
    if missing_codes.contains(&value) {
        Cell::Missing
    } else {
        Cell::Value(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_blanks_and_codes() {
        let p = CellParser::new(DecimalMark::Point, vec![9.0, 99.0]);
        assert_eq!(p.parse(b" 4 "), Cell::Value(4.0));
        assert_eq!(p.parse(b"3.5"), Cell::Value(3.5));
        assert_eq!(p.parse(b"-1"), Cell::Value(-1.0));
        assert_eq!(p.parse(b""), Cell::Missing);
        assert_eq!(p.parse(b"NA"), Cell::Missing);
        assert_eq!(p.parse(b"9"), Cell::Missing);
        assert_eq!(p.parse(b"99.0"), Cell::Missing);
        assert_eq!(p.parse(b"seven"), Cell::Invalid);
        assert_eq!(p.parse(b"inf"), Cell::Invalid);
        assert_eq!(p.parse(b"3,5"), Cell::Invalid);
        assert_eq!(p.parse(b"\xF8"), Cell::Invalid);
    }

    /// Found by the property test `token_soup_never_panics`: `1e999` was read as infinity and
    /// reached the correlations.
    #[test]
    fn overflowing_numbers_are_not_numbers() {
        let p = CellParser::new(DecimalMark::Comma, vec![]);
        assert_eq!(p.parse(b"1e999"), Cell::Invalid);
        assert_eq!(p.parse(b"-1,5e999"), Cell::Invalid);
        assert_eq!(p.parse(b"1e-400"), Cell::Value(0.0));
    }

    #[test]
    fn declared_missing_texts_are_missing_in_any_case() {
        let texts = ["Vet ikke".to_owned(), "Don't know".to_owned()];
        let p = CellParser::new(DecimalMark::Point, vec![]).with_missing_text(&texts);
        assert_eq!(p.parse(b"Vet ikke"), Cell::Missing);
        assert_eq!(p.parse(b" vet IKKE "), Cell::Missing);
        assert_eq!(p.parse("don't know".as_bytes()), Cell::Missing);
        assert_eq!(p.parse(b"Vet"), Cell::Invalid);
        assert_eq!(p.parse(b"4"), Cell::Value(4.0));
        let none = CellParser::new(DecimalMark::Point, vec![]);
        assert_eq!(none.parse(b"Vet ikke"), Cell::Invalid);
    }

    #[test]
    fn decimal_comma() {
        let p = CellParser::new(DecimalMark::Comma, vec![]);
        assert_eq!(p.parse(b"3,5"), Cell::Value(3.5));
        assert_eq!(p.parse(b"3.5"), Cell::Value(3.5));
        assert_eq!(p.parse(b"3,5,1"), Cell::Invalid);
    }
}
