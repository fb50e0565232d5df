//! Reading one cell: blank and missing codes, numbers with a decimal point or comma.

use std::borrow::Cow;

/// Cell texts that mean "no answer" in common exports, besides a blank cell: R's `NA`, `N/A`,
/// Excel's `#N/A`, and `NaN`. Compared case-sensitively after trimming.
pub const MISSING_TOKENS: [&str; 4] = ["NA", "N/A", "#N/A", "NaN"];

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Blank, a missing token or a declared missing code.
    Missing,
    /// A number.
    Value(f64),
    /// Text that is not a number.
    Invalid,
}

/// The decimal mark of numbers in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimalMark {
    /// `3.5`
    #[default]
    Point,
    /// `3,5` (common with `;`-delimited exports in Nordic and German locales).
    Comma,
}

/// Parses cells under one file's conventions.
#[derive(Debug, Clone)]
pub struct CellParser {
    decimal: DecimalMark,
    missing_codes: Vec<f64>,
}

impl CellParser {
    /// A parser with the given decimal mark and declared missing codes.
    pub fn new(decimal: DecimalMark, missing_codes: Vec<f64>) -> Self {
        CellParser {
            decimal,
            missing_codes,
        }
    }

    /// Reads one cell. Surrounding whitespace is ignored; a declared missing code is missing.
    pub fn parse(&self, raw: &[u8]) -> Cell {
        match raw.trim_ascii() {
            [] => Cell::Missing,
            [d @ b'0'..=b'9'] => classify(&self.missing_codes, f64::from(d - b'0')),
            trimmed => self.parse_text(trimmed).unwrap_or(Cell::Invalid),
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
        let value: f64 = text.parse().ok()?;
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

    #[test]
    fn decimal_comma() {
        let p = CellParser::new(DecimalMark::Comma, vec![]);
        assert_eq!(p.parse(b"3,5"), Cell::Value(3.5));
        assert_eq!(p.parse(b"3.5"), Cell::Value(3.5));
        assert_eq!(p.parse(b"3,5,1"), Cell::Invalid);
    }
}
